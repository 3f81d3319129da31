"""Site health checks against the government-website inspection rules (docs/statute.md §2).

Each check looks at one site and yields Findings. Other apps add their own checks (for example
late disclosure items or late approval results) with `register_check`.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from wagtail.fields import RichTextField
from wagtail.models import Page, ReferenceIndex, Site

from .models import ColumnPage, HealthFinding, HealthRun, InspectionSettings, SiteSettings

Severity = HealthFinding.Severity
HREF_PATTERN = re.compile(r'href="(https?://[^"]+)"')


@dataclass
class Finding:
    rule: str
    severity: str
    message: str
    page: Page | None = None
    fix_url: str = ""


@dataclass
class SiteContext:
    """What every check needs to know about the site under inspection."""

    site: Site
    rules: InspectionSettings
    today: dt.date
    check_external_links: bool = True
    external_results: dict[str, str | None] = field(default_factory=dict)

    @property
    def root(self) -> Page:
        return self.site.root_page

    def pages(self):
        """Live pages of this site, excluding other organisations' sites nested below it."""
        return Page.objects.live().descendant_of(self.root, inclusive=True)


Check = Callable[[SiteContext], Iterable[Finding]]
_checks: list[Check] = []


def register_check(check: Check) -> Check:
    """Add a check run on every site; usable as a decorator."""
    if check not in _checks:
        _checks.append(check)
    return check


def edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.id])


def _days_since(moment, today: dt.date) -> int:
    return (today - timezone.localtime(moment).date()).days


@register_check
def homepage_freshness(context: SiteContext):
    latest = context.pages().exclude(id=context.root.id).aggregate(Max("last_published_at"))
    latest = latest["last_published_at__max"]
    window = context.rules.homepage_window_days
    if latest is None or _days_since(latest, context.today) > window:
        when = timezone.localtime(latest).date().isoformat() if latest else "从未"
        yield Finding(
            "homepage_stale",
            Severity.VETO,
            f"网站超过{window}天未更新（最近更新：{when}）",
            context.root,
            edit_url(context.root),
        )


@register_check
def column_updates(context: SiteContext):
    stale, empty = [], []
    for column in ColumnPage.objects.live().descendant_of(context.root):
        latest = column.listing().aggregate(Max("first_published_at"))["first_published_at__max"]
        window = context.rules.window_for(column.column_type)
        if latest is None:
            empty.append(column)
            yield Finding(
                "empty_column",
                Severity.DEDUCT,
                f"空白栏目：{column.title}",
                column,
                edit_url(column),
            )
        elif _days_since(latest, context.today) > window:
            stale.append(column)
            yield Finding(
                "stale_column",
                Severity.DEDUCT,
                f"栏目“{column.title}”超过{window}天未更新（最近：{timezone.localtime(latest).date()}）",
                column,
                edit_url(column),
            )
    if len(stale) >= context.rules.stale_columns_veto:
        yield Finding("stale_columns_veto", Severity.VETO, f"{len(stale)}个栏目未按期更新")
    if len(empty) >= context.rules.empty_columns_veto:
        yield Finding("empty_columns_veto", Severity.VETO, f"{len(empty)}个空白栏目")


@register_check
def footer_identifiers(context: SiteContext):
    settings_url = reverse(
        "wagtailsettings:edit", args=["cluster", "sitesettings", context.site.id]
    )
    for label in SiteSettings.for_site(context.site).missing_identifiers:
        extra = "（页面元数据 SiteIDCode 同时缺失）" if label == "网站标识码" else ""
        yield Finding(
            "footer_identifier", Severity.DEDUCT, f"页脚缺少{label}{extra}", fix_url=settings_url
        )


@register_check
def internal_links(context: SiteContext):
    """Links from this site's pages to pages that are gone or unpublished, or to missing files."""
    page_ids = set(context.pages().values_list("id", flat=True))
    references = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(page_id) for page_id in page_ids],
    ).select_related("to_content_type")
    live_ids = set(Page.objects.live().values_list("id", flat=True))
    Document = apps.get_model("wagtaildocs", "Document")
    for reference in references:
        target_model = reference.to_content_type.model_class()
        source = Page.objects.get(id=int(reference.object_id))
        target_id = int(reference.to_object_id)
        if target_model is not None and issubclass(target_model, Page):
            if target_id not in live_ids:
                yield Finding("broken_internal_link", Severity.DEDUCT,
                              f"“{source.title}”链接到已删除或未发布的页面", source, edit_url(source))  # fmt: skip
        elif target_model is Document:
            document = Document.objects.filter(id=target_id).first()
            if document is None or not document.file.storage.exists(document.file.name):
                yield Finding("broken_attachment", Severity.DEDUCT,
                              f"“{source.title}”的附件已丢失", source, edit_url(source))  # fmt: skip


def _rich_text_sources(context: SiteContext):
    """(page, rich text) for every rich text field of this site's live pages."""
    for model in apps.get_models():
        if not issubclass(model, Page) or model._meta.abstract:
            continue
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, RichTextField)]
        for page in model.objects.live().descendant_of(context.root).only("id", "title", *fields):
            for name in fields:
                yield page, getattr(page, name) or ""


def check_url(url: str, timeout: float) -> str | None:
    """None when `url` answers; otherwise why not. HEAD first, then GET for servers refusing HEAD."""
    headers = {"User-Agent": "govcms-link-checker/1.0 (government website inspection)"}
    try:
        response = requests.head(url, timeout=timeout, allow_redirects=True, headers=headers)
        if response.status_code in (405, 501):
            response = requests.get(
                url, timeout=timeout, allow_redirects=True, headers=headers, stream=True
            )
    except requests.RequestException as error:
        return f"无法访问（{type(error).__name__}）"
    return None if response.status_code < 400 else f"HTTP {response.status_code}"


@register_check
def external_links(context: SiteContext):
    if not context.check_external_links:
        return
    cluster_hosts = set(Site.objects.values_list("hostname", flat=True))
    for page, text in _rich_text_sources(context):
        for url in HREF_PATTERN.findall(text):
            if urlsplit(url).hostname in cluster_hosts:
                continue
            if url not in context.external_results:
                context.external_results[url] = check_url(url, context.rules.link_timeout_seconds)
            problem = context.external_results[url]
            if problem:
                yield Finding("broken_external_link", Severity.DEDUCT,
                              f"“{page.title}”中的外部链接失效：{url}（{problem}）", page, edit_url(page))  # fmt: skip


@transaction.atomic
def inspect_site(
    site: Site, *, today: dt.date | None = None, check_external_links=True
) -> HealthRun:
    """Run every check on `site` and keep the result as a new HealthRun."""
    context = SiteContext(
        site=site,
        rules=InspectionSettings.load(),
        today=today or timezone.localdate(),
        check_external_links=check_external_links,
    )
    findings = [finding for check in _checks for finding in check(context)]
    run = HealthRun.objects.create(
        site=site,
        vetoed=any(f.severity == Severity.VETO for f in findings),
        finding_count=len(findings),
    )
    HealthFinding.objects.bulk_create(
        HealthFinding(
            run=run,
            rule=f.rule,
            severity=f.severity,
            message=f.message[:500],
            page=f.page,
            fix_url=f.fix_url,
        )  # fmt: skip
        for f in findings
    )
    return run

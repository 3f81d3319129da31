"""Build the demo cluster from cluster.demo.content (idempotent: re-running changes nothing)."""

import datetime as dt
from contextlib import contextmanager
from importlib import import_module
from importlib.util import find_spec
from zoneinfo import ZoneInfo

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.html import format_html_join
from modelsearch.index import get_indexed_models
from wagtail.models import Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from ..models import (
    ArticlePage,
    ColumnEntry,
    ColumnPage,
    Organisation,
    OrganisationLevel,
    SiteSettings,
    Submission,
)
from ..provisioning import provision_organisation, role_group
from ..tasks import inspect_sites
from . import content

DEMO_PASSWORD = "Yunxi@2026"
DEMO_ROLES = ("editor", "admin")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def demo_username(organisation_key: str, role: str) -> str:
    return f"{organisation_key}_{role}"


@transaction.atomic
def load_demo(port: int = 8000, log=print) -> list[tuple[str, str, str]]:
    """Create the demo cluster; returns the demo accounts as (username, password, description)."""
    with _wagtail_indexes_updated_once():
        return _load(port, log)


def _load(port: int, log) -> list[tuple[str, str, str]]:
    _drop_wagtail_welcome_site()
    accounts = [_ensure_superuser()]
    organisations = {}
    for spec in content.ORGANISATIONS:
        organisation = _ensure_organisation(spec, organisations, port)
        organisations[spec["key"]] = organisation
        _ensure_columns(organisation, content.COLUMNS[spec["key"]])
        created = _ensure_articles(organisation, content.ARTICLES[spec["key"]])
        _ensure_about_page(organisation, spec)
        accounts += _ensure_accounts(organisation, spec)
        log(f"{organisation.name}: {created} 篇新文章")
    _ensure_submissions(organisations)
    _ensure_health_problems(organisations["qsx"])
    for app_demo in _app_demo_modules():
        accounts += app_demo.load_demo(organisations, log=log) or []
    log(f"网站健康检查：已检查 {inspect_sites(check_external_links=False)} 个站点")
    return accounts


@contextmanager
def _wagtail_indexes_updated_once():
    """Update Wagtail's reference index and its own (admin) search index once per saved object.

    Each demo page is saved three times (added, revised, published) and every save rewrote
    both indexes: about a fifth of the load. Inside the block saves are only noted; after it
    each object still there goes through the same Wagtail tasks the save handlers enqueue.
    """
    from modelsearch.signal_handlers import post_save_signal_handler
    from modelsearch.tasks import insert_or_update_object_task
    from wagtail.models import ReferenceIndex
    from wagtail.tasks import update_reference_index_task

    searched = {m for m in get_indexed_models() if _disconnect(post_save_signal_handler, m)}
    saved = {}  # (model, pk) -> None: an ordered set

    def note_saved(sender, instance, raw=False, **kwargs):
        if not raw and (sender in searched or sender in ReferenceIndex.tracked_models):
            saved[(sender, instance.pk)] = None

    def note_deleted(sender, instance, **kwargs):
        saved.pop((sender, instance.pk), None)

    post_save.connect(note_saved, weak=False, dispatch_uid="demo_note_saved")
    post_delete.connect(note_deleted, weak=False, dispatch_uid="demo_note_deleted")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="demo_note_saved")
        post_delete.disconnect(dispatch_uid="demo_note_deleted")
        for model in searched:
            post_save.connect(post_save_signal_handler, sender=model)
    for model, pk in saved:
        arguments = (model._meta.app_label, model._meta.model_name, str(pk))
        if model in ReferenceIndex.tracked_models:
            update_reference_index_task.enqueue(*arguments)
        if model in searched:
            insert_or_update_object_task.enqueue(*arguments)


def _disconnect(receiver, model) -> bool:
    return post_save.disconnect(receiver, sender=model)


def _app_demo_modules():
    """Each other app extends the demo through its own `<app>.demo` module's load_demo()."""
    for config in apps.get_app_configs():
        if config.name != "cluster" and find_spec(f"{config.name}.demo") is not None:
            yield import_module(f"{config.name}.demo")


def _drop_wagtail_welcome_site():
    """Remove the placeholder page and site Wagtail's initial migration creates."""
    for site in Site.objects.filter(root_page__content_type__model="page", root_page__depth=2):
        site.root_page.delete()


def _ensure_superuser():
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username="admin",
        defaults={"is_superuser": True, "is_staff": True, "first_name": "平台管理员"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return ("admin", DEMO_PASSWORD, "平台管理员（全部站点）")


def _ensure_organisation(spec, organisations, port):
    office = spec["office"]
    organisation, _created = Organisation.objects.update_or_create(
        slug=spec["key"],
        defaults={
            "name": spec["name"],
            "short_name": spec["short_name"],
            "credit_code": spec["credit_code"],
            "level": OrganisationLevel(spec["level"]),
            "parent": organisations.get(spec["parent"]),
            "sort_order": len(organisations),
            "office_name": office["name"],
            "office_address": office["address"],
            "office_postcode": office.get("postcode", ""),
            "office_hours": office["hours"],
            "office_phone": office["phone"],
            "office_fax": office["fax"],
            "office_email": office["email"],
            "office_head": office["head"],
            "reconsideration_organ": spec.get("reconsideration_organ", ""),
            "competent_court": spec.get("competent_court", ""),
        },
    )
    provision_organisation(
        organisation,
        hostname=spec["hostname"],
        port=port,
        site_name=spec["site_name"],
        theme=spec["theme"],
        is_default_site=spec["parent"] is None,
    )
    site_settings = SiteSettings.for_site(organisation.site)
    for field in ("site_id_code", "icp_number", "police_record_number", "sponsor", "organizer"):
        setattr(site_settings, field, spec[field])
    site_settings.contact_phone = office["phone"]
    site_settings.contact_email = office["email"]
    site_settings.contact_address = office["address"]
    site_settings.theme = spec["theme"]
    site_settings.save()
    return organisation


def _ensure_columns(organisation, column_specs):
    home = organisation.home_page
    for spec in column_specs:
        if ColumnPage.objects.child_of(home).filter(slug=spec["slug"]).exists():
            continue
        column = ColumnPage(
            title=spec["title"],
            slug=spec["slug"],
            column_type=spec["column_type"],
            description=spec["description"],
            keywords=spec["keywords"],
            show_in_menus=True,
            accepts_submissions=organisation.parent_id is None
            and spec["slug"] in SUBMISSION_COLUMNS,
        )
        home.add_child(instance=column)
        column.save_revision().publish()


def _ensure_articles(organisation, article_specs) -> int:
    home = organisation.home_page
    columns = {column.slug: column for column in ColumnPage.objects.child_of(home)}
    created = 0
    for number, spec in enumerate(article_specs, start=1):
        column = columns[spec["column"]]
        slug = f"article-{number:03d}"
        if ArticlePage.objects.child_of(column).filter(slug=slug).exists():
            continue
        article = ArticlePage(
            title=spec["title"],
            slug=slug,
            author=spec["author"],
            source=spec["source"],
            keywords=spec["keywords"],
            summary=spec["summary"],
            search_description=spec["summary"],
            body=format_html_join("", "<p>{}</p>", ((paragraph,) for paragraph in spec["body"])),
        )
        column.add_child(instance=article)
        article.save_revision().publish()
        published_at = dt.datetime.combine(
            dt.date.fromisoformat(spec["date"]), dt.time(9, 30), tzinfo=SHANGHAI
        )
        Page.objects.filter(id=article.id).update(
            first_published_at=published_at, last_published_at=published_at
        )
        created += 1
    return created


def _ensure_about_page(organisation, spec):
    """关于本网站: a page outside the menus, linked from every page's footer."""
    home = organisation.home_page
    column = ColumnPage.objects.child_of(home).filter(slug="wzsm").first()
    if column is None:
        column = ColumnPage(
            title="网站说明", slug="wzsm", column_type="other", description="关于本网站的说明"
        )
        home.add_child(instance=column)
        column.save_revision().publish()
    about = ArticlePage.objects.child_of(column).filter(slug="gywz").first()
    if about is None:
        office = {"postcode": ""} | spec["office"]
        values = spec | {f"office_{key}": value for key, value in office.items()}
        paragraphs = [paragraph.format(**values) for paragraph in content.ABOUT_SITE_PARAGRAPHS]
        about = ArticlePage(
            title="关于本网站",
            slug="gywz",
            source=spec["sponsor"],
            keywords="网站说明 主办单位 网站标识码 联系方式",
            summary=paragraphs[0],
            body=format_html_join("", "<p>{}</p>", ((paragraph,) for paragraph in paragraphs)),
        )
        column.add_child(instance=about)
        about.save_revision().publish()
    site_settings = SiteSettings.for_site(organisation.site)
    if site_settings.about_page_id != about.id:
        site_settings.about_page = about
        site_settings.save()


SUBMISSION_COLUMNS = ("bmdt", "xqdt")  # portal columns open to 信息报送
DEMO_SUBMISSIONS = [
    # (organisation, its column, portal column, outcome, return reason)
    ("fgw", "gzdt", "bmdt", Submission.Status.ACCEPTED, ""),
    ("qsx", "qsyw", "xqdt", Submission.Status.ACCEPTED, ""),
    ("czj", "czdt", "bmdt", Submission.Status.PENDING, ""),
    ("spj", "gzdt", "bmdt", Submission.Status.RETURNED, "内容已在本网要闻栏目发布，请勿重复报送。"),
]


def _ensure_submissions(organisations):
    """File one demo submission per outcome to the portal columns open to 信息报送."""
    portal_home = organisations["portal"].home_page
    for key, own_slug, portal_slug, status, reason in DEMO_SUBMISSIONS:
        organisation = organisations[key]
        own_column = ColumnPage.objects.child_of(organisation.home_page).get(slug=own_slug)
        page = ArticlePage.objects.child_of(own_column).order_by("-first_published_at").first()
        column = ColumnPage.objects.child_of(portal_home).get(slug=portal_slug)
        submission, created = Submission.objects.get_or_create(
            page=page,
            column=column,
            defaults={"organisation": organisation, "status": status, "reason": reason},
        )
        if created and status == Submission.Status.ACCEPTED:
            ColumnEntry.objects.get_or_create(column=column, page=page)


def _ensure_health_problems(county):
    """Deliberate problems for the health monitor to find on the county site: a news column
    not updated for over a year, an empty column, and an article linking to an unpublished page."""
    home = county.home_page
    if ColumnPage.objects.child_of(home).filter(slug="fxzt").exists():
        return
    _ensure_columns(
        county,
        [
            {"slug": "fxzt", "title": "2025年防汛专题", "column_type": "news",
             "description": "2025年汛期防汛工作动态", "keywords": "防汛"},
            {"slug": "zmhd", "title": "政民互动", "column_type": "other",
             "description": "留言咨询与回复", "keywords": "互动"},
        ],
    )  # fmt: skip
    flood = ColumnPage.objects.child_of(home).get(slug="fxzt")
    withdrawn = ArticlePage(title="青山县2025年汛期值班安排（已撤回）", slug="duty-2025",
                            body="<p>值班安排已调整。</p>")  # fmt: skip
    flood.add_child(instance=withdrawn)
    withdrawn.save_revision().publish()
    article = ArticlePage(
        title="青山县全力做好2025年主汛期防汛工作",
        slug="flood-2025",
        source="青山县应急管理局",
        body=f'<p>详见<a linktype="page" id="{withdrawn.id}">汛期值班安排</a>。</p>',
    )
    flood.add_child(instance=article)
    article.save_revision().publish()
    withdrawn.unpublish()
    moment = dt.datetime(2025, 7, 15, 9, 30, tzinfo=SHANGHAI)
    Page.objects.filter(id__in=[article.id, withdrawn.id]).update(
        first_published_at=moment, last_published_at=moment
    )


def _ensure_accounts(organisation, spec):
    User = get_user_model()
    accounts = []
    for role in DEMO_ROLES:
        username = demo_username(spec["key"], role)
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": f"{spec['short_name']}{'编辑' if role == 'editor' else '管理员'}"
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(role_group(organisation, role))
        accounts.append(
            (
                username,
                DEMO_PASSWORD,
                f"{organisation.name}·{role_group(organisation, role).name.split('·')[-1]}",
            )
        )
    return accounts

"""The admin an editor meets is Chinese: a walk through it finds no English left.

A small provisioned cluster (portal and one department, with content in review, a document
and an image) is walked as a department editor, a reviewer, a department admin and the
platform admin: the dashboard, page explorer, edit/create/choose-parent, the page chooser,
history, search, documents, images, reports, workflow tasks and every menu entry the user
sees. Every visible string (text, title/aria-label/placeholder, menu labels and Wagtail's
JavaScript strings) is checked for English words. The walk prints what it visited.
"""

import gettext
import io
import json
import re
from pathlib import Path

import pytest
import wagtail.admin
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as gettext_
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, WorkflowState

from cluster.models import ArticlePage, ColumnPage
from disclosure.models import AnnualReport
from tests.catalog.factories import add_item, node
from tests.helpers import DEPT_HOST, add_page, make_user

from .admin_text import english_words, untranslated, visible_texts

pytestmark = pytest.mark.django_db

# Fixture values the walk shows verbatim: usernames and slugs, not interface language.
FIXTURE_WORDS = {"fgw", "czj", "portal", "xwzx", "admin"}
# Wagtail's relative dates ("3 天前", "1 年，6 月 之前") must not be shown in listings.
RELATIVE_DATE = re.compile(r"\d+\s*(分钟|小时|天|周|月|年)[^。]*前|刚刚")


@pytest.fixture
def walk_cluster(dept):
    """Department content in every state a listing shows: published, in review, media."""
    column = add_page(dept.home_page, ColumnPage(title="新闻中心", slug="xwzx", show_in_menus=True))
    article = add_page(
        column, ArticlePage(title="全市营商环境工作会议召开", slug="hy", body="<p>正文</p>")
    )
    editor = make_user("fgw_editor", dept, "editor")
    item = add_item(node(dept, "xzxk"), publish=False, title="关于优化营商环境的通知")
    item.get_workflow().start(item, editor)
    collection = dept.collection
    get_document_model().objects.create(
        title="年度报告附件",
        file=ContentFile(b"%PDF-1.4\n", name="report.pdf"),
        collection=collection,
    )
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "red").save(buffer, "PNG")
    get_image_model().objects.create(
        title="会议现场照片", file=ImageFile(buffer, name="photo.png"), collection=collection
    )
    # As the demo does (cluster.demo.loader): Wagtail's placeholder "Welcome" page goes.
    Page.objects.filter(depth=2, content_type__model="page").delete()
    superuser = make_user("admin")
    superuser.is_superuser = True
    superuser.save()
    users = {
        "部门编辑": editor,
        "初审审核人": make_user("fgw_reviewer", dept, "reviewer"),
        "单位管理员": make_user("fgw_admin", dept, "admin"),
        "平台管理员": superuser,
    }
    # the annual report, in review: its editor, history and workflow pages are walked too
    report = AnnualReport.objects.create(organisation=dept, year=2026, overview="<p>总体</p>")
    report.save_revision(user=editor)
    report.get_workflow().start(report, editor)
    return {"column": column, "article": article, "item": item, "users": users, "report": report}


def _walk_urls(cluster, dept) -> list[str]:
    column, article, item = cluster["column"], cluster["article"], cluster["item"]
    state = WorkflowState.objects.get(object_id=str(item.pk))
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{dept.home_page.id}/",
        f"/admin/pages/{column.id}/",
        f"/admin/pages/{article.id}/edit/",
        f"/admin/pages/{item.id}/edit/",
        f"/admin/pages/{article.id}/history/",
        f"/admin/pages/{column.id}/add_subpage/",
        f"/admin/pages/add/cluster/articlepage/{column.id}/",
        reverse("wagtailadmin_pages:choose_parent", args=["cluster", "articlepage"]),
        "/admin/choose-page/?user_perms=add_subpage&page_type=cluster.columnpage",
        f"/admin/pages/workflow/action/{item.id}/approve/{state.current_task_state_id}/",
        "/admin/pages/search/?q=营商",
        "/admin/documents/",
        "/admin/images/",
        "/admin/reports/locked/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/site-history/",
        "/admin/reports/aging-pages/",
        "/admin/snippets/",
        "/admin/account/",
        f"/admin/ysqgk/reports/?org={dept.pk}&year=2026",
        f"/admin/snippets/disclosure/annualreport/edit/{cluster['report'].pk}/",
        f"/admin/snippets/disclosure/annualreport/history/{cluster['report'].pk}/",
        f"/admin/snippets/disclosure/annualreport/workflow_history/{cluster['report'].pk}/",
        "/admin/snippets/disclosure/annualreport/",
    ]


def _page_texts(response) -> tuple[list[str], set[str]]:
    body = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        body = json.loads(body).get("html", "")
    return visible_texts(body)


def test_every_admin_page_an_editor_meets_is_chinese(client, dept, walk_cluster):
    findings: dict[str, str] = {}
    relative_dates: dict[str, str] = {}
    visited = 0
    for role, user in walk_cluster["users"].items():
        client.force_login(user)
        queue = _walk_urls(walk_cluster, dept)
        seen: set[str] = set()
        while queue:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            response = client.get(url, HTTP_HOST=DEPT_HOST)
            if response.status_code != 200:
                print(f"{role:6} {response.status_code} {url} -> {response.get('Location')}")
                assert response.status_code in (302, 403), (role, url, response.status_code)
                if response.status_code == 302 and response["Location"].startswith("/admin/"):
                    queue.insert(0, response["Location"])  # e.g. the explorer's own root
                continue
            visited += 1
            texts, menu_urls = _page_texts(response)
            queue.extend(sorted(menu_urls - seen))
            print(f"{role:6} 200 {url} ({len(texts)} strings)")
            for text in untranslated(texts, FIXTURE_WORDS):
                findings.setdefault(text, f"{role} {url}")
            if not url.endswith("/edit/"):  # listings; the editor's status panel says "2 分钟以前"
                for text in texts:
                    if RELATIVE_DATE.search(text):
                        relative_dates.setdefault(text, f"{role} {url}")
    print(f"walked {visited} pages as {len(walk_cluster['users'])} users")
    report = "\n".join(f"  {text!r} ({where})" for text, where in sorted(findings.items()))
    assert not findings, f"{len(findings)} admin strings are still English:\n{report}"
    assert not relative_dates, f"relative dates in admin listings: {relative_dates}"


def test_wagtail_javascript_strings_are_chinese(client, dept):
    """Every string of Wagtail's admin JavaScript has a Chinese entry in the served catalog."""
    source = Path(wagtail.admin.__file__).parent / "locale/en/LC_MESSAGES/djangojs.po"
    with source.open("rb") as handle:
        msgids = [message.id for message in read_po(handle) if message.id]
    client.force_login(make_user("fgw_editor", dept, "editor"))
    response = client.get("/admin/jsi18n/", HTTP_HOST=DEPT_HOST)
    served = re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S)[1]
    catalog = json.loads(served)
    missing = [
        msgid
        for msgid in msgids
        if (msgid[0] if isinstance(msgid, tuple) else msgid) not in catalog
    ]
    print(f"{len(msgids)} JavaScript strings, {len(missing)} without Chinese")
    assert len(msgids) > 80
    assert not missing, missing


def test_english_detector_flags_words_and_spares_names():
    assert english_words("Choose parent") == ["Choose", "parent"]
    assert english_words("1-34 of 34") == ["of"]
    assert english_words("上传 PDF 或 XLSX 文件，见 https://example.org/a 或 fgw_editor") == []
    assert untranslated(["页面", "Search all pages…", "ID"]) == ["Search all pages…"]


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_committed_catalog_is_compiled_from_its_po_file(domain):
    """The .mo Django reads is the compiled .po: edit the .po, then `make messages`."""
    folder = Path(settings.LOCALE_PATHS[0]) / "zh_Hans" / "LC_MESSAGES"
    with (folder / f"{domain}.po").open("rb") as handle:
        catalog = read_po(handle)
    expected = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if message.context:
            key = f"{message.context}\x04{key}"
        expected[key] = message.string[0] if isinstance(message.id, tuple) else message.string
    with (folder / f"{domain}.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    compiled = {
        (key[0] if isinstance(key, tuple) else key): value for key, value in compiled.items() if key
    }
    assert compiled == expected, "run `make messages` after editing the .po file"
    assert all(expected.values()), "every entry has a translation"


def test_wagtail_strings_editors_meet_are_translated():
    with translation.override("zh-hans"):
        assert gettext_("Choose parent") == "选择上级页面"
        assert gettext_("Search all pages…") == "搜索全部页面…"
        assert gettext_("Autosave is paused") == "自动保存已暂停"
        assert gettext_("%(label)s and Publish") % {"label": "批准"} == "批准并发布"

"""Site health: the inspection rules find what an inspector would, and admins are told."""

import datetime as dt
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Page, Site

from cluster.health import inspect_site
from cluster.models import HealthRun, OutgoingMail, SiteSettings
from cluster.tasks import inspect_sites, send_health_digests
from tests.helpers import make_article, make_column, make_organisation, make_user

pytestmark = pytest.mark.backends


class LinkTarget(BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(200 if self.path == "/ok" else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), LinkTarget)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def backdate(page, days):
    moment = timezone.now() - dt.timedelta(days=days)
    Page.objects.filter(id=page.id).update(first_published_at=moment, last_published_at=moment)


@pytest.fixture
def department(db):
    portal = make_organisation("portal", hostname="www.example.gov.cn")
    department = make_organisation("fgw", hostname="fgw.example.gov.cn", parent=portal)
    site_settings = SiteSettings.for_site(department.site)
    site_settings.site_id_code = "4399000002"
    site_settings.icp_number = "云ICP备1号"
    site_settings.police_record_number = "云公网安备1号"
    site_settings.sponsor = "云溪市发展和改革委员会"
    site_settings.save()
    return department


def messages_of(run):
    return [finding.message for finding in run.findings.all()]


def test_healthy_site_has_no_findings(department):
    news = make_column(department.home_page, "news", column_type="news")
    make_article(news, "fresh")
    run = inspect_site(department.site)
    assert (run.vetoed, messages_of(run)) == (False, [])


def test_stale_empty_columns_and_stale_homepage_are_found_with_fix_links(department):
    news = make_column(department.home_page, "news", title="工作动态", column_type="news")
    policy = make_column(department.home_page, "policy", title="政策文件", column_type="policy")
    make_column(department.home_page, "empty", title="空栏目", column_type="other")
    backdate(make_article(news, "old-news"), 20)
    backdate(make_article(policy, "old-policy"), 100)  # within the 6-month window
    for page in Page.objects.descendant_of(department.home_page):
        if page.last_published_at > timezone.now() - dt.timedelta(days=15):
            backdate(page, 20)
    run = inspect_site(department.site)
    messages = messages_of(run)
    assert run.vetoed
    assert any(m.startswith("网站超过14天未更新") for m in messages)
    assert any(m.startswith("栏目“工作动态”超过14天未更新") for m in messages)
    assert "空白栏目：空栏目" in messages
    assert not any("政策文件" in m for m in messages)
    finding = run.findings.get(rule="empty_column")
    assert finding.fix_url == f"/admin/pages/{finding.page_id}/edit/"


def test_five_stale_columns_trigger_the_single_veto(department):
    for number in range(5):
        column = make_column(department.home_page, f"c{number}", column_type="news")
        backdate(make_article(column, f"a{number}"), 30)
    make_article(make_column(department.home_page, "fresh"), "today")  # homepage itself is fresh
    run = inspect_site(department.site)
    assert "5个栏目未按期更新" in messages_of(run)
    assert run.vetoed


def test_missing_footer_identifiers_are_found(department):
    site_settings = SiteSettings.for_site(department.site)
    site_settings.site_id_code = ""
    site_settings.save()
    make_article(make_column(department.home_page, "news"), "a")
    run = inspect_site(department.site)
    assert "页脚缺少网站标识码（页面元数据 SiteIDCode 同时缺失）" in messages_of(run)


def test_broken_internal_links_attachments_and_external_links(department, local_server):
    news = make_column(department.home_page, "news")
    target = make_article(news, "target")
    document = Document.objects.create(title="附件")
    document.file.save("attachment.pdf", ContentFile(b"%PDF-1.4"))
    body = (
        f'<p><a linktype="page" id="{target.id}">内部</a>'
        f'<a linktype="document" id="{document.id}">附件</a>'
        f'<a href="{local_server}/ok">好链接</a><a href="{local_server}/gone">坏链接</a></p>'
    )
    make_article(news, "links", title="含链接的文章", body=body)
    target.unpublish()
    document.file.delete(save=False)
    messages = messages_of(inspect_site(department.site))
    assert "“含链接的文章”链接到已删除或未发布的页面" in messages
    assert "“含链接的文章”的附件已丢失" in messages
    assert f"“含链接的文章”中的外部链接失效：{local_server}/gone（HTTP 404）" in messages
    assert not any("/ok" in m for m in messages)


def test_runs_are_kept_as_history_and_digest_is_sent_once(
    department, client, django_capture_on_commit_callbacks
):
    admin = make_user("fgw_admin", department, "admin")
    admin.email = "admin@fgw.example.gov.cn"
    admin.save()
    make_column(department.home_page, "empty", title="空栏目")
    assert inspect_sites(check_external_links=False) == Site.objects.count()
    inspect_sites(check_external_links=False)
    assert HealthRun.objects.filter(site=department.site).count() == 2
    with django_capture_on_commit_callbacks(execute=True):  # the outbox relays after commit
        assert send_health_digests() == 1
        assert send_health_digests() == 0
    [queued] = OutgoingMail.objects.all()
    assert queued.sent_at is not None
    [message] = mail.outbox
    assert message.to == ["admin@fgw.example.gov.cn"]
    assert "空白栏目：空栏目" in message.body
    client.force_login(admin)
    dashboard = client.get("/admin/site-health/").content.decode()
    assert department.site.site_name in dashboard and "www.example.gov.cn" not in dashboard
    detail = client.get(f"/admin/site-health/{department.site.id}/").content.decode()
    assert "空白栏目：空栏目" in detail and "去整改" in detail
    portal_site = department.parent.site
    assert client.get(f"/admin/site-health/{portal_site.id}/").status_code == 404

"""What every public site serves besides its pages: titles, 当前位置, footer links, robots.txt,
sitemap.xml, 网站地图, favicon and Chinese error pages."""

import re

import pytest
from django.test import Client

from cluster.models import SiteSettings
from tests.helpers import make_article, make_column, make_organisation


@pytest.fixture
def sites(db):
    portal = make_organisation("portal", hostname="www.localhost")
    department = make_organisation("fgw", hostname="fgw.localhost", parent=portal)
    news = make_column(department.home_page, "gzdt", title="工作动态")
    article = make_article(news, "a1", title="发改委召开营商环境座谈会")
    settings = SiteSettings.for_site(department.site)
    settings.site_id_code = "4399000002"
    settings.police_record_number = "云公网安备 43990002000102号"
    settings.about_page = article
    settings.save()
    return portal, department, news, article


def get(path, host="fgw.localhost"):
    return Client().get(path, HTTP_HOST=host)


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def test_titles_read_page_then_site_name(sites):
    _portal, department, _news, article = sites
    site_name = department.site.site_name
    assert title(get("/gzdt/a1/")) == f"发改委召开营商环境座谈会 · {site_name}"
    assert title(get("/ysqgk/")) == f"政府信息公开申请 · {site_name}"
    assert title(get("/ysqgk/deadline/")) == f"依申请公开答复期限计算器 · {site_name}"
    assert title(get("/search/?q=营商")) == f"搜索：营商 · {site_name}"
    assert title(get("/approvals/")) == f"行政许可结果公示 · {site_name}"
    assert title(get("/")) == site_name


def test_views_that_are_not_pages_carry_a_breadcrumb(sites):
    for path in ("/ysqgk/", "/ysqgk/status/", "/ysqgk/deadline/", "/approvals/", "/search/?q=x"):
        text = get(path).content.decode()
        assert 'aria-label="当前位置"' in text, path
        assert '<a href="/">首页</a>' in text, path
    calculator = get("/ysqgk/deadline/").content.decode()
    assert '<a href="/ysqgk/">政府信息公开申请</a>' in calculator
    assert '<span aria-current="page">答复期限计算器</span>' in calculator


def test_footer_links_site_map_about_error_report_and_police_record(sites):
    text = get("/").content.decode()
    assert '<a href="/wzdt/">网站地图</a>' in text
    assert '<a href="/gzdt/a1/">关于本网站</a>' in text
    assert "https://zfwzzc.www.gov.cn/" in text and "sitecode=4399000002" in text
    assert (
        'href="https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=43990002000102"'
        in text
    )


def test_robots_txt_points_to_the_sites_own_sitemap(sites):
    response = get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://fgw.localhost/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_sitemap_lists_the_sites_pages_with_lastmod_and_no_other_host(sites):
    index = get("/sitemap.xml")
    assert index.status_code == 200
    section = re.search(
        r"<loc>(http://fgw\.localhost/sitemap-pages\.xml[^<]*)</loc>", index.content.decode()
    )
    assert section, index.content.decode()
    pages = get(section.group(1).replace("http://fgw.localhost", "")).content.decode()
    assert "<loc>http://fgw.localhost/gzdt/a1/</loc>" in pages
    assert "<lastmod>" in pages
    portal_index = get("/sitemap.xml", host="www.localhost").content.decode()
    portal_section = re.search(
        r"<loc>http://www\.localhost(/sitemap-pages\.xml[^<]*)</loc>", portal_index
    )
    portal_pages = get(portal_section.group(1), host="www.localhost").content.decode()
    assert "<loc>http://www.localhost/</loc>" in portal_pages
    assert "fgw.localhost" not in portal_pages  # the department's own host has its own sitemap


def test_html_site_map_lists_columns(sites):
    text = get("/wzdt/").content.decode()
    assert "<h1>网站地图</h1>" in text
    assert '<a href="/gzdt/">工作动态</a>' in text
    assert "发改委召开营商环境座谈会" not in text  # single articles are in sitemap.xml only
    assert '<a href="/ysqgk/">政府信息公开申请</a>' in text


def test_unknown_address_gets_a_themed_chinese_404(sites):
    response = get("/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "您访问的页面不存在" in text
    assert title(response) == f"页面不存在 · {sites[1].site.site_name}"
    assert 'class="site-footer"' in text  # themed: header and footer of the site


def test_server_error_page_is_chinese(sites, rf):
    from cluster.views.public import server_error

    request = rf.get("/", HTTP_HOST="fgw.localhost")
    response = server_error(request)
    assert response.status_code == 500
    assert "服务暂时不可用" in response.content.decode()


def test_favicon_is_served(sites):
    response = get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("themes/common/favicon.svg")
    assert "favicon.svg" in get("/").content.decode()

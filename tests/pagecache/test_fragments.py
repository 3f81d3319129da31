"""Navigation is a cached fragment: computed once per site, purged with the pages it lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import home_section, make_column, make_organisation

pytestmark = pytest.mark.usefixtures("page_cache_off")  # fragments work on uncached pages too

HOST = "fgw.localhost"


@pytest.fixture
def site(db):
    portal = make_organisation("portal", hostname="www.localhost")
    fgw = make_organisation("fgw", hostname=HOST, parent=portal)
    news = make_column(fgw.home_page, "news", title="工作动态")
    return {"home": fgw.home_page, "news": news}


def render(client):
    """(navigation HTML, number of queries) of one uncached render of the column page."""
    with CaptureQueriesContext(connection) as context:
        response = client.get("/news/", HTTP_HOST=HOST)
    nav = response.content.decode().split('aria-label="主导航"')[1].split("</nav>")[0]
    return nav, len(context.captured_queries)


def test_navigation_is_computed_once_and_purged_by_a_new_column(client, site, settings):
    settings.PAGECACHE_FRAGMENTS = False
    render(client)  # warm per-process caches (content types, site root paths)
    settings.PAGECACHE_FRAGMENTS = True
    nav, computed = render(client)
    assert "工作动态" in nav and 'aria-current="page"' in nav
    nav, reused = render(client)
    assert "工作动态" in nav and 'aria-current="page"' in nav
    assert reused == computed - 1  # the menu query is gone

    make_column(site["home"], "policy", title="政策文件")  # a new menu entry under the root
    nav, recomputed = render(client)
    assert "政策文件" in nav and recomputed == computed

    site["news"].title = "新闻动态"
    site["news"].save_revision().publish()
    nav, _count = render(client)
    assert "新闻动态" in nav and "工作动态" not in nav


def test_fragments_can_be_turned_off(client, site, settings):
    settings.PAGECACHE_FRAGMENTS = False
    render(client)  # warm
    assert render(client)[1] == render(client)[1]
    off = render(client)[1]
    settings.PAGECACHE_FRAGMENTS = True
    render(client)
    assert render(client)[1] == off - 1


def test_the_first_render_with_a_new_fragment_is_kept_by_the_page_cache(client, site, settings):
    """A fragment's tags are dated from the start of the page that computes it: otherwise the
    page itself would look rendered before a purge, and the first visitor's copy be dropped."""
    from cluster.pagecache import store

    settings.PAGECACHE_ENABLED = True
    settings.PAGECACHE_FRAGMENTS = True
    store.cache().clear()  # no tag versions yet, as on a fresh or evicted cache
    first = client.get("/news/", HTTP_HOST=HOST)
    second = client.get("/news/", HTTP_HOST=HOST)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")


def footer_of(client, path="/news/"):
    """(footer HTML, number of queries) of one uncached render of `path`."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(path, HTTP_HOST=HOST)
    assert response.status_code == 200
    footer = response.content.decode().split('<footer class="site-footer"')[1].split("</footer>")[0]
    return footer, len(context.captured_queries)


@pytest.fixture
def about(site):
    """An 关于本网站 page chosen in the department site's settings, listed on no other page."""
    from cluster.models import ColumnPage, SiteSettings
    from tests.helpers import add_page, make_article

    hidden = add_page(site["home"], ColumnPage(title="本站信息", slug="info", show_in_menus=False))
    page = make_article(hidden, "about", title="关于我们")
    site_settings = SiteSettings.for_site(site["home"].get_site())
    site_settings.about_page = page
    site_settings.sponsor = "云溪市发展和改革委员会"
    site_settings.save()
    return page


def test_footer_is_computed_once_and_follows_its_settings(client, site, about, settings):
    from cluster.models import SiteSettings

    settings.PAGECACHE_FRAGMENTS = False
    footer_of(client)  # warm per-process caches
    footer, computed = footer_of(client)
    settings.PAGECACHE_FRAGMENTS = True
    footer_of(client)  # stores both fragments
    assert "云溪市发展和改革委员会" in footer and 'href="/info/about/"' in footer
    footer, reused = footer_of(client)
    assert "云溪市发展和改革委员会" in footer and 'href="/info/about/"' in footer
    assert reused == computed - 2  # neither the menu nor the 关于本网站 page is loaded again

    site_settings = SiteSettings.for_site(site["home"].get_site())
    site_settings.sponsor = "云溪市发展改革委"
    site_settings.save()
    footer, _count = footer_of(client)
    assert "云溪市发展改革委" in footer and "云溪市发展和改革委员会" not in footer


def test_footer_follows_the_about_page_when_it_moves_or_goes(client, site, about):
    footer_of(client)  # fills the fragment
    about.slug = "guanyu"
    about.save_revision().publish()
    footer, _count = footer_of(client)
    assert 'href="/info/guanyu/"' in footer

    about.unpublish()
    footer, _count = footer_of(client)
    assert "关于本网站" not in footer


def test_a_cached_page_showing_a_stored_footer_is_purged_with_the_about_page(
    client, site, about, settings
):
    """A page whose footer came from the fragment store loaded no 关于本网站 page, yet it
    carries that page's tag: unpublishing the page purges it."""
    settings.PAGECACHE_ENABLED = True
    client.get("/info/", HTTP_HOST=HOST)  # computes and stores the footer
    first = client.get("/news/", HTTP_HOST=HOST)  # takes the stored footer
    assert first["X-Cache"] == "miss" and "关于本网站" in first.content.decode()
    assert client.get("/news/", HTTP_HOST=HOST)["X-Cache"] == "hit"

    about.unpublish()
    again = client.get("/news/", HTTP_HOST=HOST)
    assert again["X-Cache"] == "miss" and "关于本网站" not in again.content.decode()


def home_of(client):
    """(column blocks HTML, number of queries) of one uncached render of the site home."""
    return home_section(client, HOST, '<div class="home-grid">', "</main>")


def test_home_column_blocks_are_computed_once_and_follow_their_columns(client, site, settings):
    from cluster.models import ColumnEntry, ColumnPage
    from tests.helpers import add_page, make_article

    first = make_article(site["news"], "first", title="第一篇动态")
    settings.PAGECACHE_FRAGMENTS = False
    home_of(client)  # warm per-process caches
    _blocks, computed = home_of(client)
    settings.PAGECACHE_FRAGMENTS = True
    home_of(client)  # stores the fragments
    blocks, reused = home_of(client)
    assert "第一篇动态" in blocks and "工作动态" in blocks
    assert reused <= computed - 3  # the columns and each column's entries are not queried

    make_article(site["news"], "second", title="第二篇动态")  # a new entry in a column
    assert "第二篇动态" in home_of(client)[0]
    first.title = "第一篇动态（更新）"
    first.save_revision().publish()  # an entry's new title
    assert "第一篇动态（更新）" in home_of(client)[0]
    policy = make_column(site["home"], "policy", title="政策文件")  # a new column
    assert "政策文件" in home_of(client)[0]
    other = add_page(site["home"], ColumnPage(title="其他", slug="other", show_in_menus=False))
    shared = make_article(other, "shared", title="引用的文章")
    ColumnEntry.objects.create(column=policy, page=shared)  # shown by reference
    assert "引用的文章" in home_of(client)[0]
    first.unpublish()
    assert "第一篇动态" not in home_of(client)[0]


@pytest.fixture
def linking(site):
    """An article whose body links to another article (stored as a page reference; expanded to
    an absolute address, as Wagtail does without a request when a cluster has several sites)."""
    from tests.helpers import make_article

    target = make_article(site["news"], "target", title="被链接的文章")
    body = f'<p>详见<a linktype="page" id="{target.pk}">这篇文章</a>。</p>'
    article = make_article(site["news"], "linking", title="含链接的文章", body=body)
    return article, target


def body_of(client, url):
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200
    return response.content.decode().split('<div class="article__body rich-text">')[1][:400]


def test_stored_rich_text_follows_its_link_target_when_it_moves(client, site, linking):
    article, target = linking
    assert 'href="http://fgw.localhost/news/target/"' in body_of(client, "/news/linking/")
    assert 'href="http://fgw.localhost/news/target/"' in body_of(
        client, "/news/linking/"
    )  # from the store

    target.slug = "moved-target"
    target.save_revision().publish()
    assert 'href="http://fgw.localhost/news/moved-target/"' in body_of(client, "/news/linking/")

    elsewhere = make_column(site["home"], "policy", title="政策文件")
    target.move(elsewhere, pos="last-child")
    assert 'href="http://fgw.localhost/policy/moved-target/"' in body_of(client, "/news/linking/")


def test_a_cached_page_with_stored_rich_text_is_purged_when_its_link_target_moves(
    client, site, linking, settings
):
    article, target = linking
    settings.PAGECACHE_ENABLED = True
    settings.PAGECACHE_ENABLED = False
    client.get("/news/linking/", HTTP_HOST=HOST)  # stores the expanded body only
    settings.PAGECACHE_ENABLED = True
    first = client.get("/news/linking/", HTTP_HOST=HOST)  # the body from the fragment store
    assert first["X-Cache"] == "miss"
    assert client.get("/news/linking/", HTTP_HOST=HOST)["X-Cache"] == "hit"

    target.slug = "renamed"
    target.save_revision().publish()
    again = client.get("/news/linking/", HTTP_HOST=HOST)
    assert (
        again["X-Cache"] == "miss"
        and 'href="http://fgw.localhost/news/renamed/"' in again.content.decode()
    )


def spied_cache_reads(client, path):
    """(HTML, the key lists of each cache read) of one uncached GET of `path`."""
    from cluster.pagecache import store

    backend, reads, inside = store.cache(), [], []
    get, get_many = backend.get, backend.get_many

    def spy_get(key, *args, **kwargs):
        if not inside:  # local memory's get_many calls get for each key
            reads.append([key])
        return get(key, *args, **kwargs)

    def spy_get_many(keys, *args, **kwargs):
        reads.append(list(keys))
        inside.append(True)
        try:
            return get_many(keys, *args, **kwargs)
        finally:
            inside.pop()

    backend.get, backend.get_many = spy_get, spy_get_many
    try:
        html = client.get(path, HTTP_HOST=HOST).content.decode()
    finally:
        del backend.get, backend.get_many
    return html, [keys for keys in reads if any(key.startswith("pc:") for key in keys)]


def test_navigation_footer_and_their_tags_take_two_cache_reads_then_one(client, site):
    """A page reads its navigation and footer together, then each tag version once; once the
    process has read them, the fragments and their tag versions come in one cache call."""
    from cluster.pagecache import store

    client.get("/news/", HTTP_HOST=HOST)  # computes and stores both fragments
    store._known_tags.clear()  # a process that has not read them yet
    site_pk = site["home"].get_site().pk
    chrome = [
        store.FRAGMENT_PREFIX + f"menu:{site_pk}:{HOST}",
        store.FRAGMENT_PREFIX + f"footer:{site_pk}:{HOST}",
    ]
    html, reads = spied_cache_reads(client, "/news/")
    assert "工作动态" in html and "网站标识码" in html
    assert reads[0] == chrome
    assert all(key.startswith(store.TAG_PREFIX) for keys in reads[1:] for key in keys)
    tag_keys = [key for keys in reads[1:] for key in keys]
    assert tag_keys and len(tag_keys) == len(set(tag_keys))  # no tag version read twice

    html, reads = spied_cache_reads(client, "/news/")
    assert "工作动态" in html and "网站标识码" in html
    assert len(reads) == 1 and reads[0][:2] == chrome
    assert sorted(reads[0][2:]) == sorted(tag_keys)


def test_a_purge_is_seen_when_fragments_and_tags_come_in_one_call(client, site):
    """Remembering which tag keys to read does not keep a purged fragment: its tag's new
    version is read with it and the fragment is computed again."""
    client.get("/news/", HTTP_HOST=HOST)
    client.get("/news/", HTTP_HOST=HOST)  # this process now knows the fragments' tag keys
    make_column(site["home"], "notices", title="通知公告")  # purges children:<home>
    html, _reads = spied_cache_reads(client, "/news/")
    nav = html.split('aria-label="主导航"')[1].split("</nav>")[0]
    assert "通知公告" in nav and "工作动态" in nav


def test_breadcrumbs_of_a_deep_page_come_from_routing(client, site):
    """当前位置 lists every ancestor from the site root without asking the tree again."""
    from tests.helpers import make_article, sent_sql

    archive = make_column(site["news"], "archive", title="往年动态")
    make_article(archive, "old", title="旧闻一则")
    client.get("/news/archive/old/", HTTP_HOST=HOST)
    with CaptureQueriesContext(connection) as context:
        html = client.get("/news/archive/old/", HTTP_HOST=HOST).content.decode()
    crumbs = html.split('aria-label="当前位置"')[1].split("</nav>")[0]
    assert [t for t in ("首页", "工作动态", "往年动态", "旧闻一则") if t in crumbs] == [
        "首页",
        "工作动态",
        "往年动态",
        "旧闻一则",
    ]
    assert crumbs.index("工作动态") < crumbs.index("往年动态") < crumbs.index("旧闻一则")
    assert not any('"depth" >=' in sql for sql in sent_sql(context.captured_queries))

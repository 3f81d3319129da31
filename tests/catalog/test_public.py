"""Point 4 (and 3): public catalog pages, item page, feeds, print view, guide; query counts."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document

from catalog.models import DisclosureItemAttachment
from catalog.relations import link_interpretation
from tests.helpers import DEPT_HOST, PORTAL_HOST, sent_sql

from .factories import add_item, node, root_of, topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy_and_interpretation(dept):
    parent = node(dept, "gzhgfxwj")
    policy = add_item(
        parent,
        title="云溪市规范性文件管理办法",
        document_number="云发改规【2025】3号",
        document_class="normative",
        keywords="规范性文件",
    )
    document = Document(title="办法全文")
    document.file.save("banfa.pdf", ContentFile(b"%PDF-1.4 test"))
    DisclosureItemAttachment.objects.create(item=policy, document=document, title="办法全文（PDF）")
    interpretation = add_item(parent, title="《管理办法》政策解读", genre="interpretation")
    link_interpretation(interpretation, policy)
    return policy, interpretation


def test_item_page_shows_metadata_attachments_interpretation_and_qr(
    client, policy_and_interpretation
):
    policy, interpretation = policy_and_interpretation
    text = client.get(policy.url, HTTP_HOST=DEPT_HOST).content.decode()
    for expected in (
        "索引号", policy.index_number, "发布机构", "云溪市发展和改革委员会", "成文日期", "2025-03-03",
        "云发改规〔2025〕3号", "综合政务／政务公开", "体裁分类", "通知", "有效性", "五公开", "决策公开",
        "公开属性", "主动公开", "办法全文（PDF）", "相关解读", "《管理办法》政策解读",
        'qr/" alt="本页网址的二维码"', "手机扫码阅读", "打印本页",
    ):  # fmt: skip
        assert expected in text, expected
    assert text.count("print/") == 1  # one print link
    qr = client.get(f"{policy.url}qr/", HTTP_HOST=DEPT_HOST)  # the address the page names
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    assert qr.content.decode().lstrip().startswith(("<?xml", "<svg")) and b"<path" in qr.content
    # kept by the caches with the page's own tags (purged when the page changes)
    assert client.get(f"{policy.url}qr/", HTTP_HOST=DEPT_HOST)["X-Cache"] == "hit"
    back = client.get(interpretation.url, HTTP_HOST=DEPT_HOST).content.decode()
    assert "解读的政策文件" in back and "云溪市规范性文件管理办法" in back


@pytest.mark.usefixtures("page_cache_off")
def test_item_page_lists_only_live_interpretations_and_names_its_node(
    client, policy_and_interpretation
):
    policy, interpretation = policy_and_interpretation
    interpretation.unpublish()
    text = client.get(policy.url, HTTP_HOST=DEPT_HOST).content.decode()
    assert "相关解读" not in text and "《管理办法》政策解读" not in text
    assert f'<meta name="ColumnName" content="{policy.get_parent().title}">' in text


@pytest.mark.usefixtures("page_cache_off")
def test_an_item_without_attachments_or_interpretations_takes_two_queries(client, dept):
    item = add_item(node(dept, "gzhgfxwj"), title="无解读的文件")
    client.get(item.url, HTTP_HOST=DEPT_HOST)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(item.url, HTTP_HOST=DEPT_HOST).status_code == 200
    links = [sql for sql in sent_sql(queries) if "catalog_policyinterpretation" in sql]
    assert len(links) == 1  # routing asks whether there are any (cluster.routing)
    # the pages on the path, then the item with what routing asks besides (no attachments,
    # no 解读, its node's column meta tags)
    assert len(queries) == 2, [q["sql"] for q in queries]


@pytest.mark.usefixtures("page_cache_off")  # rendering budget; cache hits run no query
def test_item_page_query_count_is_bounded(client, policy_and_interpretation):
    policy, _interpretation = policy_and_interpretation
    client.get(policy.url, HTTP_HOST=DEPT_HOST)  # warm per-process caches (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(policy.url, HTTP_HOST=DEPT_HOST)
    assert response.status_code == 200
    # About half are Wagtail's own routing (one query per tree level) and site settings.
    assert len(queries) <= 24, [q["sql"] for q in queries]


@pytest.mark.usefixtures("page_cache_off")
def test_list_page_query_count_does_not_grow_with_items(client, dept):
    parent = node(dept, "xzxk")
    for n in range(3):
        add_item(parent, title=f"许可信息{n}")
    client.get(parent.url, HTTP_HOST=DEPT_HOST)
    with CaptureQueriesContext(connection) as few:
        client.get(parent.url, HTTP_HOST=DEPT_HOST)
    for n in range(3, 12):
        add_item(parent, title=f"许可信息{n}")
    # the publications purged the node's cached navigation: the next request computes it again
    client.get(parent.url, HTTP_HOST=DEPT_HOST)
    with CaptureQueriesContext(connection) as many:
        response = client.get(parent.url, HTTP_HOST=DEPT_HOST)
    assert "许可信息11" in response.content.decode()
    assert len(many) == len(few) <= 10, [q["sql"] for q in many]


def test_print_view_renders_the_item_without_site_chrome(client, policy_and_interpretation):
    policy, _interpretation = policy_and_interpretation
    response = client.get(policy.url + "print/", HTTP_HOST=DEPT_HOST)
    text = response.content.decode()
    assert response.status_code == 200
    assert policy.index_number in text and "data-print-on-load" in text
    assert "skip-link" not in text


def test_list_filters_by_topic_genre_year_five_publics_validity(client, dept):
    parent = node(dept, "gzhgfxwj")
    add_item(parent, title="财政类通知", topic=topic("0401"), publish_date=dt.date(2025, 4, 1))
    add_item(parent, title="政务公开意见", genre="opinion", five_publics="result",
             publish_date=dt.date(2024, 4, 1), written_date=dt.date(2024, 3, 1))  # fmt: skip
    add_item(parent, title="已废止的办法", validity="repealed",
             validity_changed_on=dt.date(2025, 6, 1))  # fmt: skip

    def titles(query):
        text = client.get(parent.url + query, HTTP_HOST=DEPT_HOST).content.decode()
        return {t for t in ("财政类通知", "政务公开意见", "已废止的办法") if t in text}

    assert titles("?topic=04") == {"财政类通知"}
    assert titles("?topic=0401") == {"财政类通知"}
    assert titles("?genre=opinion") == {"政务公开意见"}
    assert titles("?year=2024") == {"政务公开意见"}
    assert titles("?five_publics=result") == {"政务公开意见"}
    assert titles("?validity=repealed") == {"已废止的办法"}
    assert titles("?validity=valid&genre=notice") == {"财政类通知"}
    assert titles("?year=abc&genre=bogus") == {"财政类通知", "政务公开意见", "已废止的办法"}


def test_portal_filters_by_organisation(client, portal, dept, other_dept):
    add_item(node(dept, "xzxk"), title="发改委信息")
    add_item(node(other_dept, "xzxk"), title="财政局信息")
    text = client.get(root_of(portal).url + "?org=czj", HTTP_HOST=PORTAL_HOST).content.decode()
    assert "财政局信息" in text and "发改委信息" not in text
    assert 'name="org"' in text


def test_keyset_pagination_is_stable_when_new_items_arrive(client, dept):
    parent = node(dept, "xzxk")
    for n in range(25):
        add_item(
            parent,
            title=f"第{n:02d}号信息",
            publish_date=dt.date(2025, 4, 1) + dt.timedelta(days=n),
        )
    first = client.get(parent.url, HTTP_HOST=DEPT_HOST)
    page1 = first.content.decode()
    assert "第24号信息" in page1 and "第05号信息" in page1 and "第04号信息" not in page1
    next_cursor = first.context["items_page"].next_cursor
    add_item(parent, title="新发布的信息", publish_date=dt.date(2025, 12, 1))
    second = client.get(parent.url, {"after": next_cursor}, HTTP_HOST=DEPT_HOST)
    page2 = second.content.decode()
    assert "第04号信息" in page2 and "第00号信息" in page2 and "第05号信息" not in page2
    assert 'rel="prev"' in page2
    before = second.context["items_page"].previous_cursor
    back = client.get(parent.url, {"before": before}, HTTP_HOST=DEPT_HOST).content.decode()
    assert "第05号信息" in back and "第24号信息" in back and "第04号信息" not in back
    assert "新发布的信息" not in back and 'rel="prev"' in back  # the newest is one more page up


def test_last_page_link_opens_the_oldest_items_and_first_page_link_returns(client, dept):
    parent = node(dept, "xzxk")
    for n in range(45):
        add_item(
            parent,
            title=f"第{n:02d}号信息",
            publish_date=dt.date(2025, 4, 1) + dt.timedelta(days=n),
        )
    page1 = client.get(parent.url, {"genre": "notice"}, HTTP_HOST=DEPT_HOST).content.decode()
    assert 'rel="last"' in page1 and "genre=notice&amp;before=last" in page1
    last = client.get(parent.url, {"before": "last"}, HTTP_HOST=DEPT_HOST)
    text = last.content.decode()
    assert "第00号信息" in text and "第19号信息" in text and "第20号信息" not in text
    assert text.index("第19号信息") < text.index("第00号信息")  # still newest first
    assert 'rel="next"' not in text and 'rel="prev"' in text and 'rel="first"' in text
    up = client.get(
        parent.url, {"before": last.context["items_page"].previous_cursor}, HTTP_HOST=DEPT_HOST
    ).content.decode()
    assert "第20号信息" in up and "第39号信息" in up and "第19号信息" not in up


def test_repealed_and_expired_list(client, dept):
    parent = node(dept, "gzhgfxwj")
    add_item(parent, title="仍然有效的文件")
    add_item(
        parent, title="已废止的文件", validity="repealed", validity_changed_on=dt.date(2025, 6, 1)
    )
    add_item(parent, title="过期的方案", valid_until=dt.date(2025, 12, 31))
    text = client.get(root_of(dept).url + "fzhsxwj/", HTTP_HOST=DEPT_HOST).content.decode()
    assert "废止和失效文件" in text
    assert "已废止的文件" in text and "过期的方案" in text and "仍然有效的文件" not in text
    assert "失效" in text and "废止" in text


def test_rss_and_atom_feeds_per_node(client, dept):
    parent = node(dept, "xzxk")
    item = add_item(parent, title="许可结果通知", summary="许可结果摘要")
    rss = client.get(parent.url + "rss/", HTTP_HOST=DEPT_HOST)
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert "许可结果通知" in rss.content.decode() and item.index_number in rss.content.decode()
    atom = client.get(parent.url + "atom/", HTTP_HOST=DEPT_HOST)
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "许可结果摘要" in atom.content.decode()


def test_guide_is_generated_from_organisation_and_tree(client, dept):
    dept.office_address = "云溪市溪城区迎宾大道66号"
    dept.office_phone = "0739-8812000"
    dept.save()
    guide = node(dept, "zn")
    text = client.get(guide.url, HTTP_HOST=DEPT_HOST).content.decode()
    for expected in ("主动公开", "依申请公开", "云溪市溪城区迎宾大道66号", "0739-8812000",
                     "行政许可", "20个工作日", "政府信息公开工作机构", "行政复议"):  # fmt: skip
        assert expected in text, expected
    node_renamed = node(dept, "xzxk")
    node_renamed.title = "行政许可事项"
    node_renamed.save_revision().publish()
    assert "行政许可事项" in client.get(guide.url, HTTP_HOST=DEPT_HOST).content.decode()
    guide.intro = "<p>本指南前言由单位管理员编写。</p>"
    guide.save_revision().publish()
    assert (
        "本指南前言由单位管理员编写" in client.get(guide.url, HTTP_HOST=DEPT_HOST).content.decode()
    )


def test_request_node_renders_title_and_intro(client, dept):
    text = client.get(node(dept, "ysqgk").url, HTTP_HOST=DEPT_HOST).content.decode()
    assert "依申请公开" in text and "申请获取相关政府信息" in text

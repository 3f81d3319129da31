"""Personal data on every public text: article pages, document titles, the search records
(last line of defence) — the same message and position as the catalog item check."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import rich_text

from cluster.models import ArticlePage
from search.registry import SearchRecord
from tests.helpers import DEPT_HOST, make_column, make_user

pytestmark = pytest.mark.django_db

FAKE_ID = "110101199003077774"  # made up, valid check character
FAKE_MOBILE = "13912345678"


def _article(**overrides):
    return {"title": "关于开展专项检查的通知", "slug": "notice", "summary": "", "author": "",
            "source": "", "keywords": "", "body": rich_text("<p>正文</p>")} | overrides  # fmt: skip


def test_an_article_with_an_id_or_mobile_number_cannot_be_published(client, dept):
    client.force_login(make_user("fgw_admin", dept, "admin"))
    column = make_column(dept.home_page)
    url = f"/admin/pages/add/cluster/articlepage/{column.id}/"
    body = rich_text(
        f"<p>举报人王某，身份证１１０１０１１９９００３０７７７７４，电话{FAKE_MOBILE}。</p>"
    )
    blocked = client.post(url, _article(body=body) | {"action-publish": "1"}, HTTP_HOST=DEPT_HOST)
    assert blocked.status_code == 200
    text = blocked.content.decode()
    assert "第10个字符处有未打码的身份证号码“110101********7774”" in text
    assert "未打码的手机号码“139****5678”" in text
    assert not ArticlePage.objects.filter(slug="notice").exists()
    # a draft is kept, publishing the masked text works
    assert client.post(url, _article(body=body), HTTP_HOST=DEPT_HOST).status_code == 302
    masked = _article(slug="ok", body=rich_text("<p>电话139****5678</p>")) | {"action-publish": "1"}
    assert client.post(url, masked, HTTP_HOST=DEPT_HOST).status_code == 302
    assert ArticlePage.objects.get(slug="ok").live


def test_a_document_title_with_an_id_number_is_refused(client, dept):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("root", "r@example.com", "x"))
    document = get_document_model().objects.create(
        title="检查通知", file=SimpleUploadedFile("notice.pdf", b"%PDF-1.4 test")
    )
    response = client.post(
        f"/admin/documents/edit/{document.id}/",
        {"title": f"王某身份证{FAKE_ID}", "collection": document.collection_id, "tags": ""},
        HTTP_HOST=DEPT_HOST,
    )
    assert response.status_code == 200
    assert "第6个字符处有未打码的身份证号码“110101********7774”" in response.content.decode()
    document.refresh_from_db()
    assert document.title == "检查通知"


def test_search_records_never_carry_an_unmasked_number():
    record = SearchRecord(
        key="article:1",
        content_type="article",
        title=f"关于{FAKE_MOBILE}的通知",
        body=f"身份证{FAKE_ID}，旧证110101900307777，手机１３９１２３４５６７８",
        summary="电话 139 1234 5678",
    )
    assert FAKE_ID not in record.body and "110101********7774" in record.body
    assert "110101900307777" not in record.body and "139****5678" in record.body
    assert record.title == "关于139****5678的通知"
    assert record.summary == "电话 139****5678"

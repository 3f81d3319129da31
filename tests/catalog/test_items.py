"""Point 2: item metadata, validation of bad input with Chinese messages, validity display."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.documents.models import Document
from wagtail.test.utils.form_data import rich_text

from catalog.document_numbers import normalise_document_number, validate_document_number
from catalog.models import DisclosureItemAttachment, TopicCategory
from catalog.topics import TOPICS

from .factories import add_item, new_item, node

pytestmark = [pytest.mark.django_db, pytest.mark.backends]


def test_topics_are_seeded_with_22_categories_and_sub_categories():
    top = TopicCategory.objects.filter(parent=None)
    assert top.count() == len(TOPICS) == 22
    assert TopicCategory.objects.get(code="0201").name == "政务公开"
    assert TopicCategory.objects.get(code="0201").parent.name == "综合政务"


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("云政发[2019]44号", "云政发〔2019〕44号"),
        ("云政发［2019］44号", "云政发〔2019〕44号"),
        ("云政发【2019】44号", "云政发〔2019〕44号"),
        ("云政发 (2019) 44 号", "云政发〔2019〕44号"),
        ("云政发〔2019〕44号", "云政发〔2019〕44号"),
    ],
)
def test_document_numbers_are_normalised_to_tortoise_brackets(raw, normalised):
    assert normalise_document_number(raw) == normalised
    validate_document_number(raw)


@pytest.mark.parametrize(
    "bad", ["云政发2019年44号", "〔2019〕44号", "云政发〔19〕44号", "云政发〔2019〕"]
)
def test_malformed_document_numbers_are_refused(bad):
    with pytest.raises(ValidationError, match="格式不正确"):
        validate_document_number(bad)


def _errors(dept, **fields):
    item = new_item(**fields)
    with pytest.raises(ValidationError) as raised:
        node(dept, "xzxk").add_child(instance=item)
    return raised.value.message_dict


def test_publish_date_before_written_date_is_refused(dept):
    errors = _errors(dept, written_date=dt.date(2025, 5, 1), publish_date=dt.date(2025, 4, 30))
    assert errors["publish_date"] == ["发布日期不能早于成文日期。"]


def test_validity_end_before_start_is_refused(dept):
    errors = _errors(dept, effective_date=dt.date(2025, 6, 1), valid_until=dt.date(2025, 5, 1))
    assert "有效期截止日期不能早于生效日期" in errors["valid_until"][0]


def test_markup_in_plain_text_fields_is_refused(dept):
    errors = _errors(dept, title="通知<script>alert(1)</script>", summary="<b>摘要</b>")
    assert "不能包含HTML标签或脚本" in errors["title"][0]
    assert "不能包含HTML标签或脚本" in errors["summary"][0]


def test_repealed_needs_a_date_and_unknown_choices_are_refused(dept):
    errors = _errors(dept, validity="repealed", genre="poem")
    assert errors["validity_changed_on"] == ["信息已失效或废止时，请填写失效/废止日期。"]
    assert "genre" in errors


def test_unknown_topic_in_the_admin_form_is_refused(client, dept):
    from tests.helpers import make_user

    client.force_login(make_user("fgw_editor", dept, "editor"))
    parent = node(dept, "xzxk")
    response = client.post(
        f"/admin/pages/add/catalog/disclosureitempage/{parent.id}/",
        _form_data(topic="999999", document_number="云政发[2025]abc"),
        HTTP_HOST="fgw.localhost",
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "文号“云政发〔2025〕abc”格式不正确" in text
    assert "选择一个有效的选项" in text
    assert "测试标题" in text  # nothing the editor typed is lost


def _form_data(**overrides):
    data = {
        "title": "测试标题",
        "slug": "test-item",
        "summary": "摘要",
        "body": rich_text("<p>正文</p>"),
        "written_date": "2025-03-03",
        "topic": str(TopicCategory.objects.get(code="0201").pk),
        "genre": "notice",
        "service_target": "public",
        "document_class": "other",
        "validity": "valid",
        "disclosure_attribute": "proactive",
        "disclosure_method": "website",
        "disclosure_scope": "society",
        "disclosure_time_limit": "信息形成或者变更之日起20个工作日内",
        "five_publics": "decision",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "interpreted_policy_links-TOTAL_FORMS": "0",
        "interpreted_policy_links-INITIAL_FORMS": "0",
        "interpreted_policy_links-MIN_NUM_FORMS": "0",
        "interpreted_policy_links-MAX_NUM_FORMS": "1000",
    }
    return data | overrides


def test_expired_items_show_as_expired_automatically(dept):
    item = add_item(
        node(dept, "xzxk"), effective_date=dt.date(2025, 3, 3), valid_until=dt.date(2025, 12, 31)
    )
    assert item.validity == "valid"
    assert item.current_validity_label == "失效"


@override_settings(CATALOG_MAX_ATTACHMENT_SIZE=1024)
def test_oversized_and_disallowed_attachments_are_refused(dept):
    big = Document(title="大文件")
    big.file.save("big.pdf", ContentFile(b"%PDF" + b"0" * 2048))
    exe = Document(title="程序")
    exe.file.save("tool.exe", ContentFile(b"MZ"))
    with pytest.raises(ValidationError, match="附件过大"):
        DisclosureItemAttachment(document=big).clean()
    with pytest.raises(ValidationError, match="附件类型 .exe 不允许上传"):
        DisclosureItemAttachment(document=exe).clean()

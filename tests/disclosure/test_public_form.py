"""The public application form, receipt, status page and their bad input."""

import re

import pytest
from captcha.models import CaptchaStore
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cluster import workdays
from disclosure.models import DisclosureRequest
from disclosure.workflow import perform
from tests.helpers import credit_code, make_organisation

from .helpers import APPLICANT

pytestmark = pytest.mark.backends


VALID_ID = "110101199003070011"  # GB 11643 check digit 1


@pytest.fixture
def orgs(db):
    workdays.clear_cache()
    portal = make_organisation("portal", hostname="www.localhost")
    department = make_organisation("fgw", hostname="fgw.localhost", parent=portal)
    return portal, department


def form_data(token="tok-1", **extra):
    """A complete application with the answer of a freshly generated captcha."""
    key = CaptchaStore.generate_key()
    answer = CaptchaStore.objects.get(hashkey=key).response
    applicant = APPLICANT | {"id_number": VALID_ID}
    return applicant | {"submission_token": token, "captcha_0": key, "captcha_1": answer} | extra


def test_applicant_files_on_a_department_site_and_gets_number_and_code(client, orgs):
    _portal, department = orgs
    page = client.get("/ysqgk/", HTTP_HOST="fgw.localhost")
    assert page.status_code == 200
    assert "政府信息公开申请" in page.content.decode()
    response = client.post("/ysqgk/", form_data(), HTTP_HOST="fgw.localhost")
    text = response.content.decode()
    assert response.status_code == 200
    assert "申请已提交" in text and "查询码" in text
    application = DisclosureRequest.objects.get()
    assert application.organisation == department
    assert application.number in text
    assert application.transitions.get().action == "register"
    assert application.due_on is not None


def test_portal_form_lets_the_applicant_pick_the_organisation(client, orgs):
    _portal, department = orgs
    missing = client.post("/ysqgk/", form_data(), HTTP_HOST="www.localhost")
    assert "申请的行政机关" in missing.content.decode()
    assert not DisclosureRequest.objects.exists()
    client.post("/ysqgk/", form_data(organisation=department.pk), HTTP_HOST="www.localhost")
    assert DisclosureRequest.objects.get().organisation == department


def test_double_submission_creates_one_request_and_shows_the_same_receipt(client, orgs):
    first = client.post("/ysqgk/", form_data(token="same"), HTTP_HOST="fgw.localhost")
    second = client.post("/ysqgk/", form_data(token="same"), HTTP_HOST="fgw.localhost")
    assert DisclosureRequest.objects.count() == 1
    assert "请勿重复提交" in second.content.decode()
    number = DisclosureRequest.objects.get().number
    assert number in first.content.decode() and number in second.content.decode()


def test_missing_identity_is_refused_with_clear_messages_and_input_kept(client, orgs):
    data = form_data(id_number="", applicant_name="")
    response = client.post("/ysqgk/", data, HTTP_HOST="fgw.localhost")
    text = response.content.decode()
    assert "请填写证件号码（申请人为公民时必填）" in text and "请填写姓名" in text
    assert APPLICANT["description"] in text  # nothing the applicant typed is lost
    assert not DisclosureRequest.objects.exists()


def test_legal_person_must_give_its_sub_kind(client, orgs):
    response = client.post("/ysqgk/", form_data(applicant_kind="legal"), HTTP_HOST="fgw.localhost")
    text = response.content.decode()
    assert "请选择组织类型（申请人为法人或者其他组织时必填）" in text
    assert "请填写统一社会信用代码" in text
    assert not DisclosureRequest.objects.exists()


def test_wrong_captcha_is_refused(client, orgs):
    response = client.post("/ysqgk/", form_data(captcha_1="WRONG"), HTTP_HOST="fgw.localhost")
    assert not DisclosureRequest.objects.exists()
    assert "验证码" in response.content.decode()


def test_uploads_of_wrong_type_or_size_are_refused(client, orgs, settings):
    exe = SimpleUploadedFile("tool.exe", b"MZ...", content_type="application/octet-stream")
    response = client.post("/ysqgk/", form_data(files=exe), HTTP_HOST="fgw.localhost")
    assert "类型不支持" in response.content.decode()
    settings.DISCLOSURE_UPLOAD_MAX_BYTES = 10
    big = SimpleUploadedFile("id.pdf", b"%PDF-" + b"x" * 100, content_type="application/pdf")
    response = client.post("/ysqgk/", form_data(files=big), HTTP_HOST="fgw.localhost")
    assert "超过" in response.content.decode()
    assert not DisclosureRequest.objects.exists()


def test_valid_upload_is_kept(client, orgs):
    scan = SimpleUploadedFile("身份证.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    client.post("/ysqgk/", form_data(files=scan), HTTP_HOST="fgw.localhost")
    assert DisclosureRequest.objects.get().files.get().name == "身份证.pdf"


def _file(client):
    response = client.post("/ysqgk/", form_data(), HTTP_HOST="fgw.localhost")
    return response.context["application"], response.context["code"]


def test_status_page_shows_progress_and_due_date_with_the_right_code(client, orgs):
    application, code = _file(client)
    response = client.post(
        "/ysqgk/status/", {"number": application.number, "code": code}, HTTP_HOST="fgw.localhost"
    )
    text = response.content.decode()
    assert "已登记" in text and "答复期限" in text and "期限计算明细" in text


def test_applicant_asked_for_a_correction_sees_what_and_where_to_send_it(client, orgs):
    _portal, department = orgs
    department.office_address = "云溪市溪城区迎宾大道88号"
    department.office_email = "fgwbgs@yunxi.gov.cn"
    department.save()
    application, code = _file(client)
    lookup = {"number": application.number, "code": code}
    before = client.post("/ysqgk/status/", lookup, HTTP_HOST="fgw.localhost").content.decode()
    assert "如何补正" not in before
    reply_by = workdays.add_working_days(application.received_on, 10)
    perform(application, "request_correction", None, note="请写明文件的文号。", reply_by=reply_by)
    text = client.post("/ysqgk/status/", lookup, HTTP_HOST="fgw.localhost").content.decode()
    assert "已告知补正" in text and "请写明文件的文号。" in text
    assert "如何补正" in text and application.number in text
    assert "云溪市溪城区迎宾大道88号" in text and 'href="mailto:fgwbgs@yunxi.gov.cn"' in text


def test_a_guessed_code_or_number_gets_the_same_answer(client, orgs):
    application, _code = _file(client)
    wrong_code = client.post(
        "/ysqgk/status/",
        {"number": application.number, "code": "AAAAAAAAAA"},
        HTTP_HOST="fgw.localhost",
    )
    wrong_number = client.post(
        "/ysqgk/status/",
        {"number": "FGW-2026-99999", "code": "AAAAAAAAAA"},
        HTTP_HOST="fgw.localhost",
    )
    for response in (wrong_code, wrong_number):
        text = response.content.decode()
        assert "申请编号或查询码不正确" in text
        assert "已登记" not in text


def test_status_guessing_is_rate_limited(client, orgs):
    for _ in range(20):
        client.post("/ysqgk/status/", {"number": "X", "code": "Y"}, HTTP_HOST="fgw.localhost")
    response = client.post(
        "/ysqgk/status/", {"number": "X", "code": "Y"}, HTTP_HOST="fgw.localhost"
    )
    assert response.status_code == 429
    assert "操作过于频繁" in response.content.decode()


def test_calculator_page_is_public(client, orgs):
    response = client.get("/ysqgk/deadline/", HTTP_HOST="fgw.localhost")
    assert response.status_code == 200
    assert "/api/disclosure/deadline/" in response.content.decode()


def _errors(client, **extra):
    response = client.post("/ysqgk/", form_data(**extra), HTTP_HOST="fgw.localhost")
    assert not DisclosureRequest.objects.exists()
    return response.content.decode()


def test_citizen_mistakes_are_refused_next_to_their_fields(client, orgs):
    text = _errors(client, id_number="110101199003070012", phone="139", postcode="4390")
    assert "居民身份证号码校验位不正确" in text
    assert "请填写正确的联系电话" in text
    assert "邮政编码应为6位数字" in text
    # each message sits by its field and the field points at it (aria-describedby)
    assert 'id="id_phone_error"' in text
    assert re.search(
        r'<input[^>]*name="phone"[^>]*aria-describedby="id_phone_helptext id_phone_error"', text
    )
    assert re.search(r'<input[^>]*name="phone"[^>]*aria-invalid="true"', text)
    assert '<a href="#id_id_number">证件号码：' in text  # the summary links to the field


def test_captcha_mistake_names_the_captcha(client, orgs):
    text = _errors(client, captcha_1="WRONG")
    assert "验证码不正确，请重新输入图中的字符。" in text


def test_an_organisation_applies_without_citizen_fields(client, orgs):
    organisation = {
        "applicant_kind": "legal",
        "applicant_name": "",
        "id_type": "",
        "id_number": "",
        "org_name": "云溪市某某科技有限公司",
        "legal_kind": "business",
        "org_code": credit_code(7).lower(),
        "legal_representative": "王五",
        "contact_person": "赵六",
    }
    response = client.post("/ysqgk/", form_data(**organisation), HTTP_HOST="fgw.localhost")
    assert "申请已提交" in response.content.decode()
    application = DisclosureRequest.objects.get()
    assert application.applicant_name == "云溪市某某科技有限公司"
    assert application.legal_kind == "business"
    assert (application.id_type, application.id_number) == ("统一社会信用代码", credit_code(7))
    assert (application.legal_representative, application.contact_person) == ("王五", "赵六")


def test_an_organisation_with_a_wrong_credit_code_is_refused(client, orgs):
    bad = credit_code(7)[:17] + ("0" if credit_code(7)[17] != "0" else "1")
    text = _errors(
        client, applicant_kind="legal", org_name="某公司", legal_kind="other", org_code=bad,
        legal_representative="王五",
    )  # fmt: skip
    assert "统一社会信用代码校验位错误" in text


def test_a_citizen_ignores_the_organisation_section(client, orgs):
    client.post(
        "/ysqgk/", form_data(org_name="", legal_kind="", org_code=""), HTTP_HOST="fgw.localhost"
    )
    application = DisclosureRequest.objects.get()
    assert application.applicant_kind == "natural" and application.legal_kind == ""
    assert application.id_number == VALID_ID


def test_mail_delivery_needs_address_and_postcode(client, orgs):
    text = _errors(client, delivery="mail")
    assert "选择邮寄方式获取时，请填写通信地址" in text
    assert "选择邮寄方式获取时，请填写邮政编码" in text


def test_form_is_laid_out_as_the_national_form_and_works_without_javascript(client, orgs):
    text = client.get("/ysqgk/", HTTP_HOST="fgw.localhost").content.decode()
    for heading in ("申请人信息", "公民", "法人或者其他组织", "所需信息情况", "获取方式"):
        assert f">{heading}</h" in text, heading
    assert "---------" not in text
    main = text[text.index("<main") : text.index("</main>")]
    assert "<script" not in main and "onclick" not in main  # JavaScript only from static files
    assert "themes/common/ysqgk.js" in text


def test_calculator_computes_without_javascript(client, orgs):
    query = {
        "received": "2026-09-29",
        "pause_start": ["2026-10-12", ""],
        "pause_end": ["2026-10-14", ""],
    }
    text = client.get("/ysqgk/deadline/", query, HTTP_HOST="fgw.localhost").content.decode()
    plain = client.get("/ysqgk/deadline/", {"received": "2026-09-29"}, HTTP_HOST="fgw.localhost")
    assert "答复期限：<strong>" in text and "暂停计算（征求意见或缴费期间），不计入" in text
    due = re.search(r"答复期限：<strong>(.*?)</strong>", text).group(1)
    plain_due = re.search(r"答复期限：<strong>(.*?)</strong>", plain.content.decode()).group(1)
    assert due != plain_due  # the three paused working days move the deadline
    assert 'type="date"' in text and 'name="pause_start"' in text


def test_calculator_refuses_a_backwards_pause_and_adds_rows(client, orgs):
    query = {"received": "2026-09-29", "pause_start": "2026-10-14", "pause_end": "2026-10-12"}
    text = client.get("/ysqgk/deadline/", query, HTTP_HOST="fgw.localhost").content.decode()
    assert "结束日期早于开始日期" in text and "答复期限：<strong>" not in text
    more = client.get(
        "/ysqgk/deadline/", {"received": "2026-09-29", "add_pause": "1"}, HTTP_HOST="fgw.localhost"
    ).content.decode()
    assert more.count('name="pause_start"') == 3


def test_captcha_image_is_served(client, fgw):
    key = CaptchaStore.generate_key()
    response = client.get(f"/ysqgk/captcha/image/{key}/", HTTP_HOST="fgw.localhost")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_filing_leaves_no_session_so_the_applicant_keeps_getting_cached_pages(client, orgs):
    response = client.post("/ysqgk/", form_data(token="t1"), HTTP_HOST="fgw.localhost")
    assert "申请已提交" in response.content.decode()
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    receipts = response.cookies["ysqgk_receipts"]
    assert receipts["path"] == "/ysqgk/" and receipts["httponly"]


def test_a_receipt_is_shown_again_only_to_the_browser_that_filed(client, orgs):
    first = client.post("/ysqgk/", form_data(token="t2"), HTTP_HOST="fgw.localhost")
    number = DisclosureRequest.objects.get().number
    assert number in first.content.decode()
    stranger = Client()
    replay = stranger.post("/ysqgk/", form_data(token="t2"), HTTP_HOST="fgw.localhost")
    assert number not in replay.content.decode() and DisclosureRequest.objects.count() == 1
    # a forged (unsigned) cookie is ignored, not an error
    stranger.cookies["ysqgk_receipts"] = '{"t2": ["x", "y"]}'
    forged = stranger.post("/ysqgk/", form_data(token="t2"), HTTP_HOST="fgw.localhost")
    assert forged.status_code == 200 and number not in forged.content.decode()


def test_a_captcha_is_answered_once_even_when_the_first_answer_was_wrong(client, orgs):
    data = form_data(token="t3")
    right = data["captcha_1"]
    client.post("/ysqgk/", data | {"captcha_1": "WRONG"}, HTTP_HOST="fgw.localhost")
    assert not CaptchaStore.objects.filter(hashkey=data["captcha_0"]).exists()
    again = client.post("/ysqgk/", data | {"captcha_1": right}, HTTP_HOST="fgw.localhost")
    assert "验证码不正确" in again.content.decode()
    assert not DisclosureRequest.objects.exists()


def test_a_right_answer_is_used_up_and_case_and_spaces_do_not_matter(client, orgs):
    data = form_data(token="t4")
    answer = f" {data['captcha_1'].upper()} "
    first = client.post("/ysqgk/", data | {"captcha_1": answer}, HTTP_HOST="fgw.localhost")
    assert "申请已提交" in first.content.decode()
    assert not CaptchaStore.objects.filter(hashkey=data["captcha_0"]).exists()
    other = Client()  # no receipt cookie: the used captcha is refused, nothing is filed
    replay = other.post("/ysqgk/", data | {"submission_token": "t5"}, HTTP_HOST="fgw.localhost")
    assert "验证码不正确" in replay.content.decode()
    assert DisclosureRequest.objects.count() == 1


def test_an_expired_captcha_is_refused_and_removed_by_the_periodic_task(client, orgs):
    from django.utils import timezone

    from disclosure.tasks import remove_expired_captchas

    expired, fresh = form_data(token="t6"), form_data(token="t7")
    past = timezone.now() - timezone.timedelta(seconds=1)
    CaptchaStore.objects.filter(hashkey=expired["captcha_0"]).update(expiration=past)
    response = client.post("/ysqgk/", expired, HTTP_HOST="fgw.localhost")
    assert "验证码不正确" in response.content.decode()
    assert not DisclosureRequest.objects.exists()
    CaptchaStore.objects.filter(hashkey=fresh["captcha_0"]).update(expiration=past)
    kept = CaptchaStore.generate_key()
    assert remove_expired_captchas() == 1
    remaining = set(CaptchaStore.objects.values_list("hashkey", flat=True))
    assert kept in remaining and fresh["captcha_0"] not in remaining
    assert not CaptchaStore.objects.filter(expiration__lte=timezone.now()).exists()


def test_filing_asks_the_database_only_what_the_application_needs(client, orgs, monkeypatch):
    """A warm process files with: the organisation, the captcha (one DELETE), the number (one
    UPDATE), the rows of the application and its announcements, nothing else; its site, site
    settings and site root paths (also while the receipt renders) come from the site table."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cluster import site_table

    client.post("/ysqgk/", form_data(token="warm"), HTTP_HOST="fgw.localhost")
    data = form_data(token="measured")
    other = Client()
    wagtail_lookups = []
    monkeypatch.setattr(
        site_table, "_wagtail_root_paths", lambda: wagtail_lookups.append("root paths")
    )
    with CaptureQueriesContext(connection) as queries:
        response = other.post("/ysqgk/", data, HTTP_HOST="fgw.localhost")
    assert "申请已提交" in response.content.decode()
    assert wagtail_lookups == []
    statements = [query["sql"] for query in queries.captured_queries]
    for table in (
        "wagtailcore_site",
        "cluster_sitesettings",
        "disclosure_pause",
        "disclosure_reply",
    ):
        assert not any(table in sql for sql in statements), table
    captcha = [sql for sql in statements if "captcha_captchastore" in sql]
    assert len(captcha) == 1 and captcha[0].startswith("DELETE")
    assert len([sql for sql in statements if "cluster_numbersequence" in sql]) == 1
    assert len(statements) <= 9, statements  # with a savepoint's two: the test's transaction


def test_captcha_noise_dots_cover_the_image_as_upstream():
    from PIL import Image, ImageDraw

    from disclosure.captcha_field import noise_dots

    image = Image.new("L", (120, 40), 255)
    noise_dots(ImageDraw.Draw(image), image)
    dots = sum(1 for value in image.getdata() if value != 255)
    assert 300 < dots <= 480  # 480 dots drawn (one per ten pixels), a few on the same pixel
    box = image.point(lambda value: 255 - value).getbbox()
    assert box[0] < 5 and box[1] < 5 and box[2] > 115 and box[3] > 35  # spread over the image

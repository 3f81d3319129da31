"""Officer admin views: only the owning organisation's officers see and act on a request."""

import datetime as dt
import re
from collections import Counter

import pytest

from disclosure.models import DisclosureRequest, State
from tests.helpers import make_user

from .helpers import APPLICANT, make_request

pytestmark = pytest.mark.backends

D = dt.date


@pytest.fixture
def setup(fgw, czj, officer, head):
    users = {
        "officer": officer,
        "head": head,
        "other": make_user("czj_officer", czj, "officer"),
        "editor": make_user("fgw_editor", fgw, "editor"),
    }
    return {"fgw": fgw, "czj": czj, "request": make_request(fgw, D(2026, 9, 29)), **users}


def test_officer_sees_own_requests_with_applicant_data_and_breakdown(client, setup):
    client.force_login(setup["officer"])
    listing = client.get("/admin/ysqgk/")
    assert setup["request"].number in listing.content.decode()
    page = client.get(f"/admin/ysqgk/{setup['request'].pk}/").content.decode()
    assert APPLICANT["id_number"] in page
    assert "期限计算明细" in page and "法定节假日（国庆节）" in page
    assert "受理办理" in page


def test_each_action_form_has_its_own_field_ids_so_labels_name_their_fields(client, setup):
    client.force_login(setup["head"])
    page = client.get(f"/admin/ysqgk/{setup['request'].pk}/").content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [name for name, count in ids.items() if count > 1] == []
    assert 'for="id_request_correction_note"' in page and 'id="id_request_correction_note"' in page
    assert 'for="id_reply_kind"' in page and 'for="id_kind"' in page  # reply and remedy kinds


def test_another_organisations_officer_is_refused(client, setup):
    client.force_login(setup["other"])
    assert setup["request"].number not in client.get("/admin/ysqgk/").content.decode()
    assert client.get(f"/admin/ysqgk/{setup['request'].pk}/").status_code == 404
    response = client.post(f"/admin/ysqgk/{setup['request'].pk}/act/accept/", {"note": "x"})
    assert response.status_code == 404
    assert DisclosureRequest.objects.get().state == State.REGISTERED


def test_an_editor_without_the_officer_role_is_refused(client, setup):
    client.force_login(setup["editor"])
    assert client.get("/admin/ysqgk/").status_code in (302, 403)
    assert client.get(f"/admin/ysqgk/{setup['request'].pk}/").status_code == 404


def test_officer_acts_and_the_timeline_shows_it(client, setup):
    client.force_login(setup["officer"])
    pk = setup["request"].pk
    client.post(f"/admin/ysqgk/{pk}/act/accept/", {"on": "2026-09-30", "note": "材料齐全"})
    assert DisclosureRequest.objects.get().state == State.IN_PROGRESS
    response = client.post(f"/admin/ysqgk/{pk}/act/approve_extension/", {"note": "x"}, follow=True)
    assert "无权执行此操作" in response.content.decode()
    assert "材料齐全" in response.content.decode()


def test_officer_registers_a_mailed_application_with_its_signed_date(client, setup):
    client.force_login(setup["officer"])
    data = APPLICANT | {
        "organisation": setup["fgw"].pk,
        "channel": "mail",
        "submitted_on": "2026-09-28",
        "received_on": "2026-09-30",
    }
    response = client.post("/admin/ysqgk/register/", data, follow=True)
    assert "查询码" in response.content.decode()
    mailed = DisclosureRequest.objects.get(channel="mail")
    assert mailed.received_on == D(2026, 9, 30)
    assert mailed.due_on == D(2026, 11, 3)
    assert mailed.registered_by == setup["officer"]


def test_registration_refuses_a_receipt_before_submission(client, setup):
    client.force_login(setup["officer"])
    data = APPLICANT | {
        "organisation": setup["fgw"].pk,
        "channel": "mail",
        "submitted_on": "2026-09-28",
        "received_on": "2026-09-20",
    }
    response = client.post("/admin/ysqgk/register/", data)
    assert "收到申请日期不能早于提交日期" in response.content.decode()
    assert DisclosureRequest.objects.count() == 1


def test_officer_cannot_register_for_another_organisation(client, setup):
    client.force_login(setup["officer"])
    data = APPLICANT | {
        "organisation": setup["czj"].pk,
        "channel": "in_person",
        "submitted_on": "2026-09-28",
    }
    client.post("/admin/ysqgk/register/", data)
    assert not DisclosureRequest.objects.filter(organisation=setup["czj"]).exists()


def test_officer_drafts_a_reply_with_an_attachment_and_the_head_approves(client, setup):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pk = setup["request"].pk
    client.force_login(setup["officer"])
    client.post(f"/admin/ysqgk/{pk}/act/accept/", {"on": "2026-09-30"})
    client.post(
        f"/admin/ysqgk/{pk}/act/submit_reply/",
        {"on": "2026-10-09", "kind": "disclosed", "outcome": "disclosed", "details": "现予提供。",
         "files": SimpleUploadedFile("批复.pdf", b"%PDF-1.4", content_type="application/pdf")},
    )  # fmt: skip
    application = DisclosureRequest.objects.get()
    assert application.state == State.REPLY_PENDING_APPROVAL
    assert application.reply.attachments.get().name == "批复.pdf"
    client.force_login(setup["head"])
    client.post(f"/admin/ysqgk/{pk}/act/approve_reply/", {"on": "2026-10-09"})
    assert DisclosureRequest.objects.get().state == State.REPLIED

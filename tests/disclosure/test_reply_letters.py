"""Reply letters: rendered on first download, private, for the applicant and the officers only."""

import datetime as dt

import pytest
from django.conf import settings
from pypdf import PdfReader

from disclosure import registration
from disclosure.workflow import perform
from tests.helpers import make_organisation, make_user

from .helpers import APPLICANT

D = dt.date
HOST = "fgw.localhost"


@pytest.fixture
def replied(db):
    portal = make_organisation("portal", hostname="www.localhost")
    fgw = make_organisation("fgw", hostname=HOST, parent=portal)
    czj = make_organisation("czj", hostname="czj.localhost", parent=portal)
    officer, head = make_user("fgw_officer", fgw, "officer"), make_user("fgw_head", fgw, "head")
    request, code = registration.register(
        organisation=fgw, submitted_on=D(2026, 9, 29), received_on=D(2026, 9, 29),
        **(APPLICANT | {"channel": "in_person"}),
    )  # fmt: skip
    perform(request, "accept", officer, on=D(2026, 9, 30))
    perform(request, "submit_reply", officer, on=D(2026, 10, 9),
            kind="disclosed", outcome="disclosed", details="现将所申请信息提供给您。")  # fmt: skip
    perform(request, "approve_reply", head, on=D(2026, 10, 10))
    request.refresh_from_db()
    return {"request": request, "code": code, "officer": officer,
            "other_officer": make_user("czj_officer", czj, "officer")}  # fmt: skip


def pdf_text(response) -> str:
    import io

    content = b"".join(response.streaming_content)
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    return text.replace(" ", "").replace("\x00", "")


def test_applicant_downloads_the_letter_with_number_and_code(client, replied):
    request = replied["request"]
    status = client.post(
        "/ysqgk/status/", {"number": request.number, "code": replied["code"]}, HTTP_HOST=HOST
    )
    assert "下载答复书" in status.content.decode()
    response = client.post(
        "/ysqgk/status/letter/", {"number": request.number, "code": replied["code"]}, HTTP_HOST=HOST
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "政府信息公开申请答复书" in pdf_text(response)
    request.reply.refresh_from_db()
    letter_path = request.reply.letter.path
    assert letter_path.startswith(str(settings.DISCLOSURE_PRIVATE_ROOT))
    assert not letter_path.startswith(str(settings.MEDIA_ROOT))


def test_wrong_code_and_other_organisations_officer_get_nothing(client, replied):
    request = replied["request"]
    response = client.post(
        "/ysqgk/status/letter/", {"number": request.number, "code": "WRONG12345"}, HTTP_HOST=HOST
    )
    assert response.status_code == 404
    client.force_login(replied["other_officer"])
    assert client.get(f"/admin/ysqgk/{request.pk}/letter/").status_code in (302, 403, 404)
    client.force_login(replied["officer"])
    response = client.get(f"/admin/ysqgk/{request.pk}/letter/")
    assert response.status_code == 200 and "答复书" in pdf_text(response)

"""Issue #12 (1, 3, 6): private applicant files, separation of duties, the duplicate check."""

import datetime as dt
from pathlib import Path

import pytest
from captcha.models import CaptchaStore
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure import registration
from disclosure.models import DisclosureRequest, State
from disclosure.workflow import perform
from tests.disclosure.helpers import APPLICANT
from tests.helpers import make_organisation, make_user

pytestmark = pytest.mark.django_db

D = dt.date
SCAN = b"\x89PNG\r\n\x1a\n fake identity card scan"


def _scan(name="身份证.png"):
    return SimpleUploadedFile(name, SCAN, content_type="image/png")


@pytest.fixture
def setup(db):
    from cluster import workdays

    workdays.clear_cache()
    portal = make_organisation("portal", hostname="www.localhost")
    fgw = make_organisation("fgw", hostname="fgw.localhost", parent=portal)
    czj = make_organisation("czj", hostname="czj.localhost", parent=portal)
    application, code = registration.register(
        organisation=fgw, submitted_on=D(2026, 9, 29), received_on=D(2026, 9, 29),
        channel="in_person", files=[_scan()], **APPLICANT,
    )  # fmt: skip
    users = {
        "officer": make_user("fgw_officer", fgw, "officer"),
        "head": make_user("fgw_head", fgw, "head"),
        "second_head": make_user("fgw_head2", fgw, "head"),
        "other": make_user("czj_officer", czj, "officer"),
        "editor": make_user("fgw_editor", fgw, "editor"),
    }
    return {"fgw": fgw, "request": application, "code": code, **users}


def _draft(setup, by):
    perform(setup["request"], "accept", setup["head"], on=D(2026, 9, 30))
    perform(
        setup["request"], "submit_reply", by, on=D(2026, 10, 9), kind="disclosed",
        outcome="disclosed", details="现提供。", files=[_scan("答复材料.png")],
    )  # fmt: skip


def test_uploads_are_stored_privately_under_random_names(setup):
    stored = setup["request"].files.get()
    assert stored.file.storage is not None
    path = Path(stored.file.path)
    assert path.is_relative_to(Path(settings.DISCLOSURE_PRIVATE_ROOT))
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT))
    assert setup["request"].number not in stored.file.name and "身份证" not in stored.file.name
    assert path.read_bytes() == SCAN
    with pytest.raises(ValueError):
        stored.file.url  # noqa: B018 - a private file has no public address


def test_officer_downloads_other_organisations_and_anonymous_are_refused(client, setup):
    stored = setup["request"].files.get()
    url = f"/admin/ysqgk/{setup['request'].pk}/files/request/{stored.pk}/"
    assert client.get(url).status_code == 302  # anonymous: to the login page
    for role in ("other", "editor"):
        client.force_login(setup[role])
        assert client.get(url).status_code in (403, 404)
    client.force_login(setup["officer"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SCAN
    assert "attachment" in response["Content-Disposition"]
    page = client.get(f"/admin/ysqgk/{setup['request'].pk}/").content.decode()
    assert url in page and "/media/" not in page


def test_front_server_delivers_when_configured(client, setup, settings):
    settings.PRIVATE_FILES_ACCEL_HEADER = "X-Accel-Redirect"
    settings.PRIVATE_FILES_ACCEL_PREFIX = "/_private/"
    stored = setup["request"].files.get()
    client.force_login(setup["officer"])
    response = client.get(f"/admin/ysqgk/{setup['request'].pk}/files/request/{stored.pk}/")
    assert response["X-Accel-Redirect"] == f"/_private/{stored.file.name}"
    assert response.content == b""


def test_applicant_gets_reply_files_only_once_the_reply_is_approved(client, setup):
    _draft(setup, setup["officer"])
    attachment = setup["request"].reply.attachments.get()
    data = {"number": setup["request"].number, "code": setup["code"], "kind": "reply",
            "file": attachment.pk}  # fmt: skip
    host = {"HTTP_HOST": "fgw.localhost"}
    assert client.post("/ysqgk/status/file/", data, **host).status_code == 404
    perform(setup["request"], "approve_reply", setup["head"], on=D(2026, 10, 9))
    assert client.post("/ysqgk/status/file/", data | {"code": "WRONG"}, **host).status_code == 404
    response = client.post("/ysqgk/status/file/", data, **host)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SCAN
    status = client.post("/ysqgk/status/", data, **host).content.decode()
    assert "下载答复附件：答复材料.png" in status


def test_the_drafter_cannot_approve_his_own_reply(client, setup):
    _draft(setup, setup["head"])
    client.force_login(setup["head"])
    page = client.get(f"/admin/ysqgk/{setup['request'].pk}/").content.decode()
    assert "/act/approve_reply/" not in page
    response = client.post(
        f"/admin/ysqgk/{setup['request'].pk}/act/approve_reply/", {"on": "2026-10-09"}, follow=True
    )
    assert "答复的起草人不能批准本人起草的答复" in response.content.decode()
    assert DisclosureRequest.objects.get().state == State.REPLY_PENDING_APPROVAL
    perform(setup["request"], "approve_reply", setup["second_head"], on=D(2026, 10, 9))
    assert DisclosureRequest.objects.get().state == State.REPLIED


def test_a_single_person_office_may_approve_and_the_history_says_so(setup):
    setup["fgw"].single_person_office = True
    setup["fgw"].save()
    _draft(setup, setup["head"])
    step = perform(setup["request"], "approve_reply", setup["head"], on=D(2026, 10, 9))
    assert "仅一人办理" in step.note
    assert DisclosureRequest.objects.get().reply.approved_by == setup["head"]


def _form(token):
    key = CaptchaStore.generate_key()
    answer = CaptchaStore.objects.get(hashkey=key).response
    return APPLICANT | {"submission_token": token, "captcha_0": key, "captcha_1": answer}


def test_a_guessed_token_never_shows_another_applications_receipt(client, setup):
    host = {"HTTP_HOST": "fgw.localhost"}
    DisclosureRequest.objects.filter(pk=setup["request"].pk).update(submission_token="victim")
    # without the captcha nothing is looked up at all
    no_captcha = client.post("/ysqgk/", APPLICANT | {"submission_token": "victim"}, **host)
    assert setup["request"].number not in no_captcha.content.decode()
    # with it, the token is not this session's: the form comes back, the input kept
    guessed = client.post("/ysqgk/", _form("victim") | {"description": "我的申请内容"}, **host)
    text = guessed.content.decode()
    assert setup["request"].number not in text
    assert "该表单已失效" in text and "我的申请内容" in text
    assert DisclosureRequest.objects.count() == 1
    # the visitor's own double click still shows his own receipt once
    first = client.post("/ysqgk/", _form("mine"), **host)
    again = client.post("/ysqgk/", _form("mine"), **host)
    assert DisclosureRequest.objects.count() == 2
    number = DisclosureRequest.objects.get(submission_token="mine").number
    assert number in first.content.decode() and "请勿重复提交" in again.content.decode()


def test_the_migration_moves_existing_public_files_and_loses_none(setup):
    import importlib

    from django.apps import apps
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages

    migration = importlib.import_module("disclosure.migrations.0006_private_attachments")
    old = f"disclosure/requests/{setup['request'].number}/身份证.png"
    storages["default"].save(old, ContentFile(SCAN))
    attachment = setup["request"].files.create(file=old, name="身份证.png")
    migration.move_to_private(apps, None)
    migration.move_to_private(apps, None)  # a rerun changes nothing
    attachment.refresh_from_db()
    assert attachment.file.name.startswith("requests/") and "身份证" not in attachment.file.name
    assert not storages["default"].exists(old)
    assert storages["private"].open(attachment.file.name).read() == SCAN

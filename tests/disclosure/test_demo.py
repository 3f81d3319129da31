"""The disclosure demo: every state and outcome, idempotent."""

import pytest

from disclosure import demo, reports
from disclosure.models import DisclosureRequest, State
from tests.helpers import make_organisation


@pytest.mark.slow
def test_demo_covers_every_state_and_is_idempotent(client, django_user_model):
    portal = make_organisation("portal", hostname="www.localhost")
    fgw = make_organisation("fgw", hostname="fgw.localhost", parent=portal)
    accounts = demo.load_demo({"fgw": fgw}, log=lambda message: None)
    assert {"fgw_officer", "fgw_head"} <= {username for username, _pw, _role in accounts}
    states = set(DisclosureRequest.objects.values_list("state", flat=True))
    assert states == set(State.values)
    count = DisclosureRequest.objects.count()
    demo.load_demo({"fgw": fgw}, log=lambda message: None)
    assert DisclosureRequest.objects.count() == count
    totals = reports.build(fgw, 2026).totals
    received = DisclosureRequest.objects.filter(organisation=fgw, received_on__year=2026)
    assert totals["new"] == received.count()
    # Table 三's check, 一 + 二 = 三(七) + 四, and the demo fills every one of its parts.
    assert totals["new"] + totals["carried"] == totals["handled"] + totals["pending"]
    assert min(totals.values()) > 0

    client.force_login(django_user_model.objects.get(username="fgw_head"))
    for request in DisclosureRequest.objects.all():
        page = client.get(f"/admin/ysqgk/{request.pk}/")
        assert page.status_code == 200, request.state
        assert request.get_state_display() in page.content.decode()

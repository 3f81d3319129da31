"""Builders for on-request disclosure tests."""

import datetime as dt

from disclosure import registration
from disclosure.models import DisclosureRequest

APPLICANT = {
    "applicant_kind": "natural",
    "legal_kind": "",
    "applicant_name": "张三",
    "id_type": "居民身份证",
    "id_number": "110101199003070011",  # a correct GB 11643 check digit: the form checks it
    "phone": "13800000000",
    "email": "zhangsan@example.com",
    "description": "2026年城区道路改造项目的立项批复",
    "information_form": "electronic",
    "delivery": "email",
}


def make_request(organisation, received: dt.date, **fields) -> DisclosureRequest:
    """An application registered by an officer with receipt date `received`."""
    data = APPLICANT | {"channel": "in_person"} | fields
    request, _code = registration.register(
        organisation=organisation, submitted_on=received, received_on=received, **data
    )
    return request

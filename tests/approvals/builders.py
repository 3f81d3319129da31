"""Builders for approval-result tests: sources with tokens and valid records."""

import datetime as dt

from cluster.personal_data import ID_CARD_CHECK, ID_CARD_WEIGHTS
from cluster.validators import credit_code_check_character
from disclosure.approvals.models import ApprovalSource


def company_code(serial: int) -> str:
    """A valid 统一社会信用代码 of a company (registration authority 91)."""
    first17 = f"91439900MA{serial:07d}"
    return first17 + credit_code_check_character(first17)


def id_card(born: dt.date, serial: int = 123) -> str:
    """A resident ID number with a correct check digit."""
    first17 = f"439900{born:%Y%m%d}{serial:03d}"
    total = sum(int(d) * w for d, w in zip(first17, ID_CARD_WEIGHTS, strict=True))
    return first17 + ID_CARD_CHECK[total % 11]


def make_source(*organisations, code="xzsp", name="市行政审批系统") -> tuple[ApprovalSource, str]:
    """A source bound to `organisations`, and its plain token."""
    source = ApprovalSource(code=code, name=name)
    token = source.issue_token()
    source.save()
    source.organisations.set(organisations)
    return source, token


def record(organisation, number: int = 1, **fields) -> dict:
    """A valid company record issued by `organisation`."""
    values = {
        "holder_name": f"云溪市第{number}建材有限公司",
        "holder_type": "法人及非法人组织",
        "holder_credit_code": company_code(number),
        "legal_representative": "王建国",
        "legal_representative_id_type": "身份证",
        "legal_representative_id_number": id_card(dt.date(1975, 3, 8)),
        "decision_document_name": "建筑工程施工许可决定书",
        "decision_document_number": f"云溪建许〔2026〕{number}号",
        "category": "普通",
        "licence_name": "建筑工程施工许可证",
        "licence_number": f"4399002026{number:06d}",
        "content": "准予建筑工程施工许可",
        "decision_date": "2026-03-02",
        "valid_from": "2026-03-02",
        "valid_to": "2027-03-01",
        "authority_name": organisation.name,
        "authority_credit_code": organisation.credit_code,
        "status": "有效",
        "data_source_name": organisation.name,
        "data_source_credit_code": organisation.credit_code,
    }
    return values | fields


def post(client, token, records, source="xzsp"):
    return client.post(
        "/api/approvals/results/",
        {"source": source, "records": records},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def public_page(client, path, host="www.localhost"):
    """(status, HTML) of a public page as an anonymous visitor sees it."""
    response = client.get(path, HTTP_HOST=host)
    return response.status_code, response.content.decode()

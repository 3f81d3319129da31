"""Store a batch of reported approval results: validate each record, then upsert in bulk.

Used by the API and the file intake alike. Every record gets its own outcome (accepted,
updated, unchanged or rejected with field and reason); one bad record never stops the rest.
The key of a record is (source, 行政许可决定文书号, 许可编号); re-sending the same record
changes nothing, a changed record is updated with a history entry.
"""

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from pydantic import ValidationError

from cluster.models import Organisation
from cluster.personal_data import id_card_birth_date, is_valid_id_card, looks_like_id_card

from . import bulk
from .fields import (
    DATE_FIELDS,
    FIELD_TITLES,
    INVALID_STATUSES,
    STATUS_VALID,
    TEXT_FIELDS,
    TITLE_TO_NAME,
    title_of,
)
from .masking import search_text
from .models import ApprovalResult, ApprovalResultChange, display_period_days, results_changed
from .schemas import MARKUP, ApprovalRecordIn

RECORD_FIELDS = tuple(FIELD_TITLES)
# Control characters (NUL and friends): invisible, and PostgreSQL refuses NUL in text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FIELD_NAMES = frozenset(FIELD_TITLES)
PAST_DATES = ("decision_date", "status_date", "application_date")
OTHER_HOLDER_IDS = (
    "holder_credit_code",
    "business_registration_number",
    "organisation_code",
    "institution_certificate_number",
    "social_organisation_number",
)


@dataclass
class Outcome:
    index: int
    outcome: str = "rejected"
    decision_document_number: str | None = None
    licence_number: str | None = None
    id: int | None = None
    errors: list[dict] = field(default_factory=list)

    def reject(self, field_name: str, reason: str) -> None:
        self.outcome = "rejected"
        self.errors.append(
            {"field": field_name, "field_title": title_of(field_name), "reason": reason}
        )

    def as_dict(self) -> dict:
        return self.__dict__.copy()


@dataclass
class _Valid:
    outcome: Outcome
    values: dict
    organisation_id: int

    @property
    def key(self):
        return (self.values["decision_document_number"], self.values["licence_number"])


def ingest(source, raw_records: list, *, now: dt.datetime | None = None) -> list[Outcome]:
    """Validate and store `raw_records` for `source`; one Outcome per record, in order."""
    now = now or timezone.now()
    context = _Context(
        organisations=_organisation_lookup(),
        allowed=set(source.organisations.values_list("id", flat=True)),
        today=timezone.localdate(now),
    )
    outcomes, valid = [], []
    for index, raw in enumerate(raw_records):
        outcome = Outcome(index)
        outcomes.append(outcome)
        checked = _validate(raw, outcome, context)
        if checked is not None:
            valid.append(checked)
    valid = _reject_duplicate_keys(valid)
    if valid:
        try:
            _store(source, valid, now)
        except IntegrityError:
            # A concurrent batch inserted one of our keys first: the second pass updates it.
            _store(source, valid, now)
    return outcomes


@dataclass
class _Context:
    organisations: dict
    allowed: set
    today: dt.date


def _organisation_lookup() -> dict[str, tuple[int, str]]:
    return {
        code: (pk, name)
        for pk, code, name in Organisation.objects.values_list("id", "credit_code", "name")
    }


def _validate(raw, outcome: Outcome, context: _Context) -> _Valid | None:
    if not isinstance(raw, dict):
        outcome.reject("", "每条记录应为JSON对象")
        return None
    if not FIELD_NAMES.issuperset(raw):
        raw = {TITLE_TO_NAME.get(key, key): value for key, value in raw.items()}
    for name in ("decision_document_number", "licence_number"):
        if isinstance(raw.get(name), str):
            setattr(outcome, name, raw[name].strip())
    try:
        record = ApprovalRecordIn.model_validate(raw)
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            outcome.reject(str(problem["loc"][0]) if problem["loc"] else "", _reason(problem))
        return None
    values = record.model_dump()
    for field_name, reason in _field_checks(values, context.today):
        outcome.reject(field_name, reason)
    if outcome.errors:
        return None
    organisation = context.organisations.get(values["authority_credit_code"])
    for field_name, reason in _cross_check(values, organisation, context.allowed):
        outcome.reject(field_name, reason)
    if outcome.errors:
        return None
    return _Valid(outcome, values, organisation[0])


def _field_checks(values: dict, today: dt.date):
    """Markup in text, real calendar dates (turned into dates here), no future dates."""
    for name in TEXT_FIELDS:
        if values[name] and MARKUP.search(values[name]):
            yield name, "不得包含HTML标记或脚本"
        elif values[name] and CONTROL.search(values[name]):
            yield name, "含有不可见的控制字符，请删除后重新报送"
    for name in DATE_FIELDS:
        if values[name] is None:
            continue
        try:
            values[name] = dt.date.fromisoformat(values[name])
        except ValueError:
            yield name, f"“{values[name]}”不是有效的日期"
            continue
        if name in PAST_DATES and values[name] > today:
            yield name, "日期不能晚于今天"
    yield from _id_number_checks(values)


RESIDENT_ID_TYPES = ("", "身份证", "居民身份证", "二代身份证", "中华人民共和国居民身份证")
ID_NUMBER = "legal_representative_id_number"


def _id_number_checks(values: dict):
    """法定代表人证件号码 of a resident ID: its shape and birth date; a wrong check character is
    refused, except for a natural person, whose record is held for review instead (the number
    cannot tell whether the holder is a minor, see _needs_review)."""
    number = values[ID_NUMBER].replace(" ", "").upper()
    values[ID_NUMBER] = number
    if not number or values["legal_representative_id_type"] not in RESIDENT_ID_TYPES:
        return
    shaped = (len(number) == 18 and number[:17].isdigit() and number[17] in "0123456789X") or (
        len(number) == 15 and number.isdigit()
    )
    if len(number) not in (15, 18):
        yield ID_NUMBER, f"居民身份证号码应为18位（或15位旧号码），当前为{len(number)}位"
    elif not shaped:
        yield ID_NUMBER, "居民身份证号码含有不允许的字符（只能是数字，第18位可为X）"
    elif not looks_like_id_card(number):
        yield ID_NUMBER, "居民身份证号码的出生日期部分无效"
    elif len(number) == 18 and not is_valid_id_card(number) and values["holder_type"] != "自然人":
        yield ID_NUMBER, "居民身份证号码校验位错误，请核对后重新报送"


def _reason(problem: dict) -> str:
    """A Chinese explanation of one pydantic validation problem."""
    kind, ctx = problem["type"], problem.get("ctx", {})
    if kind == "missing":
        return "缺少必填字段"
    if kind == "extra_forbidden":
        return "不是已定义的字段（字段名见 /api/docs）"
    if kind == "string_type":
        return "应为文本（字符串）"
    if kind == "string_too_short":
        return "不能为空"
    if kind == "string_pattern_mismatch":
        return "日期格式应为 YYYY-MM-DD（也接受 2026/11/3、2026.11.3、2026年11月3日）"
    if kind == "string_too_long":
        return f"长度不能超过{ctx.get('max_length')}个字符"
    if kind == "literal_error":
        return f"取值应为：{ctx.get('expected', '').replace(' or ', ', ').replace(chr(39), '')}"
    if kind in {"bool_type", "bool_parsing"}:
        return "应为 true 或 false"
    if kind == "value_error":
        return str(ctx.get("error", problem["msg"]))
    return problem["msg"]


def _cross_check(values: dict, organisation, allowed):
    if values["holder_type"] == "法人及非法人组织" and not any(values[f] for f in OTHER_HOLDER_IDS):
        yield "holder_credit_code", "法人及非法人组织应填写统一社会信用代码（或其他证照号码之一）"
    if values["valid_to"] and values["valid_from"] > values["valid_to"]:
        yield (
            "valid_from",
            f"有效期自（{values['valid_from']}）晚于有效期至（{values['valid_to']}）",
        )
    if values["application_date"] and values["application_date"] > values["decision_date"]:
        yield "application_date", "受理日期晚于许可决定日期"
    if values["status_date"] and values["status_date"] < values["decision_date"]:
        yield "status_date", "状态变更日期早于许可决定日期"
    if organisation is None:
        yield "authority_credit_code", "许可机关统一社会信用代码未对应本平台的任何机构"
    elif organisation[0] not in allowed:
        yield "authority_credit_code", f"本来源无权报送“{organisation[1]}”的许可结果"


def _reject_duplicate_keys(valid: list[_Valid]) -> list[_Valid]:
    by_key: dict[tuple, list[_Valid]] = {}
    for item in valid:
        by_key.setdefault(item.key, []).append(item)
    kept = []
    for items in by_key.values():
        if len(items) == 1:
            kept.append(items[0])
            continue
        positions = "、".join(str(item.outcome.index + 1) for item in items)
        for item in items:
            item.outcome.reject(
                "decision_document_number",
                f"本批第{positions}条记录的文书号与许可编号相同，无法判断以哪条为准，均未保存",
            )
    return kept


def _fingerprint(values: dict, organisation_id: int) -> str:
    text = repr((organisation_id, *(values[name] for name in RECORD_FIELDS)))
    return hashlib.sha1(text.encode()).hexdigest()


def _needs_review(values: dict) -> bool:
    """A natural person's 18-digit ID failing its check character: unverifiable, so the
    record may concern a minor and is held back until someone has checked it."""
    number = values[ID_NUMBER]
    return values["holder_type"] == "自然人" and len(number) == 18 and not is_valid_id_card(number)


def _is_minor(values: dict) -> bool:
    if values["minor"]:
        return True
    number = values[ID_NUMBER]
    birth = id_card_birth_date(number) if values["holder_type"] == "自然人" else None
    if birth is None or (len(number) == 18 and not is_valid_id_card(number)):
        return False
    try:
        born = dt.date(*birth)
    except ValueError:
        return False
    decided = values["decision_date"]
    age = decided.year - born.year - ((decided.month, decided.day) < (born.month, born.day))
    return age < 18


def _derived(values: dict, now: dt.datetime, today: dt.date) -> dict:
    display_until = values["decision_date"] + dt.timedelta(days=display_period_days())
    return {
        "is_minor": _is_minor(values),
        "needs_review": _needs_review(values),
        "public_text": search_text(ApprovalResult(**values)),
        "display_until": display_until,
        "withdrawn_at": None if display_until >= today else now,
    }


@transaction.atomic
def _store(source, valid: list[_Valid], now: dt.datetime) -> None:
    today = timezone.localdate(now)
    existing = {
        (number, licence): (pk, fingerprint)
        for pk, number, licence, fingerprint in ApprovalResult.objects.filter(
            source=source, decision_document_number__in={item.key[0] for item in valid}
        ).values_list("id", "decision_document_number", "licence_number", "fingerprint")
    }
    new, new_rows, changed = [], [], []
    for item in valid:
        fingerprint = _fingerprint(item.values, item.organisation_id)
        found = existing.get(item.key)
        if found is None:
            new.append(item)
            new_rows.append(
                {
                    "source_id": source.id,
                    "organisation_id": item.organisation_id,
                    "fingerprint": fingerprint,
                    "published_at": now,
                    "status_published_at": now if item.values["status"] != STATUS_VALID else None,
                    "updated_at": now,
                    **item.values,
                    **_derived(item.values, now, today),
                }
            )
        elif found[1] == fingerprint:
            item.outcome.outcome, item.outcome.id = "unchanged", found[0]
        else:
            changed.append((item, found[0], fingerprint))
            item.outcome.outcome, item.outcome.id = "updated", found[0]
    for item, new_id in zip(new, bulk.insert(ApprovalResult, new_rows), strict=True):
        item.outcome.outcome, item.outcome.id = "accepted", new_id
    if changed:
        rows = ApprovalResult.objects.in_bulk([pk for _item, pk, _fingerprint in changed])
        history = [
            _apply_change(rows[pk], item, fingerprint, now, today)
            for item, pk, fingerprint in changed
        ]
        bulk.update(ApprovalResult, list(rows.values()), UPDATE_FIELDS)
        bulk.insert(ApprovalResultChange, history)
    written = [item.outcome.id for item in new] + [pk for _item, pk, _fingerprint in changed]
    if written:
        results_changed.send(sender=ApprovalResult, ids=written)


UPDATE_FIELDS = (
    *RECORD_FIELDS,
    "organisation",
    "fingerprint",
    "status_published_at",
    "updated_at",
    "is_minor",
    "needs_review",
    "public_text",
    "display_until",
    "withdrawn_at",
)


def _apply_change(row, item: _Valid, fingerprint: str, now, today) -> dict:
    changes = {}
    for name, value in item.values.items():
        old = getattr(row, name)
        if old != value:
            changes[name] = [_plain(old), _plain(value)]
            setattr(row, name, value)
    if row.organisation_id != item.organisation_id:
        changes["organisation"] = [row.organisation_id, item.organisation_id]
        row.organisation_id = item.organisation_id
    if "status" in changes:
        row.status_published_at = now if row.status in INVALID_STATUSES else None
    for name, value in _derived(item.values, now, today).items():
        if name != "withdrawn_at" or value is None or row.withdrawn_at is None:
            setattr(row, name, value)
    row.fingerprint, row.updated_at = fingerprint, now
    return {"result_id": row.id, "changed_at": now, "changes": changes}


def _plain(value):
    return value.isoformat() if isinstance(value, dt.date) else value

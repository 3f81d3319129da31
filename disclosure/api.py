"""Public JSON API of on-request disclosure: the statutory deadline calculator."""

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from . import deadlines

router = Router(tags=["依申请公开"])


class DeadlineQuery(Schema):
    received: str
    pause: list[str] = []
    extension: int = 0


@router.get("/deadline/", summary="依申请公开答复期限计算器")
def deadline(request: HttpRequest, query: Query[DeadlineQuery]):
    """Due date of a reply: `received=YYYY-MM-DD`, repeated `pause=YYYY-MM-DD..YYYY-MM-DD`
    (both ends inclusive, working days in the range not counted), `extension=1` for the
    statutory 20-working-day extension. Answers the due date and a day-by-day explanation."""
    try:
        received = dt.date.fromisoformat(query.received)
    except ValueError:
        raise HttpError(400, f"收到申请日期无效：{query.received}（格式 YYYY-MM-DD）") from None
    if query.extension not in (0, 1):
        raise HttpError(400, "extension 只能为 0 或 1")
    try:
        pauses = [
            deadlines.parse_pause(text, "暂停计算（征求意见或缴费期间）") for text in query.pause
        ]
    except ValueError as error:
        raise HttpError(400, str(error)) from None
    result = deadlines.reply_deadline(
        received,
        pauses=pauses,
        extension_days=deadlines.MAX_EXTENSION_WORKING_DAYS if query.extension else 0,
    )
    if result.missing_year:
        raise HttpError(422, result.flag)
    return result.as_dict()

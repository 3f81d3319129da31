"""Inbound API of the approval system: POST /api/approvals/results/ (JSON batches)."""

import json

from django.http import HttpRequest, JsonResponse
from ninja import Router
from ninja.errors import HttpError
from ninja.security import HttpBearer

from .ingest import ingest
from .models import ApprovalSource
from .schemas import MAX_BATCH, BatchOut, batch_request_schema

router = Router(tags=["行政许可结果公示"])


class SourceToken(HttpBearer):
    """`Authorization: Bearer <token>`: the token of one source system (see 报送来源 in admin)."""

    def __call__(self, request: HttpRequest):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise HttpError(
                401, "缺少访问令牌：请在 Authorization 头中以 Bearer 方式提供来源令牌。"
            )
        return self.authenticate(request, token.strip())

    def authenticate(self, request, token):
        source = ApprovalSource.for_token(token)
        if source is None:
            raise HttpError(401, "访问令牌无效或已停用。")
        return source


@router.post(
    "/results/",
    auth=SourceToken(),
    response={200: BatchOut},
    summary="批量报送行政许可结果",
    description=(
        f"每批最多 {MAX_BATCH} 条记录。逐条返回 accepted（新增）/ updated（更新，保留变更记录）/ "
        "unchanged（无变化）/ rejected（拒收，附字段与原因）；拒收的记录不影响同批其他记录。"
        "记录主键为（来源，行政许可决定文书号，许可编号），重复报送同一批次不会产生变化。"
        "字段的中文名称见请求体结构中每个字段的 title。"
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": batch_request_schema()}},
        },
        "responses": {
            400: {"description": "请求体不是合法的JSON或缺少 source / records"},
            401: {"description": "缺少令牌或令牌无效"},
            403: {"description": "令牌不属于请求中的来源"},
            413: {"description": f"批次超过 {MAX_BATCH} 条，或请求体超过大小上限"},
        },
    },
)
def submit_results(request):
    """Validate each record separately and store the valid ones in bulk."""
    source: ApprovalSource = request.auth
    try:
        body = json.loads(request.body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise HttpError(400, "请求体不是合法的JSON。") from None
    if not isinstance(body, dict) or not isinstance(body.get("records"), list):
        raise HttpError(400, '请求体应为 {"source": 来源标识, "records": [记录, ...]}。')
    if not isinstance(body.get("source"), str) or not body["source"]:
        raise HttpError(400, "缺少 source（来源标识）。")
    if body["source"] != source.code:
        raise HttpError(403, f"令牌不属于来源“{body['source']}”，不能以该来源报送。")
    records = body["records"]
    if len(records) > MAX_BATCH:
        raise HttpError(413, f"每批最多 {MAX_BATCH} 条记录，本批 {len(records)} 条，请分批报送。")
    outcomes = [outcome.as_dict() for outcome in ingest(source, records)]
    counts = dict.fromkeys(("accepted", "updated", "unchanged", "rejected"), 0)
    for outcome in outcomes:
        counts[outcome["outcome"]] += 1
    answer = {"source": source.code, "received": len(records), **counts, "results": outcomes}
    # Serialised directly (the shape is BatchOut): re-validating 1,000 outcomes costs more
    # than storing them.
    return JsonResponse(answer, json_dumps_params={"ensure_ascii": False})

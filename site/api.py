"""The cluster's JSON API (django-ninja): one API object, OpenAPI docs at /api/docs.

Apps add their routers here, e.g. `api.add_router("/catalog/", "catalog.api.router")`.
Malformed requests get a Chinese message and a 4xx status, never a 500 (with DEBUG on, django-ninja
would otherwise answer unhandled errors with a traceback).
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from ninja import NinjaAPI

api = NinjaAPI(
    title="政府网站集约化平台 API",
    version="1.0",
    description="政府信息公开目录、依申请公开、行政许可结果公示等接口。",
    urls_namespace="api",
)


@api.exception_handler(RequestDataTooBig)
def request_too_big(request, exc):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE: 413, saying the limit."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    return api.create_response(
        request,
        {"detail": f"请求体过大：每次请求不得超过 {limit / 1024 / 1024:g} MB，请分批提交。"},
        status=413,
    )


@api.exception_handler(SuspiciousOperation)
def suspicious_request(request, exc):
    """Other refused input (too many fields, bad headers): 400, not a 500 page."""
    return api.create_response(request, {"detail": "请求格式不正确，已拒绝处理。"}, status=400)


api.add_router("/catalog/", "catalog.api.router")
api.add_router("/disclosure/", "disclosure.api.router")
api.add_router("/approvals/", "disclosure.approvals.api.router")

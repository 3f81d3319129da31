"""The cluster's JSON API (django-ninja): one API object, OpenAPI docs at /api/docs.

Apps add their routers here, e.g. `api.add_router("/catalog/", "catalog.api.router")`.
"""

from ninja import NinjaAPI

api = NinjaAPI(
    title="政府网站集约化平台 API",
    version="1.0",
    description="政府信息公开目录、依申请公开、行政许可结果公示等接口。",
    urls_namespace="api",
)

api.add_router("/catalog/", "catalog.api.router")
api.add_router("/disclosure/", "disclosure.api.router")
api.add_router("/approvals/", "disclosure.approvals.api.router")

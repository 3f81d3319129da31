"""The liveness probe the HTTP cache and load balancers ask (`/healthz`)."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """200 while this application process answers; touches no database, so it stays cheap."""
    return HttpResponse("ok", content_type="text/plain")

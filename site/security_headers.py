"""Content-Security-Policy and Permissions-Policy on every response.

Public pages run no inline script and load nothing from another host (theme scripts are
static files), so their policy allows only this site. The Wagtail admin (8.0) still writes
small inline scripts (date pickers, inline panels) and inline styles, so it gets its own
policy with 'unsafe-inline', still limited to this host: an intranet admin makes no outside
requests (no Gravatar, no update check; see settings). The policies live in settings
(CSP_PUBLIC, CSP_ADMIN, CSP_ADMIN_PREFIXES, PERMISSIONS_POLICY) so a deployment can extend
them, e.g. for a statistics service it adds.
"""

from django.conf import settings


def serialise(policy: dict[str, list[str]]) -> str:
    """`{"script-src": ["'self'"]}` -> "script-src 'self'"."""
    return "; ".join(" ".join([name, *sources]).strip() for name, sources in policy.items())


class SecurityHeadersMiddleware:
    """Adds the headers unless a view set its own (Wagtail previews set nothing here)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.public = serialise(settings.CSP_PUBLIC)
        self.admin = serialise(settings.CSP_ADMIN)
        self.admin_prefixes = tuple(settings.CSP_ADMIN_PREFIXES)
        self.permissions = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path.startswith(self.admin_prefixes)
        response.headers.setdefault("Content-Security-Policy", self.admin if admin else self.public)
        response.headers.setdefault("Permissions-Policy", self.permissions)
        return response

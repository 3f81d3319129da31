"""Messages for the admin user, announced from code that has no request (signal receivers).

Wagtail sends `task_approved` and similar signals without the request, and its workflow views
redirect without saying what happened. A receiver calls `announce()`; the middleware adds what
was announced during the request to Django's messages, shown on the next admin page. Outside a
request (management commands, Celery tasks) `announce()` does nothing.
"""

from contextvars import ContextVar

from django.contrib import messages

_pending: ContextVar[list[str] | None] = ContextVar("admin_announcements", default=None)


def announce(message: str) -> None:
    """Show `message` to the user whose request is running, if any."""
    pending = _pending.get()
    if pending is not None:
        pending.append(message)


class AnnouncementMiddleware:
    """Collects `announce()` calls during a request and hands them to Django's messages.

    Must come after MessageMiddleware, whose response step stores the messages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _pending.set([])
        try:
            response = self.get_response(request)
            for message in _pending.get():
                messages.success(request, message)
        finally:
            _pending.reset(token)
        return response

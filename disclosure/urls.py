"""Public URLs of on-request disclosure, mounted at /ysqgk/ on every site."""

from django.urls import include, path

from .views import public

urlpatterns = [
    path("", public.apply, name="disclosure_apply"),
    path("status/", public.status, name="disclosure_status"),
    path("status/letter/", public.reply_letter, name="disclosure_reply_letter"),
    path("status/file/", public.attachment, name="disclosure_attachment"),
    path("deadline/", public.calculator, name="disclosure_calculator"),
    path("replies/", public.published_replies, name="disclosure_replies"),
    path("annual-report/<int:year>/", public.annual_report, name="disclosure_annual_report"),
    path(
        "annual-report/<int:year>/xlsx/",
        public.annual_report_xlsx,
        name="disclosure_annual_report_xlsx",
    ),
    path(
        "annual-report/<int:year>/pdf/",
        public.annual_report_pdf,
        name="disclosure_annual_report_pdf",
    ),
    path(
        "annual-report/<int:year>/status/",
        public.annual_report_status,
        name="disclosure_annual_report_status",
    ),
    path("captcha/", include("captcha.urls")),
]

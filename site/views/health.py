"""Admin dashboard of site health: cluster-wide standing, per-site findings and trend."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from ..health import inspect_site
from ..models import HealthRun
from ..permissions import organisations_for

TREND_LENGTH = 8


def visible_sites(user):
    """Platform admins see every site; organisation admins the sites of their organisations."""
    if user.is_superuser:
        return Site.objects.all()
    roots = organisations_for(user, "manage_organisation").values("home_page_id")
    return Site.objects.filter(root_page_id__in=roots)


class HealthDashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cluster/admin/health_dashboard.html"
    page_title = "网站健康监测"
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sites = visible_sites(self.request.user).order_by("id")
        if not sites.exists():
            raise PermissionDenied
        rows = []
        for site in sites:
            runs = list(HealthRun.objects.filter(site=site)[:TREND_LENGTH])
            rows.append({"site": site, "latest": runs[0] if runs else None,
                         "trend": [run.finding_count for run in reversed(runs)]})  # fmt: skip
        context["rows"] = rows
        return context


class HealthSiteView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cluster/admin/health_site.html"
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        self.site = get_object_or_404(visible_sites(request.user), pk=kwargs["site_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"网站健康监测 · {self.site.site_name}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["site"] = self.site
        context["run"] = HealthRun.objects.filter(site=self.site).first()
        return context

    def post(self, request, *args, **kwargs):
        run = inspect_site(self.site)
        messages.success(request, f"检查完成，发现{run.finding_count}个问题。")
        return redirect("health_site", site_id=self.site.id)

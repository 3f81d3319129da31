"""The annual report's editor: a Wagtail snippet under the 三审 workflow, scoped per organisation.

An editor (or officer) of the organisation drafts sections 一、五、六 and the manual table 二
rows and submits them; the organisation's 初审, 复审 and 终审 holders review them
(disclosure.models.report_review); the last approval publishes. Nobody holds a publish right:
the workflow is the only way to publication (`report_publishing.publish` is the scripts' path).
The head of the disclosure office may withdraw (撤回) a published report to correct it. Every
view taking a report answers 404 for a report of an organisation the user has no part in.
"""

from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet, UnpublishView

from cluster.models import Organisation
from cluster.permissions import may, organisations_for_any

from .. import reports
from ..models import AnnualReport

EDIT = ("edit_content", "handle_requests")
WITHDRAW = "approve_requests"
VIEW = (*EDIT, "review_content", WITHDRAW)
# what each action of Wagtail's generic views needs; publish and delete need what nobody has
CODENAMES = {
    "change": EDIT,
    "lock": EDIT,
    "unlock": EDIT,
    "view": VIEW,
    "unpublish": (WITHDRAW,),
}


def report_organisations(user, codenames=VIEW):
    """The organisations in which `user` holds any of `codenames`."""
    if not user.is_active:
        return Organisation.objects.none()
    return organisations_for_any(user, codenames)


class AnnualReportPermissionPolicy(ModelPermissionPolicy):
    """cluster.permissions answers for the report's organisation; no one may publish directly."""

    def user_has_permission(self, user, action):
        codenames = CODENAMES.get(action, ())
        return bool(codenames) and report_organisations(user, codenames).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        codenames = CODENAMES.get(action, ())
        return any(may(user, codename, instance) for codename in codenames)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        codenames = {c for action in actions for c in CODENAMES.get(action, ())}
        return AnnualReport.objects.filter(
            organisation__in=report_organisations(user, tuple(codenames))
        )


class GeneratedTablesPanel(Panel):
    """Tables 二 to 四 as the report will publish them, shown read-only (locked) in the editor."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "disclosure/admin/report_tables_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            report = self.instance
            try:
                preview, error = reports.build(report.organisation, report.year), ""
            except reports.ReportCheckFailed as failure:
                preview, error = None, str(failure)
            context.update({"report": preview, "error": error, "annual_report": report})
            return context


class WithdrawView(UnpublishView):
    """撤回: the head of the disclosure office takes a published report back to correct it."""

    permission_required = "unpublish"
    page_title = "撤回年度报告"
    success_message = "“%(object)s”已撤回，可修改后重新提交审核。"

    def get_object(self, queryset=None):
        report = super().get_object(queryset)
        if not may(self.request.user, WITHDRAW, report):
            raise Http404
        return report


def _report_pk(kwargs):
    try:
        return int(kwargs.get("pk"))
    except (TypeError, ValueError):
        raise Http404 from None


def scoped(view):
    """Refuse (404) a report of an organisation the user has no part in; turn a failed check
    of the tables at the final approval into a message (the approval is rolled back)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        pk = None
        if "pk" in kwargs:
            pk = _report_pk(kwargs)
            allowed = report_organisations(request.user)
            if not AnnualReport.objects.filter(pk=pk, organisation__in=allowed).exists():
                raise Http404("没有找到该年度报告")
        try:
            return view(request, *args, **kwargs)
        except reports.ReportCheckFailed as failure:
            if pk is None:
                raise
            messages.error(request, f"无法发布：{failure}")
            return redirect(reverse("wagtailsnippets_disclosure_annualreport:edit", args=[pk]))

    return wrapper


class AnnualReportViewSet(SnippetViewSet):
    """政府信息公开工作年度报告 of the user's organisations, through review."""

    model = AnnualReport
    icon = "table"
    menu_label = "年度报告（审核）"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["__str__", "year", "organisation"]
    list_filter = ["year"]
    unpublish_view_class = WithdrawView
    edit_handler = ObjectList(
        [
            FieldPanel("overview"),
            MultiFieldPanel(
                [
                    FieldPanel("penalty_decisions"),
                    FieldPanel("enforcement_decisions"),
                    FieldPanel("fees_amount"),
                ],
                heading="表二中需手工填报的数字",
            ),
            FieldPanel("problems"),
            FieldPanel("other_matters"),
            GeneratedTablesPanel(heading="表二至表四（由办理记录自动生成，只读）"),
        ]
    )

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(
            request.user, ["view"]
        ).select_related("organisation")

    def register_chooser_viewset(self):
        """No chooser: nothing links to a report, and a chooser would list every one."""

    def construct_view(self, view_class, **kwargs):
        return scoped(super().construct_view(view_class, **kwargs))

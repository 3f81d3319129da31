"""Admin views for 信息报送: submit, review, and the yearly counts per department."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..models import Submission
from ..permissions import organisations_for
from ..submissions import (
    SubmissionRefused,
    accept,
    return_to_sender,
    reviewable_submissions,
    submit,
    submittable_pages,
    target_columns,
    yearly_counts,
)


class SubmissionForm(forms.Form):
    page = forms.ModelChoiceField(label="报送内容", queryset=None)
    column = forms.ModelChoiceField(label="目标栏目", queryset=None)
    note = forms.CharField(label="报送说明", max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].queryset = submittable_pages(user)
        self.fields["column"].queryset = target_columns(user)
        self.fields["column"].label_from_instance = lambda column: (
            f"{column.get_site().site_name} › {column.title}"
        )


class SubmissionIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cluster/admin/submissions.html"
    page_title = "信息报送"
    header_icon = "doc-full"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        year = int(self.request.GET.get("year") or timezone.localdate().year)
        context.update(
            own=Submission.objects.filter(
                organisation__in=organisations_for(user, "edit_content")
            ).select_related("page", "column", "organisation")[:100],
            to_review=reviewable_submissions(user).select_related("page", "column", "organisation"),
            year=year,
            counts=yearly_counts(year),
        )
        return context


class SubmitView(WagtailAdminTemplateMixin, FormView):
    template_name = "wagtailadmin/generic/form.html"
    form_class = SubmissionForm
    page_title = "报送信息"
    header_icon = "doc-full"
    submit_button_label = "报送"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_url": self.request.path}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            submit(data["page"], data["column"], self.request.user, data["note"])
        except SubmissionRefused as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        messages.success(self.request, f"已报送“{data['page'].title}”，等待审核。")
        return redirect("submissions")


def review_submission(request, submission_id):
    """Accept or return one submission (POST only)."""
    submission = get_object_or_404(reviewable_submissions(request.user), pk=submission_id)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "accept":
                accept(submission, request.user)
                messages.success(request, f"已采用“{submission.page.title}”。")
            else:
                return_to_sender(submission, request.user, request.POST.get("reason", ""))
                messages.success(request, f"已退回“{submission.page.title}”。")
        except SubmissionRefused as refusal:
            messages.error(request, str(refusal))
    return redirect("submissions")

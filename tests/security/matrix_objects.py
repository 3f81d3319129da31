"""The objects of the access matrix: one of each kind, owned by a given organisation.

Every object carries MARKER in a field its pages show, so a 200 answer can be searched for it.
"""

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Task

from catalog.workflows import ensure_review_workflow
from cluster.models import OrganisationGroup
from cluster.models.site_settings import SiteSettings
from cluster.models.submissions import Submission
from disclosure import registration
from disclosure.approvals.models import ApprovalItem
from disclosure.models import AnnualReport
from disclosure.workflow import perform
from tests.catalog.factories import add_item, node
from tests.disclosure.helpers import APPLICANT
from tests.helpers import make_article, make_column, make_user

D = dt.date
ROLES = ("editor", "reviewer", "second_reviewer", "head", "officer", "admin")


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (200, 0, 0)).save(buffer, format="PNG")
    return buffer.getvalue()


def build(organisation, marker: str, portal_column) -> dict:
    """One object of each kind owned by `organisation`, ids by kind."""
    home = organisation.home_page.specific
    column = make_column(home, f"col-{organisation.slug}", title=f"{marker}栏目")
    article = make_article(column, f"art-{organisation.slug}", title=f"{marker}文章")
    item = add_item(node(organisation, "xzxk"), publish=False, title=f"{marker}条目")
    item.save_revision(user=make_user(f"{organisation.slug}_author", organisation, "editor"))
    workflow = ensure_review_workflow(organisation)
    state = workflow.start(
        item, item.owner or make_user(f"{organisation.slug}_w", organisation, "editor")
    )
    revision = item.get_latest_revision()
    document = get_document_model().objects.create(
        title=f"{marker}文件", collection=organisation.collection,
        file=ContentFile(b"%PDF-1.4 secret", name="secret.pdf"),
    )  # fmt: skip
    image = get_image_model().objects.create(
        title=f"{marker}图片", collection=organisation.collection,
        file=ContentFile(_png(), name="secret.png"),
    )  # fmt: skip
    scan = SimpleUploadedFile("id.png", _png(), content_type="image/png")
    request, _code = registration.register(
        organisation=organisation, submitted_on=D(2026, 9, 29), received_on=D(2026, 9, 29),
        channel="in_person", files=[scan], **(APPLICANT | {"applicant_name": f"{marker}申请人"}),
    )  # fmt: skip
    officer = make_user(f"{organisation.slug}_drafter", organisation, "officer")
    perform(request, "accept", officer, on=D(2026, 9, 30))
    perform(request, "submit_reply", officer, on=D(2026, 10, 9), kind="disclosed",
            outcome="disclosed", details=f"{marker}答复",
            files=[SimpleUploadedFile("r.png", _png(), content_type="image/png")])  # fmt: skip
    approval_item = ApprovalItem.objects.create(
        code=f"{organisation.slug}-0001", name=f"{marker}事项", organisation=organisation,
        category="普通", legal_basis="x", procedure="x", conditions="x", materials="x",
        time_limit="x", promised_days=10, complaint_channel="x",
    )  # fmt: skip
    user = make_user(f"{organisation.slug}_member", organisation, "editor")
    user.first_name = f"{marker}用户"
    user.save()
    submission = Submission.objects.create(
        page=article, column=portal_column, organisation=organisation, note=f"{marker}报送"
    )
    report = AnnualReport.objects.create(
        organisation=organisation, year=2026, overview=f"<p>{marker}年度报告</p>"
    )
    site = organisation.site
    return {
        "page": item.pk, "article": article.pk, "column": column.pk, "revision": revision.pk,
        "task_state": state.current_task_state_id, "workflow_state": state.pk,
        "task": Task.objects.filter(name__startswith=organisation.short_name).first().pk,
        "workflow": workflow.pk, "catalog_root": item.get_parent().get_parent().pk,
        "document": document.pk, "image": image.pk, "collection": organisation.collection_id,
        "request": request.pk, "request_file": request.files.get().pk,
        "reply_file": request.reply.attachments.get().pk, "approval_item": approval_item.pk,
        "user": user.pk, "organisation": organisation.pk, "site": site.pk,
        "settings": SiteSettings.for_site(site).pk, "submission": submission.pk,
        "group": OrganisationGroup.objects.filter(organisation=organisation).first().group_id,
        "annual_report": report.pk,
    }  # fmt: skip


def role_users(organisation) -> dict:
    """One account per role of `organisation`."""
    return {role: make_user(f"{organisation.slug}_{role}", organisation, role) for role in ROLES}

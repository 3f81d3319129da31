"""Applications for disclosure (政府信息公开申请), their timeline, pauses and reminders."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from ..outcomes import OUTCOME_CHOICES
from ..private_files import private_storage, request_attachment_path


class ApplicantKind(models.TextChoices):
    NATURAL = "natural", "自然人"
    LEGAL = "legal", "法人或其他组织"


class LegalKind(models.TextChoices):
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_WELFARE = "public_welfare", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER = "other", "其他"


class Channel(models.TextChoices):
    ONLINE = "online", "网上申请"
    IN_PERSON = "in_person", "当面提交"
    MAIL = "mail", "邮寄"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"


class InformationForm(models.TextChoices):
    PAPER = "paper", "纸质文本"
    ELECTRONIC = "electronic", "电子文件"
    OTHER = "other", "其他"


class Delivery(models.TextChoices):
    MAIL = "mail", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "当面领取"
    FAX = "fax", "传真"
    ONLINE = "online", "网上获取"


class State(models.TextChoices):
    """The statute's steps; changed only by disclosure.workflow."""

    REGISTERED = "registered", "已登记"
    UNDER_REVIEW = "under_review", "审查中"
    CORRECTION_REQUESTED = "correction_requested", "已告知补正"
    IN_PROGRESS = "in_progress", "办理中"
    THIRD_PARTY_CONSULTATION = "third_party_consultation", "征求第三方意见"
    OTHER_ORGAN_CONSULTATION = "other_organ_consultation", "征求其他机关意见"
    AWAITING_FEE = "awaiting_fee", "待缴纳信息处理费"
    EXTENDED = "extended", "已延期办理"
    REPLY_PENDING_APPROVAL = "reply_pending_approval", "答复待审批"
    REPLIED = "replied", "已答复"
    CLOSED_WITHOUT_HANDLING = "closed_without_handling", "终止办理"


CONCLUDED_STATES = (State.REPLIED, State.CLOSED_WITHOUT_HANDLING)


class DisclosureRequest(models.Model):
    """An application for government information (条例第二十九条) and where it stands."""

    organisation = models.ForeignKey(
        "cluster.Organisation",
        verbose_name="办理机关",
        on_delete=models.PROTECT,
        related_name="disclosure_requests",
    )
    number = models.CharField("申请编号", max_length=40, unique=True, editable=False)
    access_code_hash = models.CharField(max_length=128, editable=False)
    submission_token = models.CharField(  # noqa: DJ001 - NULL for officer-registered requests
        max_length=64, unique=True, null=True, editable=False
    )
    channel = models.CharField("申请方式", max_length=12, choices=Channel.choices)
    # applicant (条例第二十九条第二款第一项)
    applicant_kind = models.CharField("申请人类型", max_length=10, choices=ApplicantKind.choices)
    legal_kind = models.CharField(
        "法人或其他组织类型", max_length=16, choices=LegalKind.choices, blank=True
    )
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=30)
    id_number = models.CharField("证件号码", max_length=40)
    legal_representative = models.CharField("法定代表人或负责人", max_length=40, blank=True)
    contact_person = models.CharField("联系人", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    # what is asked for (第二项、第三项)
    description = models.TextField("所需信息的名称、文号或者便于查询的其他特征性描述")
    document_number = models.CharField("文号", max_length=80, blank=True)
    information_form = models.CharField(
        "获取信息的形式", max_length=12, choices=InformationForm.choices
    )
    delivery = models.CharField("获取信息的方式", max_length=12, choices=Delivery.choices)
    # dates (第三十一条) and deadline
    submitted_on = models.DateField("提交日期")
    received_on = models.DateField("收到申请日期")
    restarted_on = models.DateField("补正后重新起算日期", null=True, blank=True)
    correction_notice_due = models.DateField("补正告知期限", null=True, blank=True)
    correction_reply_by = models.DateField("补正截止日期", null=True, blank=True)
    correction_requested = models.BooleanField(default=False, editable=False)
    extension_days = models.PositiveSmallIntegerField("延长工作日", default=0)
    due_on = models.DateField("答复期限", null=True, blank=True)
    due_flag = models.CharField("期限提示", max_length=60, blank=True)
    # state
    state = models.CharField(
        "办理状态", max_length=32, choices=State.choices, default=State.REGISTERED
    )
    outcome = models.CharField(
        "办理结果（年报）", max_length=40, choices=OUTCOME_CHOICES, blank=True
    )
    concluded_on = models.DateField("办结日期", null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["organisation", "state"])]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_loaded_state", None)
        if loaded is not None and loaded != self.state and not getattr(self, "_in_workflow", False):
            raise ValidationError("办理状态只能通过办理流程改变。")
        super().save(*args, **kwargs)
        self._loaded_state = self.state

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_state = instance.state
        return instance

    @property
    def applicant_column(self) -> str:
        """The table 三 column: 自然人 or the legal person's sub-kind."""
        return "natural" if self.applicant_kind == ApplicantKind.NATURAL else self.legal_kind

    @property
    def is_concluded(self) -> bool:
        return self.state in CONCLUDED_STATES

    @property
    def is_paused(self) -> bool:
        return self.pauses.filter(ended_on__isnull=True).exists()


def attachment_path(instance, filename):
    """The old public path, named by migration 0001 only (files now use private storage)."""
    return f"disclosure/requests/{instance.request.number}/{filename}"


class RequestAttachment(models.Model):
    """A file the applicant uploaded with the application."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(
        "附件", upload_to=request_attachment_path, storage=private_storage, max_length=200
    )
    name = models.CharField("文件名", max_length=200)

    class Meta:
        verbose_name = "申请附件"
        verbose_name_plural = "申请附件"

    def __str__(self):
        return self.name


class Transition(models.Model):
    """One step of the timeline: who moved the request from which state to which, and why."""

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField("操作", max_length=40)
    from_state = models.CharField(max_length=32, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=32, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.request} {self.action}"


class PauseKind(models.TextChoices):
    THIRD_PARTY = "third_party", "征求第三方意见"
    OTHER_ORGAN = "other_organ", "征求其他机关意见"
    FEE = "fee", "缴纳信息处理费"


class Pause(models.Model):
    """Time not counted towards the reply deadline (第三十二条、第三十三条、第四十二条)."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField(max_length=16, choices=PauseKind.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["started_on", "id"]

    def __str__(self):
        return f"{self.request} {self.get_kind_display()}"


class Reminder(models.Model):
    """A reminder or escalation sent once per request, kind and due date (idempotent jobs)."""

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=30)
    due_on = models.DateField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["request", "kind", "due_on"], name="one_reminder_per_request_kind_due"
            )
        ]

    def __str__(self):
        return f"{self.request} {self.kind} {self.due_on}"


class OfficerNotification(models.Model):
    """An in-app notice shown on an officer's admin dashboard."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="disclosure_notifications"
    )
    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="+")
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.message

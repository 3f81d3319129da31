"""Organisations (机构) of the cluster and the per-organisation role groups."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from ..validators import validate_organisation_code


class OrganisationLevel(models.TextChoices):
    CITY = "city", _("市级")
    COUNTY = "county", _("县（区）级")
    TOWNSHIP = "township", _("乡镇（街道）")
    DEPARTMENT = "department", _("部门")


class Organisation(models.Model):
    """A government organ that owns one site (hostname or portal path) and its content."""

    name = models.CharField(_("机构全称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40)
    slug = models.SlugField(
        _("英文标识"),
        max_length=40,
        unique=True,
        help_text=_("小写字母、数字或连字符；用于子站点路径、主机名前缀和角色组名称。"),
    )
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        validators=[validate_organisation_code],
        help_text=_("18位统一社会信用代码，或旧的9位组织机构代码；用于生成索引号。"),
    )
    level = models.CharField(_("层级"), max_length=12, choices=OrganisationLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    home_page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("站点首页"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="owning_organisation",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("文档与图片库"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="owning_organisation",
    )
    office_name = models.CharField(_("政府信息公开工作机构"), max_length=100, blank=True)
    office_address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    office_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    office_fax = models.CharField(_("传真"), max_length=40, blank=True)
    office_email = models.EmailField(_("电子邮箱"), blank=True)
    office_head = models.CharField(_("公开工作机构负责人"), max_length=40, blank=True)
    single_person_office = models.BooleanField(
        _("公开工作机构仅一人办理"),
        default=False,
        help_text=_(
            "勾选后，答复的起草人可以批准本人起草的答复（仅限只有一名工作人员的机关）；"
            "每次如此批准都记入该申请的办理记录。"
        ),
    )
    # Named in every reply letter's remedy clause (条例第五十一条; 行政复议法 2023年修订).
    reconsideration_organ = models.CharField(
        _("行政复议机关"),
        max_length=100,
        blank=True,
        help_text=_("县级以上人民政府工作部门的行政复议机关为本级人民政府；留空则为上级机构。"),
    )
    competent_court = models.CharField(
        _("管辖法院"), max_length=100, blank=True, help_text=_("例如：云溪市溪城区人民法院")
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("short_name"),
                FieldPanel("slug"),
                FieldPanel("credit_code"),
                FieldPanel("level"),
                FieldPanel("parent"),
                FieldPanel("sort_order"),
            ],
            heading=_("机构信息"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldPanel("office_address"),
                FieldPanel("office_postcode"),
                FieldPanel("office_hours"),
                FieldPanel("office_phone"),
                FieldPanel("office_fax"),
                FieldPanel("office_email"),
                FieldPanel("office_head"),
                FieldPanel("single_person_office"),
            ],
            heading=_("政府信息公开工作机构"),
        ),
        MultiFieldPanel(
            [FieldPanel("reconsideration_organ"), FieldPanel("competent_court")],
            heading=_("答复书救济途径"),
        ),
    ]

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["sort_order", "id"]
        # Object permissions granted per organisation (django-guardian); see cluster.roles.
        permissions = [
            ("manage_organisation", _("管理本单位信息与站点设置")),
            ("manage_users", _("管理本单位用户")),
            ("edit_content", _("编辑本单位内容")),
            ("review_content", _("审核本单位内容")),
            ("handle_requests", _("办理依申请公开")),
            ("approve_requests", _("审批依申请公开答复与延期")),
        ]

    def __str__(self):
        return self.name

    @property
    def remedy_organs(self) -> tuple[str, str]:
        """(行政复议机关, 管辖法院) named in reply letters, with the statutory defaults."""
        organ = self.reconsideration_organ or (self.parent.name if self.parent_id else "")
        return organ or "上一级人民政府", self.competent_court or "有管辖权的人民法院"

    @property
    def site(self):
        """The Wagtail site serving this organisation (the portal's site for path-based ones)."""
        return self.home_page.get_site() if self.home_page_id else None


class OrganisationGroup(models.Model):
    """The auth group that carries one role (cluster.roles) inside one organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="role_groups"
    )
    role = models.CharField(max_length=20)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="organisation_role")

    class Meta:
        verbose_name = _("机构角色组")
        verbose_name_plural = _("机构角色组")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "role"], name="unique_role_per_organisation"
            )
        ]

    def __str__(self):
        return self.group.name

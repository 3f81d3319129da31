"""Per-site settings: footer identifiers, contact and theme (wagtail.contrib.settings)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, PageChooserPanel, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from ..validators import validate_site_id_code

# National entries every government site links to from its footer (国办发〔2017〕47号
# 《政府网站发展指引》): the public-security record registry and 我为政府网站找错.
POLICE_RECORD_REGISTRY = "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode="
ERROR_REPORT_ENTRY = "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode="


def validate_theme(value: str) -> None:
    """Refuse a theme that is not installed."""
    if value not in dict(settings.GOVCMS_THEMES):
        raise ValidationError(_("主题“%(theme)s”不存在。"), params={"theme": value})


def theme_choices():
    return settings.GOVCMS_THEMES


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What every page of one site shows in its footer and meta tags, and the theme it wears."""

    theme = models.CharField(
        _("主题"),
        max_length=40,
        choices=theme_choices,
        default="red",
        validators=[validate_theme],
    )
    site_id_code = models.CharField(
        _("网站标识码"), max_length=10, blank=True, validators=[validate_site_id_code]
    )
    icp_number = models.CharField(_("ICP备案号"), max_length=60, blank=True)
    police_record_number = models.CharField(_("公安机关备案号"), max_length=60, blank=True)
    police_record_url = models.URLField(_("公安机关备案链接"), blank=True)
    conac_url = models.URLField(
        _("党政机关网站标识链接"),
        blank=True,
        help_text=_("开办单位在党政机关网站标识系统中的核验地址。"),
    )
    sponsor = models.CharField(_("主办单位"), max_length=100, blank=True)
    organizer = models.CharField(_("承办单位"), max_length=100, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    contact_address = models.CharField(_("联系地址"), max_length=200, blank=True)
    site_description = models.CharField(_("网站描述"), max_length=200, blank=True)
    site_keywords = models.CharField(_("网站关键词"), max_length=200, blank=True)
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("关于本网站页面"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("页脚“关于本网站”链接指向的页面。"),
    )

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("site_id_code"),
                    FieldPanel("sponsor"),
                    FieldPanel("organizer"),
                    FieldPanel("icp_number"),
                    FieldPanel("police_record_number"),
                    FieldPanel("police_record_url"),
                    FieldPanel("conac_url"),
                ],
                heading=_("页脚标识"),
            ),
            ObjectList(
                [
                    FieldPanel("contact_phone"),
                    FieldPanel("contact_email"),
                    FieldPanel("contact_address"),
                    FieldPanel("site_description"),
                    FieldPanel("site_keywords"),
                    PageChooserPanel("about_page"),
                ],
                heading=_("联系与描述"),
            ),
            ObjectList([FieldPanel("theme")], heading=_("主题")),
        ]
    )

    class Meta:
        verbose_name = _("站点设置")
        verbose_name_plural = _("站点设置")

    @classmethod
    def for_site(cls, site):
        """The settings of `site`, their `site` being that very object (no second query).

        During a GET/HEAD request they come from the process's site table (no query at all).
        """
        from ..site_table import settings_for

        instance = settings_for(site) or super().for_site(site)
        if instance.site_id == site.pk:
            instance.site = site  # every layout shows settings.site.site_name
        return instance

    @property
    def police_record_link(self) -> str:
        """The 公安备案号's page in the national registry (or the link entered by hand)."""
        if self.police_record_url:
            return self.police_record_url
        digits = "".join(re.findall(r"\d", self.police_record_number))
        return f"{POLICE_RECORD_REGISTRY}{digits}" if digits else ""

    @property
    def error_report_link(self) -> str:
        """The national 我为政府网站找错 entry for this site (needs the 网站标识码)."""
        return f"{ERROR_REPORT_ENTRY}{self.site_id_code}" if self.site_id_code else ""

    @property
    def missing_identifiers(self) -> list[str]:
        """Footer identifiers the inspection rules require but this site lacks."""
        required = {
            "site_id_code": "网站标识码",
            "icp_number": "ICP备案号",
            "police_record_number": "公安机关备案号",
            "sponsor": "主办单位",
        }
        return [label for field, label in required.items() if not getattr(self, field)]

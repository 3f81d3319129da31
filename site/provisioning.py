"""Create everything an organisation owns: home page, site, media collection and role groups."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from guardian.shortcuts import assign_perm
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
)

from .models import (
    Organisation,
    OrganisationGroup,
    OrganisationHomePage,
    OrganisationLevel,
    PortalHomePage,
    SiteSettings,
)
from .roles import ROLES

# Sent after an organisation is provisioned; other apps (e.g. catalog) add their own parts.
organisation_provisioned = Signal()


def check_hostname_free(hostname: str, port: int, *, exclude_site_id=None) -> None:
    """Refuse a hostname/port pair another site already serves, naming that site."""
    clash = Site.objects.filter(hostname=hostname, port=port).exclude(id=exclude_site_id).first()
    if clash:
        raise ValidationError(
            "主机名“%(hostname)s:%(port)s”已被站点“%(site)s”使用，请换一个主机名。",
            params={"hostname": hostname, "port": port, "site": clash.site_name or clash.hostname},
        )


@transaction.atomic
def provision_organisation(
    organisation: Organisation,
    *,
    hostname: str | None = None,
    port: int = 80,
    site_name: str = "",
    theme: str | None = None,
    is_default_site: bool = False,
) -> Organisation:
    """Give `organisation` its page subtree, site, collection and role groups (idempotent).

    Without a hostname a non-portal organisation lives at a path under its parent's home page.
    """
    if hostname:
        existing_site = Site.objects.filter(root_page_id=organisation.home_page_id).first()
        check_hostname_free(
            hostname, port, exclude_site_id=existing_site.id if existing_site else None
        )
    home_page = _ensure_home_page(organisation, under_parent=not hostname)
    if hostname:
        site, _created = Site.objects.update_or_create(
            root_page=home_page,
            defaults={
                "hostname": hostname,
                "port": port,
                "site_name": site_name or organisation.name,
                "is_default_site": is_default_site,
            },
        )
        site_settings = SiteSettings.for_site(site)
        if theme:
            site_settings.theme = theme
        site_settings.save()
    collection = _ensure_collection(organisation)
    _ensure_role_groups(organisation, home_page, collection)
    organisation_provisioned.send(sender=Organisation, organisation=organisation)
    return organisation


def _ensure_home_page(organisation: Organisation, *, under_parent: bool) -> Page:
    if organisation.home_page_id:
        return organisation.home_page
    is_portal = organisation.parent_id is None and organisation.level == OrganisationLevel.CITY
    page_class = PortalHomePage if is_portal else OrganisationHomePage
    if under_parent and organisation.parent and organisation.parent.home_page_id:
        parent_page = organisation.parent.home_page
    else:
        parent_page = Page.get_first_root_node()
    home_page = page_class(title=organisation.name, slug=organisation.slug)
    parent_page.add_child(instance=home_page)
    home_page.save_revision().publish()
    organisation.home_page = home_page
    organisation.save(update_fields=["home_page"])
    return home_page


def _ensure_collection(organisation: Organisation) -> Collection:
    if organisation.collection_id:
        return organisation.collection
    collection = Collection.get_first_root_node().add_child(name=organisation.name)
    organisation.collection = collection
    organisation.save(update_fields=["collection"])
    return collection


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _ensure_role_groups(
    organisation: Organisation, home_page: Page, collection: Collection
) -> None:
    access_admin = _permission("wagtailadmin", "access_admin")
    for role in ROLES:
        link = OrganisationGroup.objects.filter(organisation=organisation, role=role.key).first()
        if link is None:
            group, _created = Group.objects.get_or_create(name=f"{organisation.name}·{role.label}")
            OrganisationGroup.objects.create(organisation=organisation, role=role.key, group=group)
        else:
            group = link.group
        group.permissions.add(access_admin)
        for codename in role.page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=home_page, permission=_permission("wagtailcore", codename)
            )
        for codename in role.collection_permissions:
            app_label = "wagtaildocs" if codename.endswith("document") else "wagtailimages"
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(app_label, codename)
            )
        own_site = Site.objects.filter(root_page=home_page).first()
        for codename in role.site_permissions if own_site else ():
            GroupSitePermission.objects.get_or_create(
                group=group, site=own_site, permission=_permission("cluster", codename)
            )
        for codename in role.organisation_permissions:
            assign_perm(f"cluster.{codename}", group, organisation)


def role_group(organisation: Organisation, role_key: str) -> Group:
    """The auth group carrying `role_key` in `organisation`."""
    return OrganisationGroup.objects.get(organisation=organisation, role=role_key).group

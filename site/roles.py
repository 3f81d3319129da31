"""The roles of docs/statute.md §1 and what each may do inside its own organisation.

Every organisation gets one auth group per role. Page rights are Wagtail group page
permissions on the organisation's home page; document/image rights are collection
permissions on its collection; everything else is a django-guardian object permission on
the Organisation row, checked through cluster.permissions.may(). An organisation with its own
site also grants site permissions (its 站点设置) through Wagtail's GroupSitePermission.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    key: str
    label: str
    page_permissions: tuple[str, ...] = ()
    collection_permissions: tuple[str, ...] = ()
    site_permissions: tuple[str, ...] = ()
    organisation_permissions: tuple[str, ...] = ()


MEDIA_PERMISSIONS = (
    "add_document",
    "change_document",
    "choose_document",
    "add_image",
    "change_image",
    "choose_image",
)

ROLES = (
    Role(
        "admin",
        "单位管理员",
        page_permissions=(
            "add_page",
            "change_page",
            "publish_page",
            "lock_page",
            "unlock_page",
            "bulk_delete_page",
        ),
        collection_permissions=MEDIA_PERMISSIONS + ("delete_document", "delete_image"),
        site_permissions=("change_sitesettings",),
        organisation_permissions=(
            "manage_organisation",
            "manage_users",
            "edit_content",
            "review_content",
            "handle_requests",
            "approve_requests",
        ),
    ),
    Role(
        "editor",
        "编辑",
        page_permissions=("add_page", "change_page"),
        collection_permissions=MEDIA_PERMISSIONS,
        organisation_permissions=("edit_content",),
    ),
    Role(
        "reviewer",
        "审核人",
        page_permissions=("change_page",),
        collection_permissions=("choose_document", "choose_image"),
        organisation_permissions=("review_content",),
    ),
    # 复审 of the three-step publishing review (初审 reviewer, 复审 second_reviewer, 终审 head).
    Role(
        "second_reviewer",
        "复审人",
        page_permissions=("change_page",),
        collection_permissions=("choose_document", "choose_image"),
        organisation_permissions=("review_content",),
    ),
    Role("officer", "依申请公开经办人", organisation_permissions=("handle_requests",)),
    Role(
        "head",
        "公开工作机构负责人",
        # The head's 终审 approval publishes the page, so the head needs publish rights.
        page_permissions=("change_page", "publish_page"),
        organisation_permissions=("handle_requests", "approve_requests", "review_content"),
    ),
)

ROLES_BY_KEY = {role.key: role for role in ROLES}

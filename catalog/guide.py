"""政府信息公开指南 (条例第十二条): generated from the organisation's data and catalog tree.

Nothing is stored: the guide is assembled on every request, so it is always current. The
guide node's intro is the editable preface.
"""

from .models import CatalogNodePage, NodeKind


def guide_context(root) -> dict:
    """Sections of the guide for the 专栏 `root`: arrangement, how to obtain, office, channels."""
    organisation = root.organisation
    nodes = list(CatalogNodePage.objects.descendant_of(root).live().public().order_by("path"))
    request_node = next((node for node in nodes if node.node_kind == NodeKind.REQUEST), None)
    return {
        "organisation": organisation,
        "catalog_nodes": [(node, node.depth - root.depth - 1) for node in nodes],
        "request_node": request_node,
        "office_rows": [
            (label, value)
            for label, value in (
                ("机构名称", organisation.office_name or organisation.name),
                ("办公地址", organisation.office_address),
                ("邮政编码", organisation.office_postcode),
                ("办公时间", organisation.office_hours),
                ("联系电话", organisation.office_phone),
                ("传真", organisation.office_fax),
                ("电子邮箱", organisation.office_email),
            )
            if value
        ],
    }

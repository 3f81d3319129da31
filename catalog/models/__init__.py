"""Catalog models, one module per page type (see docs/architecture.md)."""

from .changes import InformationChange  # noqa: F401
from .choices import (  # noqa: F401
    ARTICLE20_NODES,
    Article20Item,
    DisclosureAttribute,
    DisclosureMethod,
    DisclosureScope,
    DocumentClass,
    FivePublics,
    Genre,
    NodeKind,
    ServiceTarget,
    Validity,
)
from .item_page import (  # noqa: F401
    DisclosureItemAttachment,
    DisclosureItemPage,
    PolicyInterpretation,
)
from .node_page import CatalogNodePage  # noqa: F401
from .root_page import CatalogRootPage  # noqa: F401
from .taxonomy import SensitiveWord, TopicCategory  # noqa: F401

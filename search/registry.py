"""Search sources: each content type says how to list its public objects and describe one.

A content type joins the search by registering a SearchSource subclass in its app's
`documents.py`, next to its Elasticsearch Document (see docs/search.md):

    @register
    class ArticleSource(PageSource):
        label = "article"
        verbose_name = "文章"
        model = ArticlePage
        document = ArticleDocument
"""

import dataclasses
import datetime as dt
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

from cluster.personal_data import mask_text

# Text that reaches an index: ID-card and mobile numbers are masked here whatever the source
# forgot (the last line of defence; publishing already refuses them).
MASKED_FIELDS = ("title", "body", "summary", "document_number", "keywords")


@dataclasses.dataclass
class SearchRecord:
    """The common description of one searchable object, whatever its content type."""

    key: str  # "<label>:<primary key>", unique across the cluster
    content_type: str
    title: str
    body: str = ""
    summary: str = ""
    url: str = ""
    organisation_id: int | None = None
    organisation: str = ""
    scope_path: str = ""  # treebeard path of the page (or of its organisation's home page)
    catalog_path: str = ""  # treebeard path of the catalog node, for "search in this node"
    published: dt.datetime | None = None
    document_number: str = ""  # 文号
    keywords: str = ""
    topic: str = ""  # 主题分类
    genre: str = ""  # 体裁
    five_publics: str = ""  # 五公开
    validity: str = ""  # 有效性

    def __post_init__(self):
        for name in MASKED_FIELDS:
            value = getattr(self, name)
            if value:
                setattr(self, name, mask_text(value))

    @property
    def year(self) -> int | None:
        return timezone.localtime(self.published).year if self.published else None


class SearchSource:
    """How one content type is searched. Subclasses set label/verbose_name and implement
    `queryset()` (public objects only), `record(obj)` and `key_for(obj)` when not by pk."""

    label: str = ""
    verbose_name: str = ""
    model = None
    document = None  # the elasticsearch-dsl Document class of this type

    def queryset(self):
        raise NotImplementedError

    def record(self, obj) -> SearchRecord:
        raise NotImplementedError

    def key_for(self, obj) -> str:
        return f"{self.label}:{obj.pk}"

    def get(self, pk):
        """The public object with this primary key, or None when it is not (or no longer) public."""
        return self.queryset().filter(pk=pk).first()

    def handles(self, obj) -> bool:
        """Whether `obj` is of this source's type (pages by their specific class, no query)."""
        cls = getattr(obj, "specific_class", None) or type(obj)
        return self.model is not None and issubclass(cls, self.model)


class PageSource(SearchSource):
    """A source for a Wagtail page type: live, public pages only; scope = the page's path."""

    def queryset(self):
        return self.model.objects.live().public().specific()

    def base_record(self, page, **fields) -> SearchRecord:
        organisation = owning_organisation(page.path)
        return SearchRecord(
            key=self.key_for(page),
            content_type=self.label,
            title=page.title,
            url=page.get_full_url() or "",
            organisation_id=organisation.id if organisation else None,
            organisation=organisation.name if organisation else "",
            scope_path=page.path,
            published=page.first_published_at,
            **fields,
        )


_owners: ContextVar[dict | None] = ContextVar("search_owning_organisations", default=None)


@contextmanager
def remembered_owners():
    """Within the block, pages with the same parent share one owning-organisation lookup
    (whole-index operations read a million pages; siblings have the same owner)."""
    token = _owners.set({})
    try:
        yield
    finally:
        _owners.reset(token)


def owning_organisation(path: str):
    """The organisation whose home page is the nearest ancestor of the page at `path`."""
    from cluster.models import Organisation

    owners = _owners.get()
    parent = path[:-4]
    if owners is not None and parent in owners:
        return owners[parent]
    found = (
        Organisation.objects.filter(home_page__path__in=_ancestor_paths(path))
        .select_related("home_page")
        .order_by("-home_page__depth")
        .first()
    )
    if owners is not None and not (found and found.home_page.path == path):
        owners[parent] = found  # a home page's siblings are other organisations' home pages
    return found


def _ancestor_paths(path: str, steplen: int = 4) -> list[str]:
    return [path[:end] for end in range(steplen, len(path) + 1, steplen)]


_SOURCES: dict[str, SearchSource] = {}
_LISTENERS = []


def register(source_class):
    """Class decorator: make a SearchSource subclass searchable."""
    source = source_class()
    _SOURCES[source.label] = source
    for listener in _LISTENERS:
        listener(source)
    return source_class


def on_register(listener):
    """Call `listener(source)` for every source, those registered already and those to come
    (the indexing signals connect per registered model this way)."""
    _LISTENERS.append(listener)
    for source in list(_SOURCES.values()):
        listener(source)


def unregister(label: str):
    """Remove a source (tests; a content type that leaves the search)."""
    _SOURCES.pop(label, None)


def sources() -> list[SearchSource]:
    return list(_SOURCES.values())


def source(label: str) -> SearchSource | None:
    return _SOURCES.get(label)


def source_for(obj) -> SearchSource | None:
    """The source indexing `obj`, or None."""
    for candidate in _SOURCES.values():
        if candidate.handles(obj):
            return candidate
    return None


def verbose_names() -> dict[str, str]:
    return {label: str(s.verbose_name) for label, s in _SOURCES.items()}

"""Demo catalog content for every demo organisation (idempotent: re-running adds nothing)."""

import datetime as dt

from django.contrib.auth import get_user_model

from cluster import workdays
from cluster.demo.loader import DEMO_PASSWORD
from cluster.provisioning import role_group

from . import demo_content
from .models import CatalogNodePage, DisclosureItemPage, SensitiveWord, TopicCategory
from .relations import link_interpretation
from .tree import ensure_catalog_tree

REVIEW_ACCOUNTS = [("reviewer", "初审"), ("second_reviewer", "复审"), ("head", "终审")]


def load_demo(organisations: dict, log=print) -> list[tuple[str, str, str]]:
    for word, suggestion, note in demo_content.SENSITIVE_WORDS:
        SensitiveWord.objects.get_or_create(
            word=word, defaults={"suggestion": suggestion, "note": note}
        )
    topics = {topic.code: topic for topic in TopicCategory.objects.all()}
    accounts = []
    for key, organisation in organisations.items():
        root = ensure_catalog_tree(organisation)
        specs = demo_content.COMMON_ITEMS + demo_content.OWN_ITEMS.get(key, [])
        created = _ensure_items(organisation, root, specs, topics, key)
        log(f"{organisation.name}: {created} 条新公开信息")
        accounts += _ensure_review_accounts(organisation, key)
    return accounts


def _ensure_items(organisation, root, specs, topics, key) -> int:
    nodes = {node.slug: node for node in CatalogNodePage.objects.descendant_of(root)}
    by_key, created = {}, 0
    for spec in specs:
        node = nodes[spec["node"]]
        item = DisclosureItemPage.objects.child_of(node).filter(slug=spec["key"]).first()
        if item is None:
            item = _new_item(organisation, spec, topics, key)
            node.add_child(instance=item)
            item.save_revision().publish()
            item.refresh_from_db()
            created += 1
        by_key[spec["key"]] = item
    for spec in specs:
        if "interprets" in spec:
            interpretation = by_key[spec["key"]]
            if not interpretation.interpreted_policy_links.exists():
                link_interpretation(interpretation, by_key[spec["interprets"]])
    return created


def _date(parts):
    return dt.date(*parts) if parts else None


def _new_item(organisation, spec, topics, key) -> DisclosureItemPage:
    written = _date(spec["written"])
    names = {"org": organisation.name, "abbr": demo_content.DOCUMENT_PREFIX[key]}
    number = spec.get("document_number", "")
    if spec.get("number"):
        serial = sum(map(ord, spec["key"])) % 90 + 1
        number = f"{names['abbr']}〔{written.year}〕{serial}号"
    title = spec["title"].format(**names)
    body = "".join(f"<p>{'一二三四五'[i]}、{point}</p>" for i, point in enumerate(spec["points"]))
    return DisclosureItemPage(
        title=title,
        slug=spec["key"],
        summary=spec["summary"],
        body=f"<p>{spec['summary']}</p>{body}",
        document_number=number,
        written_date=written,
        publish_date=_publish_date(written),
        effective_date=_date(spec.get("effective")),
        valid_until=_date(spec.get("valid_until")),
        topic=topics[spec["topic"]],
        genre=spec["genre"],
        five_publics=spec["five"],
        article20_item=spec.get("article20"),
        document_class=spec.get("document_class", "other"),
        validity=spec.get("validity", "valid"),
        validity_changed_on=_date(spec.get("validity_changed_on")),
        responsible_department=organisation.office_name,
        keywords=_keywords(organisation, title, spec["summary"]),
    )


# Words every demo title shares; as keywords they would tell a reader nothing.
KEYWORD_STOP_WORDS = {
    "通知", "关于", "印发", "有关", "工作", "云溪", "云溪市", "实施", "进一步", "若干", "办法",
    "方案", "意见", "决定", "推出", "说明", "开展", "公告", "青山", "青山县",
}  # fmt: skip


def _keywords(organisation, title: str, summary: str) -> str:
    """关键词: the five most telling words of title and summary (jieba's TF-IDF extraction)."""
    import jieba.analyse

    text = title.replace(organisation.name, "") + "。" + summary
    words = [
        word
        for word in jieba.analyse.extract_tags(text, topK=15)
        if word not in KEYWORD_STOP_WORDS and not word.isdigit()
    ]
    return " ".join(words[:5])


def _publish_date(written: dt.date) -> dt.date:
    """Published a few working days after it was written, as a diligent office would."""
    try:
        return workdays.add_working_days(written, 3)
    except workdays.CalendarYearMissing:
        return written


def _ensure_review_accounts(organisation, key) -> list[tuple[str, str, str]]:
    User = get_user_model()
    accounts = []
    for role, step in REVIEW_ACCOUNTS:
        username = f"{key}_{role}"
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": f"{organisation.short_name}{step}"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(role_group(organisation, role))
        accounts.append((username, DEMO_PASSWORD, f"{organisation.short_name}·{step}审核人"))
    return accounts

"""The shared data generator (issue #7): a realistic cluster of organisations with their
articles, disclosure items, approval-result notices and disclosure requests, at any scale.

Seeded: every stage draws from its own `random.Random` stream named after the seed, the
stage and the organisation, so the same seed gives the same data (titles, dates, 索引号,
文号, metadata), and adding organisations does not change the others' data. Dates are
relative to REFERENCE_DAY, not to the day the generator runs.

Organisations are provisioned the normal way (site, role groups, media collection, catalog
tree, columns); the bulk content is inserted with `bench.pages.add_children` (computed tree
paths, bulk inserts), approval results through the real intake (`approvals.ingest`, COPY on
PostgreSQL) and requests with `approvals.bulk.insert`.
"""

import datetime as dt
import random
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.utils.html import format_html_join

from catalog import demo_content as catalog_demo
from catalog import index_numbers
from catalog.models import (
    CatalogNodePage,
    CatalogRootPage,
    DisclosureItemPage,
    FivePublics,
    NodeKind,
    ServiceTarget,
    TopicCategory,
)
from cluster import numbering, workdays
from cluster.demo import content as site_demo
from cluster.models import ArticlePage, ColumnPage, Organisation, OrganisationLevel
from cluster.provisioning import provision_organisation
from cluster.validators import credit_code_check_character, org_code_check_character

from . import vocabulary as words
from .pages import add_children

SHANGHAI = ZoneInfo("Asia/Shanghai")
REFERENCE_DAY = dt.date(2026, 11, 20)  # generated data's "today"
FIRST_DAY = dt.date(2015, 1, 1)
BATCH = 2000
# Every generated request shares this access code (hashing one per request would cost more
# than the rest of the generator): the status page is reachable for any of them.
ACCESS_CODE = "BENCHKEY26"  # ten characters of the access-code alphabet
SOURCE_CODE = "bench"
ITEM_NODE_SHARES = {"gzhgfxwj": 4, "qtzdgk": 3, "zd": 1}  # other statutory nodes: 1 each


@dataclass
class Counts:
    organisations: int = 50
    items: int = 1_000_000
    articles: int = 100_000
    approvals: int = 200_000
    requests: int = 50_000


Progress = Callable[[str, int], object]  # (description, total) → context manager with update(n)


def _no_progress(description, total):
    class _Bar:
        def update(self, n):
            pass

    return nullcontext(_Bar())


def generate(
    counts: Counts, seed: int = 1, progress: Progress = _no_progress, log=print
) -> dict[str, int]:
    """Create the cluster described by `counts`; returns what was added per kind."""
    organisations = ensure_organisations(counts.organisations, log=log)
    added = {"organisations": len(organisations)}
    added["items"] = add_items(organisations, counts.items, seed, progress)
    added["articles"] = add_articles(organisations, counts.articles, seed, progress)
    added["approvals"] = add_approvals(organisations, counts.approvals, seed, progress)
    added["requests"] = add_requests(organisations, counts.requests, seed, progress)
    ensure_annual_reports(organisations)
    analyze()
    return added


def rng_for(seed: int, stage: str, key: str = "") -> random.Random:
    return random.Random(f"{seed}:{stage}:{key}")


def split(total: int, weights: list[float]) -> list[int]:
    """`total` split in proportion to `weights` (largest remainder; sums exactly)."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: (counts[i] - shares[i], i))
    for index in by_remainder[: total - sum(counts)]:
        counts[index] += 1
    return counts


# --- organisations ---------------------------------------------------------------------


def organisation_specs(count: int) -> list[dict]:
    """The first `count` organisations: the demo's five, then city departments and counties."""
    specs = []
    for spec in site_demo.ORGANISATIONS:
        specs.append(
            {
                "slug": spec["key"],
                "name": spec["name"],
                "short_name": spec["short_name"],
                "level": spec["level"],
                "credit_code": spec["credit_code"],
                "office": spec["office"],
                "theme": spec["theme"],
                "site_name": spec["site_name"],
            }
        )
    extra = [(s, words.CITY + n, short, "department") for s, n, short in words.DEPARTMENTS]
    extra += words.COUNTIES
    for number, (slug, name, short_name, level) in enumerate(extra, start=len(specs) + 1):
        org8 = f"{43990000 + number * 7:08d}"
        first17 = f"114399{org8}{org_code_check_character(org8)}00"[:17]
        specs.append(
            {
                "slug": slug,
                "name": name,
                "short_name": short_name,
                "level": level,
                "credit_code": first17 + credit_code_check_character(first17),
                "office": {
                    "name": f"{name}办公室",
                    "address": f"{words.CITY}溪城区迎宾大道{number}号",
                    "hours": "工作日上午8:30—12:00，下午14:30—17:30",
                    "phone": f"0739-88{number:05d}"[:14],
                    "fax": "",
                    "email": f"{slug}@yunxi.gov.cn",
                    "head": "",
                },
                "theme": ("blue", "red", "green")[number % 3],
                "site_name": f"{name}网站",
            }
        )
    if count > len(specs):
        raise ValueError(f"最多可生成 {len(specs)} 个机构")
    return specs[:count]


def ensure_organisations(count: int, log=print) -> list[Organisation]:
    """Create and provision the organisations (idempotent: existing ones are kept)."""
    from cluster.demo.loader import _drop_wagtail_welcome_site

    _drop_wagtail_welcome_site()  # its site holds the hostname the portal takes
    organisations = []
    portal = None
    for order, spec in enumerate(organisation_specs(count)):
        office = spec["office"]
        organisation = Organisation.objects.filter(slug=spec["slug"]).first()
        if organisation is None:
            with transaction.atomic():  # an interrupted run leaves no half-provisioned one
                organisation = _provisioned(spec, office, portal, order)
            log(f"已开通机构：{organisation.name}")
        portal = portal or organisation
        organisations.append(organisation)
    return organisations


def _provisioned(spec, office, portal, order) -> Organisation:
    organisation = Organisation.objects.create(
        slug=spec["slug"],
        name=spec["name"],
        short_name=spec["short_name"],
        credit_code=spec["credit_code"],
        level=OrganisationLevel(spec["level"]),
        parent=portal,
        sort_order=order,
        office_name=office["name"],
        office_address=office["address"],
        office_hours=office["hours"],
        office_phone=office["phone"],
        office_email=office["email"],
        office_head=office["head"],
    )
    provision_organisation(
        organisation,
        hostname="localhost" if portal is None else f"{spec['slug']}.localhost",
        site_name=spec["site_name"],
        theme=spec["theme"],
        is_default_site=portal is None,
    )
    ensure_columns(organisation)
    return organisation


COLUMNS = [  # (slug, title, column type)
    ("gzdt", "工作动态", "news"),
    ("tzgg", "通知公告", "notice"),
    ("zcwj", "政策文件", "policy"),
    ("zcjd", "政策解读", "other"),
]


def ensure_columns(organisation) -> list[ColumnPage]:
    home = organisation.home_page
    columns = []
    for slug, title, kind in COLUMNS:
        column = ColumnPage.objects.child_of(home).filter(slug=slug).first()
        if column is None:
            column = ColumnPage(title=title, slug=slug, column_type=kind, show_in_menus=True)
            home.add_child(instance=column)
            column.save_revision().publish()
        columns.append(column)
    return columns


def per_organisation(organisations, total: int, seed: int, stage: str):
    """(organisation, count, rng) for each organisation: `total` split with bigger shares for
    the portal and the demo organisations and a spread for the rest; one seeded rng each."""
    weights_rng = rng_for(seed, stage, "weights")
    weights = [
        (3.0 if index == 0 else 1.5 if index < 5 else 1.0) * weights_rng.uniform(0.6, 1.4)
        for index, _org in enumerate(organisations)
    ]
    for organisation, count in zip(organisations, split(total, weights), strict=True):
        yield organisation, count, rng_for(seed, stage, organisation.slug)


def _published(rng, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(
        day, dt.time(rng.randint(8, 17), rng.randint(0, 59)), tzinfo=SHANGHAI
    )


def _days(rng, count: int) -> list[dt.date]:
    span = (REFERENCE_DAY - FIRST_DAY).days
    return sorted(FIRST_DAY + dt.timedelta(days=rng.randrange(span)) for _ in range(count))


def _body(rng, sentences: int) -> list[str]:
    return ["".join(rng.sample(words.SENTENCES, 2)) for _ in range(max(1, sentences // 2))]


# --- articles ----------------------------------------------------------------------------


def _article_title(rng, organisation, kind) -> str:
    topic = rng.choice(words.TOPICS)
    if kind == "news":
        return f"{organisation.short_name}{rng.choice(words.ACTIONS)}{topic}{rng.choice(words.NEWS_NOUNS)}"
    if kind == "notice":
        return f"关于{rng.choice(words.ACTIONS)}{topic}工作{rng.choice(['的通知', '的公告', '的公示'])}"
    if kind == "policy":
        return f"{organisation.name}关于印发《{words.CITY}{topic}{rng.choice(words.POLICY_KINDS)}》的通知"
    return f"图解：《{words.CITY}{topic}{rng.choice(words.POLICY_KINDS)}》政策解读"


def add_articles(organisations, total: int, seed: int, progress: Progress = _no_progress) -> int:
    with progress("文章", total) as bar:
        for organisation, count, rng in per_organisation(organisations, total, seed, "articles"):
            columns = ensure_columns(organisation)
            for column, share in zip(columns, split(count, [4, 3, 2, 1]), strict=True):
                column.refresh_from_db(fields=["numchild"])
                first = column.numchild + 1
                for start in range(0, share, BATCH):
                    size = min(BATCH, share - start)
                    rows = []
                    for offset, day in enumerate(_days(rng, size)):
                        paragraphs = _body(rng, 6)
                        rows.append(
                            {
                                "title": _article_title(rng, organisation, column.column_type),
                                "slug": f"a{first + start + offset}",
                                "first_published_at": _published(rng, day),
                                "search_description": paragraphs[0][:120],
                                "keywords": ",".join(rng.sample(words.TOPICS, 3)),
                                "author": rng.choice(words.AUTHORS),
                                "source": organisation.name,
                                "summary": paragraphs[0][:120],
                                "body": format_html_join(
                                    "", "<p>{}</p>", ((p,) for p in paragraphs)
                                ),
                            }
                        )
                    add_children(column, ArticlePage, rows, rng=rng)
                    bar.update(size)
    return total


# --- disclosure items --------------------------------------------------------------------


def item_nodes(organisation) -> list[tuple[CatalogNodePage, int]]:
    """(node, weight) of the catalog nodes an organisation files items in."""
    root = CatalogRootPage.objects.get(organisation=organisation)
    nodes = CatalogNodePage.objects.descendant_of(root).filter(
        node_kind__in=[NodeKind.RULES, NodeKind.STATUTORY_ITEM]
    )
    return [(node, ITEM_NODE_SHARES.get(node.slug, 1)) for node in nodes.order_by("path")]


def add_items(organisations, total: int, seed: int, progress: Progress = _no_progress) -> int:
    with progress("公开信息", total) as bar:
        for organisation, count, rng in per_organisation(organisations, total, seed, "items"):
            nodes = item_nodes(organisation)
            shares = split(count, [weight for _node, weight in nodes])
            for (node, _weight), share in zip(nodes, shares, strict=True):
                fill_node(node, share, rng, progress=bar.update)
    return total


def fill_node(node, count: int, rng: random.Random, progress=None) -> None:
    """Add `count` published items with realistic metadata under catalog node `node`."""
    organisation = node.catalog_root.organisation
    topics = list(
        TopicCategory.objects.exclude(parent=None).order_by("code").values_list("id", flat=True)
    )
    pattern = index_numbers.pattern_for(organisation)
    prefix = catalog_demo.DOCUMENT_PREFIX.get(
        organisation.slug, f"云{organisation.short_name.removeprefix('市')[:1]}发"
    )
    genres = list(words.GENRE_TITLES)
    done, first = 0, node.get_children().count() + 1
    while done < count:
        size = min(BATCH, count - done)
        days = _days(rng, size)
        with transaction.atomic():
            serials = _reserve_serials(organisation, days, pattern)
            rows = []
            for offset, (day, serial) in enumerate(zip(days, serials, strict=True)):
                genre = rng.choice(genres)
                topic = rng.choice(words.TOPICS)
                if rng.random() < 0.5:
                    subject = f"印发《{words.CITY}{topic}{rng.choice(words.POLICY_KINDS)}》"
                else:
                    subject = f"{rng.choice(words.ACTIONS)}{topic}工作"
                numbered = rng.random() < 0.7
                validity = rng.choices(("valid", "expired", "repealed"), (90, 5, 5))[0]
                paragraphs = _body(rng, 4)
                rows.append(
                    {
                        "title": f"{organisation.name}关于{subject}{words.GENRE_TITLES[genre]}",
                        "slug": f"i{first + offset}",
                        "first_published_at": _published(rng, day),
                        "organisation_id": organisation.id,
                        "index_number": index_numbers.format_index_number(
                            pattern, organisation, day, serial
                        ),
                        "document_number": f"{prefix}〔{day.year}〕{serial}号" if numbered else "",
                        "written_date": day - dt.timedelta(days=rng.randint(0, 10)),
                        "publish_date": day,
                        "topic_id": rng.choice(topics),
                        "genre": genre,
                        "service_target": rng.choice(ServiceTarget.values),
                        "five_publics": rng.choice(FivePublics.values),
                        "validity": validity,
                        "validity_changed_on": None
                        if validity == "valid"
                        else min(REFERENCE_DAY, day + dt.timedelta(days=rng.randint(30, 900))),
                        "article20_item": node.article20_item,
                        "summary": paragraphs[0][:200],
                        "body": format_html_join("", "<p>{}</p>", ((p,) for p in paragraphs)),
                        "keywords": ",".join(rng.sample(words.TOPICS, 2)),
                    }
                )
            add_children(node, DisclosureItemPage, rows, rng=rng)
        done += size
        first += size
        if progress:
            progress(size)


def _reserve_serials(organisation, days, pattern) -> list[int]:
    """Serials for items published on `days` (sorted), from the one numbering service."""
    serials = []
    for year in sorted({day.year for day in days}):
        needed = sum(1 for day in days if day.year == year)
        scope = index_numbers.index_scope(organisation, dt.date(year, 1, 1), pattern)
        serials.extend(numbering.reserve(scope, needed))
    return serials


# --- approval results --------------------------------------------------------------------


def add_approvals(organisations, total: int, seed: int, progress: Progress = _no_progress) -> int:
    """Approval-result notices through the real intake (validation, masking, COPY)."""
    from disclosure.approvals.documents import reindex_results
    from disclosure.approvals.models import (
        ApprovalItem,
        ApprovalResult,
        ApprovalSource,
        results_changed,
    )
    from disclosure.approvals.simulator import ITEMS

    for organisation in organisations:  # the approval items (guides) the simulator knows
        for item in ITEMS.get(organisation.slug, []):
            ApprovalItem.objects.update_or_create(
                code=item["code"], defaults={**item, "organisation": organisation}
            )
    if not total:
        return 0
    reporting = organisations[1:] or organisations
    source, _created = ApprovalSource.objects.get_or_create(
        code=SOURCE_CODE, defaults={"name": "基准数据报送来源", "token_hash": "-" * 64}
    )
    source.organisations.add(*reporting)
    accepted = 0
    # A bulk load: `search_reindex` indexes everything afterwards (one task per 200 results
    # would flood the queue).
    results_changed.disconnect(reindex_results, sender=ApprovalResult)
    try:
        accepted = _ingest_chunks(source, reporting, total, seed, progress)
    finally:
        results_changed.connect(reindex_results, sender=ApprovalResult)
    return accepted


def _ingest_chunks(source, reporting, total, seed, progress) -> int:
    from disclosure.approvals.ingest import ingest
    from disclosure.approvals.simulator import generate as simulate

    now = dt.datetime.combine(REFERENCE_DAY, dt.time(18), tzinfo=SHANGHAI)
    accepted = 0
    with progress("许可结果", total) as bar:
        for chunk, start in enumerate(range(0, total, 5000)):
            size = min(5000, total - start)
            records = simulate(
                reporting,
                size,
                seed=seed * 100_000 + chunk,
                invalid_ratio=0,
                prefix=f"{chunk:03d}",
                today=REFERENCE_DAY,
            )
            outcomes = ingest(source, records, now=now)
            accepted += sum(1 for outcome in outcomes if outcome.outcome == "accepted")
            bar.update(size)
    return accepted


# --- disclosure requests -----------------------------------------------------------------

REQUEST_SUBJECTS = [
    "{year}年度{topic}专项资金分配情况",
    "{topic}项目的立项批复文件",
    "{year}年{topic}工作的实施方案及完成情况",
    "本单位{year}年{topic}相关会议纪要",
    "{topic}领域行政处罚决定书（{year}年）",
]


def add_requests(organisations, total: int, seed: int, progress: Progress = _no_progress) -> int:
    """Applications in every stage of handling; concluded ones with their reply."""
    from disclosure import access_codes
    from disclosure.approvals.bulk import insert
    from disclosure.models import DisclosureRequest, Reply, Transition
    from disclosure.models.requests import ApplicantKind, Channel, Delivery, InformationForm

    if not total:
        return 0
    code_hash = access_codes.make(ACCESS_CODE)
    now = dt.datetime.combine(REFERENCE_DAY, dt.time(18), tzinfo=SHANGHAI)
    with progress("依申请公开", total) as bar:
        for organisation, count, rng in per_organisation(organisations, total, seed, "requests"):
            for start in range(0, count, BATCH):
                size = min(BATCH, count - start)
                rows, concluded = [], []
                days = [max(day, dt.date(2019, 1, 1)) for day in _days(rng, size)]
                received_days = [workdays.next_working_day(d - dt.timedelta(days=1)) for d in days]
                with transaction.atomic():
                    numbers = _request_numbers(organisation, received_days)
                for day, received, number in zip(days, received_days, numbers, strict=True):
                    year = received.year
                    kind = rng.choice(ApplicantKind.values)
                    state = (
                        "replied"
                        if received < REFERENCE_DAY - dt.timedelta(days=40)
                        else (rng.choice(["registered", "under_review", "in_progress"]))
                    )
                    subject = rng.choice(REQUEST_SUBJECTS).format(
                        year=year - 1, topic=rng.choice(words.TOPICS)
                    )
                    rows.append(
                        {
                            "organisation_id": organisation.id,
                            "number": number,
                            "access_code_hash": code_hash,
                            "channel": rng.choice(Channel.values),
                            "applicant_kind": kind,
                            "legal_kind": "business" if kind == "legal" else "",
                            "applicant_name": f"{rng.choice('王李张刘陈杨黄赵吴周')}{rng.choice(['建华', '秀英', '志强', '丽娟', '海燕'])}"
                            if kind == "natural"
                            else f"云溪{rng.choice(words.TOPICS)[:2]}咨询有限公司",
                            "id_type": "身份证" if kind == "natural" else "统一社会信用代码",
                            "id_number": "",
                            "legal_representative": "",
                            "contact_person": "",
                            "phone": f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}",
                            "email": "",
                            "address": f"{words.CITY}溪城区人民路{rng.randint(1, 300)}号",
                            "postcode": "439000",
                            "description": f"申请公开{organisation.name}{subject}。",
                            "document_number": "",
                            "information_form": rng.choice(InformationForm.values),
                            "delivery": rng.choice(Delivery.values),
                            "submitted_on": day,
                            "received_on": received,
                            "extension_days": 0,
                            "due_on": workdays.add_working_days(received, 20),
                            "due_flag": "",
                            "state": state,
                            "outcome": "disclosed" if state == "replied" else "",
                            "concluded_on": workdays.add_working_days(received, rng.randint(5, 19))
                            if state == "replied"
                            else None,
                            "correction_requested": False,
                            "created_at": now,
                        }
                    )
                with transaction.atomic():
                    ids = insert(DisclosureRequest, rows)
                    insert(
                        Transition,
                        [
                            {
                                "request_id": pk,
                                "action": "register",
                                "from_state": "",
                                "to_state": "registered",
                                "at": now,
                                "note": "网上申请，收到申请日期 " + row["received_on"].isoformat(),
                            }
                            for pk, row in zip(ids, rows, strict=True)
                        ],
                    )
                    for pk, row in zip(ids, rows, strict=True):
                        if row["state"] == "replied":
                            concluded.append(
                                {
                                    "request_id": pk,
                                    "kind": "disclosed",
                                    "outcome": "disclosed",
                                    "details": "经审查，您申请的政府信息予以公开，详见附件。",
                                    "legal_basis": "《中华人民共和国政府信息公开条例》第三十六条第二项",
                                    "document_number": "",
                                    "approved_on": row["concluded_on"],
                                    "letter": "",
                                    "delivery_method": "电子邮件",
                                    "delivered_on": row["concluded_on"],
                                    "publish": False,
                                    "public_summary": "",
                                }
                            )
                    _number_replies(organisation, concluded)
                    insert(Reply, concluded)
                bar.update(size)
    return total


def _request_numbers(organisation, received_days) -> list[str]:
    """申请编号 for requests received on `received_days` (sorted), from cluster.numbering."""
    from disclosure.registration import format_request_number, request_scope

    numbers = []
    for year in sorted({day.year for day in received_days}):
        needed = sum(1 for day in received_days if day.year == year)
        serials = numbering.reserve(request_scope(organisation, year), needed)
        numbers.extend(format_request_number(organisation, year, s) for s in serials)
    return numbers


def _number_replies(organisation, replies) -> None:
    """Each reply's 文号, reserved per year of approval from cluster.numbering."""
    from disclosure.letters import format_reply_number, reply_scope

    for year in sorted({reply["approved_on"].year for reply in replies}):
        batch = [reply for reply in replies if reply["approved_on"].year == year]
        serials = numbering.reserve(reply_scope(organisation, year), len(batch))
        for reply, serial in zip(batch, serials, strict=True):
            reply["document_number"] = format_reply_number(organisation, year, serial)


def ensure_annual_reports(organisations) -> None:
    """Each organisation's published annual report for the year before REFERENCE_DAY."""
    from disclosure.models import AnnualReport

    for organisation in organisations:
        AnnualReport.objects.get_or_create(
            organisation=organisation,
            year=REFERENCE_DAY.year - 1,
            defaults={
                "overview": f"<p>{REFERENCE_DAY.year - 1}年，{organisation.name}认真贯彻落实"
                "《中华人民共和国政府信息公开条例》，持续推进政务公开工作。</p>",
                "live": True,
            },
        )


def analyze() -> None:
    """Refresh planner statistics after a bulk load, as autovacuum eventually would."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


__all__ = ["Counts", "generate", "fill_node", "REFERENCE_DAY", "ACCESS_CODE"]

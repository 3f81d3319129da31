"""Demo data: approval items with service guides, the approval system as a source, and its
first 200 reported records. `manage.py play_approval_system` plays the approval system further,
against the running site (or in-process) with the token printed here.
"""

from collections import Counter

from .ingest import ingest
from .models import ApprovalItem, ApprovalSource, hash_token
from .simulator import ITEMS, generate

DEMO_SOURCE_CODE = "yunxi-xzsp"
DEMO_RECORDS = 200
# A fixed token so the demo can be replayed; a real deployment issues tokens in the admin.
DEMO_TOKEN = "demo-yunxi-approval-system-token-2026"


def load_demo(organisations, log=print):
    """Create the demo approval items and the demo source (idempotent)."""
    for slug, items in ITEMS.items():
        organisation = organisations.get(slug)
        if organisation is None:
            continue
        for item in items:
            ApprovalItem.objects.update_or_create(
                code=item["code"], defaults={**item, "organisation": organisation}
            )
    source, _created = ApprovalSource.objects.update_or_create(
        code=DEMO_SOURCE_CODE,
        defaults={
            "name": "云溪市一体化政务服务平台（演示）",
            "token_hash": hash_token(DEMO_TOKEN),
            "token_hint": DEMO_TOKEN[:8],
            "active": True,
        },
    )
    reporting = [org for slug, org in organisations.items() if slug != "portal"]
    source.organisations.set(reporting)
    # The same seed replays the same records, so a second run leaves them unchanged.
    outcomes = Counter(
        o.outcome for o in ingest(source, generate(reporting, DEMO_RECORDS, seed=2026))
    )
    log(
        f"行政许可结果报送来源“{source.name}”（source={DEMO_SOURCE_CODE}），演示令牌：{DEMO_TOKEN}；"
        f"已报送演示数据：新增 {outcomes['accepted']}，无变化 {outcomes['unchanged']}，"
        f"拒收 {outcomes['rejected']}。运行 manage.py play_approval_system 可继续模拟报送。"
    )
    return []

"""Demo data: approval items with service guides, and the approval system as a source.

Records themselves come from `manage.py play_approval_system`, which plays the approval
system against the running site (or in-process) with the token printed here.
"""

from .models import ApprovalItem, ApprovalSource, hash_token
from .simulator import ITEMS

DEMO_SOURCE_CODE = "yunxi-xzsp"
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
    source.organisations.set([org for slug, org in organisations.items() if slug != "portal"])
    log(
        f"行政许可结果报送来源“{source.name}”（source={DEMO_SOURCE_CODE}），演示令牌：{DEMO_TOKEN}；"
        "运行 manage.py play_approval_system 模拟审批系统报送数据"
    )
    return []

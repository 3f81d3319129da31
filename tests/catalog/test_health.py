"""The site-health monitor reports disclosure items published too late."""

import datetime as dt

from catalog.models import CatalogNodePage
from cluster.health import inspect_site
from tests.catalog.factories import add_item
from tests.helpers import make_organisation


def test_late_item_is_a_health_finding_with_a_fix_link(db):
    portal = make_organisation("portal", hostname="www.example.gov.cn")
    department = make_organisation("fgw", hostname="fgw.example.gov.cn", parent=portal)
    node = CatalogNodePage.objects.descendant_of(department.home_page).get(article20_item=3)
    today = dt.date.today()
    late = add_item(
        node, title="迟发的规划", written_date=today - dt.timedelta(days=90), publish_date=today
    )
    add_item(
        node, title="按时的规划", written_date=today - dt.timedelta(days=3), publish_date=today
    )
    run = inspect_site(department.site, check_external_links=False)
    findings = run.findings.filter(rule="late_disclosure_item")
    assert [f.message.split("”")[0] for f in findings] == ["“迟发的规划"]
    assert findings[0].fix_url == f"/admin/pages/{late.id}/edit/"

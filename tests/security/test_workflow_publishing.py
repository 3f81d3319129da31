"""Issue #12 (2): governed catalog items are published by the three-step review only."""

import pytest
from wagtail.models import PageLogEntry

from catalog.models import DisclosureItemPage
from cluster.publishing import OUTSIDE_WORKFLOW
from tests.catalog.factories import add_item, node
from tests.catalog.test_items import _form_data
from tests.helpers import DEPT_HOST, make_user

pytestmark = pytest.mark.django_db


def _edit(client, item, **extra):
    data = _form_data(title=item.title, slug=item.slug) | extra
    return client.post(f"/admin/pages/{item.id}/edit/", data, HTTP_HOST=DEPT_HOST)


@pytest.mark.parametrize("role", ["admin", "head"])
def test_no_role_sees_a_publish_button_or_publishes_by_crafted_post(client, dept, role):
    item = add_item(node(dept, "xzxk"), publish=False)
    client.force_login(make_user(f"fgw_{role}", dept, role))
    page = client.get(f"/admin/pages/{item.id}/edit/", HTTP_HOST=DEPT_HOST)
    assert page.status_code == 200
    assert 'name="action-publish"' not in page.content.decode()
    _edit(client, item, **{"action-publish": "1"})
    item.refresh_from_db()
    assert not item.live  # saved as a draft at most, never live
    added = client.post(
        f"/admin/pages/add/catalog/disclosureitempage/{node(dept, 'xzxk').id}/",
        _form_data(slug="crafted") | {"action-publish": "1"},
        HTTP_HOST=DEPT_HOST,
    )
    assert added.status_code in (200, 302)
    assert not DisclosureItemPage.objects.filter(slug="crafted", live=True).exists()


def test_bulk_publish_and_revision_revert_are_refused(client, dept):
    item = add_item(node(dept, "xzxk"), publish=False)
    revision = item.save_revision()
    client.force_login(make_user("fgw_admin", dept, "admin"))
    client.post(f"/admin/bulk/wagtailcore/page/publish/?id={item.id}", {}, HTTP_HOST=DEPT_HOST)
    item.refresh_from_db()
    assert not item.live
    revert = _edit(client, item, revision=str(revision.id), **{"action-publish": "1"})
    assert revert.status_code in (200, 302)
    item.refresh_from_db()
    assert not item.live
    assert not item.permissions_for_user(make_user("x", dept, "head")).can_publish()


def test_the_review_still_publishes_and_superuser_publishing_is_recorded(client, dept, admin_user):
    item = add_item(node(dept, "xzxk"), publish=False)
    client.force_login(admin_user)
    _edit(client, item, **{"action-publish": "1"})
    item.refresh_from_db()
    assert item.live
    entry = PageLogEntry.objects.get(page=item, action=OUTSIDE_WORKFLOW)
    assert entry.user == admin_user
    history = client.get(f"/admin/pages/{item.id}/history/", HTTP_HOST=DEPT_HOST)
    assert "未经审核流程发布（紧急发布）" in history.content.decode()


def test_ungoverned_pages_keep_their_publish_button(client, dept):
    from tests.helpers import make_column

    column = make_column(dept.home_page.specific, "news")
    client.force_login(make_user("fgw_admin", dept, "admin"))
    page = client.get(f"/admin/pages/{column.id}/edit/", HTTP_HOST=DEPT_HOST)
    assert 'name="action-publish"' in page.content.decode()

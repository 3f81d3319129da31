"""Point 2: 索引号 generation: pattern, uniqueness, immutability, gap-free under concurrency."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from catalog.index_numbers import format_index_number, validate_pattern
from catalog.models import DisclosureItemPage

from .factories import add_item, node, root_of

pytestmark = [pytest.mark.django_db, pytest.mark.backends]


def test_default_pattern_is_org_code_year_and_five_digit_serial(dept):
    first = add_item(node(dept, "xzxk"), publish_date=dt.date(2025, 5, 6))
    second = add_item(node(dept, "xzxk"), publish_date=dt.date(2025, 5, 7))
    other_year = add_item(node(dept, "xzxk"), publish_date=dt.date(2026, 1, 5))
    assert first.index_number == f"{dept.credit_code}/2025-00001"
    assert second.index_number == f"{dept.credit_code}/2025-00002"
    assert other_year.index_number == f"{dept.credit_code}/2026-00001"


def test_organisation_pattern_is_configurable(dept):
    root = root_of(dept)
    root.index_number_pattern = "{org_slug}-{year}{month}-{serial:06d}"
    root.save_revision().publish()
    item = add_item(
        node(dept, "xzxk"), publish_date=dt.date(2014, 12, 3), written_date=dt.date(2014, 12, 1)
    )
    assert item.index_number == "fgw-201412-000001"


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("{org_code}/{year}", "必须包含流水号"),
        ("{org}/{serial}", "未知占位符"),
        ("{org_code}/{serial:abc}", "流水号格式"),
        ("{org_code}/{serial", "格式有误"),
    ],
)
def test_bad_patterns_are_refused_in_chinese(pattern, message):
    with pytest.raises(ValidationError, match=message):
        validate_pattern(pattern)


def test_format_keeps_local_variants(dept):
    assert (
        format_index_number("yyzwzx-{year}-{serial:06d}", dept, dt.date(2010, 1, 1), 23)
        == "yyzwzx-2010-000023"
    )


def test_index_number_never_changes_after_publication(dept):
    item = add_item(node(dept, "xzxk"))
    original = item.index_number
    item.title = "修改后的标题"
    item.save_revision().publish()
    item.refresh_from_db()
    assert item.index_number == original
    revision_copy = item.get_latest_revision_as_object()
    assert revision_copy.index_number == original
    item.unpublish()
    item.save_revision().publish()
    item.refresh_from_db()
    assert item.index_number == original


def test_drafts_have_no_index_number_and_take_none(dept):
    draft = add_item(node(dept, "xzxk"), publish=False)
    assert draft.index_number is None
    published = add_item(node(dept, "xzxk"))
    assert published.index_number.endswith("-00001")


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_publishes_get_distinct_gap_free_serials(dept):
    """Eight threads, each on its own PostgreSQL connection, publish at the same moment."""
    assert connection.vendor == "postgresql"
    parent = node(dept, "xzxk")
    drafts = [add_item(parent, publish=False, title=f"并发发布{n}") for n in range(8)]
    barrier = threading.Barrier(len(drafts))
    errors = []

    def publish(page_id):
        from django.db import connection as thread_connection

        try:
            revision = DisclosureItemPage.objects.get(id=page_id).latest_revision
            barrier.wait()
            revision.publish()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=publish, args=(d.id,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(
        DisclosureItemPage.objects.filter(id__in=[d.id for d in drafts]).values_list(
            "index_number", flat=True
        )
    )
    year = dt.date.today().year
    assert numbers == [f"{dept.credit_code}/{year}-{n:05d}" for n in range(1, 9)]


def test_copying_an_item_in_the_admin_allocates_a_new_index_number(client, dept):
    from django.contrib.auth import get_user_model

    parent = node(dept, "xzxk")
    original = add_item(parent, title="原件")
    admin = get_user_model().objects.create_superuser("copier", "c@example.com", "pw")
    client.force_login(admin)
    response = client.post(
        f"/admin/pages/{original.pk}/copy/",
        {
            "new_title": "副本",
            "new_slug": "fuben",
            "new_parent_page": parent.pk,
            "copy_subpages": False,
            "publish_copies": True,
            "alias": False,
        },
    )
    assert response.status_code == 302
    copy = DisclosureItemPage.objects.get(slug="fuben")
    assert copy.live and copy.index_number
    assert copy.index_number != original.index_number
    assert copy.index_number.endswith("-00002")
    draft_response = client.post(
        f"/admin/pages/{original.pk}/copy/",
        {"new_title": "草稿副本", "new_slug": "caogao", "new_parent_page": parent.pk},
    )
    assert draft_response.status_code == 302
    assert DisclosureItemPage.objects.get(slug="caogao").index_number is None

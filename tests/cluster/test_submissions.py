"""信息报送: a department submits, the portal accepts by reference or returns with a reason."""

import pytest

from cluster.models import ArticlePage, ColumnEntry, Submission
from cluster.submissions import SubmissionRefused, accept, return_to_sender, submit, yearly_counts
from tests.helpers import make_article, make_column, make_organisation, make_user


@pytest.fixture
def cluster(db):
    portal = make_organisation("portal", hostname="www.example.gov.cn")
    fgw = make_organisation("fgw", hostname="fgw.example.gov.cn", parent=portal)
    czj = make_organisation("czj", hostname="czj.example.gov.cn", parent=portal)
    portal_column = make_column(portal.home_page, "bmdt", accepts_submissions=True)
    closed_column = make_column(portal.home_page, "yaowen")
    return {
        "portal": portal,
        "fgw": fgw,
        "czj": czj,
        "column": portal_column,
        "closed": closed_column,
        "article": make_article(
            make_column(fgw.home_page, "news"), "a1", title="发改委重大项目调度会"
        ),
        "czj_article": make_article(make_column(czj.home_page, "news"), "b1"),
        "editor": make_user("fgw_editor", fgw, "editor"),
        "portal_reviewer": make_user("portal_reviewer", portal, "reviewer"),
    }


def test_accepted_submission_shows_in_the_portal_column_by_reference(client, cluster):
    submission = submit(cluster["article"], cluster["column"], cluster["editor"], "请审核")
    accept(submission, cluster["portal_reviewer"])
    assert ColumnEntry.objects.filter(column=cluster["column"], page=cluster["article"]).exists()
    assert ArticlePage.objects.filter(title="发改委重大项目调度会").count() == 1
    html = client.get("/bmdt/", HTTP_HOST="www.example.gov.cn").content.decode()
    assert "发改委重大项目调度会" in html
    assert "http://fgw.example.gov.cn/news/a1/" in html


def test_returned_submission_carries_its_reason_back(cluster):
    submission = submit(cluster["article"], cluster["column"], cluster["editor"])
    with pytest.raises(SubmissionRefused, match="必须填写理由"):
        return_to_sender(submission, cluster["portal_reviewer"], "  ")
    return_to_sender(submission, cluster["portal_reviewer"], "内容与栏目定位不符")
    submission.refresh_from_db()
    assert submission.status == Submission.Status.RETURNED
    assert submission.reason == "内容与栏目定位不符"
    assert not ColumnEntry.objects.filter(page=cluster["article"]).exists()


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("other_org_page", "只能报送本单位的内容"),
        ("closed_column", "不接收信息报送"),
        ("duplicate", "正在等待审核"),
        ("draft", "只能报送已发布的内容"),
    ],
)
def test_refused_submissions_say_why(cluster, case, message):
    page, column = cluster["article"], cluster["column"]
    if case == "other_org_page":
        page = cluster["czj_article"]
    elif case == "closed_column":
        column = cluster["closed"]
    elif case == "duplicate":
        submit(page, column, cluster["editor"])
    elif case == "draft":
        page.unpublish()
    with pytest.raises(SubmissionRefused, match=message):
        submit(page, column, cluster["editor"])


def test_only_the_column_owners_reviewers_may_decide(cluster):
    submission = submit(cluster["article"], cluster["column"], cluster["editor"])
    czj_reviewer = make_user("czj_reviewer", cluster["czj"], "reviewer")
    for outsider in (cluster["editor"], czj_reviewer):
        with pytest.raises(SubmissionRefused, match="无权审核"):
            accept(submission, outsider)


def test_admin_screens_submit_review_and_count(client, cluster):
    client.force_login(cluster["editor"])
    response = client.post(
        "/admin/submissions/new/",
        {"page": cluster["article"].id, "column": cluster["column"].id, "note": "建议转载"},
    )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert "待审核" in client.get("/admin/submissions/").content.decode()
    # The editor may not review; the portal reviewer sees and accepts it.
    client.post(f"/admin/submissions/{submission.id}/review/", {"action": "accept"})
    assert Submission.objects.get().status == Submission.Status.PENDING
    client.force_login(cluster["portal_reviewer"])
    assert "建议转载" in client.get("/admin/submissions/").content.decode()
    client.post(f"/admin/submissions/{submission.id}/review/", {"action": "accept"})
    assert Submission.objects.get().status == Submission.Status.ACCEPTED
    [row] = yearly_counts(submission.submitted_at.year)
    assert (row.name, row.submitted, row.accepted, row.returned) == (cluster["fgw"].name, 1, 1, 0)


def test_submit_form_offers_only_own_pages_and_open_columns(client, cluster):
    client.force_login(cluster["editor"])
    html = client.get("/admin/submissions/new/").content.decode()
    assert cluster["article"].title in html
    assert f'value="{cluster["czj_article"].id}"' not in html
    assert f'value="{cluster["closed"].id}"' not in html
    response = client.post(
        "/admin/submissions/new/",
        {"page": cluster["czj_article"].id, "column": cluster["column"].id},
    )
    assert response.status_code == 200 and not Submission.objects.exists()

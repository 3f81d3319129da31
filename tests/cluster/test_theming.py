"""A site may override a single template of its theme."""

import pytest

from cluster.models import SiteSettings
from cluster.theming import template_candidates
from tests.helpers import make_organisation


@pytest.fixture
def portal(db):
    organisation = make_organisation("portal", hostname="testserver")
    site_settings = SiteSettings.for_site(organisation.site)
    site_settings.site_id_code = "4399000009"
    site_settings.theme = "blue"
    site_settings.save()
    return organisation


def test_candidates_go_from_site_override_to_theme_to_common(rf, portal):
    request = rf.get("/", HTTP_HOST="testserver")
    assert template_candidates(request, "layout.html") == [
        "themes/sites/4399000009/layout.html",
        "themes/blue/layout.html",
        "themes/common/layout.html",
    ]


def test_site_override_template_is_used(client, portal, settings, tmp_path):
    override = tmp_path / "themes" / "sites" / "4399000009" / "partials"
    override.mkdir(parents=True)
    (override / "footer.html").write_text("<footer>本站专用页脚</footer>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    html = client.get("/").content.decode()
    assert "本站专用页脚" in html
    assert "themes/blue/theme.css" in html


def test_changing_the_theme_changes_the_stylesheet(client, portal):
    site_settings = SiteSettings.for_site(portal.site)
    site_settings.theme = "red"
    site_settings.save()
    assert "themes/red/theme.css" in client.get("/").content.decode()

import pytest

from tests.helpers import make_organisation

PORTAL_HOST = "www.localhost"
DEPT_HOST = "fgw.localhost"


@pytest.fixture
def portal(db):
    return make_organisation("portal", hostname=PORTAL_HOST, name="云溪市人民政府")


@pytest.fixture
def dept(portal):
    return make_organisation(
        "fgw", hostname=DEPT_HOST, parent=portal, name="云溪市发展和改革委员会"
    )


@pytest.fixture
def other_dept(portal):
    return make_organisation("czj", hostname="czj.localhost", parent=portal, name="云溪市财政局")

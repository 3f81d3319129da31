import pytest

from tests.helpers import make_organisation

from .builders import make_source


@pytest.fixture
def portal(db):
    return make_organisation("portal", hostname="www.localhost")


@pytest.fixture
def bureau(portal):
    return make_organisation(
        "spj", hostname="spj.localhost", parent=portal, name="云溪市行政审批服务局"
    )


@pytest.fixture
def other_bureau(portal):
    return make_organisation(
        "fgw", hostname="fgw.localhost", parent=portal, name="云溪市发展和改革委员会"
    )


@pytest.fixture
def source(bureau):
    return make_source(bureau)

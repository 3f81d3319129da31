import pytest

from tests.helpers import make_organisation

from .builders import make_source


@pytest.fixture
def bureau(portal):
    """The 行政审批服务局 (spj.localhost), which the approval system reports for."""
    return make_organisation(
        "spj", hostname="spj.localhost", parent=portal, name="云溪市行政审批服务局"
    )


@pytest.fixture
def other_bureau(portal):
    """A department the bureau's source does not report for (fgw.localhost)."""
    return make_organisation(
        "fgw", hostname="fgw.localhost", parent=portal, name="云溪市发展和改革委员会"
    )


@pytest.fixture
def source(bureau):
    return make_source(bureau)

"""Rate limits count per visitor, also behind a trusted reverse proxy, never by a forged header."""

from django.test import RequestFactory

from cluster.client_ip import client_ip


def request(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_a_trusted_proxy_names_the_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request("10.0.0.2", "198.51.100.1")) == "198.51.100.1"
    # a client-supplied first entry is not believed: the proxy appends the real address
    assert client_ip(request("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.9")) == "198.51.100.1"


def test_a_forged_header_from_an_untrusted_address_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_malformed_or_missing_header_falls_back_to_the_proxy(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(request("127.0.0.1", "not-an-ip")) == "127.0.0.1"
    assert client_ip(request("127.0.0.1")) == "127.0.0.1"


def test_filing_rate_limit_counts_each_visitor_behind_the_proxy(client, settings, db):
    from cluster import workdays
    from tests.disclosure.test_public_form import form_data
    from tests.helpers import make_organisation

    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    workdays.clear_cache()
    portal = make_organisation("portal", hostname="www.localhost")
    make_organisation("fgw", hostname="fgw.localhost", parent=portal)
    for number in range(10):
        client.post(
            "/ysqgk/", form_data(token=f"a{number}"), HTTP_HOST="fgw.localhost",
            REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1",
        )  # fmt: skip
    limited = client.post(
        "/ysqgk/", form_data(token="a10"), HTTP_HOST="fgw.localhost",
        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1",
    )  # fmt: skip
    other = client.post(
        "/ysqgk/", form_data(token="b0"), HTTP_HOST="fgw.localhost",
        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2",
    )  # fmt: skip
    assert limited.status_code == 429
    assert other.status_code == 200 and "申请已提交" in other.content.decode()

"""The visitor's IP address, for per-visitor rate limits (django-ratelimit's key "ip").

Behind a reverse proxy every request comes from the proxy's address, so all visitors would
share one limit. X-Forwarded-For is believed only when the request comes from a proxy listed in
DJANGO_TRUSTED_PROXIES (addresses or networks); the client is then the right-most address in the
header that is not itself a trusted proxy. Anyone else's X-Forwarded-For is ignored.
"""

import ipaddress
from functools import cache

from django.conf import settings


@cache
def _trusted_networks(proxies: tuple[str, ...]):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request) -> str:
    """REMOTE_ADDR, or the address a trusted proxy received the request from."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _trusted_networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if _is_trusted(hop, networks):
            continue
        try:
            return str(ipaddress.ip_address(hop))
        except ValueError:
            return remote  # a malformed header: limit the proxy's address rather than guess
    return remote

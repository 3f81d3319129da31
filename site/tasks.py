"""Cluster-wide Celery tasks."""

from celery import shared_task


@shared_task
def ping(payload: str) -> str:
    """Echo a payload; used to prove the broker and a worker round-trip."""
    return f"pong:{payload}"


@shared_task
def inspect_sites(check_external_links: bool = True) -> int:
    """Inspect every site of the cluster (daily); returns the number of sites inspected."""
    from wagtail.models import Site

    from .health import inspect_site

    sites = list(Site.objects.all())
    for site in sites:
        inspect_site(site, check_external_links=check_external_links)
    return len(sites)


@shared_task
def send_health_digests() -> int:
    """E-mail each organisation's admins the findings of their site's latest run (weekly).

    A run's digest is sent once: the run records when, so a retried task sends nothing twice.
    """
    from .health_digest import send_pending_digests

    return send_pending_digests()

"""Reads go to the replica only for anonymous GET/HEAD requests, and only when one is set."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from cluster.models import Organisation
from cluster.replica import ReplicaReadsMiddleware, ReplicaRouter

# The router reads settings.DATABASES on each call; overriding it here is what the test is for.
pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")


def route_of(request):
    """The database the router picks for a read made while `request` is served."""
    seen = []

    def view(request):
        seen.append(ReplicaRouter().db_for_read(Organisation))
        return HttpResponse()

    ReplicaReadsMiddleware(view)(request)
    return seen[0]


def test_anonymous_get_reads_from_the_replica_when_configured(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}
    factory = RequestFactory()
    assert route_of(factory.get("/news/")) == "replica"
    assert route_of(factory.head("/news/")) == "replica"


def test_editors_forms_and_tasks_read_from_the_primary(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}
    factory = RequestFactory()
    factory.cookies["sessionid"] = "editor"
    assert route_of(factory.get("/news/")) == "default"
    assert route_of(RequestFactory().post("/ysqgk/")) == "default"
    # outside a request (Celery tasks, management commands)
    assert ReplicaRouter().db_for_read(Organisation) == "default"
    assert ReplicaRouter().db_for_write(Organisation) == "default"
    assert ReplicaRouter().allow_migrate("replica", "cluster") is False


def test_without_a_replica_everything_reads_from_the_primary():
    assert route_of(RequestFactory().get("/news/")) == "default"

"""A migrated template of the test database, copied for each test process and kept between runs.

Migrating from nothing (about 200 migrations, most of them Django's and Wagtail's, whose model
states Django re-renders again and again) took over half a minute per pytest-xdist worker. The
first process to need a database migrates a template named after a digest of every migration
file and of the installed distributions; every process then copies it (a file copy on SQLite,
`CREATE DATABASE … TEMPLATE` on PostgreSQL) and Django only checks its tables. The
template stays (under var/ for SQLite, as a database on the server for PostgreSQL) until a
migration or a dependency changes, so later runs skip migrating altogether.
"""

import fcntl
import hashlib
import shutil
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections

# First-party modules whose content data migrations copy into the database.
SEED_SOURCES = ("catalog/topics.py",)


def migrations_digest() -> str:
    """Changes when a migration, a seed source or an installed distribution changes."""
    digest = hashlib.sha1()
    for config in sorted(apps.get_app_configs(), key=lambda config: config.label):
        for path in sorted((Path(config.path) / "migrations").glob("*.py")):
            digest.update(path.name.encode() + path.read_bytes())
    for name in SEED_SOURCES:
        digest.update((Path(settings.BASE_DIR) / name).read_bytes())
    # A set: a distribution is listed once per sys.path entry it is found on, and pytest puts
    # the project's directory on sys.path more often than `python -m` does.
    versions = sorted({f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()})
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()[:12]


@contextmanager
def template_lock(vendor: str):
    """One process at a time builds or copies a backend's template (xdist workers, runs)."""
    path = Path(settings.VAR_DIR) / f"test-db-template-{vendor}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# alias -> the template its test database was copied from (see `copied_from`).
_templates: dict[str, str] = {}


def template_name(connection, digest: str) -> str:
    """The migrated template's name: a file path on SQLite, a database name on PostgreSQL.

    Call it before the test databases are set up: on PostgreSQL it is named after the
    configured database, which Django then renames to the test database's name.
    """
    if connection.vendor == "sqlite":
        return str(Path(settings.VAR_DIR) / f"test-db-template-{digest}.sqlite3")
    return f"test_{connection.settings_dict['NAME']}_template_{digest}"


def copied_from(alias: str) -> str | None:
    """The migrated template `alias`'s test database was copied from in this process, if any."""
    return _templates.get(alias)


def prepare_from_template(alias: str, worker_name: str, workdir: Path, verbosity: int) -> None:
    """Point `alias`'s test database at a fresh copy of the migrated template."""
    connection = connections[alias]
    digest = migrations_digest()
    with template_lock(connection.vendor):
        if connection.vendor == "sqlite":
            template = Path(template_name(connection, digest))
            if not template.exists():
                _build(connection, str(template), verbosity)
                for stale in template.parent.glob("test-db-template-*.sqlite3"):
                    if stale != template:
                        stale.unlink()
            target = workdir / f"test-db-{worker_name}.sqlite3"
            shutil.copyfile(template, target)
            connection.settings_dict["TEST"]["NAME"] = str(target)
        elif connection.vendor == "postgresql":
            template = template_name(connection, digest)
            if not postgres_database_exists(connection, template):
                _build(connection, template, verbosity)
                _drop_stale_postgres_templates(connection, template)
            target = connection.creation._get_test_db_name()
            with connection.creation._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(target)}")
                cursor.execute(
                    f"CREATE DATABASE {connection.ops.quote_name(target)}"
                    f" TEMPLATE {connection.ops.quote_name(template)}"
                )
        else:
            return  # other backends migrate as usual
    _templates[alias] = str(template)
    # The copy is fully migrated: Django need only check that every table is there, rather than
    # rebuild the state of 200 migrations to find that none is left to apply.
    connection.settings_dict["TEST"]["MIGRATE"] = False


def _build(connection, name: str, verbosity: int) -> None:
    """Migrate a database under a temporary name, then give it `name` (never half-built)."""
    building = f"{name}_building" if connection.vendor == "postgresql" else f"{name}.building"
    test_settings = connection.settings_dict["TEST"]
    saved_test_name, saved_name = test_settings.get("NAME"), connection.settings_dict["NAME"]
    test_settings["NAME"] = building
    try:
        connection.creation.create_test_db(verbosity, autoclobber=True, serialize=False)
    finally:
        connection.close()
        test_settings["NAME"] = saved_test_name
        connection.settings_dict["NAME"] = settings.DATABASES[connection.alias]["NAME"] = saved_name
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(name)}")
    else:
        Path(building).rename(name)


def _drop_stale_postgres_templates(connection, current: str) -> None:
    """Templates of earlier migrations are of no more use."""
    prefix = current.rsplit("_", 1)[0] + "_"
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database")
        stale = [
            name for (name,) in cursor.fetchall() if name.startswith(prefix) and name != current
        ]
        for name in stale:
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")


def postgres_database_exists(connection, name: str) -> bool:
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None

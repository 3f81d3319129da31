"""The demo cluster loaded once per database vendor, then copied for each module that uses it.

Loading the demo (`cluster.demo.loader.load_demo`) takes most of a minute, and every module of
the `demo_cluster` fixture needed it. The first process to need it copies the migrated template
(tests/database.py), loads the demo into that copy for real and keeps it as the demo template
(a file under var/ on SQLite, a database on PostgreSQL), with the files the demo wrote (media,
private storage) beside it. Each module then gets its own copy of the demo template (a file
copy, `CREATE DATABASE … TEMPLATE`), its connection pointed at the copy for the module and
back at the worker's test database afterwards; the demo's files are copied into the process's
media and private roots. The template is named after a digest of the migrations and of the
product code and data the demo is built from, so any change to them builds it again.

The build does what the demo fixture did in a rolled-back transaction: on-commit callbacks
(search engine rebuilds, e-mail relays) are dropped, not run. Wagtail's own search index is
filled while loading, for the modules marked `wagtail_search_index`; it is a database table
that no other test of the demo reads.
"""

import hashlib
import shutil
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from tests import database

# What the demo's rows and files are made from: the product apps (code, templates, data).
PRODUCT_SOURCES = ("site", "catalog", "disclosure", "search", "themes", "pyproject.toml")
SKIPPED_SUFFIXES = (".pyc",)


def demo_digest() -> str:
    """Changes when a migration, a dependency or a file of the product apps changes."""
    digest = hashlib.sha1(database.migrations_digest().encode())
    digest.update(Path(__file__).read_bytes())  # how the template is built
    base = Path(settings.BASE_DIR)
    for name in PRODUCT_SOURCES:
        root = base / name
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in paths:
            if "__pycache__" in path.parts or path.suffix in SKIPPED_SUFFIXES:
                continue
            digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


@contextmanager
def demo_database(connection, workdir: Path):
    """Inside the block, `connection` uses a fresh copy of the demo cluster's database."""
    with database.template_lock(f"{connection.vendor}-demo"):
        template = ensure_template(connection)
        copy = _copy(connection, template, workdir)
        _restore_files(_files_dir(template))
    own_name = connection.settings_dict["NAME"]
    _switch(connection, copy)
    try:
        yield
    finally:
        _switch(connection, own_name)
        _drop(connection, copy)


def copy_demo_sqlite(connection, target: Path) -> Path:
    """Copy the SQLite demo template to `target` for another process (the browser tests' demo
    server); returns the folder holding the files the demo wrote (media/, private/)."""
    with database.template_lock(f"{connection.vendor}-demo"):
        template = ensure_template(connection)
        _create_copy(connection, template, str(target))
        return _files_dir(template)


def ensure_template(connection) -> str:
    """The name of the demo template, built first if missing (hold the template's lock)."""
    template = _template_name(connection, demo_digest())
    if not _exists(connection, template):
        _build(connection, template)
        _drop_stale(connection, template)
    return template


def _template_name(connection, digest: str) -> str:
    migrated = database.copied_from(connection.alias)
    if migrated is None:
        raise RuntimeError(
            "the demo template is copied from the migrated template (django_db_setup)"
        )
    if connection.vendor == "sqlite":
        return str(Path(settings.VAR_DIR) / f"test-demo-{digest}.sqlite3")
    return f"{migrated.rsplit('_template_', 1)[0]}_demo_{digest}"


def _files_dir(template: str) -> Path:
    return Path(settings.VAR_DIR) / f"{Path(template).name.removesuffix('.sqlite3')}-files"


def _roots() -> dict[str, Path]:
    """Where the demo writes files: public media and the private storage of applicants' files."""
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.DISCLOSURE_PRIVATE_ROOT)}


def _listing() -> set[tuple[str, Path]]:
    return {
        (key, path.relative_to(root))
        for key, root in _roots().items()
        if root.exists()
        for path in root.rglob("*")
        if path.is_file()
    }


def _build(connection, template: str) -> None:
    """Load the demo for real into a copy of the migrated template, and keep it as `template`."""
    from django.db import transaction
    from django.test import override_settings

    from cluster.demo.loader import load_demo

    building = f"{template}_building" if connection.vendor == "postgresql" else f"{template}.part"
    _drop(connection, building)
    _create_copy(connection, database.copied_from(connection.alias), building)
    own_name = connection.settings_dict["NAME"]
    before = _listing()
    backends = {
        name: {**backend, "AUTO_UPDATE": True}
        for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    _switch(connection, building)
    try:
        with override_settings(WAGTAILSEARCH_BACKENDS=backends), transaction.atomic():
            load_demo(port=80, log=lambda message: None)
            # The fixture used to roll the demo back, so nothing ran on commit: keep it so
            # (a search engine rebuild here would reach the shared test indexes).
            connection.run_on_commit.clear()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        _switch(connection, own_name)
    files = _files_dir(template)
    shutil.rmtree(files, ignore_errors=True)
    for key, relative in sorted(_listing() - before):
        target = files / key / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(_roots()[key] / relative, target)
    files.mkdir(parents=True, exist_ok=True)
    _rename(connection, building, template)


def _restore_files(files: Path) -> None:
    for key, root in _roots().items():
        if (files / key).exists():
            shutil.copytree(files / key, root, dirs_exist_ok=True)


def _switch(connection, name: str) -> None:
    """Point the connection at another database; caches of the old one's rows are dropped."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache
    from wagtail.models import Site

    connection.close()
    connection.settings_dict["NAME"] = name
    ContentType.objects.clear_cache()
    Site.clear_site_root_paths_cache()
    # Cached synonyms, vocabulary and the like came from the other database. Only the
    # process's own memory is cleared: a shared Redis is never flushed from a test.
    for cache in caches.all(initialized_only=True):
        if isinstance(cache, LocMemCache):
            cache.clear()


def _copy(connection, template: str, workdir: Path) -> str:
    name = (
        str(workdir / "demo.sqlite3")
        if connection.vendor == "sqlite"
        else f"{connection.settings_dict['NAME']}_demo"
    )
    _drop(connection, name)
    _create_copy(connection, template, name)
    return name


def _create_copy(connection, source: str, name: str) -> None:
    if connection.vendor == "sqlite":
        shutil.copyfile(source, name)
        return
    quote = connection.ops.quote_name
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(source)}")


def _exists(connection, name: str) -> bool:
    if connection.vendor == "sqlite":
        return Path(name).exists() and _files_dir(name).exists()
    return database.postgres_database_exists(connection, name) and _files_dir(name).exists()


def _drop(connection, name: str) -> None:
    if connection.vendor == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
        return
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")


def _rename(connection, old: str, new: str) -> None:
    if connection.vendor == "sqlite":
        Path(old).rename(new)
        return
    quote = connection.ops.quote_name
    _drop(connection, new)
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"ALTER DATABASE {quote(old)} RENAME TO {quote(new)}")


def _drop_stale(connection, current: str) -> None:
    """Demo templates of earlier code are of no more use."""
    prefix = current.rsplit("_", 1)[0] + "_"
    if connection.vendor == "sqlite":
        for stale in Path(current).parent.glob("test-demo-*"):
            if stale.name not in (Path(current).name, _files_dir(current).name):
                if stale.is_dir():
                    shutil.rmtree(stale, ignore_errors=True)
                else:
                    stale.unlink(missing_ok=True)
        return
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database")
        stale = [name for (name,) in cursor.fetchall() if name.startswith(prefix)]
    for name in stale:
        if name != current:
            _drop(connection, name)
            shutil.rmtree(_files_dir(name), ignore_errors=True)

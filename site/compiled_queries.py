"""Queries compiled to SQL once per thread and database, then run with each call's values.

Django compiles a queryset to SQL on every evaluation. For the few queries every public page
runs (routing's path and specific-row queries, `cluster.routing`), compiling costs more
processor time than PostgreSQL spends answering: the item page's specific query selects
~110 columns with two joins and five annotations. Their SQL depends only on the code (the
models and the queryset a function builds), never on the data, so `fetch` compiles the
queryset once, with placeholder values, and afterwards only swaps the values into the
parameters and builds the instances as Django's `ModelIterable` does (`Model.from_db`, the
related-object populators, annotations, database converters): same SQL, same objects.

The first compilation is checked against the ORM's own compilation of the real values; a
queryset whose SQL depends on its values in a way placeholders cannot capture is never cached
and is evaluated by the ORM as usual. Compiled queries are kept per thread (a compiler holds
its thread's connection, and gthread workers run several threads) and per database alias
(anonymous reads may go to a replica, `cluster.replica`).
"""

import hashlib
import re
import threading
import weakref
from contextlib import nullcontext

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import DatabaseError, connections, router, transaction
from django.db.models.query import (
    ModelIterable,
    NamedValuesListIterable,
    get_related_populators,
)
from django.db.models.utils import create_namedtuple_class

_cache = threading.local()
_UNCACHEABLE = object()  # a key whose queryset the ORM keeps evaluating
MAX_ENTRIES = 256  # per thread: a few per page type, list type and set of view restrictions
# PostgreSQL: the statements each server session has prepared, by its driver connection (a
# session ends with its connection; a reconnect starts with none).
_prepared = weakref.WeakKeyDictionary()
_prepared_lock = threading.Lock()  # threads share the mapping; each uses its own connection
_PLACEHOLDER = re.compile(r"%(%|s)")


class _Compiled:
    """One compiled queryset: its SQL, where each value goes, and how rows become objects."""

    def __init__(self, compiler, sql, slots, params, row_class=None):
        self.connection = compiler.connection
        self.sql, self.slots, self.params = sql, slots, params
        self.compiler, self.row_class = compiler, row_class
        # Named by its SQL, so every thread and process gives the same query the same name.
        self.statement_name = "compiled_" + hashlib.sha1(sql.encode()).hexdigest()[:20]
        select, klass_info = compiler.select, compiler.klass_info
        self.trim = compiler.col_count if compiler.has_extra_select else None
        self.converters = compiler.get_converters([s[0] for s in select[: compiler.col_count]])
        if row_class is not None:  # values_list(named=True): rows, not instances
            return
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, compiler.using)
        self.annotations = list(compiler.annotation_col_map.items())

    @property
    def statement(self) -> str | None:
        """The name of this query's prepared statement on PostgreSQL, or None.

        Not for a query matching a prefix (`startswith`, the tree's paths): after a few runs
        PostgreSQL may keep a generic plan, which cannot use the index for a prefix it does
        not know. At a million items it did, and routing's path query took 85 ms instead of 8.
        """
        if not _prepares(self.connection) or any(kind is None for _, _, kind in self.slots):
            return None
        return self.statement_name

    def bind(self, flat_values) -> tuple:
        """The query's parameters for these values (in `_flatten` order)."""
        params = list(self.params)
        like = self.connection.ops.prep_for_like_query
        for position, index, kind in self.slots:
            value = flat_values[index]
            if kind is None:  # a LIKE pattern (startswith): Django escaped the placeholder
                params[position] = params[position].replace(_placeholder(index, ""), like(value))
            else:  # the type the backend wrapped the value in (psycopg's Int4 for integers)
                params[position] = kind(value)
        return tuple(params)

    def run(self, flat_values) -> list:
        """The model instances (or named rows) the query returns for these values."""
        params = self.bind(flat_values)
        with self.connection.cursor() as cursor:
            name = self.statement and _prepare(self.connection, cursor, self.statement, self.sql)
            if name:
                arguments = f" ({', '.join(['%s'] * len(params))})" if params else ""
                cursor.execute(f"EXECUTE {name}{arguments}", params)
            else:
                cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.trim is not None:
            rows = [row[: self.trim] for row in rows]
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        if self.row_class is not None:  # as NamedValuesListIterable
            return [tuple.__new__(self.row_class, tuple(row)) for row in rows]
        db, objects = self.compiler.using, []
        for row in rows:
            obj = self.model.from_db(db, self.init_list, row[self.start : self.end])
            for populator in self.populators:
                populator.populate(row, obj)
            for name, position in self.annotations:
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects


def _prepares(connection) -> bool:
    """Whether to run compiled queries as prepared statements on `connection`: PostgreSQL with
    persistent connections (CONN_MAX_AGE), since a connection closed after each request would
    prepare its statements again for every request, one more round trip each."""
    return (
        connection.vendor == "postgresql"
        and connection.settings_dict.get("CONN_MAX_AGE") != 0
        and getattr(settings, "DATABASE_PREPARED_STATEMENTS", True)
    )


def _prepare(connection, cursor, name: str, sql: str) -> str | None:
    """Prepare `sql` as statement `name` in the connection's session, once; None if
    PostgreSQL cannot prepare it (a parameter whose type it cannot infer).

    Why: PostgreSQL plans a query each time it is sent, and for the item page's own-row query
    (two joins, five sub-selects) planning took longer than running it. A prepared statement
    is planned for its first executions, then its generic plan is kept for the session.
    """
    with _prepared_lock:
        prepared = _prepared.setdefault(connection.connection, {})
    if name not in prepared:
        text = _PLACEHOLDER.sub(_numbered(), sql)
        # a failure inside a transaction must not abort it: a savepoint if in one
        in_transaction = connection.in_atomic_block
        try:
            with transaction.atomic(using=connection.alias) if in_transaction else nullcontext():
                cursor.execute(f"PREPARE {name} AS {text}")
            prepared[name] = name
        except DatabaseError:
            prepared[name] = None
    return prepared[name]


def _numbered():
    """A `re.sub` replacement turning the driver's %s into $1, $2, … and %% into %."""
    counter = iter(range(1, 1_000_000))
    return lambda match: "%" if match.group(1) == "%" else f"${next(counter)}"


def _flatten(values) -> list:
    """The scalar values of `values` (tuples of values are spread out), in order."""
    flat = []
    for value in values:
        flat.extend(value if isinstance(value, tuple) else (value,))
    return flat


def _placeholder(index: int, value):
    """A stand-in for the value at `index` no real query would contain."""
    if isinstance(value, int) and not isinstance(value, bool):
        # positive (a PositiveIntegerField rejects negatives) and within 32-bit columns' range
        return 2_000_000_000 + index
    return f"\x1fcompiled-query-value-{index}\x1f"


def _placeholders(values) -> tuple:
    """`values` with each scalar replaced by its placeholder (same shape)."""
    counter, shaped = iter(range(len(_flatten(values)))), []
    for value in values:
        if isinstance(value, tuple):
            shaped.append(tuple(_placeholder(next(counter), item) for item in value))
        else:
            shaped.append(_placeholder(next(counter), value))
    return tuple(shaped)


def _compile(build, values, db):
    """`build`'s queryset compiled with placeholders, or `_UNCACHEABLE`."""
    flat, stand_ins = _flatten(values), _flatten(_placeholders(values))
    queryset = build(*_placeholders(values))
    if (
        queryset.db != db
        or queryset._iterable_class not in (ModelIterable, NamedValuesListIterable)
        or queryset._prefetch_related_lookups
        or queryset._known_related_objects
    ):
        return _UNCACHEABLE
    compiler = queryset.query.get_compiler(using=db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # a placeholder outside a column's range: no SQL to keep
        return _UNCACHEABLE
    fields = [s[0] for s in compiler.select[: compiler.col_count]]
    if compiler.has_composite_fields(fields):
        return _UNCACHEABLE
    exact = {stand_in: index for index, stand_in in enumerate(stand_ins)}
    slots = []
    for position, param in enumerate(params):
        if isinstance(param, (int, str)) and not isinstance(param, bool) and param in exact:
            slots.append((position, exact[param], type(param)))
        elif isinstance(param, str):
            slots += [
                (position, index, None)
                for index, stand_in in enumerate(stand_ins)
                if isinstance(stand_in, str) and stand_in in param
            ]
    row_class = None
    if queryset._iterable_class is NamedValuesListIterable:
        query = queryset.query
        names = queryset._fields or [
            *query.extra_select,
            *query.values_select,
            *query.annotation_select,
        ]
        row_class = create_namedtuple_class(*names)
    compiled = _Compiled(compiler, sql, slots, params, row_class)
    # the placeholders must stand exactly where the real values go: compare with the ORM
    real_sql, real_params = build(*values).query.get_compiler(using=db).as_sql()
    bound = compiled.bind(flat)
    if (
        real_sql != sql
        or tuple(real_params) != bound
        or list(map(type, real_params)) != list(map(type, bound))
    ):
        return _UNCACHEABLE
    return compiled


def fetch(key, model, build, values: tuple) -> list:
    """The model instances (or `values_list(named=True)` rows) of the queryset
    `build(*values)`, like `list(build(*values))`.

    `key` names the queryset `build` returns for values of this shape: its SQL may depend on
    the types and number of the values, never on the values themselves, and `build` must read
    nothing else that changes (no clock, no rows): what it reads belongs in `values` or in the
    key. `model` is the model the queryset reads, for the database router. `values` holds ints,
    strings or tuples of them; a string may also be used in a `startswith` lookup.
    """
    db = router.db_for_read(model)
    entries = getattr(_cache, "entries", None)
    if entries is None:
        entries = _cache.entries = {}
    compiled = entries.get((key, db))
    if compiled is None or (
        compiled is not _UNCACHEABLE and compiled.connection is not connections[db]
    ):
        if len(entries) >= MAX_ENTRIES:  # keys naming data (view restrictions) that changed
            entries.clear()
        compiled = entries[(key, db)] = _compile(build, values, db)
    if compiled is _UNCACHEABLE:
        return list(build(*values))
    return compiled.run(_flatten(values))

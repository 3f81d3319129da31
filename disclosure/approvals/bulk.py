"""Fast bulk writes: COPY on PostgreSQL (tens of thousands of rows a second), the ORM's
bulk_create / bulk_update on other databases (the embedded SQLite profile)."""

import json

from django.db import connection, models


def _value(obj, field):
    value = getattr(obj, field.attname)
    return json.dumps(value, ensure_ascii=False) if isinstance(field, models.JSONField) else value


def _columns(fields) -> str:
    return ", ".join(connection.ops.quote_name(field.column) for field in fields)


def insert(model, rows: list[dict]) -> list[int]:
    """Insert `rows` ({attname: value}; omitted fields are NULL) and return their new ids."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        objects = model.objects.bulk_create([model(**row) for row in rows], batch_size=500)
        return [obj.pk for obj in objects]
    table = model._meta.db_table
    pk = model._meta.pk
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    json_fields = {field.attname for field in fields if isinstance(field, models.JSONField)}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, pk.column, len(rows)],
        )
        ids = [new_id for (new_id,) in cursor.fetchall()]
        names = [field.attname for field in fields]
        sql = f"COPY {connection.ops.quote_name(table)} ({_columns([pk, *fields])}) FROM STDIN"
        with connection.wrap_database_errors, cursor.cursor.copy(sql) as copy:
            for new_id, row in zip(ids, rows, strict=True):
                values = [row.get(name) for name in names]
                for index, name in enumerate(names):
                    if name in json_fields:
                        values[index] = json.dumps(values[index], ensure_ascii=False)
                copy.write_row([new_id, *values])
    return ids


def update(model, objects: list, field_names) -> None:
    """Write `field_names` of `objects` back (COPY into a temporary table, one UPDATE)."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_update(objects, field_names, batch_size=500)
        return
    quote = connection.ops.quote_name
    table, pk = model._meta.db_table, model._meta.pk
    fields = [model._meta.get_field(name) for name in field_names]
    scratch = quote(f"{table}_bulk_update")
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {scratch} ON COMMIT DROP AS "
            f"SELECT {_columns([pk, *fields])} FROM {quote(table)} WITH NO DATA"
        )
        cursor.execute(f"TRUNCATE {scratch}")
        copy_sql = f"COPY {scratch} ({_columns([pk, *fields])}) FROM STDIN"
        with connection.wrap_database_errors, cursor.cursor.copy(copy_sql) as copy:
            for obj in objects:
                copy.write_row([obj.pk, *(_value(obj, field) for field in fields)])
        assignments = ", ".join(f"{quote(f.column)} = u.{quote(f.column)}" for f in fields)
        cursor.execute(
            f"UPDATE {quote(table)} t SET {assignments} FROM {scratch} u "
            f"WHERE t.{quote(pk.column)} = u.{quote(pk.column)}"
        )

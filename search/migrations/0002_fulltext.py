"""Full-text index over the segmented columns: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Both are kept up to date by triggers, so every write to search_searchentry is searchable.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE search_searchentry_fts USING fts5(
        title_tokens, body_tokens, char_tokens,
        content='search_searchentry', content_rowid='id', tokenize='unicode61')""",
    """CREATE TRIGGER search_searchentry_fts_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_searchentry_fts(rowid, title_tokens, body_tokens, char_tokens)
        VALUES (new.id, new.title_tokens, new.body_tokens, new.char_tokens); END""",
    """CREATE TRIGGER search_searchentry_fts_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, title_tokens,
        body_tokens, char_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.body_tokens, old.char_tokens); END""",
    """CREATE TRIGGER search_searchentry_fts_au AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, title_tokens,
        body_tokens, char_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.body_tokens, old.char_tokens);
        INSERT INTO search_searchentry_fts(rowid, title_tokens, body_tokens, char_tokens)
        VALUES (new.id, new.title_tokens, new.body_tokens, new.char_tokens); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_searchentry_fts_au",
    "DROP TRIGGER IF EXISTS search_searchentry_fts_ad",
    "DROP TRIGGER IF EXISTS search_searchentry_fts_ai",
    "DROP TABLE IF EXISTS search_searchentry_fts",
]
POSTGRESQL = [
    "ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector",
    """CREATE FUNCTION search_searchentry_vector() RETURNS trigger AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('simple', coalesce(NEW.title_tokens, '')), 'A') ||
            setweight(to_tsvector('simple', coalesce(NEW.body_tokens, '')), 'B') ||
            setweight(to_tsvector('simple', coalesce(NEW.char_tokens, '')), 'D');
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER search_searchentry_vector_trigger BEFORE INSERT OR UPDATE
        ON search_searchentry FOR EACH ROW EXECUTE FUNCTION search_searchentry_vector()""",
    "CREATE INDEX search_searchentry_vector_gin ON search_searchentry USING GIN (search_vector)",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS search_searchentry_vector_trigger ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_searchentry_vector()",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]

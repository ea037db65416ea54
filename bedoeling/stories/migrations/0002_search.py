"""Dutch full-text search: PostgreSQL's own ('dutch' configuration) when it is the
database, an FTS5 table on SQLite, filled by bedoeling.stories.search."""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS stories_search USING fts5("
    "body, organisation_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS stories_search"
POSTGRES_CREATE = (
    "CREATE INDEX IF NOT EXISTS stories_story_text_dutch ON stories_story USING gin "
    "(to_tsvector('dutch'::regconfig, title || ' ' || text))"
)
POSTGRES_DROP = "DROP INDEX IF EXISTS stories_story_text_dutch"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("stories", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]

"""Dutch full-text search over the stories whose text may be read.

PostgreSQL: its own Dutch configuration, ``to_tsvector('dutch', title || ' ' || text)``,
with a GIN index on that expression (migration 0002), so nothing has to be kept in sync.

SQLite: an FTS5 table ``stories_search`` (rowid = story id) holding the Snowball stems of
the story's title, text and library title, made by the same Dutch analysis as the themes
(:mod:`bedoeling.insights.dutch`). FTS5 has no Dutch stemmer of its own; stemming both the
text and the query gives the same matches a person expects ('formulieren' finds
'formulier'). The service functions call :func:`index` after every change.

Stories that are for analysis only are never indexed, and every search is also filtered
by the reader's visibility, so a search can never reveal what is in them.
"""

from django.db import connection

from bedoeling.insights.dutch import content_words, stem
from bedoeling.stories.models import READABLE_CONSENT, LibraryEntry, Story

_RANK_PG = (
    "ts_rank(to_tsvector('dutch'::regconfig, stories_story.title || ' ' || stories_story.text),"
    " websearch_to_tsquery('dutch'::regconfig, %s))"
)
_MATCH_PG = (
    "(to_tsvector('dutch'::regconfig, stories_story.title || ' ' || stories_story.text)"
    " @@ websearch_to_tsquery('dutch'::regconfig, %s)"
    " OR stories_story.id IN (SELECT story_id FROM stories_libraryentry"
    " WHERE to_tsvector('dutch'::regconfig, title) @@ websearch_to_tsquery('dutch'::regconfig, %s)))"
)


def _is_sqlite() -> bool:
    # The two databases Bedoeling runs on: SQLite, or PostgreSQL (settings.USING_POSTGRES).
    return connection.vendor != "postgresql"


def terms(query: str) -> list[str]:
    """The stems a query searches for; empty when it has only stop words or none at all."""
    seen: dict[str, None] = {}
    for word in content_words(query or ""):
        seen.setdefault(stem(word), None)
    return list(seen)


def _body(story: Story, library_title: str = "") -> str:
    return " ".join(stem(w) for w in content_words(f"{story.title}\n{story.text}\n{library_title}"))


def index(story: Story) -> None:
    """Bring the search index up to date for one story (SQLite only; PostgreSQL indexes
    the columns themselves)."""
    if not _is_sqlite():
        return
    entry = LibraryEntry.objects.filter(story_id=story.pk).values_list("title", flat=True).first()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM stories_search WHERE rowid = %s", [story.pk])
        if story.consent in READABLE_CONSENT:
            cursor.execute(
                "INSERT INTO stories_search (rowid, body, organisation_id) VALUES (%s, %s, %s)",
                [story.pk, _body(story, entry or ""), story.organisation_id],
            )


def unindex(story_id: int) -> None:
    if _is_sqlite():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM stories_search WHERE rowid = %s", [story_id])


def rebuild(organisation=None, batch: int = 2000) -> int:
    """Re-index all (or one organisation's) stories; for bulk loads and repairs."""
    if not _is_sqlite():
        return 0
    stories = Story.objects.filter(consent__in=READABLE_CONSENT)
    with connection.cursor() as cursor:
        if organisation is None:
            cursor.execute("DELETE FROM stories_search")
        else:
            stories = stories.filter(organisation=organisation)
            cursor.execute("DELETE FROM stories_search WHERE organisation_id = %s",
                           [organisation.pk])
    titles = dict(LibraryEntry.objects.filter(story__in=stories.values("pk"))
                  .values_list("story_id", "title"))
    count = 0
    rows = []
    for story in stories.only("pk", "title", "text", "organisation_id").iterator(batch):
        rows.append((story.pk, _body(story, titles.get(story.pk, "")), story.organisation_id))
        if len(rows) >= batch:
            count += _insert(rows)
            rows = []
    return count + _insert(rows)


def _insert(rows) -> int:
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO stories_search (rowid, body, organisation_id) VALUES (%s, %s, %s)",
                rows,
            )
    return len(rows)


def search(queryset, query: str):
    """``queryset`` narrowed to the stories matching ``query``, most relevant first.

    None when the query holds no word worth searching for (only stop words, say)."""
    stems = terms(query)
    if not stems:
        return None
    if _is_sqlite():
        # Each stem quoted: FTS5 syntax characters in a query are then plain text.
        match = " ".join('"' + s.replace('"', "") + '"' for s in stems)
        return queryset.extra(
            tables=["stories_search"],
            where=["stories_search.rowid = stories_story.id", "stories_search MATCH %s"],
            params=[match],
            select={"search_rank": "stories_search.rank"},
        ).order_by("search_rank", "-id")
    text = " ".join(query.split())
    return queryset.extra(
        where=[_MATCH_PG], params=[text, text],
        select={"search_rank": _RANK_PG}, select_params=[text],
    ).order_by("-search_rank", "-id")

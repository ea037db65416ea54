"""The statements of a tap from a phone, written out by hand.

Every tap in a full hall reads the phone's participant with her session and runs one vote
write. Django's ORM builds these statements anew for every call (select_related over four
tables, an upsert through bulk_create), and building them cost more of the server's time than
the database took to run them. The SQL here is built once per process from the models' own
fields, so a new column is read without a change here; the values go through the same
converters the ORM uses, and the objects come out as the ORM makes them (`Model.from_db`).
"""

from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace

from django.db import connection, transaction

from bedoeling.live.models import Card, LiveSession, Participant, Phase, Vote
from bedoeling.orgs.models import Organisation


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


@cache
def _server_binding_cursor():
    from django.db.backends.postgresql.base import ServerBindingCursor

    class TapCursor(ServerBindingCursor):
        def execute(self, query, params=None, **kwargs):
            result = super().execute(query, params, **kwargs)
            # Django's query log reads the last statement where psycopg keeps it only for
            # client-side binding; the statement's text (with its placeholders) instead of
            # nothing.
            self._query = SimpleNamespace(query=query.encode())
            return result

    return TapCursor


@contextmanager
def _cursor():
    """A cursor for the statements of a tap. On PostgreSQL it binds its parameters on the
    server (Django's own cursors put them into the text of each statement), so that the
    statement's text is the same on every tap and psycopg can prepare it: PostgreSQL parses
    and plans it once per connection (settings: `prepare_threshold`). Queries through it
    are logged and counted as Django's are."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    from django.db.backends.postgresql.base import TIMESTAMPTZ_OID, Format, register_tzloader

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = _server_binding_cursor()(connection.connection)
    # As Django's create_cursor: time stamps are read in the connection's time zone.
    loader = connection.connection.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)
    if connection.timezone != loader.timezone:
        register_tzloader(connection.timezone, raw)
    with connection.wrap_database_errors:
        cursor = connection._prepare_cursor(raw)
    with cursor:
        yield cursor


class _Columns:
    """A model's concrete fields as one table alias's part of a SELECT, and the reverse:
    a row's values back into a model instance."""

    def __init__(self, model, alias: str):
        self.model = model
        self.fields = model._meta.concrete_fields
        self.sql = ", ".join(f"{alias}.{_q(f.column)}" for f in self.fields)
        self.names = [f.attname for f in self.fields]
        self.converters = []
        for field in self.fields:
            column = field.get_col(alias)
            found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            self.converters.append((column, found))

    def __len__(self):
        return len(self.fields)

    def instance(self, values):
        converted = []
        for value, (column, converters) in zip(values, self.converters, strict=True):
            for converter in converters:
                value = converter(value, column, connection)
            converted.append(value)
        return self.model.from_db(connection.alias, self.names, converted)


@cache
def _participant_query(vendor: str):
    participant = _Columns(Participant, "p")
    session = _Columns(LiveSession, "s")
    phase = _Columns(Phase, "f")
    organisation = _Columns(Organisation, "o")
    sql = (f"SELECT {participant.sql}, {session.sql}, {organisation.sql}, {phase.sql} "
           f"FROM {_q(Participant._meta.db_table)} p "
           f"JOIN {_q(LiveSession._meta.db_table)} s ON s.{_q('id')} = p.{_q('session_id')} "
           f"JOIN {_q(Organisation._meta.db_table)} o "
           f"ON o.{_q('id')} = s.{_q('organisation_id')} "
           f"LEFT JOIN {_q(Phase._meta.db_table)} f "
           f"ON f.{_q('id')} = s.{_q('current_phase_id')} "
           f"WHERE p.{_q('token_hash')} = %s AND s.{_q('code')} = %s")
    return sql, participant, session, organisation, phase


def participant_with_session(code: str, token_hash: str) -> Participant | None:
    """The participant of this phone in the session of `code`, with her session, its
    organisation and its current phase loaded, in one statement (token hashes are unique)."""
    sql, *parts = _participant_query(connection.vendor)
    with _cursor() as cursor:
        cursor.execute(sql, [token_hash, code])
        row = cursor.fetchone()
    if row is None:
        return None
    objects, start = [], 0
    for part in parts:
        values = row[start:start + len(part)]
        start += len(part)
        # A session without a current phase: the LEFT JOIN gave only NULLs.
        objects.append(None if part.model is Phase and values[0] is None
                       else part.instance(values))
    participant, session, organisation, phase = objects
    session.organisation = organisation
    session.current_phase = phase
    participant.session = session
    return participant


@dataclass(frozen=True)
class Guard:
    """A row a vote depends on: the vote is written only while `model` has the row `pk`
    with these column values (None: the column is NULL). The check and the write are one
    statement, so a row changed between them (a statement hidden, a scene frozen) gets no
    vote."""

    model: type
    pk: int
    where: tuple[tuple[str, object], ...] = ()


@cache
def _vote_write(vendor: str, guard_table: str | None, guard_pk: str | None,
                guard_columns: tuple) -> str:
    table = _q(Vote._meta.db_table)
    columns = ", ".join(_q(c) for c in ("phase_id", "participant_id", "target", "value",
                                        "updated_at"))
    upsert = (f"ON CONFLICT ({_q('phase_id')}, {_q('participant_id')}, {_q('target')}) "
              f"DO UPDATE SET {_q('value')} = EXCLUDED.{_q('value')}, "
              f"{_q('updated_at')} = EXCLUDED.{_q('updated_at')}")
    if guard_table is None:
        return f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s) {upsert}"
    # (SQLite needs the WHERE for the ON CONFLICT to parse as the upsert's.)
    conditions = "".join(f" AND {_q(column)} IS NULL" if is_null else f" AND {_q(column)} = %s"
                         for column, is_null in guard_columns)
    return (f"INSERT INTO {table} ({columns}) "
            f"SELECT %s, %s, %s, %s, %s FROM {_q(guard_table)} "
            f"WHERE {_q(guard_pk)} = %s{conditions} {upsert}")


def vote_write(phase_id: int, participant_id: int, target: str, value: int, at, *,
               guard: Guard | None = None) -> bool:
    """Insert the vote, or update it when this phone voted on this target before; with a
    `guard`, only while its row is as the guard says. Whether it was written."""
    field = Vote._meta.get_field("updated_at")
    params = [phase_id, participant_id, target, value,
              field.get_db_prep_value(at, connection)]
    table, pk, columns = None, None, ()
    if guard is not None:
        meta = guard.model._meta
        table, pk = meta.db_table, meta.pk.column
        columns = tuple((meta.get_field(name).column, wanted is None)
                        for name, wanted in guard.where)
        params.append(guard.pk)
        params += [meta.get_field(name).get_db_prep_value(wanted, connection)
                   for name, wanted in guard.where if wanted is not None]
    # SQLite: the process's writers take turns through a lock taken where a transaction
    # begins (bedoeling/lib/sqlite); a statement in autocommit would pass it by and meet
    # SQLite's busy handler instead. PostgreSQL needs no transaction for one statement.
    turn = transaction.atomic(savepoint=False) if connection.vendor == "sqlite" else nullcontext()
    with turn, _cursor() as cursor:
        cursor.execute(_vote_write(connection.vendor, table, pk, columns), params)
        return cursor.rowcount > 0


@cache
def _statements_query(vendor: str):
    card = _Columns(Card, "c")
    vote = _q(Vote._meta.db_table)
    sql = (f"SELECT {card.sql}, EXISTS (SELECT 1 FROM {vote} v "
           f"WHERE v.{_q('phase_id')} = %s AND v.{_q('participant_id')} = %s "
           f"AND v.{_q('target')} = 'c' || c.{_q('id')}) "
           f"FROM {_q(Card._meta.db_table)} c WHERE c.{_q('phase_id')} = %s "
           f"AND c.{_q('hidden')} = %s AND c.{_q('merged_into_id')} IS NULL "
           f"ORDER BY c.{_q('id')}")
    return sql, card


def statements_and_votes(statement_phase_id: int, phase_id: int,
                         participant_id: int) -> list[tuple[Card, bool]]:
    """The visible statements of a phase in order (as `selectors.visible_cards`), each with
    whether this participant voted on it in `phase_id`: what her phone shows next."""
    sql, card = _statements_query(connection.vendor)
    with _cursor() as cursor:
        cursor.execute(sql, [phase_id, participant_id, statement_phase_id, False])
        rows = cursor.fetchall()
    return [(card.instance(row[:-1]), bool(row[-1])) for row in rows]

"""The hand-written statements of a phone's tap (bedoeling/live/tap.py) against the ORM."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bedoeling.live import blocks as live_blocks
from bedoeling.live import services, tap
from bedoeling.live.models import Card, LiveSession, Participant, Vote, token_hash
from bedoeling.live.services import LiveError, Statements


def _fields(instance):
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


@pytest.mark.django_db
def test_a_participant_is_read_with_her_session_as_the_orm_reads_them(live):
    LiveSession.objects.filter(pk=live.session.pk).update(data={"stap": [1, "twee"]})
    found = tap.participant_with_session(live.session.code, token_hash(live.anna_token))
    expected = Participant.objects.select_related(
        "session__current_phase", "session__organisation").get(pk=live.anna.pk)
    assert _fields(found) == _fields(expected)
    assert _fields(found.session) == _fields(expected.session)
    assert found.session.data == {"stap": [1, "twee"]}
    assert _fields(found.session.organisation) == _fields(expected.session.organisation)
    assert _fields(found.session.current_phase) == _fields(expected.session.current_phase)
    assert found.session.current_phase.config == expected.session.current_phase.config
    # Saved as the ORM's own object would be: an update, not a second row.
    found.name = "Anna"
    found.save(update_fields=["name"])
    assert Participant.objects.get(pk=live.anna.pk).name == "Anna"


@pytest.mark.django_db
def test_a_session_without_a_current_phase_has_none(live):
    LiveSession.objects.filter(pk=live.session.pk).update(current_phase=None)
    found = tap.participant_with_session(live.session.code, token_hash(live.anna_token))
    assert found.session.current_phase is None
    assert found.session.current_phase_id is None


@pytest.mark.django_db
def test_a_token_of_another_session_or_an_unknown_code_finds_nobody(live, cast):
    other = services.session_create(cast.org, cast.facilitator, title="Ander", format_key="open")
    assert tap.participant_with_session(other.code, token_hash(live.anna_token)) is None
    assert tap.participant_with_session(live.session.code, token_hash("niet-bestaand")) is None


def _statements(live, texts=("Eerst het kind.", "Dan de toets.")):
    phase = services.phase_add(live.session, kind="agree", title="Stellingen")
    cards = [services.card_add(phase, None, text=t) for t in texts]
    services.phase_activate(live.session, phase)
    phase.refresh_from_db()
    return phase, cards


@pytest.mark.django_db
def test_a_vote_is_written_once_and_a_second_write_updates_it(live):
    phase, (card, _other) = _statements(live)
    for value in (1, -1, 0):
        assert tap.vote_write(phase.pk, live.anna.pk, f"c{card.pk}", value, timezone.now(),
                              guard=Statements(phase).guard(f"c{card.pk}"))
    assert list(Vote.objects.filter(participant=live.anna).values_list("target", "value")) == [
        (f"c{card.pk}", 0)]


@pytest.mark.django_db
def test_a_hidden_merged_or_foreign_statement_gets_no_vote(live, cast):
    phase, (hidden, merged) = _statements(live)
    Card.objects.filter(pk=hidden.pk).update(hidden=True)
    keeper = services.card_add(phase, None, text="Blijft")
    Card.objects.filter(pk=merged.pk).update(merged_into=keeper)
    other = services.session_create(cast.org, cast.facilitator, title="Ander", format_key="open")
    foreign = services.card_add(other.phases.all()[1], None, text="Van een andere sessie")
    for card in (hidden, merged, foreign):
        with pytest.raises(LiveError, match="bestaat niet"):
            services.vote_cast(phase, live.anna, target=f"c{card.pk}", value=1)
    assert not Vote.objects.exists()
    services.vote_cast(phase, live.anna, target=f"c{keeper.pk}", value=1)
    assert Vote.objects.get().target == f"c{keeper.pk}"


@pytest.mark.django_db
def test_an_opinion_round_votes_on_the_statements_of_its_source(live):
    source, (card, _other) = _statements(live)
    phase = services.phase_add(live.session, kind="agree", title="Nog eens",
                               config={"source": source.pk})
    services.phase_activate(live.session, phase)
    phase.refresh_from_db()
    services.vote_cast(phase, live.anna, target=f"c{card.pk}", value=-1)
    assert Vote.objects.get(phase=phase).value == -1


@pytest.mark.parametrize("target", ["c12", "c1", "c999999999999999999"])
def test_a_statement_target_is_c_and_a_card_id(target):
    assert target in Statements.__new__(Statements)


@pytest.mark.parametrize("target", ["", "c", "c012", "c0", "k12", "c-1", "c 1", "c1.0",
                                    "c\uff11\uff12", "c\u0661", "c1234567890123456789",
                                    None, 12])
def test_anything_else_is_not_a_statement(target):
    assert target not in Statements.__new__(Statements)


@pytest.mark.django_db
def test_the_statements_come_in_order_with_her_own_votes_only(live):
    phase, (first, second) = _statements(live, ("Eén", "Twee"))
    hidden = services.card_add(phase, None, text="Verborgen")
    Card.objects.filter(pk=hidden.pk).update(hidden=True)
    services.vote_cast(phase, live.anna, target=f"c{second.pk}", value=-1)
    services.vote_cast(phase, live.bram, target=f"c{first.pk}", value=1)
    rows = tap.statements_and_votes(phase.pk, phase.pk, live.anna.pk)
    assert [(card.pk, voted) for card, voted in rows] == [(first.pk, False), (second.pk, True)]
    assert [_fields(card) for card, _voted in rows] == [
        _fields(card) for card in Card.objects.filter(pk__in=[first.pk, second.pk])]
    # Her phone offers the statement she has not answered yet.
    context = live_blocks.AgreeBlock().personal_context(phase, live.anna)
    assert (context["next"].pk, context["done"], context["total"]) == (first.pk, 1, 2)


@pytest.mark.django_db
def test_a_vote_in_another_phase_does_not_count_as_done(live):
    phase, (card,) = _statements(live, ("Eén",))
    other = services.phase_add(live.session, kind="agree", title="Nog eens",
                               config={"source": phase.pk})
    Vote.objects.create(phase=other, participant=live.anna, target=f"c{card.pk}", value=1)
    assert tap.statements_and_votes(phase.pk, phase.pk, live.anna.pk)[0][1] is False
    assert tap.statements_and_votes(phase.pk, other.pk, live.anna.pk)[0][1] is True


@pytest.mark.sqlite_only
@pytest.mark.django_db(transaction=True)
def test_on_sqlite_a_vote_takes_the_writer_turn(live, monkeypatch):
    from bedoeling.lib.sqlite.base import DatabaseWrapper

    phase, (card,) = _statements(live, ("Eén",))
    turns = []
    original = DatabaseWrapper._start_transaction_under_autocommit

    def counted(self):
        turns.append(self.alias)
        return original(self)

    monkeypatch.setattr(DatabaseWrapper, "_start_transaction_under_autocommit", counted)
    assert tap.vote_write(phase.pk, live.anna.pk, f"c{card.pk}", 1, timezone.now(),
                          guard=Statements(phase).guard(f"c{card.pk}"))
    assert turns == ["default"]


@pytest.mark.django_db
def test_a_tap_statement_is_counted_as_any_query_and_prepared_on_postgresql(live):
    phase, (card,) = _statements(live, ("Eén",))
    guard = Statements(phase).guard(f"c{card.pk}")
    with CaptureQueriesContext(connection) as queries:
        for value in (1, -1):
            assert tap.vote_write(phase.pk, live.anna.pk, f"c{card.pk}", value, timezone.now(),
                                  guard=guard)
        assert tap.participant_with_session(live.session.code, token_hash(live.anna_token))
    assert sum("INSERT INTO" in q["sql"] for q in queries) == 2
    assert Vote.objects.get(participant=live.anna).value == -1
    if connection.vendor == "postgresql":
        # Parsed and planned once per connection: PostgreSQL holds both statements.
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            prepared = [row[0] for row in cursor.fetchall()]
        assert any("INSERT INTO" in s and "ON CONFLICT" in s for s in prepared), prepared
        assert any("token_hash" in s for s in prepared), prepared

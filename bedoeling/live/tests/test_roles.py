"""A format declares its roles; the facilitator gives them to joined participants; a
phone shows its role, and a phase hidden from it shows only that it listens now."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from bedoeling.live import render, services
from bedoeling.live.models import Card
from bedoeling.live.registry import FORMATS, Format, PhaseSpec, RoleSpec, register_format
from bedoeling.live.services import LiveError

CASE = Format(
    key="test-case", name="Casus", description="Een casus met een inbrenger.",
    roles=(RoleSpec("owner", "Inbrenger", single=True), RoleSpec("observer", "Observator")),
    phases=(
        PhaseSpec("cards", "Vragen aan de inbrenger", "Wat wil je nog weten?"),
        PhaseSpec("cards", "Analyse zonder inbrenger", "Wat zie je gebeuren?",
                  hidden_from=("owner",), readonly_for=("observer",)),
    ),
)


@pytest.fixture
def case(cast):
    register_format(CASE)
    session = services.session_create(cast.org, cast.facilitator, title="Intervisie",
                                      format_key=CASE.key)
    services.session_open(session, cast.facilitator)
    people = [services.participant_join(session)[0] for _ in range(3)]
    yield type("Case", (), {"session": session, "people": people,
                            "phases": list(session.phases.all())})
    FORMATS.pop(CASE.key, None)


def _give(client, session, participant, role):
    return client.post(f"/o/{session.organisation.slug}/sessies/{session.pk}/actie/",
                       {"action": "role_give", "participant": participant, "role": role},
                       HTTP_HX_REQUEST="true")


@pytest.mark.django_db
def test_a_formats_phases_carry_the_roles_they_hide_from_and_let_only_watch(case):
    analysis = case.phases[1]
    assert analysis.config["hidden_from_roles"] == ["owner"]
    assert analysis.config["readonly_roles"] == ["observer"]


@pytest.mark.django_db
def test_the_control_view_lists_the_joined_participants_and_the_formats_roles(
        case, cast, client_for):
    body = client_for(cast.facilitator).get(
        f"/o/{cast.org.slug}/sessies/{case.session.pk}/").content.decode()
    assert "Rol in deze werkvorm" in body
    assert ">Inbrenger</option>" in body and ">Observator</option>" in body
    for number, person in enumerate(case.people, start=1):
        assert f"Deelnemer {number} (#{person.pk})" in body


@pytest.mark.django_db
def test_the_facilitator_gives_a_declared_role_and_a_single_role_moves(case, cast, client_for):
    facilitator = client_for(cast.facilitator)
    first, second, _third = case.people
    assert _give(facilitator, case.session, first.pk, "owner").status_code == 200
    first.refresh_from_db()
    assert first.role == "owner"
    _give(facilitator, case.session, second.pk, "owner")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.role, second.role) == ("", "owner")


@pytest.mark.django_db
def test_a_role_the_format_does_not_declare_is_refused_and_nothing_changes(
        case, cast, client_for):
    response = _give(client_for(cast.facilitator), case.session, case.people[0].pk, "joker")
    assert response.status_code == 400
    assert "Deze rol kent deze werkvorm niet." in response.content.decode()
    case.people[0].refresh_from_db()
    assert case.people[0].role == ""


@pytest.mark.django_db
def test_a_participant_of_another_session_cannot_be_given_a_role(case, cast):
    other = services.session_create(cast.org, cast.facilitator, title="Ander",
                                    format_key="open")
    services.session_open(other, cast.facilitator)
    stranger, _token = services.participant_join(other)
    with pytest.raises(LiveError, match="doet niet"):
        services.participant_role_give(case.session, stranger.pk, "owner")


@pytest.mark.django_db
def test_a_phone_shows_its_role_by_the_formats_label(case):
    services.participant_role_give(case.session, case.people[0].pk, "owner")
    case.session.refresh_from_db()
    html = render.phone_fragment(case.session, case.phases[0], "owner")
    assert "Jouw rol: <strong>Inbrenger</strong>" in html


@pytest.mark.django_db
def test_a_phase_hidden_from_a_role_shows_that_phone_only_that_it_listens_now(case):
    services.phase_activate(case.session, case.phases[1])
    case.session.refresh_from_db()
    hidden = render.phone_fragment(case.session, case.phases[1], "owner")
    assert "Je luistert nu" in hidden
    assert "Analyse zonder inbrenger" not in hidden
    assert "Wat zie je gebeuren?" not in hidden
    assert "<textarea" not in hidden and "<form" not in hidden
    shown = render.phone_fragment(case.session, case.phases[1], "")
    assert "Analyse zonder inbrenger" in shown and "Je luistert nu" not in shown


@pytest.mark.django_db
def test_a_hidden_or_watching_role_cannot_write_and_nothing_is_stored(case):
    owner, observer, other = case.people
    services.participant_role_give(case.session, owner.pk, "owner")
    services.participant_role_give(case.session, observer.pk, "observer")
    services.phase_activate(case.session, case.phases[1])
    for person in (owner, observer):
        person.refresh_from_db()
        with pytest.raises(LiveError, match="rol"):
            services.card_add(case.phases[1], person, text="Ik zeg toch iets")
    assert not Card.objects.exists()
    services.card_add(case.phases[1], other, text="Ik mag wel")
    assert Card.objects.count() == 1


def test_a_format_naming_a_role_it_does_not_declare_is_refused_at_registration():
    with pytest.raises(ImproperlyConfigured, match="not declared"):
        register_format(Format(key="test-bad", name="x", description="x", phases=(
            PhaseSpec("info", "Welkom", hidden_from=("actor",)),)))
    assert "test-bad" not in FORMATS


def test_a_format_whose_settings_its_blocks_form_refuses_is_refused_at_registration():
    with pytest.raises(ImproperlyConfigured, match="dots"):
        register_format(Format(key="test-bad", name="x", description="x", phases=(
            PhaseSpec("cards", "Schrijven"),
            PhaseSpec("dotvote", "Stemmen", config={"source": 0, "dots": 99}),)))
    with pytest.raises(ImproperlyConfigured, match="earlier phase"):
        register_format(Format(key="test-bad", name="x", description="x", phases=(
            PhaseSpec("dotvote", "Stemmen", config={"source": 1}),
            PhaseSpec("cards", "Schrijven"),)))
    assert "test-bad" not in FORMATS

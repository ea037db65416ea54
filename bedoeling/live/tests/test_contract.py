"""The contract every format and every block keeps, checked by registering it: each phase
goes through the phone, the screen, the control view, the live messages, the harvest and
its CSV; every POST form of those pages rendered in full carries the CSRF token (they work
without JavaScript); the block's example input is accepted while the phase is open, and
refused with nothing stored while it is locked, hidden from the phone's role or read-only
for it.

A new format or block is covered as soon as it is registered (and gives an
`example_input`, see docs/live.md)."""

import pytest
from django.apps import apps
from django.test import Client

from bedoeling.live import render, services
from bedoeling.live.registry import BLOCKS, FORMATS, block_for
from bedoeling.live.tests.forms import PostForms

HIDDEN, READONLY = "contract-hidden", "contract-readonly"
# Refused for the right reason, not for another one (a phone without anything to act on).
ROLE_REFUSAL = "In je rol kijk en luister je deze ronde mee."
LOCK_REFUSAL = "gesloten"
APPS = ("live", "purpose", "stories", "systemworld")


def _rows() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models()
            if m._meta.app_label in APPS}


def _phone(session):
    phone = Client()
    assert phone.post(f"/doe-mee/{session.code}/").status_code == 302
    return phone


def _participant(session):
    return session.participants.order_by("-id").first()


def _post(phone, session, phase, data):
    return phone.post(f"/doe-mee/{session.code}/fase/{phase.pk}/", data or {},
                      HTTP_HX_REQUEST="true")


def _views_render(facilitator, session, phase, phone):
    base = f"/o/{session.organisation.slug}/sessies/{session.pk}/"
    pages = [(base, facilitator), (base + "scherm/", facilitator),
             (f"/doe-mee/{session.code}/", phone), (f"/doe-mee/{session.code}/mijn/", phone)]
    for url, client in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        # Rendered in full, every form works without JavaScript: it carries the token.
        assert PostForms(response.content.decode()).without_token() == [], (phase.kind, url)
    people = list(session.participants.values_list("pk", flat=True))
    messages = render.room_messages(session.pk, views={"screen", "control", "phone"},
                                    transition=True, phone_ids=people)
    assert {view for view, _language in messages.snapshots} == {"screen", "control"}
    assert all(messages.snapshots.values())
    assert [html for (role, _language), html in messages.phone.items() if role == ""][0]


def _refused(phone, session, phase, data, why, reason):
    before = _rows()
    response = _post(phone, session, phase, data)
    assert response.status_code in (400, 403), (why, response.status_code)
    assert reason in response.content.decode(), (why, response.content[:300])
    assert _rows() == before, why


def run_contract(session, facilitator):
    services.session_open(session, None)  # a draft takes no joins
    phones = [_phone(session) for _ in range(3)]
    hidden_phone, readonly_phone, phone = phones
    people = list(session.participants.order_by("id"))
    services.participant_role_set(session, people[0].pk, HIDDEN)
    services.participant_role_set(session, people[1].pk, READONLY)
    for phase in session.phases.all():
        services.phase_activate(session, phase)
        session.refresh_from_db()
        phase.refresh_from_db()
        config = dict(phase.config)
        services.phase_update(phase, title=phase.title, prompt=phase.prompt, config={
            **config, "hidden_from_roles": [HIDDEN], "readonly_roles": [READONLY]})
        phase.refresh_from_db()
        session.refresh_from_db()
        _views_render(facilitator, session, phase, phone)

        page = hidden_phone.get(f"/doe-mee/{session.code}/").content.decode()
        assert "Je luistert nu" in page
        assert f'<h1 class="phone-title">{phase.title}</h1>' not in page

        block = block_for(phase.kind)
        data = block.example_input(phase)
        if data is not None:
            _refused(hidden_phone, session, phase, data, f"{phase.kind}: hidden role",
                     ROLE_REFUSAL)
            _refused(readonly_phone, session, phase, data, f"{phase.kind}: read-only role",
                     ROLE_REFUSAL)
            services.phase_set_flags(phase, locked=True)
            _refused(phone, session, phase, data, f"{phase.kind}: locked", LOCK_REFUSAL)
            services.phase_set_flags(phase, locked=False)
            before = _rows()
            response = _post(phone, session, phase, data)
            assert response.status_code == 200, (phase.kind, response.content[:300])
            assert _rows() != before, f"{phase.kind}: the example input stored nothing"
        else:
            services.phase_set_flags(phase, locked=True)
            _refused(phone, session, phase, {"text": "x", "vote": "agree"},
                     f"{phase.kind}: locked", "")
            services.phase_set_flags(phase, locked=False)
        services.phase_update(phase, title=phase.title, prompt=phase.prompt, config=config)
    services.session_end(session, facilitator_user(session))
    base = f"/o/{session.organisation.slug}/sessies/{session.pk}/"
    assert facilitator.get(base + "oogst/").status_code == 200
    csv = facilitator.get(base + "oogst.csv")
    assert csv.status_code == 200
    assert csv.content.decode("utf-8-sig").count("\n") >= 1


def facilitator_user(session):
    return session.created_by


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(FORMATS))
def test_every_phase_of_every_format_keeps_the_engines_contract(key, cast, client_for):
    session = services.session_create(cast.org, cast.facilitator, title=f"Contract {key}",
                                      format_key=key)
    run_contract(session, client_for(cast.facilitator))


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(BLOCKS))
def test_every_block_in_a_hand_built_session_keeps_the_engines_contract(kind, cast,
                                                                         client_for):
    session = services.session_create(cast.org, cast.facilitator, title=f"Contract {kind}")
    cards = services.phase_add(session, kind="cards", title="Kaarten")
    for text in ("Eerste kaart", "Tweede kaart"):
        services.card_add(cards, None, text=text)
    block = BLOCKS[kind]
    config = {"source": cards.pk} if block.needs_source else {}
    if kind == "choice":
        config["options"] = ["Ja", "Nee"]
    if kind == "agree":
        config["source"] = cards.pk
    services.phase_add(session, kind=kind, title=f"Fase {kind}", config=config)
    run_contract(session, client_for(cast.facilitator))

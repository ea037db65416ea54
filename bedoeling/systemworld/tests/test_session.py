"""The dit-kan-niet-waar-zijn session: situations from phones become signals, decisions
become actions, and phones get codes to follow what they wrote."""

import re
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.urls import reverse

from bedoeling.live import services as live_services
from bedoeling.live.models import Card, Cluster
from bedoeling.live.registry import BLOCKS, FORMATS, block_for
from bedoeling.live.services import LiveError
from bedoeling.systemworld import receipts, selectors, services
from bedoeling.systemworld import session as sw_session
from bedoeling.systemworld.models import (
    Action,
    Notification,
    Rule,
    RuleEvent,
    SessionDecision,
    Signal,
)
from bedoeling.systemworld.session_format import FORMAT

pytestmark = pytest.mark.django_db

CODE = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){6}")
SITUATIONS = [
    ("Meneer moest zijn DigiD-code aanvragen, maar heeft geen vast adres.",
     "Drie weken geen uitkering.", "system"),
    ("Een vrouw van 80 kon haar inkomensverklaring niet uploaden zonder DigiD.",
     "Bijzondere bijstand stopgezet.", "system"),
    ("We bellen alleen tussen 9 en 11, dus werkende mantelzorgers bereiken ons niet.", "", ""),
]


def post(**data) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query[key] = value
    return query


def _phase(session, kind, nth=0):
    return list(session.phases.filter(kind=kind))[nth]


def _go(session, phase):
    live_services.phase_activate(session, phase)
    session.refresh_from_db()


@pytest.fixture
def room(cast):
    """A dit-kan-niet-waar-zijn session with three phones that wrote, grouped and voted,
    now on its first decide phase."""
    session = live_services.session_create(cast.org, cast.facilitator, title="Teamdag",
                                           format_key=FORMAT)
    live_services.session_open(session, cast.facilitator)
    phones = [live_services.participant_join(session)[0] for _ in range(3)]
    situations = _phase(session, "dkn_situations")
    _go(session, situations)
    cards = []
    for phone, (text, effect, kind) in zip(phones, SITUATIONS, strict=True):
        block_for("dkn_situations").act(situations, phone,
                                        post(text=text, effect=effect, kind=kind))
        cards.append(Card.objects.get(participant=phone))
    grouping = _phase(session, "group")
    _go(session, grouping)
    digid = live_services.cluster_create(grouping, "DigiD", cards[:2])
    phone_hours = live_services.cluster_create(grouping, "Bereikbaarheid", cards[2:])
    voting = _phase(session, "dotvote")
    _go(session, voting)
    for phone in phones:
        live_services.dots_set(voting, phone, target=f"k{digid.pk}", dots=2)
    live_services.dots_set(voting, phones[2], target=f"k{phone_hours.pk}", dots=1)
    decide = _phase(session, "decide")
    _go(session, decide)
    return SimpleNamespace(session=session, phones=phones, cards=cards, digid=digid,
                           phone_hours=phone_hours, decide=decide, situations=situations)


@pytest.fixture
def digid_rule(cast):
    return services.rule_create(cast.org, cast.facilitator, title="Uploaden alleen met DigiD",
                                kind="system", owner_user=cast.lead)


def decide(room, cast, **changes):
    data = {"action": "decide", "kind": "escalate", "title": "Een alternatief voor DigiD "
            "voorleggen aan het MT", "owner": str(cast.lead.pk), "due_date": "2099-01-31",
            "escalate_to": "management", "purpose_text": "Gegevens veilig ontvangen."}
    data.update(changes)
    return block_for("decide").control_act(room.decide, cast.facilitator, data.pop("action"),
                                           post(**data))


def choose_rule(room, cast, **data):
    return block_for("decide").control_act(room.decide, cast.facilitator, "rule", post(**data))


def nothing_stored(cast):
    assert not Action.objects.exists()
    assert not SessionDecision.objects.exists()
    assert not Notification.objects.exists()
    assert not Signal.objects.filter(rule__isnull=False).exists()


# ---------------------------------------------------------------------------- the format


def test_the_format_and_its_blocks_are_registered_with_the_live_engine():
    fmt = FORMATS[FORMAT]
    kinds = [spec.kind for spec in fmt.phases]
    assert kinds[:4] == ["dkn_welcome", "dkn_situations", "group", "dotvote"]
    assert kinds.count("decide") >= 1 and kinds[-1] == "dkn_receipts"
    assert fmt.on_end is sw_session.session_harvest
    for kind in ("dkn_welcome", "dkn_situations", "decide", "dkn_receipts"):
        assert kind in BLOCKS


def test_a_situation_keeps_what_it_meant_and_what_was_in_the_way(room):
    detail = room.cards[0].systemworld
    assert detail.client_effect == "Drie weken geen uitkering."
    assert detail.rule_kind == "system"


def test_a_too_long_effect_is_refused_and_nothing_is_stored(room):
    _go(room.session, room.situations)
    with pytest.raises(LiveError, match="te lang"):
        block_for("dkn_situations").act(room.situations, room.phones[0],
                                        post(text="Nog een situatie", effect="x" * 301))
    assert Card.objects.count() == 3


def test_an_unknown_kind_is_refused_and_nothing_is_stored(room):
    _go(room.session, room.situations)
    with pytest.raises(LiveError, match="uit de lijst"):
        block_for("dkn_situations").act(room.situations, room.phones[0],
                                        post(text="Nog een situatie", kind="wet"))
    assert Card.objects.count() == 3


# ---------------------------------------------------------------------------- signals


def test_ending_makes_every_situation_an_anonymous_signal_of_the_session_once(room, cast):
    hidden = live_services.card_add(room.situations, None, text="Mevrouw Jansen van nr. 4 …")
    live_services.card_hide(hidden)
    live_services.session_end(room.session, cast.facilitator)
    sw_session.session_harvest(room.session)  # ending twice
    live_services.session_end(room.session, cast.facilitator)
    signals = Signal.objects.filter(organisation=cast.org).order_by("id")
    assert [s.what_happened for s in signals] == [text for text, _e, _k in SITUATIONS]
    for signal in signals:
        assert signal.live_session == room.session
        assert signal.source == Signal.Source.SESSION
        assert signal.is_anonymous and signal.reporter is None and signal.team is None
        assert signal.receipt_hash is None  # until the phone asks for its code
    assert [s.cluster for s in signals] == ["DigiD", "DigiD", "Bereikbaarheid"]
    assert signals[0].client_effect == "Drie weken geen uitkering."


def test_a_later_regrouping_updates_the_group_label_of_existing_signals(room):
    sw_session.session_signals_sync(room.session)
    live_services.cluster_rename(room.digid, "Digitale drempels")
    sw_session.session_signals_sync(room.session)
    assert set(Signal.objects.values_list("cluster", flat=True)) == {
        "Digitale drempels", "Bereikbaarheid"}
    assert Signal.objects.count() == 3


def test_a_merged_duplicate_is_a_signal_in_the_group_of_its_original(room):
    _go(room.session, room.situations)
    block_for("dkn_situations").act(room.situations, room.phones[2],
                                    post(text="Ook bij ons: geen DigiD, geen toeslag."))
    duplicate = Card.objects.get(text__startswith="Ook bij ons")
    live_services.card_merge(duplicate, room.cards[0])
    sw_session.session_signals_sync(room.session)
    assert Signal.objects.get(what_happened=duplicate.text).cluster == "DigiD"


# ---------------------------------------------------------------------------- decisions


def test_the_screen_shows_the_group_its_situations_and_the_rule_with_its_purpose(
        room, cast, rule):
    choose_rule(room, cast, rule=str(rule.pk))
    room.decide.refresh_from_db()
    ctx = block_for("decide").screen_context(room.decide)
    assert ctx["group_name"] == "DigiD"
    assert [row["card"] for row in ctx["rows"]] == room.cards[:2]
    assert ctx["rows"][0]["effect"] == "Drie weken geen uitkering."
    assert (ctx["rule_title"], ctx["purpose"]) == (rule.title, rule.purpose_text)


def test_decide_phases_take_the_groups_with_the_most_dots_in_turn(room):
    first, second, third = room.session.phases.filter(kind="decide")
    groups = selectors.decision_groups(room.session)
    assert groups[first.pk]["cluster"] == room.digid and groups[first.pk]["dots"] == 6
    assert groups[second.pk]["cluster"] == room.phone_hours
    assert groups[third.pk] is None


def test_the_facilitator_can_put_another_group_up_for_discussion(room, cast):
    block_for("decide").control_act(room.decide, cast.facilitator, "group",
                                    post(cluster=str(room.phone_hours.pk)))
    room.decide.refresh_from_db()
    first, second, _third = room.session.phases.filter(kind="decide")
    groups = selectors.decision_groups(room.session)
    assert groups[first.pk]["cluster"] == room.phone_hours
    assert groups[second.pk]["cluster"] == room.digid


def test_a_decision_links_the_groups_signals_to_the_rule_and_becomes_an_action(
        room, cast, digid_rule):
    choose_rule(room, cast, rule=str(digid_rule.pk))
    room.decide.refresh_from_db()
    message = decide(room, cast)
    assert "Een alternatief voor DigiD" in message
    action = Action.objects.get()
    assert action.kind == Action.Kind.ESCALATE and action.escalate_to == "management"
    assert action.rule == digid_rule and action.owner == cast.lead
    assert action.created_by == cast.facilitator
    signals = list(action.signals.order_by("id"))
    assert [s.what_happened for s in signals] == [text for text, _e, _k in SITUATIONS[:2]]
    assert all(s.rule == digid_rule and s.answered_at for s in signals)
    # The other group's situation became a signal too, but is not part of this decision.
    assert Signal.objects.get(cluster="Bereikbaarheid").rule is None
    decision = SessionDecision.objects.get()
    assert (decision.phase, decision.session, decision.action) == (room.decide, room.session,
                                                                   action)
    assert decision.cluster == room.digid and decision.rule == digid_rule
    # The rule had no stated purpose: the room's words are now in the register.
    digid_rule.refresh_from_db()
    assert digid_rule.purpose_text == "Gegevens veilig ontvangen."
    assert digid_rule.events.filter(kind=RuleEvent.Kind.PURPOSE).exists()
    # Its owner hears of the new signals once, not once per signal.
    assert Notification.objects.filter(user=cast.lead, kind="session_signals").count() == 1


def test_a_decision_keeps_a_stated_purpose_in_the_register(room, cast, rule):
    choose_rule(room, cast, rule=str(rule.pk))
    room.decide.refresh_from_db()
    decide(room, cast, purpose_text="Iets anders dan in het register.")
    rule.refresh_from_db()
    assert rule.purpose_text == "Besluiten op actuele gegevens."
    assert SessionDecision.objects.get().purpose_text == "Iets anders dan in het register."


def test_a_decision_about_a_new_rule_puts_it_in_the_register(room, cast):
    choose_rule(room, cast, new_title="Terugbellen alleen in de ochtend", new_kind="procedure")
    room.decide.refresh_from_db()
    assert not Rule.objects.exists()  # only on the screens while the room talks
    decide(room, cast, kind="change", title="Terugbellen op een tijd die de inwoner kiest",
           escalate_to="")
    rule = Rule.objects.get()
    assert (rule.title, rule.kind, rule.organisation) == (
        "Terugbellen alleen in de ochtend", "procedure", cast.org)
    assert rule.purpose_text == "Gegevens veilig ontvangen."
    assert Action.objects.get().rule == rule


def test_naming_a_rule_that_is_in_the_register_picks_that_rule(room, cast, digid_rule):
    choose_rule(room, cast, new_title="uploaden alleen met digid")
    room.decide.refresh_from_db()
    assert room.decide.config["rule"] == digid_rule.pk


def test_a_rule_of_another_organisation_is_refused_and_nothing_is_stored(
        room, cast, foreign_rule, next_week):
    with pytest.raises(LiveError, match="niet in het register van deze organisatie"):
        choose_rule(room, cast, rule=str(foreign_rule.pk))
    room.decide.refresh_from_db()
    assert "rule" not in room.decide.config
    with pytest.raises(ValidationError, match="niet in het register van deze organisatie"):
        sw_session.decision_record(room.decide, cast.facilitator, rule=foreign_rule,
                                 kind="explain", title="Uitleggen", owner=cast.lead,
                                 due_date=next_week)
    nothing_stored(cast)
    assert not Signal.objects.exists()


def test_an_action_owner_outside_the_organisation_is_refused_and_nothing_is_stored(
        room, cast, digid_rule, next_week):
    choose_rule(room, cast, rule=str(digid_rule.pk))
    room.decide.refresh_from_db()
    with pytest.raises(LiveError, match="iemand van deze organisatie"):
        decide(room, cast, owner=str(cast.outsider.pk))
    with pytest.raises(ValidationError, match="hoort niet bij deze organisatie"):
        sw_session.decision_record(room.decide, cast.facilitator, rule=digid_rule,
                                 kind="explain", title="Uitleggen", owner=cast.outsider,
                                 due_date=next_week, purpose_text="Veilig ontvangen.")
    nothing_stored(cast)
    digid_rule.refresh_from_db()
    assert digid_rule.purpose_text == ""
    assert not Signal.objects.exists()


def test_an_empty_decision_gets_a_clear_message_and_nothing_is_stored(room, cast):
    choose_rule(room, cast, new_title="Een nieuwe regel")
    room.decide.refresh_from_db()
    with pytest.raises(LiveError) as refused:
        block_for("decide").control_act(room.decide, cast.facilitator, "decide", post())
    assert "Kies wat voor actie dit is." in str(refused.value)
    assert "Schrijf op wat we gaan doen." in str(refused.value)
    nothing_stored(cast)
    assert not Rule.objects.exists()
    assert not Signal.objects.exists()


def test_a_decision_before_the_rule_is_named_asks_for_the_rule_first(room, cast):
    with pytest.raises(LiveError, match="Kies eerst over welke regel"):
        decide(room, cast)
    nothing_stored(cast)


def test_a_second_decision_about_the_same_group_is_refused(room, cast, digid_rule):
    choose_rule(room, cast, rule=str(digid_rule.pk))
    room.decide.refresh_from_db()
    decide(room, cast)
    room.decide.refresh_from_db()
    with pytest.raises(LiveError, match="al een besluit"):
        decide(room, cast)
    assert Action.objects.count() == 1


# ---------------------------------------------------------------------------- receipts


def _receipts_phase(room):
    phase = _phase(room.session, "dkn_receipts")
    _go(room.session, phase)
    return phase


def test_a_phone_gets_a_code_for_each_situation_and_only_its_hash_is_kept(room, cast):
    phase = _receipts_phase(room)
    phone = room.phones[0]
    message = block_for("dkn_receipts").act(phase, phone, post())
    issued = phone.issued_receipts
    assert len(issued) == 1 and CODE.fullmatch(issued[0].code)
    assert issued[0].code in message
    signal = Signal.objects.get(session_card__card=room.cards[0])
    assert services.receipt_find(issued[0].code) == signal
    stored = " ".join(str(v) for row in Signal.objects.values() for v in row.values())
    assert issued[0].code not in stored and receipts.normalise(issued[0].code) not in stored
    # The other phones' situations are not signals yet: they have not asked.
    assert Signal.objects.count() == 1


def test_asking_again_makes_a_new_code_and_the_old_one_stops_working(room):
    phase = _receipts_phase(room)
    phone = room.phones[1]
    block = block_for("dkn_receipts")
    block.act(phase, phone, post())
    first = phone.issued_receipts[0].code
    block.act(phase, phone, post())
    second = phone.issued_receipts[0].code
    assert first != second
    assert services.receipt_find(first) is None
    assert services.receipt_find(second) is not None
    assert Signal.objects.count() == 1


def test_a_phone_that_wrote_nothing_gets_no_code(room):
    phase = _receipts_phase(room)
    quiet = live_services.participant_join(room.session)[0]
    with pytest.raises(LiveError, match="geen code"):
        block_for("dkn_receipts").act(phase, quiet, post())


def test_a_hidden_situation_gets_no_code(room):
    live_services.card_hide(room.cards[0])
    phase = _receipts_phase(room)
    with pytest.raises(LiveError, match="geen code"):
        block_for("dkn_receipts").act(phase, room.phones[0], post())
    assert not Signal.objects.exists()


def test_codes_are_only_given_in_the_receipts_phase_while_it_is_open(room, cast):
    with pytest.raises(LiveError):
        block_for("dkn_receipts").act(_phase(room.session, "dkn_receipts"), room.phones[0],
                                      post())
    assert not Signal.objects.exists()


def test_the_receipt_page_shows_what_became_of_a_session_signal(room, cast, digid_rule,
                                                                 client_for):
    choose_rule(room, cast, rule=str(digid_rule.pk))
    room.decide.refresh_from_db()
    decide(room, cast)
    phase = _receipts_phase(room)
    phone = room.phones[0]
    block_for("dkn_receipts").act(phase, phone, post())
    code = phone.issued_receipts[0].code
    live_services.session_end(room.session, cast.facilitator)
    action = Action.objects.get()
    services.action_status_change(cast.org, cast.lead, action, status="in_progress",
                                  progress=40, note="Op de agenda van het MT van de 14e.")
    body = client_for().post(reverse("systemworld:receipt"), {"code": code}).content.decode()
    assert "Er wordt aan gewerkt" in body
    assert "Een alternatief voor DigiD voorleggen aan het MT" in body
    assert "Op de agenda van het MT van de 14e." in body
    assert "Teamdag" in body


# ---------------------------------------------------------------------------- pages


def test_every_view_of_every_phase_renders(room, cast, client_for, digid_rule):
    staff = client_for(cast.facilitator)
    join = client_for()
    join.post(reverse("live:phone", args=[room.session.code]))
    org, pk = cast.org.slug, room.session.pk
    for index, phase in enumerate(room.session.phases.all()):
        _go(room.session, phase)
        if index == 4:
            choose_rule(room, cast, rule=str(digid_rule.pk))
        for url in (reverse("live:control", kwargs={"org": org, "session": pk}),
                    reverse("live:screen", kwargs={"org": org, "session": pk}),
                    reverse("live:phone", args=[room.session.code]),
                    reverse("live:personal", args=[room.session.code])):
            client = join if "doe-mee" in url else staff
            response = client.get(url)
            assert response.status_code == 200, (phase, url)


def test_the_harvest_shows_signals_groups_votes_and_decisions_with_links(
        room, cast, client_for, digid_rule):
    choose_rule(room, cast, rule=str(digid_rule.pk))
    room.decide.refresh_from_db()
    decide(room, cast)
    live_services.session_end(room.session, cast.facilitator)
    action = Action.objects.get()
    signal = Signal.objects.get(cluster="Bereikbaarheid")
    body = client_for(cast.member).get(reverse(
        "live:harvest", kwargs={"org": cast.org.slug, "session": room.session.pk})
    ).content.decode()
    assert reverse("systemworld:action", kwargs={"org": cast.org.slug, "action": action.pk}) \
        in body
    assert reverse("systemworld:signal", kwargs={"org": cast.org.slug, "signal": signal.pk}) \
        in body
    assert "Drie weken geen uitkering." in body
    assert "Bereikbaarheid" in body and "Gegevens veilig ontvangen." in body
    assert '<span class="bars__value">6</span>' in body


def test_the_rule_and_signal_pages_show_the_session_they_came_from(room, cast, client_for,
                                                                   digid_rule):
    choose_rule(room, cast, rule=str(digid_rule.pk))
    room.decide.refresh_from_db()
    decide(room, cast)
    live_services.session_end(room.session, cast.facilitator)
    client = client_for(cast.member)
    harvest = reverse("live:harvest", kwargs={"org": cast.org.slug, "session": room.session.pk})
    rule_page = client.get(reverse("systemworld:rule", kwargs={
        "org": cast.org.slug, "rule": digid_rule.pk})).content.decode()
    assert harvest in rule_page and "Gegevens veilig ontvangen." in rule_page
    signal = Signal.objects.filter(rule=digid_rule).first()
    signal_page = client.get(reverse("systemworld:signal", kwargs={
        "org": cast.org.slug, "signal": signal.pk})).content.decode()
    assert harvest in signal_page and "DigiD" in signal_page
    listing = client.get(reverse("systemworld:signals", kwargs={"org": cast.org.slug})
                         + f"?sessie={room.session.pk}").content.decode()
    assert "Signalen uit de werksessie ‘Teamdag’" in listing


def test_the_signals_of_another_organisations_session_are_not_found(room, cast, client_for):
    url = reverse("systemworld:signals", kwargs={"org": cast.other.slug})
    response = client_for(cast.outsider).get(f"{url}?sessie={room.session.pk}")
    assert response.status_code == 404


def test_a_phone_reads_its_code_in_the_reply_and_nowhere_else(room, cast, client_for):
    phone = client_for()
    phone.post(reverse("live:phone", args=[room.session.code]))
    participant = room.session.participants.order_by("-id").first()
    _go(room.session, room.situations)
    phone.post(reverse("live:act", args=[room.session.code, room.situations.pk]),
               {"text": "Het formulier vraagt drie keer hetzelfde.", "effect": "",
                "kind": "form"}, HTTP_HX_REQUEST="true")
    phase = _receipts_phase(room)
    reply = phone.post(reverse("live:act", args=[room.session.code, phase.pk]),
                       HTTP_HX_REQUEST="true").content.decode()
    codes = CODE.findall(reply)
    assert len(codes) == 1 and "je ziet hem maar één keer" in reply
    assert services.receipt_find(codes[0]).session_card.card.participant == participant
    again = phone.get(reverse("live:personal", args=[room.session.code])).content.decode()
    assert not CODE.search(again) and "Nieuwe code maken" in again
    assert Cluster.objects.exists()


def test_the_session_views_read_in_english(room, cast, client_for, digid_rule, settings):
    choose_rule(room, cast, rule=str(digid_rule.pk))
    room.decide.refresh_from_db()
    staff = client_for(cast.facilitator)
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    control = staff.get(reverse("live:control", kwargs={
        "org": cast.org.slug, "session": room.session.pk})).content.decode()
    assert "1. Which rule is it about?" in control and "Record the decision" in control
    decide(room, cast)
    live_services.session_end(room.session, cast.facilitator)
    harvest = staff.get(reverse("live:harvest", kwargs={
        "org": cast.org.slug, "session": room.session.pk})).content.decode()
    assert "Decide about a group" in harvest and "Purpose of the rule" in harvest


def test_the_harvest_exports_the_situations_and_the_decision(room, cast, client_for,
                                                             digid_rule):
    choose_rule(room, cast, rule=str(digid_rule.pk))
    room.decide.refresh_from_db()
    decide(room, cast)
    live_services.session_end(room.session, cast.facilitator)
    body = client_for(cast.facilitator).get(reverse("live:harvest_csv", kwargs={
        "org": cast.org.slug, "session": room.session.pk})).content.decode()
    assert "Drie weken geen uitkering." in body
    assert "Een alternatief voor DigiD voorleggen aan het MT" in body
    assert "Uploaden alleen met DigiD" in body


def test_a_group_without_situations_gets_no_dots_and_no_decision_step(room, cast):
    from bedoeling.live import selectors as live_selectors

    grouping = _phase(room.session, "group")
    empty = live_services.cluster_create(grouping, "Leeg", [])
    voting = _phase(room.session, "dotvote")
    targets = {item["target"] for item in live_selectors.dot_items(voting)}
    assert f"k{empty.pk}" not in targets and f"k{room.digid.pk}" in targets
    with pytest.raises(LiveError):
        live_services.dots_set(voting, room.phones[0], target=f"k{empty.pk}", dots=1)
    ranked = [row["cluster"] for row in selectors.group_ranking(room.decide)]
    assert empty not in ranked and room.digid in ranked
    groups = selectors.decision_groups(room.session)
    assert all(row is None or row["cluster"] != empty for row in groups.values())


def test_a_phone_can_copy_its_codes_and_have_them_mailed_without_the_address_being_kept(
        room, cast, client_for, mailoutbox):
    phone = client_for()
    phone.post(reverse("live:phone", args=[room.session.code]))
    _go(room.session, room.situations)
    phone.post(reverse("live:act", args=[room.session.code, room.situations.pk]),
               {"text": "Het formulier vraagt drie keer hetzelfde.", "effect": "",
                "kind": "form"}, HTTP_HX_REQUEST="true")
    phase = _receipts_phase(room)
    before = phone.get(reverse("live:personal", args=[room.session.code])).content.decode()
    assert 'name="email"' in before and "Ook per e-mail ontvangen?" in before
    # A wrong address is refused before any code is made.
    refused = phone.post(reverse("live:act", args=[room.session.code, phase.pk]),
                         {"email": "geen-adres"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Dit e-mailadres klopt niet" in refused and not CODE.search(refused)
    assert not Signal.objects.filter(receipt_hash__isnull=False).exists() and not mailoutbox
    reply = phone.post(reverse("live:act", args=[room.session.code, phase.pk]),
                       {"email": "ouder@example.org"}, HTTP_HX_REQUEST="true").content.decode()
    code = CODE.search(reply).group(0)
    assert 'data-copy="receipt-code-1"' in reply and "Code kopiëren" in reply
    assert f'id="receipt-code-1">{code}<' in reply
    assert "ook naar het adres gemaild" in reply
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["ouder@example.org"]
    assert code in mailoutbox[0].body
    stored = " ".join(str(v) for model in (Signal, Card) for row in model.objects.values()
                      for v in row.values())
    assert "ouder@example.org" not in stored


def test_without_an_address_no_mail_is_sent(room, cast, mailoutbox):
    phase = _receipts_phase(room)
    block_for("dkn_receipts").act(phase, room.phones[0], post())
    assert not mailoutbox

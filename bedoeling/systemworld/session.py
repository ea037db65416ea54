"""The dit-kan-niet-waar-zijn session's writes (its format and blocks are in
session_format.py): situations written on phones become signals, and what the room decides
about a group of them becomes an action. Live state changes only through live's services;
the system world's own objects through services.py."""

import logging
from datetime import date
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from bedoeling.live import services as live_services
from bedoeling.systemworld import receipts, selectors, services
from bedoeling.systemworld.models import (
    EFFECT_MAX,
    RULE_TEXT_MAX,
    TITLE_MAX,
    Rule,
    SessionCard,
    SessionDecision,
    Signal,
)
from bedoeling.systemworld.notifications import Kind, notify

log = logging.getLogger(__name__)


def situation_add(phase, participant, *, text: str, client_effect: str = "",
                  rule_kind: str = "", client_key: str = ""):
    """A phone writes a situation: the engine's card, plus the effect on the client and
    what kind of thing was in the way. A retry with the same key changes nothing."""
    client_effect = " ".join((client_effect or "").split())
    if len(client_effect) > EFFECT_MAX:
        raise ValidationError(
            _("Wat het betekende is te lang (%(n)s tekens). Houd het bij %(max)s tekens.")
            % {"n": len(client_effect), "max": EFFECT_MAX}, code="max_length")
    if rule_kind and rule_kind not in Rule.Kind.values:
        raise ValidationError(_("Kies uit de lijst wat er in de weg zat."), code="invalid")
    with transaction.atomic():
        card = live_services.card_add(phase, participant, text=text, client_key=client_key)
        SessionCard.objects.get_or_create(card=card, defaults={
            "client_effect": client_effect, "rule_kind": rule_kind})
    return card


@transaction.atomic
def session_signals_sync(session, *, participant=None) -> list[Signal]:
    """Every situation of the session becomes a signal of its organisation, once: anonymous
    (no reporter; the source is the session) and labelled with its group. Run when a
    decision is recorded, when a phone asks for its codes and when the session ends; each
    run only adds what is missing and brings the group labels up to date."""
    # One at a time per session: the end of the session, a decision and the phones.
    live_services.session_lock(session.pk)
    org = session.organisation
    cards = list(selectors.situation_cards(session, participant=participant))
    details = {sc.card_id: sc for sc in
               SessionCard.objects.filter(card__in=cards).select_related("signal")}
    signals = []
    for card in cards:
        cluster = selectors.card_cluster(card)
        label = cluster.name if cluster else ""
        detail = details.get(card.pk) or SessionCard(card=card)
        if detail.signal_id:
            if detail.signal.cluster != label:
                Signal.objects.filter(pk=detail.signal_id).update(cluster=label)
                detail.signal.cluster = label
            signals.append(detail.signal)
            continue
        detail.signal = services.signal_report(
            org, what_happened=card.text, client_effect=detail.client_effect,
            source=Signal.Source.SESSION, live_session=session, cluster=label).signal
        detail.save()
        signals.append(detail.signal)
    return signals


def session_harvest(session) -> None:
    """on_end of the format: whatever was not a signal yet becomes one."""
    session_signals_sync(session)


class IssuedReceipt(NamedTuple):
    text: str
    code: str  # shown to the phone once, never stored


@transaction.atomic
def session_receipts_issue(phase, participant) -> list[IssuedReceipt]:
    """A phone asks, at the end of the session, for the codes of what it wrote: one per
    signal, of which only the hash is kept. Asking again makes new codes (a reply lost on
    bad wifi must not leave her without one); the old ones then stop working."""
    live_services.input_check(phase, participant, selectors.RECEIPTS)
    signals = session_signals_sync(phase.session, participant=participant)
    if not signals:
        raise ValidationError(_("Je schreef in deze sessie geen situaties die een signaal "
                                "werden, dus er is geen code voor je."), code="nothing")
    issued = []
    for signal in signals:
        code = receipts.new_code()
        Signal.objects.filter(pk=signal.pk).update(receipt_hash=receipts.code_hash(code))
        issued.append(IssuedReceipt(signal.what_happened, code))
    return issued


def receipt_email_check(email: str) -> str:
    """The address a phone gave to get its codes by mail, or a clear refusal."""
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(_("Dit e-mailadres klopt niet. Kijk het na, of laat het leeg: "
                                "dan zie je je codes alleen hier."), code="email") from None
    return email


def session_receipts_mail(session, email: str, issued: list[IssuedReceipt]) -> bool:
    """Mail the codes a phone was just shown to the address its writer gave, at her request.
    The address is used for this one mail and stored nowhere, and the mail is sent now,
    not queued: a queued task would keep the codes in the database."""
    org = session.organisation
    lines = [_("Je persoonlijke codes uit ‘%(title)s’ (%(org)s):") % {
        "title": session.title, "org": org.name}, ""]
    for receipt in issued:
        lines += [f"{receipt.code}", f"  {receipt.text[:90]}", ""]
    path = reverse("systemworld:receipt")
    lines += [_("Kijk later wat ermee gebeurt op:"),
              (settings.SITE_URL + path) if settings.SITE_URL else path, "",
              _("We hebben deze mail op jouw verzoek gestuurd. Je adres bewaren we niet; de codes "
                "ook niet.")]
    try:
        subject = _("Je volgcodes uit ‘%(title)s’") % {"title": session.title}
        send_mail(subject[:150], "\n".join(lines), None, [email])
    except OSError:
        log.warning("systemworld: a receipt mail could not be sent")
        return False
    return True


def _decide_phase(phase):
    if phase.kind != selectors.DECIDE:
        raise ValidationError(_("Dit kan in deze fase niet."), code="invalid")
    if SessionDecision.objects.filter(phase=phase).exists():
        raise ValidationError(_("Over deze groep is al een besluit vastgelegd."),
                              code="decided")


@transaction.atomic
def decision_group_choose(phase, cluster_id) -> None:
    """The facilitator puts another group up for discussion than the dots chose."""
    _decide_phase(phase)
    if not any(row["cluster"].pk == cluster_id for row in selectors.group_ranking(phase)):
        raise ValidationError(_("Deze groep bestaat niet (meer)."), code="invalid")
    live_services.phase_update(phase, title=phase.title, prompt=phase.prompt,
                               config={**phase.config, "cluster": cluster_id})


def _rule_choice(org, *, rule=None, title: str = "", kind: str = Rule.Kind.RULE):
    """(rule, new title, kind): a rule of the register, or the name of a new one. A name
    that is already in the register is that rule."""
    services._same_org(org, rule, _("Die regel staat niet in het register van deze organisatie."))
    if rule is not None:
        return rule, "", ""
    title = " ".join(services._text(title, TITLE_MAX, label=_("De naam van de regel")).split())
    if not title:
        raise ValidationError(_("Kies een regel uit het register, of geef de nieuwe regel "
                                "een naam."), code="required")
    existing = Rule.objects.filter(organisation=org, title__iexact=title).first()
    if existing is not None:
        return existing, "", ""
    if kind not in Rule.Kind.values:
        raise ValidationError(_("Kies wat voor soort regel dit is."), code="invalid")
    return None, title, kind


@transaction.atomic
def decision_rule_choose(phase, *, rule=None, title: str = "",
                         kind: str = Rule.Kind.RULE) -> None:
    """The rule the room discusses, on every screen: one from the register, or a new one,
    which joins the register when the decision is recorded."""
    _decide_phase(phase)
    rule, title, kind = _rule_choice(phase.session.organisation, rule=rule, title=title,
                                     kind=kind)
    group = selectors.decision_groups(phase.session).get(phase.pk)
    config = {key: value for key, value in phase.config.items()
              if key not in ("rule", "new_rule")}
    if rule is not None:
        config["rule"] = rule.pk
    else:
        config["new_rule"] = {"title": title, "kind": kind}
    if group is not None:
        # The discussion has started: this group stays, whatever the dots do now.
        config["cluster"] = group["cluster"].pk
    live_services.phase_update(phase, title=phase.title, prompt=phase.prompt, config=config)


@transaction.atomic
def decision_record(phase, actor, *, kind: str, title: str, owner, due_date: date,
                    rule: Rule | None = None, new_rule_title: str = "",
                    new_rule_kind: str = Rule.Kind.RULE, purpose_text: str = "",
                    description: str = "", escalate_to: str = "", escalate_detail: str = "",
                    timeout_case: str = "", timeout_until: date | None = None,
                    review_date: date | None = None) -> SessionDecision:
    """What the room decided about the group of this decide phase: the rule (a new one
    joins the register), its purpose as the room stated it (written into the register when
    it had none), the group's signals linked to the rule, and an action that follows them
    up. Everything or nothing."""
    session = phase.session
    org = session.organisation
    phase = live_services.phase_lock(phase.pk)
    _decide_phase(phase)
    group = selectors.decision_groups(session).get(phase.pk)
    if group is None:
        raise ValidationError(_("Er is nog geen groep om over te besluiten. Maak eerst "
                                "groepen en laat de zaal stemmen."), code="no_group")
    cluster = group["cluster"]
    rule, new_rule_title, new_rule_kind = _rule_choice(org, rule=rule, title=new_rule_title,
                                                       kind=new_rule_kind)
    purpose_text = services._text(purpose_text, RULE_TEXT_MAX, label=_("De bedoeling van de regel"))
    if rule is None:
        rule = services.rule_create(org, actor, title=new_rule_title, kind=new_rule_kind,
                           purpose_text=purpose_text)
    elif purpose_text and not rule.has_purpose:
        rule = services.rule_update(org, actor, rule, purpose_text=purpose_text)
    session_signals_sync(session)
    signals = list(Signal.objects.filter(
        session_card__card__in=selectors.situation_cards(session, cluster=cluster))
        .order_by("id"))
    unlinked = [s.pk for s in signals if s.rule_id is None]
    if unlinked:
        Signal.objects.filter(pk__in=unlinked).update(rule=rule, rule_named="")
        notify(org, [rule.owner_user, *services._followers(rule)], Kind.SESSION_SIGNALS,
               {"rule": rule.title, "session": session.title, "n": len(unlinked)},
               services._rule_url(org, rule), actor=actor)
    action = services.action_create(
        org, actor, kind=kind, title=title, owner=owner, due_date=due_date,
        description=description, rule=rule, signals=signals, escalate_to=escalate_to,
        escalate_detail=escalate_detail, timeout_case=timeout_case,
        timeout_until=timeout_until, review_date=review_date)
    decision = SessionDecision.objects.create(
        phase=phase, session=session, cluster=cluster, cluster_name=cluster.name, rule=rule,
        purpose_text=purpose_text or rule.purpose_text, action=action, decided_by=actor)
    config = {key: value for key, value in phase.config.items() if key != "new_rule"}
    live_services.phase_update(phase, title=phase.title, prompt=phase.prompt,
                               config={**config, "cluster": cluster.pk, "rule": rule.pk})
    return decision

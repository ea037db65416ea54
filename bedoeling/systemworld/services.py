"""The only writers of the system world. Each checks what a form may have missed (the
organisation of every object it links, lengths, required parts) and raises a
ValidationError with a message for the person; nothing is stored when it does."""

from datetime import date
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from bedoeling.accounts.audit import audit
from bedoeling.accounts.models import Membership
from bedoeling.purpose.models import Purpose
from bedoeling.systemworld import receipts
from bedoeling.systemworld.models import (
    CLUSTER_MAX,
    NOTE_MAX,
    REFERENCE_MAX,
    RULE_TEXT_MAX,
    SIGNAL_SHORT_MAX,
    SIGNAL_TEXT_MAX,
    TITLE_MAX,
    Action,
    ActionUpdate,
    Notification,
    PublicLink,
    RemovedSignal,
    Rule,
    RuleEvent,
    RuleFollower,
    Signal,
    SignalResponse,
)
from bedoeling.systemworld.notifications import Kind, notify

# ---------------------------------------------------------------------------- checks


def _text(value: str, limit: int, *, label: str, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(_("%(label)s mag niet leeg zijn.") % {"label": label},
                              code="required")
    if len(value) > limit:
        raise ValidationError(
            _("%(label)s is te lang: hoogstens %(limit)s tekens (nu %(count)s).")
            % {"label": label, "limit": f"{limit:,}".replace(",", "."),
               "count": f"{len(value):,}".replace(",", ".")},
            code="max_length",
        )
    return value


def _same_org(org, obj, message: str) -> None:
    if obj is not None and obj.organisation_id != org.pk:
        raise ValidationError(message, code="other_organisation")


def _membership(org, user) -> Membership | None:
    if user is None:
        return None
    return Membership.objects.filter(organisation=org, user=user).select_related("team").first()


def _member_or_error(org, user, message: str) -> None:
    if user is not None and _membership(org, user) is None:
        raise ValidationError(message, code="not_a_member")


def _rule_url(org, rule) -> str:
    return reverse("systemworld:rule", kwargs={"org": org.slug, "rule": rule.pk})


def _signal_url(org, signal) -> str:
    return reverse("systemworld:signal", kwargs={"org": org.slug, "signal": signal.pk})


def _action_url(org, action) -> str:
    return reverse("systemworld:action", kwargs={"org": org.slug, "action": action.pk})


def _followers(rule) -> list:
    if rule is None:
        return []
    return [f.user for f in rule.followers.select_related("user")]


def _event(rule, kind, actor, summary: str) -> None:
    if rule is not None:
        RuleEvent.objects.create(rule=rule, kind=kind, actor=actor, summary=summary[:500])


# ---------------------------------------------------------------------------- rules

RULE_FIELDS = ("title", "kind", "description", "owner_user", "owner_label", "source_type",
               "source_reference", "purpose_text", "purpose_part")


def _clean_rule(org, rule_id, data: dict) -> dict:
    clean = dict(data)
    clean["title"] = " ".join(_text(data.get("title", ""), TITLE_MAX, label=_("De naam"),
                                    required=True).split())
    clean["description"] = _text(data.get("description", ""), RULE_TEXT_MAX,
                                 label=_("De omschrijving"))
    clean["owner_label"] = _text(data.get("owner_label", ""), TITLE_MAX,
                                 label=_("De rol of afdeling"))
    clean["source_reference"] = _text(data.get("source_reference", ""), REFERENCE_MAX,
                                      label=_("De vindplaats"))
    clean["purpose_text"] = _text(data.get("purpose_text", ""), RULE_TEXT_MAX,
                                  label=_("De bedoeling van de regel"))
    if clean.get("kind") not in Rule.Kind.values:
        raise ValidationError(_("Kies wat voor soort regel dit is."), code="invalid")
    if clean.get("source_type") not in Rule.SourceType.values:
        raise ValidationError(_("Kies waar de regel vandaan komt."), code="invalid")
    part = clean.get("purpose_part") or ""
    if part and part not in Rule.PurposePart.values:
        raise ValidationError(_("Kies een deel van de Bedoeling."), code="invalid")
    clean["purpose_part"] = part
    _member_or_error(org, clean.get("owner_user"),
                     _("De eigenaar moet iemand van deze organisatie zijn."))
    duplicate = Rule.objects.filter(organisation=org, title__iexact=clean["title"])
    if rule_id:
        duplicate = duplicate.exclude(pk=rule_id)
    if duplicate.exists():
        raise ValidationError(_("Er staat al een regel met deze naam in het register."),
                              code="duplicate")
    return clean


def _current_version(org):
    purpose = Purpose.objects.filter(organisation=org).first()
    return purpose.current if purpose else None


@transaction.atomic
def rule_create(org, actor, *, title: str, kind: str = Rule.Kind.RULE, description: str = "",
                owner_user=None, owner_label: str = "",
                source_type: str = Rule.SourceType.UNKNOWN, source_reference: str = "",
                purpose_text: str = "", purpose_part: str = "") -> Rule:
    data = _clean_rule(org, None, {
        "title": title, "kind": kind, "description": description, "owner_user": owner_user,
        "owner_label": owner_label, "source_type": source_type,
        "source_reference": source_reference, "purpose_text": purpose_text,
        "purpose_part": purpose_part,
    })
    version = _current_version(org) if data["purpose_part"] else None
    if data["purpose_part"] and version is None:
        data["purpose_part"] = ""
    rule = Rule.objects.create(organisation=org, created_by=actor, purpose_version=version,
                               **data)
    _event(rule, RuleEvent.Kind.CREATED, actor, _("Opgenomen in het register."))
    if rule.has_purpose:
        _event(rule, RuleEvent.Kind.PURPOSE, actor, rule.purpose_text)
    return rule


@transaction.atomic
def rule_update(org, actor, rule: Rule, **changes) -> Rule:
    _same_org(org, rule, _("Deze regel hoort niet bij deze organisatie."))
    unknown = set(changes) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"rule_update got unknown fields {sorted(unknown)}")
    rule = Rule.objects.select_for_update().get(pk=rule.pk)
    current = {name: getattr(rule, name) for name in RULE_FIELDS}
    data = _clean_rule(org, rule.pk, {**current, **changes})
    changed = [name for name in RULE_FIELDS if data[name] != current[name]]
    if not changed:
        return rule
    for name in changed:
        setattr(rule, name, data[name])
    if {"purpose_text", "purpose_part"} & set(changed):
        # The link points at the version of the Bedoeling that was current when the
        # purpose was (re)stated, so a later herijking shows up on the rule page.
        rule.purpose_version = _current_version(org) if rule.purpose_part else None
    rule.updated_at = timezone.now()
    rule.save()
    labels = {name: str(Rule._meta.get_field(name).verbose_name) for name in RULE_FIELDS}
    labels["purpose_part"] = _("deel van de Bedoeling")
    other = [labels[name] for name in changed if name != "purpose_text"]
    if other:
        _event(rule, RuleEvent.Kind.CHANGED, actor,
               _("Gewijzigd: %(fields)s.") % {"fields": ", ".join(other)})
    if "purpose_text" in changed:
        _event(rule, RuleEvent.Kind.PURPOSE, actor,
               rule.purpose_text or _("De beschreven bedoeling is weggehaald."))
    return rule


def rule_follow(org, user, rule: Rule) -> None:
    _same_org(org, rule, _("Deze regel hoort niet bij deze organisatie."))
    _member_or_error(org, user, _("Alleen mensen van deze organisatie kunnen regels volgen."))
    RuleFollower.objects.get_or_create(rule=rule, user=user)


def rule_unfollow(org, user, rule: Rule) -> None:
    _same_org(org, rule, _("Deze regel hoort niet bij deze organisatie."))
    RuleFollower.objects.filter(rule=rule, user=user).delete()


# ---------------------------------------------------------------------------- signals


class Report(NamedTuple):
    signal: Signal
    receipt_code: str | None  # shown to the anonymous reporter once, never stored


@transaction.atomic
def signal_report(org, *, what_happened: str, client_effect: str = "",
                  sensible_action: str = "", severity: int = Signal.Severity.NOTABLE,
                  rule: Rule | None = None, rule_named: str = "", reporter=None,
                  anonymous: bool = False, source: str = Signal.Source.APP,
                  live_session=None, cluster: str = "", origin_url: str = "",
                  origin_label: str = "") -> Report:
    """Store a signal. A reporter who is a member and not anonymous is named; anything
    else (anonymous, public link, session) keeps no user and gets a receipt code. A signal
    from a live session gets its code later, when the participant's phone asks for it
    (`session_receipts_issue`)."""
    what_happened = _text(what_happened, SIGNAL_TEXT_MAX, label=_("Wat er gebeurde"),
                          required=True)
    client_effect = _text(client_effect, SIGNAL_SHORT_MAX, label=_("Wat het betekende"))
    sensible_action = _text(sensible_action, SIGNAL_SHORT_MAX,
                            label=_("Wat verstandig was geweest"))
    rule_named = " ".join(_text(rule_named, TITLE_MAX, label=_("De naam van de regel")).split())
    if severity not in Signal.Severity.values:
        raise ValidationError(_("Kies hoe zwaar het was."), code="invalid")
    if source not in Signal.Source.values:
        raise ValueError(source)
    if live_session is not None and (source != Signal.Source.SESSION
                                     or live_session.organisation_id != org.pk):
        raise ValueError("a session signal belongs to its session's organisation")
    cluster = " ".join((cluster or "").split())[:CLUSTER_MAX]
    if origin_url and not origin_url.startswith("/"):
        raise ValueError("origin_url is a path on this site")
    _same_org(org, rule, _("Die regel staat niet in het register van deze organisatie."))
    membership = _membership(org, reporter)
    if reporter is not None and membership is None:
        raise ValidationError(_("Je kunt alleen melden bij een organisatie waar je bij hoort."),
                              code="not_a_member")
    anonymous = anonymous or reporter is None or source == Signal.Source.PUBLIC
    if rule is None and rule_named:
        rule = Rule.objects.filter(organisation=org, title__iexact=rule_named).first()
        if rule is not None:
            rule_named = ""
    code = receipts.new_code() if anonymous and live_session is None else None
    now = timezone.now()
    if anonymous:
        # Only the day: a precise time could be matched against other traces a reporter
        # leaves (a login, a session touched by the same request).
        now = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    signal = Signal.objects.create(
        organisation=org, rule=rule, rule_named="" if rule else rule_named,
        what_happened=what_happened, client_effect=client_effect,
        sensible_action=sensible_action, severity=severity, source=source,
        reporter=None if anonymous else reporter, is_anonymous=anonymous,
        team=membership.team if membership else None,
        receipt_hash=receipts.code_hash(code) if code else None, created_at=now,
        live_session=live_session, cluster=cluster, origin_url=origin_url[:300],
        origin_label=" ".join(origin_label.split())[:TITLE_MAX],
    )
    if rule is not None:
        _notify_rule_signal(org, rule, signal, actor=reporter)
    return Report(signal, code)


@transaction.atomic
def signals_origin_set(org, signal_ids, *, origin_url: str, origin_label: str) -> int:
    """Where signals came from changed: the case they came out of was retitled or deleted.
    The signals keep what they say; only the link back and its label follow the origin
    (an empty url: the origin is gone and the label says so, never a link to a 404)."""
    if origin_url and not origin_url.startswith("/"):
        raise ValueError("origin_url is a path on this site")
    return Signal.objects.filter(organisation=org, pk__in=list(signal_ids)).update(
        origin_url=origin_url[:300], origin_label=" ".join(origin_label.split())[:TITLE_MAX])


def _notify_rule_signal(org, rule, signal, *, actor) -> None:
    people = [rule.owner_user, *_followers(rule)]
    notify(org, people, Kind.SIGNAL_NEW, {"rule": rule.title}, _signal_url(org, signal),
           actor=actor)


def receipt_find(code: str) -> Signal | None:
    """The signal behind a receipt code, or None for anything else (a typo, a guess)."""
    if receipts.normalise(code) is None:
        return None
    return (Signal.objects.select_related("organisation", "rule", "live_session")
            .filter(receipt_hash=receipts.code_hash(code)).first())


def receipt_removed(code: str) -> RemovedSignal | None:
    """Why the signal behind a receipt code was removed, if it was."""
    if receipts.normalise(code) is None:
        return None
    return RemovedSignal.objects.filter(receipt_hash=receipts.code_hash(code)).first()


REMOVAL_AUDIT = {
    RemovedSignal.Reason.SPAM: gettext_noop(
        "Melding %(signal)s via de openbare link verwijderd: geen melding (spam)"),
    RemovedSignal.Reason.PERSONAL_DATA: gettext_noop(
        "Melding %(signal)s via de openbare link verwijderd: er stonden persoonsgegevens in"),
}


@transaction.atomic
def signal_remove(org, actor, signal: Signal, *, reason: str) -> RemovedSignal:
    """Remove a signal that came in through the public link: spam, or one with personal data
    that must not be kept. It is deleted with its responses; what remains is why and when,
    under its receipt code, so the reporter reads that it was removed and why. Signals from
    colleagues are never removed: whoever disagrees answers them."""
    _same_org(org, signal, _("Dit signaal hoort niet bij deze organisatie."))
    if signal.source != Signal.Source.PUBLIC or not signal.receipt_hash:
        raise ValidationError(_("Alleen meldingen via de openbare link kun je verwijderen. "
                                "Reageer op dit signaal als je het er niet mee eens bent."),
                              code="not_public")
    if reason not in RemovedSignal.Reason.values:
        raise ValidationError(_("Kies waarom je de melding verwijdert."), code="invalid")
    removed = RemovedSignal.objects.create(organisation=org, receipt_hash=signal.receipt_hash,
                                           reason=reason)
    pk = signal.pk
    signal.delete()
    audit(org, actor, "systemworld.signal_remove", REMOVAL_AUDIT[reason], signal=pk,
          reason=reason)
    return removed


@transaction.atomic
def signal_respond(org, actor, signal: Signal, *, text: str) -> SignalResponse:
    _same_org(org, signal, _("Dit signaal hoort niet bij deze organisatie."))
    text = _text(text, NOTE_MAX, label=_("Je reactie"), required=True)
    response = SignalResponse.objects.create(signal=signal, author=actor, text=text)
    Signal.objects.filter(pk=signal.pk, answered_at=None).update(answered_at=timezone.now())
    notify(org, [signal.reporter], Kind.SIGNAL_RESPONSE,
           {"rule": signal.rule.title if signal.rule_id else ""}, _signal_url(org, signal),
           actor=actor)
    return response


@transaction.atomic
def signal_rule_link(org, actor, signal: Signal, rule: Rule) -> Signal:
    """Connect a signal to the rule it is about (a reporter named one, or none)."""
    _same_org(org, signal, _("Dit signaal hoort niet bij deze organisatie."))
    _same_org(org, rule, _("Die regel staat niet in het register van deze organisatie."))
    if signal.rule_id == rule.pk:
        return signal
    signal.rule = rule
    signal.save(update_fields=["rule"])
    _notify_rule_signal(org, rule, signal, actor=actor)
    return signal


# ---------------------------------------------------------------------------- actions


@transaction.atomic
def action_create(org, actor, *, kind: str, title: str, owner, due_date: date,
                  description: str = "", rule: Rule | None = None, signals=(),
                  escalate_to: str = "", escalate_detail: str = "", timeout_case: str = "",
                  timeout_until: date | None = None,
                  review_date: date | None = None) -> Action:
    if kind not in Action.Kind.values:
        raise ValidationError(_("Kies wat voor actie dit is."), code="invalid")
    title = " ".join(_text(title, TITLE_MAX, label=_("Wat we gaan doen"), required=True).split())
    description = _text(description, NOTE_MAX, label=_("De toelichting"))
    escalate_detail = _text(escalate_detail, TITLE_MAX, label=_("Aan wie"))
    timeout_case = _text(timeout_case, TITLE_MAX, label=_("De casus"))
    if owner is None:
        raise ValidationError(_("Kies wie de actie trekt."), code="required")
    _member_or_error(org, owner, _("%(name)s hoort niet bij deze organisatie; een actie kan "
                                   "alleen iemand van de organisatie trekken.")
                     % {"name": owner.display_name})
    if due_date is None:
        raise ValidationError(_("Kies een datum waarop het klaar moet zijn."), code="required")
    _same_org(org, rule, _("Die regel staat niet in het register van deze organisatie."))
    signals = list(signals)
    for signal in signals:
        _same_org(org, signal, _("Een van de signalen hoort niet bij deze organisatie."))
    if kind == Action.Kind.ESCALATE and escalate_to not in Action.EscalateTo.values:
        raise ValidationError(_("Kies waar je het agendeert: bij de eigenaar, het management "
                                "of buiten de organisatie."), code="required")
    if kind != Action.Kind.ESCALATE:
        escalate_to, escalate_detail = "", ""
    if kind == Action.Kind.EXPERIMENT and review_date is None:
        raise ValidationError(_("Een experiment heeft een datum waarop we het evalueren."),
                              code="required")
    if kind != Action.Kind.EXPERIMENT:
        review_date = None
    if kind != Action.Kind.ALLOW:
        timeout_case, timeout_until = "", None
    if rule is None:
        rules = {s.rule_id for s in signals}
        if len(rules) == 1 and None not in rules:
            rule = signals[0].rule
    action = Action.objects.create(
        organisation=org, kind=kind, title=title, description=description, rule=rule,
        owner=owner, due_date=due_date, escalate_to=escalate_to,
        escalate_detail=escalate_detail, timeout_case=timeout_case,
        timeout_until=timeout_until, review_date=review_date, created_by=actor,
    )
    action.signals.set(signals)
    Signal.objects.filter(pk__in=[s.pk for s in signals], answered_at=None).update(
        answered_at=timezone.now())
    ActionUpdate.objects.create(action=action, author=actor, status_before="",
                                status_after=action.status, progress=0,
                                note=_("Actie aangemaakt."))
    _event(rule, RuleEvent.Kind.ACTION, actor,
           _("Actie ‘%(title)s’ (%(kind)s) afgesproken.")
           % {"title": title, "kind": action.get_kind_display()})
    url = _action_url(org, action)
    notify(org, [owner], Kind.ACTION_ASSIGNED, {"action": title}, url, actor=actor)
    data = {"action": title, "kind": kind}
    notify(org, [s.reporter for s in signals] + _followers(rule), Kind.ACTION_CREATED, data,
           url, actor=actor)
    return action


@transaction.atomic
def action_status_change(org, actor, action: Action, *, status: str, progress: int | None = None,
                         note: str = "") -> ActionUpdate:
    """Move an action on: a new status, progress or a note, as one entry in its timeline.
    When the status changes, reporters of its signals and followers of its rule hear it."""
    _same_org(org, action, _("Deze actie hoort niet bij deze organisatie."))
    if status not in Action.Status.values:
        raise ValidationError(_("Kies een status."), code="invalid")
    note = _text(note, NOTE_MAX, label=_("De toelichting"))
    if progress is not None and not 0 <= progress <= 100:
        raise ValidationError(_("De voortgang is een percentage van 0 tot en met 100."),
                              code="invalid")
    # Locked: two people updating at once both land in the timeline, in order.
    action = (Action.objects.select_for_update(of=("self",)).select_related("rule")
              .get(pk=action.pk))
    before = action.status
    if status == Action.Status.DONE:
        progress = 100
    progress = action.progress if progress is None else progress
    if status == before and progress == action.progress and not note:
        raise ValidationError(_("Er is niets veranderd. Kies een andere status, pas de "
                                "voortgang aan of schrijf wat er gebeurd is."), code="unchanged")
    return _record(org, actor, action, status=status, progress=progress, note=note)


def _record(org, actor, action: Action, *, status: str, progress: int, note: str):
    before = action.status
    action.status, action.progress = status, progress
    action.updated_at = timezone.now()
    action.save(update_fields=["status", "progress", "updated_at", "verdict", "verdict_text",
                               "review_date"])
    update = ActionUpdate.objects.create(action=action, author=actor, status_before=before,
                                         status_after=status, progress=progress, note=note)
    if status != before:
        rule = action.rule
        _event(rule, RuleEvent.Kind.ACTION, actor,
               _("Actie ‘%(title)s’: %(before)s → %(after)s.")
               % {"title": action.title, "before": Action.Status(before).label,
                  "after": Action.Status(status).label})
        if (action.kind == Action.Kind.REMOVE and status == Action.Status.DONE
                and rule is not None and rule.retired_at is None):
            rule.retired_at = timezone.now()
            rule.save(update_fields=["retired_at"])
            _event(rule, RuleEvent.Kind.RETIRED, actor,
                   _("Geschrapt na de actie ‘%(title)s’.") % {"title": action.title})
        reporters = [s.reporter for s in action.signals.select_related("reporter")]
        notify(org, [action.owner, *reporters, *_followers(rule)], Kind.ACTION_STATUS,
               {"action": action.title, "status": status}, _action_url(org, action),
               actor=actor)
    return update


@transaction.atomic
def experiment_verdict_record(org, actor, action: Action, *, verdict: str, text: str,
                              new_review_date: date | None = None) -> ActionUpdate:
    """Judge an experiment: adopt it, stop it (both close it), or extend it to a new date."""
    _same_org(org, action, _("Deze actie hoort niet bij deze organisatie."))
    action = (Action.objects.select_for_update(of=("self",)).select_related("rule")
              .get(pk=action.pk))
    if action.kind != Action.Kind.EXPERIMENT or not action.unfinished:
        raise ValidationError(_("Alleen een lopend experiment krijgt een oordeel."),
                              code="invalid")
    if verdict not in Action.Verdict.values:
        raise ValidationError(_("Kies wat we met het experiment doen."), code="invalid")
    text = _text(text, NOTE_MAX, label=_("Je oordeel"), required=True)
    label = Action.Verdict(verdict).label
    if verdict == Action.Verdict.EXTEND:
        if new_review_date is None or new_review_date <= timezone.localdate():
            raise ValidationError(_("Kies een nieuwe evaluatiedatum in de toekomst."),
                                  code="invalid")
        action.review_date = new_review_date
        note = _("Verlengd tot %(date)s: %(text)s") % {
            "date": new_review_date.strftime("%d-%m-%Y"), "text": text}
        return _record(org, actor, action, status=Action.Status.IN_PROGRESS,
                       progress=action.progress, note=note)
    action.verdict, action.verdict_text = verdict, text
    return _record(org, actor, action, status=Action.Status.DONE, progress=100,
                   note=f"{label[:1].upper()}{label[1:]}. {text}")


# ---------------------------------------------------------------------------- the rest


def public_link_for(org) -> PublicLink:
    link, _created = PublicLink.objects.get_or_create(organisation=org)
    return link


@transaction.atomic
def public_link_set(org, actor, *, enabled: bool, new_token: bool = False) -> PublicLink:
    link = PublicLink.objects.select_for_update().get(pk=public_link_for(org).pk)
    link.enabled = enabled
    if new_token:
        link.token = PublicLink._meta.get_field("token").get_default()
    link.updated_at = timezone.now()
    link.save()
    audit(org, actor, "systemworld.public_link",
          ("Openbare meldlink aangezet" if enabled else "Openbare meldlink uitgezet")
          + (" met een nieuw adres" if new_token else ""), enabled=enabled, new_token=new_token)
    return link


def notifications_mark_read(org, user) -> int:
    return Notification.objects.filter(organisation=org, user=user, read_at=None).update(
        read_at=timezone.now())

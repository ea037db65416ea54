"""Writes of personal reflection and team rounds. Stories and signals made from a fragment
are stored by their own apps' services (`story_tell`, `signal_report`)."""

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from bedoeling.accounts.audit import audit
from bedoeling.accounts.models import Membership, Role
from bedoeling.lib.mail import email_enqueue
from bedoeling.reflection import prompts, schedule
from bedoeling.reflection.models import (
    ANSWER_MAX,
    FRAGMENT_MAX,
    ROUND_QUESTIONS_MAX,
    ROUND_TEXT_MAX,
    Obstacle,
    ReflectionEntry,
    ReflectionLink,
    ReminderClock,
    ReminderSent,
    Rhythm,
    Round,
    RoundAnswer,
    RoundQuestion,
    RoundRespondent,
)
from bedoeling.stories.models import Consent, PurposePart, TellerRole
from bedoeling.stories.services import story_tell
from bedoeling.systemworld.models import Signal
from bedoeling.systemworld.services import Report, signal_report

TOKEN_SALT = "bedoeling.reflection.reminder"
TOKEN_MAX_AGE = 60 * 60 * 24 * 400


def _membership(org, person) -> Membership:
    membership = Membership.objects.filter(organisation=org, user=person).first()
    if membership is None:
        raise ValidationError(_("Je hoort niet bij deze organisatie."), code="not_a_member")
    return membership


# ---------------------------------------------------------------- rhythm


def rhythm_for(org, person) -> Rhythm:
    """Her rhythm in this organisation; weekly on Friday afternoon until she changes it."""
    rhythm, _created = Rhythm.objects.get_or_create(person=person, organisation=org)
    return rhythm


def rhythm_update(rhythm: Rhythm, *, reminders: bool, weekday: int, hour: int,
                  paused_until: date | None = None,
                  in_organisation_export: bool | None = None) -> Rhythm:
    errors = {}
    if weekday not in range(7):
        errors["weekday"] = _("Kies een dag van de week.")
    if hour not in range(24):
        errors["hour"] = _("Kies een uur tussen 0 en 23.")
    if paused_until is not None and paused_until > timezone.localdate() + timedelta(days=366):
        errors["paused_until"] = _("Een pauze duurt hoogstens een jaar.")
    if errors:
        raise ValidationError(errors)
    rhythm.reminders, rhythm.weekday, rhythm.hour = reminders, weekday, hour
    rhythm.paused_until = paused_until
    if in_organisation_export is not None:
        rhythm.in_organisation_export = in_organisation_export
    rhythm.save()
    return rhythm


def reminders_stop(rhythm: Rhythm) -> Rhythm:
    rhythm.reminders = False
    rhythm.save(update_fields=["reminders"])
    return rhythm


def rhythm_token(rhythm: Rhythm) -> str:
    return signing.dumps({"r": rhythm.pk, "p": rhythm.person_id}, salt=TOKEN_SALT,
                         compress=True)


def rhythm_from_token(token: str) -> Rhythm | None:
    """The rhythm a mail's link is about, or None for a link that was changed or is old."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return (Rhythm.objects.select_related("person", "organisation")
            .filter(pk=data.get("r"), person_id=data.get("p")).first())


# ---------------------------------------------------------------- entries


def _clean_entry(*, model: str, answers: Mapping[str, str], from_purpose, parts, obstacles):
    errors: dict[str, list[str]] = {}
    if model not in prompts.MODELS:
        raise ValidationError({"model": _("Kies een van de reflectiemodellen.")})
    keys = [p.key for p in prompts.MODELS[model].prompts]
    if set(answers) - set(keys):
        errors.setdefault("__all__", []).append(
            _("Een van de antwoorden hoort niet bij dit model. Laad de pagina opnieuw."))
    clean = {}
    for key in keys:
        text = (answers.get(key) or "").replace("\r\n", "\n").strip()
        if len(text) > ANSWER_MAX:
            errors.setdefault(key, []).append(
                _("Hoogstens %(limit)s tekens per vraag; nu %(count)s.")
                % {"limit": ANSWER_MAX, "count": len(text)})
        clean[key] = text
    if not any(clean.values()):
        errors.setdefault("__all__", []).append(
            _("Schrijf bij minstens één vraag iets op."))
    if from_purpose not in (None, 1, 2, 3, 4, 5):
        errors.setdefault("from_purpose", []).append(_("Kies een waarde van 1 tot 5."))
    parts = list(dict.fromkeys(parts or []))
    if set(parts) - set(PurposePart.values):
        errors.setdefault("parts", []).append(_("Kies delen van de Bedoeling uit de lijst."))
    obstacles = list(dict.fromkeys(obstacles or []))
    if set(obstacles) - set(Obstacle.values):
        errors.setdefault("obstacles", []).append(_("Kies uit de lijst wat in de weg zat."))
    if errors:
        raise ValidationError(errors)
    return {"model": model, "answers": clean, "from_purpose": from_purpose, "parts": parts,
            "obstacles": obstacles}


@transaction.atomic
def entry_write(org, author, *, model: str = prompts.DEFAULT, answers: Mapping[str, str],
                from_purpose: int | None = None, parts: Iterable[str] = (),
                obstacles: Iterable[str] = (), written_on: date | None = None
                ) -> ReflectionEntry:
    _membership(org, author)
    fields = _clean_entry(model=model, answers=answers, from_purpose=from_purpose,
                          parts=parts, obstacles=obstacles)
    return ReflectionEntry.objects.create(organisation=org, author=author,
                                          written_on=written_on or timezone.localdate(),
                                          **fields)


def _own(entry: ReflectionEntry, person) -> None:
    if entry.author_id != getattr(person, "pk", None):
        raise PermissionError("only the author touches a reflection entry")


@transaction.atomic
def entry_update(entry: ReflectionEntry, author, *, answers: Mapping[str, str],
                 from_purpose: int | None = None, parts: Iterable[str] = (),
                 obstacles: Iterable[str] = ()) -> ReflectionEntry:
    _own(entry, author)
    fields = _clean_entry(model=entry.model, answers=answers, from_purpose=from_purpose,
                          parts=parts, obstacles=obstacles)
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.save()
    return entry


def entry_delete(entry: ReflectionEntry, author) -> None:
    _own(entry, author)
    entry.delete()


@transaction.atomic
def reflections_delete_all(org, person) -> int:
    """Everything she wrote here, her rhythm and the record of her reminders: gone."""
    _total, per_model = ReflectionEntry.objects.filter(organisation=org,
                                                        author=person).delete()
    Rhythm.objects.filter(organisation=org, person=person).delete()
    ReminderSent.objects.filter(organisation=org, person=person).delete()
    return per_model.get(ReflectionEntry._meta.label, 0)


# ---------------------------------------------------------------- to the organisation


def _fragment(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError({"fragment": _("Kies welk stuk van je reflectie je wilt delen: "
                                             "dit veld mag niet leeg zijn.")})
    if len(text) > FRAGMENT_MAX:
        raise ValidationError({"fragment": _("Hoogstens %(limit)s tekens.")
                               % {"limit": FRAGMENT_MAX}})
    return text


@transaction.atomic
def fragment_to_signal(entry: ReflectionEntry, author, *, fragment: str,
                       anonymous: bool = False, client_effect: str = "",
                       sensible_action: str = "",
                       severity: int = Signal.Severity.NOTABLE) -> Report:
    """A signal about a rule, made from a fragment. The organisation sees the signal,
    never the reflection it came from."""
    _own(entry, author)
    text = _fragment(fragment)
    report = signal_report(entry.organisation, what_happened=text,
                           client_effect=client_effect, sensible_action=sensible_action,
                           severity=severity, reporter=author, anonymous=anonymous)
    ReflectionLink.objects.create(entry=entry, kind=ReflectionLink.Kind.SIGNAL, fragment=text,
                                  target_id=None if anonymous else report.signal.pk)
    return report


@transaction.atomic
def fragment_to_story(entry: ReflectionEntry, author, *, form, fragment: str, consent: str,
                      anonymous: bool = False, title: str = ""):
    """A story for the library (with her consent choice), made from a fragment."""
    _own(entry, author)
    text = _fragment(fragment)
    if form is None or form.organisation_id != entry.organisation_id:
        raise ValidationError({"form": _("Kies een verhalenformulier van deze organisatie.")})
    if consent not in Consent.values:
        raise ValidationError({"consent": _("Kies wat er met je verhaal mag gebeuren.")})
    membership = _membership(entry.organisation, author)
    role = TellerRole.LEAD if membership.role == Role.LEAD else TellerRole.EMPLOYEE
    story = story_tell(form, text=text, teller_role=role, consent=consent, title=title,
                       team=None if anonymous else membership.team,
                       author=None if anonymous else author)
    ReflectionLink.objects.create(entry=entry, kind=ReflectionLink.Kind.STORY, fragment=text,
                                  target_id=None if anonymous else story.pk)
    return story


# ---------------------------------------------------------------- reminders


def _absolute(path: str) -> str:
    return settings.SITE_URL + path if settings.SITE_URL else path


def reminder_send(rhythm: Rhythm, slot: datetime) -> bool:
    """Send the reminder for `slot` unless it was sent already. The row is written first,
    under a unique constraint: a second run, or a second worker, finds it and sends
    nothing."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(person=rhythm.person, organisation=rhythm.organisation,
                                        slot=slot)
    except IntegrityError:
        return False
    person, org = rhythm.person, rhythm.organisation
    token = rhythm_token(rhythm)
    settings_url = _absolute(reverse("reflection:mail_settings", kwargs={"token": token}))
    with translation.override(person.language or settings.LANGUAGE_CODE):
        context = {
            "name": person.display_name, "org": org,
            "new_url": _absolute(reverse("reflection:new", kwargs={"org": org.slug})),
            "settings_url": settings_url,
            "rhythm": rhythm,
        }
        subject = _("%(org)s: tijd voor je reflectie") % {"org": org.name}
        body = render_to_string("reflection/email/reminder.txt", context)
    # Through the mail queue, so a refusing mail server gets the reminder later, not never.
    email_enqueue(subject, body, [person.email],
                  headers={"List-Unsubscribe": f"<{settings_url}>",
                           "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
    return True


def reminders_send_due(now: datetime | None = None) -> int:
    now = now or timezone.now()
    sent = 0
    rhythms = (Rhythm.objects.filter(reminders=True, person__is_active=True)
               .select_related("person", "organisation"))
    members = set(Membership.objects.filter(
        user_id__in=rhythms.values("person_id")).values_list("user_id", "organisation_id"))
    for rhythm in rhythms:
        if (rhythm.person_id, rhythm.organisation_id) not in members:
            continue
        slot = schedule.due_slot(rhythm, now)
        if slot is not None and reminder_send(rhythm, slot):
            sent += 1
    return sent


def reminder_run_claim(run_at: datetime) -> bool:
    """Claim the next run of the reminder task at `run_at`. Only one caller wins, so two
    chains of runs (a restart, a duplicate) fold into one."""
    with transaction.atomic():
        clock = ReminderClock.objects.select_for_update().filter(pk=1).first()
        if clock is None:
            try:
                with transaction.atomic():
                    ReminderClock.objects.create(pk=1, next_run_at=run_at)
                return True
            except IntegrityError:
                return False
        if clock.next_run_at >= run_at:
            return False
        clock.next_run_at = run_at
        clock.save(update_fields=["next_run_at"])
        return True


def reminder_chain_is_stale(now: datetime | None = None) -> bool:
    """No run is queued (never started, or its worker lost it)."""
    now = now or timezone.now()
    clock = ReminderClock.objects.filter(pk=1).first()
    return clock is None or clock.next_run_at < now - timedelta(minutes=30)


# ---------------------------------------------------------------- team rounds


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time(0)))


@transaction.atomic
def round_open(org, actor, *, title: str, intro: str = "", team=None, closes_on: date,
               questions: Iterable[tuple[str, str, Iterable[str]]]) -> Round:
    """Open a round. ``questions``: (kind, text, options) with options for a choice."""
    membership = _membership(org, actor)
    if not membership.can_steer:
        raise PermissionError("only facilitators and leads open a round")
    errors: dict[str, list[str]] = {}
    title = " ".join((title or "").split())
    if not title:
        errors.setdefault("title", []).append(_("Geef de ronde een titel."))
    elif len(title) > 160:
        errors.setdefault("title", []).append(_("Een titel is hoogstens 160 tekens."))
    intro = (intro or "").strip()
    if len(intro) > ROUND_TEXT_MAX:
        errors.setdefault("intro", []).append(
            _("Hoogstens %(limit)s tekens.") % {"limit": ROUND_TEXT_MAX})
    if team is not None and team.organisation_id != org.pk:
        errors.setdefault("team", []).append(_("Dat team hoort niet bij deze organisatie."))
    if closes_on is None or closes_on < timezone.localdate():
        errors.setdefault("closes_on", []).append(
            _("Kies een sluitdatum vandaag of later."))
    rows = []
    for kind, text, options in questions:
        text = " ".join((text or "").split())
        options = [" ".join(o.split()) for o in options or () if o and o.strip()]
        if not text:
            continue
        if kind not in RoundQuestion.Kind.values:
            errors.setdefault("__all__", []).append(_("Kies voor elke vraag een soort."))
            continue
        if len(text) > 300:
            errors.setdefault("__all__", []).append(_("Een vraag is hoogstens 300 tekens."))
        if kind == RoundQuestion.Kind.CHOICE and not 2 <= len(options) <= 8:
            errors.setdefault("__all__", []).append(
                _("Een keuzevraag heeft 2 tot 8 antwoorden, één per regel: ‘%(question)s’.")
                % {"question": text})
        rows.append(RoundQuestion(kind=kind, text=text,
                                  options=options if kind == RoundQuestion.Kind.CHOICE else [],
                                  position=len(rows)))
    if not rows:
        errors.setdefault("__all__", []).append(_("Stel minstens één vraag."))
    elif len(rows) > ROUND_QUESTIONS_MAX:
        errors.setdefault("__all__", []).append(
            _("Hoogstens %(limit)s vragen: houd de ronde kort.") % {"limit": ROUND_QUESTIONS_MAX})
    if errors:
        raise ValidationError(errors)
    round_ = Round.objects.create(organisation=org, team=team, title=title, intro=intro,
                                  closes_at=_end_of(closes_on), created_by=actor)
    for row in rows:
        row.round = round_
    RoundQuestion.objects.bulk_create(rows)
    audit(org, actor, "reflection.round_open",
          gettext_noop("Reflectieronde ‘%(title)s’ geopend"), title=title)
    return round_


def in_round(round_: Round, person) -> bool:
    memberships = Membership.objects.filter(organisation_id=round_.organisation_id, user=person)
    if round_.team_id is not None:
        memberships = memberships.filter(team_id=round_.team_id)
    return memberships.exists()


@transaction.atomic
def round_answer(round_: Round, person, answers: Mapping[int, object]) -> None:
    """Store one person's answers, or nothing: someone outside the round, a second answer
    and an answer after the closing moment are refused. ``answers`` maps question ids to a
    number (scale 1..5, or the option's index) or a text (open)."""
    if not in_round(round_, person):
        raise ValidationError(_("Deze ronde is niet voor jou bedoeld."), code="outside")
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        raise ValidationError(_("Deze ronde is gesloten; er kunnen geen antwoorden meer bij."),
                              code="closed")
    if RoundRespondent.objects.filter(round=round_, person=person).exists():
        raise ValidationError(_("Je hebt deze ronde al beantwoord. Dank je wel!"),
                              code="second")
    errors: dict[str, list[str]] = {}
    rows = []
    for question in round_.questions.all():
        value = answers.get(question.pk)
        if value in (None, ""):
            continue
        if question.kind == RoundQuestion.Kind.OPEN:
            text = str(value).replace("\r\n", "\n").strip()
            if len(text) > ANSWER_MAX:
                errors.setdefault(f"q{question.pk}", []).append(
                    _("Hoogstens %(limit)s tekens.") % {"limit": ANSWER_MAX})
            elif text:
                rows.append(RoundAnswer(question=question, text=text))
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = -1
        valid = (range(1, 6) if question.kind == RoundQuestion.Kind.SCALE
                 else range(len(question.options)))
        if number not in valid:
            errors.setdefault(f"q{question.pk}", []).append(_("Kies een van de antwoorden."))
        else:
            rows.append(RoundAnswer(question=question, value=number))
    if not rows and not errors:
        errors.setdefault("__all__", []).append(_("Beantwoord minstens één vraag."))
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            RoundRespondent.objects.create(round=round_, person=person)
    except IntegrityError:
        raise ValidationError(_("Je hebt deze ronde al beantwoord. Dank je wel!"),
                              code="second") from None
    RoundAnswer.objects.bulk_create(rows)

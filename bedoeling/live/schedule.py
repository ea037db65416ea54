"""Asynchronous sessions: the same formats, for teams that cannot meet at one moment.

Each step (phase) has a time window. The facilitator invites members; each invited member
has a participant of her own, linked to her membership, that she reaches from any device
she logs in on. The task worker moves the session: `session_advance` runs at every
opening, reminder and closing moment (and whenever the plan changes), and brings the
session up to date with the clock through the engine's own services. It is safe to run
late, early or twice: it decides from the clock and the database alone, and a mail is
sent once per (step, participant, kind) because its row is written in the same
transaction as the mail's task. Input outside a window is refused by
`services.input_check`, so a late worker never lets a closed step take input.

Scheduling is django-tasks' `run_after` (docs/tasks.md); nothing here keeps a clock."""

import random
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from bedoeling.accounts.audit import audit
from bedoeling.lib.mail import email_enqueue
from bedoeling.lib.urls import site_url
from bedoeling.live import services
from bedoeling.live.errors import LiveError
from bedoeling.live.models import LiveSession, Participant, Phase, StepMail, token_hash
from bedoeling.live.registry import block_for

# A step is open this long unless the facilitator says otherwise; the steps follow each
# other, so a session of five steps runs over five days.
DEFAULT_WINDOW = timedelta(days=1)
# The reminder goes when this share of the window is left (six hours of a day).
REMINDER_SHARE = 0.25
INVITATION_SALT = "bedoeling.live.invitation"


def default_start(now: datetime) -> datetime:
    """The first step opens at the next full hour."""
    local = timezone.localtime(now)
    return local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def reminder_at(phase: Phase) -> datetime | None:
    if not (phase.opens_at and phase.closes_at):
        return None
    return phase.closes_at - (phase.closes_at - phase.opens_at) * REMINDER_SHARE


def is_open_at(phase: Phase, now: datetime) -> bool:
    return bool(phase.opens_at and phase.closes_at and phase.opens_at <= now < phase.closes_at)


# --- the plan ------------------------------------------------------------------------------

def default_windows(count: int, start: datetime | None = None) -> list[tuple]:
    """A day per step, one after the other, from `start` (the next full hour)."""
    start = start or default_start(timezone.now())
    return [(start + i * DEFAULT_WINDOW, start + (i + 1) * DEFAULT_WINDOW) for i in range(count)]


@transaction.atomic
def session_make_asynchronous(session: LiveSession, *, start: datetime | None = None
                              ) -> LiveSession:
    """Turn a new session asynchronous, each step a day after the one before."""
    LiveSession.objects.filter(pk=session.pk).update(asynchronous=True)
    session.asynchronous = True
    phases = list(session.phases.all())
    for phase, (opens, closes) in zip(phases, default_windows(len(phases), start), strict=True):
        Phase.objects.filter(pk=phase.pk).update(opens_at=opens, closes_at=closes)
    return session


def windows_problems(windows: list[tuple[datetime | None, datetime | None]]) -> list[str]:
    """What is wrong with a plan: a step without a window, one that closes before it
    opens, or one that opens before the step before it has closed."""
    problems = []
    previous = None
    for number, (opens, closes) in enumerate(windows, start=1):
        if opens is None or closes is None:
            problems.append(_("Stap %(n)s: vul in wanneer hij opent en sluit.") % {"n": number})
            continue
        if closes <= opens:
            problems.append(_("Stap %(n)s sluit voordat hij opent.") % {"n": number})
        if previous is not None and opens < previous:
            problems.append(_("Stap %(n)s opent voordat stap %(m)s sluit. Stappen volgen "
                              "elkaar op.") % {"n": number, "m": number - 1})
        previous = closes
    return problems


@transaction.atomic
def windows_set(session: LiveSession, user, windows: list[tuple[datetime, datetime]]
                ) -> LiveSession:
    """Set the window of every step (in phase order). Refused as a whole when one is
    wrong. The worker is told at every new moment; the session follows the clock."""
    session = services.session_lock(session.pk)
    if session.is_ended:
        raise LiveError(_("Deze sessie is al afgelopen."))
    phases = list(session.phases.all())
    if len(windows) != len(phases):
        raise LiveError(_("De stappen zijn intussen veranderd. Laad de pagina opnieuw."))
    problems = windows_problems(windows)
    if problems:
        raise LiveError(" ".join(problems))
    for phase, (opens, closes) in zip(phases, windows, strict=True):
        Phase.objects.filter(pk=phase.pk).update(opens_at=opens, closes_at=closes)
    session.asynchronous = True
    session.save(update_fields=["asynchronous"])
    audit(session.organisation, user, "live.schedule",
          gettext_noop("Planning van werksessie ‘%(title)s’ vastgelegd"),
          session=session.pk, title=session.title)
    if session.is_open:
        advance_enqueue(session)
    services.session_transition(session)
    return session


@transaction.atomic
def schedule_start(session: LiveSession, user) -> LiveSession:
    """Open an asynchronous session: from now on the clock moves it."""
    session = services.session_lock(session.pk)
    phases = list(session.phases.all())
    if not phases:
        raise LiveError(_("Deze sessie heeft nog geen fasen."))
    if not session.asynchronous or any(p.opens_at is None or p.closes_at is None
                                       for p in phases):
        raise LiveError(_("Geef eerst elke stap een tijdvak."))
    session = services.session_open(session, user)
    advance_enqueue(session)
    return session


def advance_enqueue(session: LiveSession) -> None:
    """Ask the worker to bring the session up to date now and at every moment of its plan
    still to come. Runs that find nothing to do do nothing, so a changed plan needs no
    cancelling of the old moments."""
    now = timezone.now()
    moments = set()
    for phase in session.phases.all():
        for moment in (phase.opens_at, reminder_at(phase), phase.closes_at):
            if moment is not None and moment > now:
                moments.add(moment)
    session_advance_task.enqueue(session.pk)
    if not session_advance_task.get_backend().supports_defer:
        # A backend that runs tasks at once (the unit tests') cannot wait for a moment;
        # writes after a window are refused on their own (`services.window_check`).
        return
    for moment in sorted(moments):
        session_advance_task.using(run_after=moment).enqueue(session.pk)


# --- who takes part --------------------------------------------------------------------

def invitation_token(session: LiveSession, membership_id: int) -> str:
    """The participant token of an invited member: derived, never stored (only its hash
    is, as for every participant), so that every device she logs in on gets the same
    participant."""
    return salted_hmac(INVITATION_SALT, f"{session.code}:{membership_id}",
                       algorithm="sha256").hexdigest()


@transaction.atomic
def members_invite(session: LiveSession, user, memberships) -> list[Participant]:
    """Invite members of the session's organisation: each gets a participant of her own
    (a name only when the session is not anonymous) and, from the worker, a mail when a
    step opens. Inviting someone twice changes nothing."""
    session = services.session_lock(session.pk)
    if session.is_ended:
        raise LiveError(_("Deze sessie is al afgelopen."))
    invited = set(session.participants.filter(membership__isnull=False)
                  .values_list("membership_id", flat=True))
    new = [m for m in memberships
           if m.organisation_id == session.organisation_id and m.pk not in invited]
    if session.participants.count() + len(new) > session.participant_cap:
        raise LiveError(_("Zoveel deelnemers past niet in deze sessie (maximaal %(n)s).")
                        % {"n": session.participant_cap})
    # In join order nobody could tell who is who from the list of names: the order of
    # the invitations is not the order of the numbers.
    random.shuffle(new)
    named = not session.anonymous
    people = []
    for membership in new:
        people.append(Participant.objects.create(
            session=session, membership=membership,
            token_hash=token_hash(invitation_token(session, membership.pk)),
            name=membership.user.display_name[:40] if named else ""))
    if people:
        audit(session.organisation, user, "live.invite",
              gettext_noop("%(count)s mensen uitgenodigd voor werksessie ‘%(title)s’"),
              session=session.pk, title=session.title, count=len(people))
        if session.is_open:
            # Someone invited while a step is open hears of it now.
            session_advance_task.enqueue(session.pk)
        services.changed(session.pk)
    return people


def invited_participant(session: LiveSession, user) -> Participant | None:
    if not user.is_authenticated:
        return None
    return (Participant.objects.filter(session=session, membership__user=user)
            .select_related("membership").first())


def invitees(session: LiveSession) -> list[Participant]:
    return list(session.participants.filter(membership__isnull=False)
                .select_related("membership__user", "membership__team")
                .order_by("membership__user__name", "membership__user__email"))


# --- the clock -------------------------------------------------------------------------

@task()
def session_advance_task(session_id: int) -> str:
    # In this module and not in tasks.py: the plan enqueues it, and a tasks.py importing
    # this module back would be an import circle.
    return session_advance(session_id)


def session_advance(session_id: int, now: datetime | None = None) -> str:
    """Bring an asynchronous session up to date with the clock (`now`, for tests): show
    the results of closed steps, make the step whose window opened last the current one,
    mail the invited members about an open step and remind those who have not taken part
    yet, and end the session when its last step has closed."""
    now = now or timezone.now()
    with transaction.atomic():
        session = services.session_lock(session_id)
        if not session.asynchronous or not session.is_open:
            return "idle"
        phases = list(session.phases.all())
        for phase in phases:
            # A closed step's results are shown, as a facilitator would reveal them.
            if (phase.closes_at and phase.closes_at <= now and not phase.revealed
                    and block_for(phase.kind).has_results):
                services.phase_set_flags(phase, revealed=True)
        opened = [p for p in phases if p.opens_at and p.opens_at <= now]
        current = opened[-1] if opened else None
        if current is not None and session.current_phase_id != current.pk:
            session = services.phase_activate(session, current)
        else:
            # The window of the current step may have opened or closed: phones show it.
            services.session_transition(session)
        if phases and all(p.closes_at and p.closes_at <= now for p in phases):
            services.session_end(session, None)
            return "ended"
        if current is None or not is_open_at(current, now):
            return "waiting"
        mailed = _mail_step(session, current, now)
    return f"mailed {mailed}"


def _mail_step(session: LiveSession, phase: Phase, now: datetime) -> int:
    people = [p for p in session.participants.filter(membership__isnull=False)
              .select_related("membership__user", "membership__organisation")
              if p.membership.user.is_active and not phase.hidden_for(p.role)]
    due = reminder_at(phase) <= now
    done = block_for(phase.kind).contributors(phase) if due else None
    sent_before = {(m.participant_id, m.kind) for m in StepMail.objects.filter(
        phase=phase, participant__in=people)}
    mailed = 0
    for person in people:
        if (person.pk, StepMail.Kind.OPENED) not in sent_before:
            StepMail.objects.create(phase=phase, participant=person, kind=StepMail.Kind.OPENED)
            _mail(session, phase, person, "opened")
            mailed += 1
            if due:
                # A worker that comes late sends one mail, not an opening and a reminder
                # at once: the opening says when the step closes.
                StepMail.objects.get_or_create(phase=phase, participant=person,
                                               kind=StepMail.Kind.REMINDER)
            continue
        if (not due or done is None or person.pk in done or phase.readonly_for(person.role)
                or (person.pk, StepMail.Kind.REMINDER) in sent_before):
            continue
        StepMail.objects.create(phase=phase, participant=person, kind=StepMail.Kind.REMINDER)
        _mail(session, phase, person, "reminder")
        mailed += 1
    return mailed


def _mail(session: LiveSession, phase: Phase, person: Participant, kind: str) -> None:
    user = person.membership.user
    # In her language, not in the language of whoever made the worker run.
    with translation.override(user.language or settings.LANGUAGE_CODE):
        ctx = {"name": user.display_name, "session": session, "phase": phase,
               "org": person.membership.organisation, "readonly": phase.readonly_for(person.role),
               "closes": services.moment(phase.closes_at),
               "link": site_url(reverse("live:invited", args=[session.code]))}
        if kind == "opened":
            subject = _("%(org)s: ‘%(step)s’ staat open tot %(when)s")
        else:
            subject = _("Herinnering — %(org)s: ‘%(step)s’ sluit %(when)s")
        subject = subject % {"org": ctx["org"].name, "step": phase.shown_title, "when": ctx["closes"]}
        body = render_to_string(f"live/email/step_{kind}.txt", ctx)
    email_enqueue(subject[:150], body, [user.email])

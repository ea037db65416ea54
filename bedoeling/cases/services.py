"""The only functions that change cases, custom methods, discussions and learnings."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from bedoeling.accounts.audit import audit
from bedoeling.accounts.models import Membership
from bedoeling.cases import methods, selectors
from bedoeling.cases.blocks import HelpedBlock
from bedoeling.cases.models import (
    LEARNING_MAX,
    METHOD_STEPS_MAX,
    QUESTION_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Case,
    CaseDiscussion,
    CustomMethod,
    Learning,
)
from bedoeling.live import services as live_services
from bedoeling.live.registry import FORMATS
from bedoeling.stories.models import PurposePart
from bedoeling.systemworld.services import signal_report, signals_origin_set

CUSTOM = "case_custom"


def _text(value, limit, label, *, required=True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError(_("%(label)s: dit veld mag niet leeg zijn.") % {"label": label})
    if len(text) > limit:
        raise ValidationError(_("%(label)s: hoogstens %(limit)s tekens, nu %(n)s.")
                              % {"label": label, "limit": limit, "n": len(text)})
    return text


def _membership(org, user) -> Membership:
    membership = Membership.objects.filter(organisation=org, user=user).first()
    if membership is None:
        raise ValidationError(_("Je hoort niet bij deze organisatie."))
    return membership


def _part(purpose_part) -> str:
    if purpose_part not in PurposePart.values:
        raise ValidationError(_("Kies welk deel van de Bedoeling op het spel staat."))
    return purpose_part


def _fields(org, *, title, situation, dilemma, question, purpose_part, team) -> dict:
    if team is not None and team.organisation_id != org.pk:
        raise ValidationError(_("Kies een team van deze organisatie."))
    return {
        "title": " ".join(_text(title, TITLE_MAX, _("Titel")).split()),
        "situation": _text(situation, TEXT_MAX, _("De situatie")),
        "dilemma": _text(dilemma, TEXT_MAX, _("Het dilemma")),
        "question": _text(question, QUESTION_MAX, _("Je vraag")),
        "purpose_part": _part(purpose_part), "team": team,
    }


@transaction.atomic
def case_create(org, author, *, title: str, situation: str, dilemma: str, question: str,
                purpose_part: str, team=None) -> Case:
    membership = _membership(org, author)
    fields = _fields(org, title=title, situation=situation, dilemma=dilemma,
                     question=question, purpose_part=purpose_part,
                     team=team if team is not None else membership.team)
    return Case.objects.create(organisation=org, author=author,
                               purpose_version=selectors.current_purpose_version(org), **fields)


def _own(case: Case, user) -> None:
    if user is None or case.author_id != user.pk:
        raise ValidationError(_("Alleen wie de casus schreef kan dit."))


def may_change(case: Case, membership) -> bool:
    """Her author, and a facilitator of its organisation (a case may hold a client's
    details written before the warning was heeded: someone must be able to take them out
    when the author cannot)."""
    if membership is None or membership.organisation_id != case.organisation_id:
        return False
    return case.author_id == membership.user_id or membership.is_facilitator


MAY_NOT_CHANGE = gettext_noop("Alleen wie de casus schreef en de begeleiders van de "
                              "organisatie kunnen een casus bewerken of verwijderen.")


def _may_change(case: Case, user) -> None:
    membership = Membership.objects.filter(organisation_id=case.organisation_id,
                                           user=user).first() if user is not None else None
    if not may_change(case, membership):
        raise ValidationError(_(MAY_NOT_CHANGE))


def _case_url(case: Case) -> str:
    return reverse("cases:detail", kwargs={"org": case.organisation.slug, "case": case.pk})


def _origin_label(case: Case) -> str:
    return _("Casusbespreking ‘%(title)s’") % {"title": case.title}


def _signal_ids(case: Case) -> list[int]:
    return list(case.learnings.exclude(signal=None).values_list("signal_id", flat=True))


@transaction.atomic
def case_update(case: Case, user, *, title: str, situation: str, dilemma: str, question: str,
                purpose_part: str, team=None) -> Case:
    _may_change(case, user)
    fields = _fields(case.organisation, title=title, situation=situation, dilemma=dilemma,
                     question=question, purpose_part=purpose_part, team=team)
    retitled = fields["title"] != case.title
    for name, value in fields.items():
        setattr(case, name, value)
    case.save(update_fields=list(fields))
    if retitled:
        # The signals of its learnings name the case: a name taken out of the title must
        # not stay behind in the register.
        signals_origin_set(case.organisation, _signal_ids(case), origin_url=_case_url(case),
                           origin_label=_origin_label(case))
    return case


@transaction.atomic
def case_delete(case: Case, actor) -> None:
    """Delete a case for good, with its learnings and what helped its owner. What others
    made of it stays: a signal its learnings became keeps its text but no longer links to
    the case; a session that discussed it keeps its harvest (the participants' cards),
    which never held the case's text."""
    _may_change(case, actor)
    org, pk = case.organisation, case.pk
    counts = _case_remove(case)
    audit(org, actor, "cases.delete",
          gettext_noop("Casus %(case)s verwijderd, met %(learnings)s leerpunten"),
          case=pk, **counts)


def _case_remove(case: Case) -> dict:
    signals = _signal_ids(case)
    counts = {"learnings": case.learnings.count(), "discussions": case.discussions.count(),
              "signals": len(signals)}
    signals_origin_set(case.organisation, signals, origin_url="",
                       origin_label=_("Een casusbespreking (de casus is verwijderd)"))
    case.delete()
    return counts


@transaction.atomic
def cases_erase(author) -> None:
    """Her cases go with her account (the privacy registry), as when she deletes them one
    by one: the signals of their learnings stay, without a link to a case that is gone."""
    for case in Case.objects.filter(author=author).select_related("organisation"):
        _case_remove(case)


@transaction.atomic
def case_share(case: Case, user, *, shared: bool) -> Case:
    """Share the case and its learnings with the whole organisation, without her name."""
    _own(case, user)
    case.shared = shared
    case.save(update_fields=["shared"])
    audit(case.organisation, user, "cases.share",
          gettext_noop("Casus %(case)s gedeeld met de organisatie") if shared
          else gettext_noop("Casus %(case)s niet meer gedeeld"), case=case.pk)
    return case


@transaction.atomic
def case_invite(case: Case, user, colleague) -> Case:
    """Ask a colleague of another team into the case's group."""
    _own(case, user)
    if colleague is None or not selectors.invitable(case).filter(user=colleague).exists():
        raise ValidationError(_("Kies een collega uit de lijst."))
    case.invited.add(colleague)
    return case


def _method_fields(name: str, steps: list[str]) -> tuple[str, list[str]]:
    name = " ".join(_text(name, TITLE_MAX, _("Naam")).split())
    steps = [s for s in steps if s]
    if not 2 <= len(steps) <= METHOD_STEPS_MAX:
        raise ValidationError(_("Een methode heeft 2 tot %(max)s stappen.")
                              % {"max": METHOD_STEPS_MAX})
    methods.phases(steps)
    return name, steps


def _may_steer(org, actor) -> None:
    membership = _membership(org, actor)
    if not membership.can_steer:
        raise ValidationError(_("Alleen begeleiders en leidinggevenden stellen methoden "
                                "samen."))


@transaction.atomic
def custom_method_save(org, actor, *, name: str, steps: list[str]) -> CustomMethod:
    name, steps = _method_fields(name, steps)
    try:
        with transaction.atomic():
            return CustomMethod.objects.create(organisation=org, name=name, steps=steps,
                                               created_by=actor)
    except IntegrityError:
        raise ValidationError(_("Er is al een methode met deze naam.")) from None


@transaction.atomic
def custom_method_update(method: CustomMethod, actor, *, name: str,
                         steps: list[str]) -> CustomMethod:
    """Change a custom method for the discussions still to come: a session copies its
    method's steps when it is made, so one that is prepared or running keeps its own."""
    _may_steer(method.organisation, actor)
    method.name, method.steps = _method_fields(name, steps)
    try:
        with transaction.atomic():
            method.save(update_fields=["name", "steps"])
    except IntegrityError:
        raise ValidationError(_("Er is al een methode met deze naam.")) from None
    return method


@transaction.atomic
def custom_method_delete(method: CustomMethod, actor) -> None:
    """Sessions keep the steps they were made with and discussions the method's name, so
    deleting a method in use stops nothing: it only leaves the list of methods."""
    _may_steer(method.organisation, actor)
    org, pk, in_use = method.organisation, method.pk, method.discussions.count()
    method.delete()
    audit(org, actor, "cases.method_delete",
          gettext_noop("Eigen intervisiemethode %(method)s verwijderd"), method=pk,
          discussions=in_use)


def method_choices(org) -> list[tuple[str, str]]:
    """What a discussion can be run with: the registered methods, then the organisation's
    own ("custom:<id>")."""
    registered = [(key, str(fmt.name)) for key, fmt in sorted(
        FORMATS.items(), key=lambda item: item[1].order)
        if key.startswith("case_") and key != CUSTOM]
    own = [(f"custom:{m.pk}", m.name) for m in selectors.custom_methods(org)]
    return registered + own


@transaction.atomic
def discussion_start(case: Case, actor, *, method: str) -> CaseDiscussion:
    """A draft live session of the method, linked to the case."""
    membership = _membership(case.organisation, actor)
    if not selectors.in_group(case, membership) or not membership.can_steer:
        raise ValidationError(_("Alleen begeleiders en leidinggevenden uit de groep van de "
                                "casus kunnen een bespreking starten."))
    custom, phases, format_key = None, None, method
    if method.startswith("custom:"):
        custom = selectors.custom_methods(case.organisation).filter(
            pk=int(method[7:]) if method[7:].isdecimal() else 0).first()
        if custom is None:
            raise ValidationError(_("Kies een methode uit de lijst."))
        phases, format_key = methods.phases(custom.steps), CUSTOM
    elif method not in dict(method_choices(case.organisation)):
        raise ValidationError(_("Kies een methode uit de lijst."))
    session = live_services.session_create(
        case.organisation, actor, title=case.title, format_key=format_key, phases=phases,
        data={"case": case.pk})
    return CaseDiscussion.objects.create(case=case, session=session, method=format_key,
                                         custom_method=custom, started_by=actor,
                                         method_label=custom.name if custom else "")


def discussion_harvest(session) -> None:
    """When the session ends: keep what the case owner marked as helpful with the case."""
    discussion = selectors.discussion_of_session(session)
    if discussion is None:
        return
    block = HelpedBlock()
    helped = [text for phase in session.phases.filter(kind=block.kind)
              for text in block.helped_texts(phase)]
    CaseDiscussion.objects.filter(pk=discussion.pk).update(helped=helped)


@transaction.atomic
def learning_add(case: Case, author, *, text: str, purpose_part: str,
                 rule_in_the_way: str = "", what_happened: str = "",
                 anonymous: bool = False) -> Learning:
    """A learning of the case's group; a rule that got in the way becomes a signal in the
    system-world register at once, with a link back to the case."""
    membership = _membership(case.organisation, author)
    if not selectors.in_group(case, membership):
        raise ValidationError(_("Alleen de groep van de casus schrijft leerpunten."))
    text = _text(text, LEARNING_MAX, _("Wat we leerden"))
    part = _part(purpose_part)
    rule = " ".join((rule_in_the_way or "").split())
    signal = None
    if rule:
        report = signal_report(
            case.organisation, what_happened=what_happened or text, rule_named=rule,
            reporter=author, anonymous=anonymous,
            origin_url=_case_url(case), origin_label=_origin_label(case))
        signal = report.signal
    discussion = selectors.discussions_of(case).first()
    return Learning.objects.create(case=case, discussion=discussion, text=text,
                                   purpose_part=part, author=author, signal=signal)


def case_backdate(case: Case, *, written, discussed) -> None:
    """Demo data: the case was written before, its learnings after its discussion."""
    Case.objects.filter(pk=case.pk).update(created_at=written)
    CaseDiscussion.objects.filter(case=case).update(created_at=written)
    Learning.objects.filter(case=case).update(created_at=discussed)

"""Preparing a performance and keeping what it taught: performances, scenes, showings and
insights. What happens during play is in `play.py`."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from bedoeling.accounts.audit import audit
from bedoeling.accounts.models import Membership
from bedoeling.cases.models import Case
from bedoeling.cases.selectors import case_for
from bedoeling.live import services as live
from bedoeling.live.registry import PhaseSpec
from bedoeling.stories.models import Story
from bedoeling.stories.selectors import open_forms, readable_stories
from bedoeling.stories.services import story_tell
from bedoeling.systemworld.services import signal_report
from bedoeling.theatre.models import Insight, Performance, Scene, Showing, Stop

FORMAT_KEY = "regietheater"
ACTOR = "actor"
REGIE_DEFAULTS = {"threshold": 5, "window": 5}
SCENE_FIELDS = ("title", "setting", "characters", "conflict", "at_stake")


def performance_create(org, user, *, title: str, intro: str = "") -> Performance:
    performance = Performance.objects.create(organisation=org, title=title.strip(),
                                             intro=intro.strip(), created_by=user)
    audit(org, user, "theatre.create", gettext_noop("Voorstelling ‘%(title)s’ aangemaakt"),
          performance=performance.pk, title=performance.title)
    return performance


def performance_update(performance: Performance, *, title: str, intro: str) -> Performance:
    performance.title, performance.intro = title.strip(), intro.strip()
    performance.save(update_fields=["title", "intro"])
    return performance


def _story(org, user, story_id) -> Story | None:
    if not story_id:
        return None
    story = readable_stories(org, user).filter(pk=story_id).first()
    if story is None:
        raise ValidationError(_("Dat verhaal kun je in deze organisatie niet lezen."))
    return story


def _case(org, user, case_id) -> Case | None:
    if not case_id:
        return None
    membership = _membership(org, user)
    case = case_for(org, membership, case_id) if membership else None
    if case is None:
        raise ValidationError(_("Die casus kun je in deze organisatie niet lezen."))
    return case


@transaction.atomic
def scene_save(performance: Performance, user, *, scene: Scene | None = None, story=None,
               case=None, **fields) -> Scene:
    """A new scene at the end of the performance, or changes to one of its scenes; a
    scene prepared from a story or a case of the organisation keeps the link."""
    if scene is not None and scene.performance_id != performance.pk:
        raise ValidationError(_("Deze scène hoort niet bij deze voorstelling."))
    values = {key: fields[key].strip() for key in SCENE_FIELDS}
    if scene is None:
        scene = Scene(performance=performance, position=performance.scenes.count(),
                      story=_story(performance.organisation, user, story),
                      case=_case(performance.organisation, user, case))
    for key, value in values.items():
        setattr(scene, key, value)
    scene.save()
    return scene


@transaction.atomic
def scene_delete(scene: Scene) -> None:
    performance = scene.performance
    scene.delete()
    for position, item in enumerate(performance.scenes.all()):
        Scene.objects.filter(pk=item.pk).update(position=position)


def story_as_scene(org, user, story_id) -> dict:
    """A scene's fields prefilled from a story the facilitator may read."""
    story = _story(org, user, story_id)
    if story is None:
        return {}
    return {"title": story.title or story.text[:80], "setting": story.text[:2000],
            "story": story.pk}


def case_as_scene(org, user, case_id) -> dict:
    """A scene's fields prefilled from a case the facilitator may read: its situation is
    the setting, its dilemma the moment of conflict (pseudonymised when it was written)."""
    case = _case(org, user, case_id)
    if case is None:
        return {}
    return {"title": case.title, "setting": case.situation, "conflict": case.dilemma,
            "at_stake": case.get_purpose_part_display(), "case": case.pk}


@transaction.atomic
def showing_start(performance: Performance, user):
    """A live session that plays the performance: one regie phase per scene."""
    if not performance.scenes.exists():
        raise ValidationError(_("Deze voorstelling heeft nog geen scènes. Voeg eerst een "
                                "scène toe."))
    return live.session_create(performance.organisation, user, title=performance.title,
                               format_key=FORMAT_KEY, data={"performance": performance.pk})


def showing_link(session) -> None:
    """The format's on_create: give the session a phase per scene of its performance."""
    performance = Performance.objects.filter(
        organisation=session.organisation, pk=(session.data or {}).get("performance") or 0
    ).first()
    if performance is None:
        return
    Showing.objects.create(performance=performance, session=session)
    from_format = list(session.phases.all())
    scenes = list(performance.scenes.all())
    specs = [scene_spec(scene) for scene in scenes]
    first, rest = specs[0], specs[1:]
    if from_format:
        phase = from_format[0]
        live.phase_update(phase, title=first.title, prompt=first.prompt,
                          config={**phase.config, **first.config})
    else:
        rest = specs
    live.phases_add(session, rest)


def scene_spec(scene: Scene) -> PhaseSpec:
    """The regie phase that plays a scene; actors watch, they give no input."""
    return PhaseSpec("regie", scene.title, scene.conflict,
                     config={"scene": scene.pk, **REGIE_DEFAULTS}, readonly_for=(ACTOR,))


# --- insights ----------------------------------------------------------------------------

def _membership(org, user):
    return Membership.objects.filter(organisation=org, user=user).select_related("team").first()


@transaction.atomic
def insight_record(stop: Stop, user, *, kind: str, text: str) -> Insight:
    """An insight of a stop becomes a signal in the system-world register or a story in
    the library, in one step, and the stop keeps the link."""
    org = stop.session.organisation
    text = text.strip()
    if not text:
        raise ValidationError(_("Schrijf eerst het inzicht op."))
    if kind == Insight.Kind.SIGNAL:
        report = signal_report(org, what_happened=text, reporter=user)
        target = report.signal.pk
    elif kind == Insight.Kind.STORY:
        form = open_forms(org).first()
        if form is None:
            raise ValidationError(_("Er is geen open verhalenformulier in deze organisatie; "
                                    "open er eerst een in de verhalenbibliotheek."))
        membership = _membership(org, user)
        story = story_tell(form, text=text, teller_role="employee", consent="organisation",
                           team=membership.team if membership else None, author=user,
                           title=_("Uit het regietheater: %(scene)s") % {
                               "scene": stop.scene.title if stop.scene else stop.phase.title})
        target = story.pk
    else:
        raise ValidationError(_("Kies of het een melding of een verhaal wordt."))
    insight = Insight.objects.create(stop=stop, kind=kind, text=text, target_id=target,
                                     created_by=user)
    audit(org, user, "theatre.insight", gettext_noop("Inzicht uit het regietheater vastgelegd"),
          stop=stop.pk, kind=kind)
    return insight

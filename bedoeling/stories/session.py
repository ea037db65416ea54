"""The live storytelling session: the writes of the storytelling format (blocks.py,
formats.py), apart from the stories domain itself (services.py).

They run inside the live engine's rules: the session is open, the phase is the current one
and not locked, the participant belongs to the session (live.services.input_check). A
refusal is a LiveError with a message for the person; nothing is stored. Live state (a
phone's role, its dots, a notice to the views) changes only through live's services."""


from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from bedoeling.live import services as live_services
from bedoeling.live.errors import LiveError
from bedoeling.stories import search, selectors
from bedoeling.stories.models import (
    ARC_LABELS,
    ARC_STEP_MAX,
    ARC_STEPS,
    CRAFT,
    PUBLISH,
    READABLE_CONSENT,
    SHOW,
    TITLE_MAX,
    WRITE,
    Channel,
    Consent,
    LibraryEntry,
    Prompt,
    PurposePart,
    SessionContribution,
    Story,
    StoryForm,
    StoryGroup,
    StorySession,
    TellerRole,
    group_number,
    group_role,
)
from bedoeling.stories.selectors import bump
from bedoeling.stories.services import story_curate, story_tell, story_validate

GROUP_SIZE = 5  # people per group when the facilitator does not say how many groups
MAX_GROUPS = 60
MAX_TOLD_PER_PHONE = 5
MAX_PICKED_PER_PHONE = 3
OFFERED_DEFAULT = 6
OFFERED_MAX = 12
PUBLISH_DEFAULT = 3
# A text that could not be saved because another phone took the pen, kept for its writer
# to copy (seconds).
REJECTED_KEEP = 15 * 60

# Steps of the crafting form on the writer's phone: 0 the source, 1–4 the arc, 5 finishing.
SOURCE_STEP, FINISH_STEP = 0, len(ARC_STEPS) + 1


def _refuse(error: ValidationError):
    raise LiveError(" ".join(error.messages)) from None


def _touched(session_id: int) -> None:
    """Screens and the control view re-render (no state transition for the phones)."""
    live_services.changed(session_id)


def _config_set(phase, **changes) -> None:
    """Change a phase's settings; a state transition, so phones and screens follow."""
    config = dict(phase.config)
    config.update(changes)
    live_services.phase_update(phase, title=phase.title, prompt=phase.prompt, config=config)


def session_story_form(org) -> StoryForm:
    """The form the organisation's storytelling sessions store their stories with."""
    previous = (StorySession.objects.filter(session__organisation=org)
                .select_related("form").order_by("-id").first())
    if previous is not None:
        return previous.form
    return StoryForm.objects.create(
        organisation=org, title=_("Verhalen uit werksessies"), is_public=False,
        intro=_("Verhalen die deelnemers in een live werksessie op hun telefoon vertelden, "
                "en de verhalen die groepen daar samen maakten."))


def storytelling_link(session) -> StorySession:
    """on_create of the storytelling format (inside the creating transaction)."""
    story_session, _created = StorySession.objects.get_or_create(
        session=session, defaults={"form": session_story_form(session.organisation)})
    if not story_session.form.prompts.exists():
        Prompt.objects.create(form=story_session.form, position=0, text=_(
            "Vertel over een moment waarop je merkte dat het werkte zoals bedoeld — of "
            "juist niet."))
    return story_session


def storytelling_for(session) -> StorySession:
    """The stories side of a session; made on demand for a hand-built session that uses
    the storytelling blocks."""
    found = StorySession.objects.select_related("form").filter(session=session).first()
    return found or storytelling_link(session)


def _readable_in(story_session, story) -> bool:
    return story.organisation_id == story_session.session.organisation_id and \
        story.consent in (Consent.LIBRARY, Consent.ORGANISATION)


def offered_stories(phase) -> list[Story]:
    """The library stories a write phase offers to pick, numbered 1.. on every view."""
    org = phase.session.organisation
    library = Story.objects.filter(organisation=org, consent=Consent.LIBRARY,
                                   library_entry__isnull=False).select_related("library_entry")
    ids = phase.config.get("offered")
    if ids is None:
        return list(library.order_by("-library_entry__curated_at", "-id")[:OFFERED_DEFAULT])
    found = {s.pk: s for s in library.filter(pk__in=ids)}
    return [found[i] for i in ids if i in found]


def session_story_tell(phase, participant, *, text: str, title: str = "",
                       teller_role: str = TellerRole.EMPLOYEE, consent: str,
                       client_key: str = "") -> Story:
    """A phone tells a story in the session. Anonymous: no account is linked; a retry
    with the same client key returns the story already told."""
    live_services.input_check(phase, participant, WRITE)
    story_session = storytelling_for(phase.session)
    client_key = (client_key or "")[:40]
    if client_key:
        existing = (SessionContribution.objects.filter(participant=participant,
                                                       client_key=client_key)
                    .select_related("story").first())
        if existing is not None:
            return existing.story
    told = SessionContribution.objects.filter(story_session=story_session,
                                              participant=participant, told_here=True)
    if told.count() >= MAX_TOLD_PER_PHONE:
        raise LiveError(_("Je hebt in deze sessie al %(n)s verhalen verteld; meer kan niet.")
                        % {"n": MAX_TOLD_PER_PHONE})
    try:
        with transaction.atomic():
            story = story_tell(story_session.form, text=text, title=title,
                               teller_role=teller_role, consent=consent, author=None,
                               channel=Channel.SESSION, live_session=phase.session)
            SessionContribution.objects.create(story_session=story_session,
                                               participant=participant, story=story,
                                               told_here=True, client_key=client_key)
    except ValidationError as error:
        _refuse(error)
    except IntegrityError:
        # The same retry raced itself; the first one won, which is what the phone meant.
        return SessionContribution.objects.get(participant=participant,
                                               client_key=client_key).story
    _touched(phase.session_id)
    return story


def session_story_pick(phase, participant, story_id) -> SessionContribution:
    """A phone brings a story from the library into the session (one the screen offers)."""
    live_services.input_check(phase, participant, WRITE)
    story_session = storytelling_for(phase.session)
    story = next((s for s in offered_stories(phase) if str(s.pk) == str(story_id)), None)
    if story is None:
        raise LiveError(_("Dit verhaal kun je hier niet kiezen. Kies een van de verhalen met "
                          "een nummer op het scherm."))
    with transaction.atomic():
        # Serialise one phone's picks so two quick taps cannot pass the limit.
        live_services.participant_lock(participant)
        existing = SessionContribution.objects.filter(participant=participant,
                                                      story=story).first()
        if existing is not None:
            return existing
        picked = SessionContribution.objects.filter(story_session=story_session,
                                                    participant=participant, told_here=False)
        if picked.count() >= MAX_PICKED_PER_PHONE:
            raise LiveError(_("Je hebt al %(n)s verhalen gekozen. Haal er eerst een weg.")
                            % {"n": MAX_PICKED_PER_PHONE})
        contribution = SessionContribution.objects.create(
            story_session=story_session, participant=participant, story=story,
            told_here=False)
    _touched(phase.session_id)
    return contribution


def session_story_unpick(phase, participant, story_id) -> None:
    live_services.input_check(phase, participant, WRITE)
    SessionContribution.objects.filter(participant=participant, told_here=False,
                                       story_id=_int(story_id)).delete()
    _touched(phase.session_id)


def contribution_hide(phase, contribution_id, hidden: bool) -> SessionContribution:
    """The facilitator keeps a story out of the groups' choice, or lets it back in."""
    contribution = SessionContribution.objects.filter(
        story_session__session=phase.session, pk=_int(contribution_id)).first()
    if contribution is None:
        raise LiveError(_("Dit verhaal hoort niet bij deze sessie."))
    contribution.hidden = hidden
    contribution.save(update_fields=["hidden"])
    _touched(phase.session_id)
    return contribution


def offered_change(phase, story_id, offer: bool) -> list[Story]:
    """The facilitator adds a library story to the numbered list, or takes one off."""
    ids = [s.pk for s in offered_stories(phase)]
    story_id = _int(story_id)
    if offer:
        story = Story.objects.filter(organisation=phase.session.organisation, pk=story_id,
                                     consent=Consent.LIBRARY,
                                     library_entry__isnull=False).first()
        if story is None:
            raise LiveError(_("Alleen verhalen uit de verhalenbank kun je aanbieden."))
        if story.pk not in ids:
            if len(ids) >= OFFERED_MAX:
                raise LiveError(_("Er staan al %(n)s verhalen op de lijst; haal er eerst een "
                                  "af.") % {"n": OFFERED_MAX})
            ids.append(story.pk)
    else:
        ids = [i for i in ids if i != story_id]
    _config_set(phase, offered=ids)
    return offered_stories(phase)


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# --- groups


def group_count(phase) -> int:
    """How many groups a craft phase has: the facilitator's number, or one per five
    people in the room."""
    configured = _int(phase.config.get("groups"))
    if configured:
        return configured
    people = phase.session.participants.count()
    return min(MAX_GROUPS, max(1, -(-people // GROUP_SIZE)))


def groups_set(phase, count) -> None:
    count = _int(count)
    if count is None or not 1 <= count <= MAX_GROUPS:
        raise LiveError(_("Kies een aantal groepen van 1 tot en met %(max)s.")
                        % {"max": MAX_GROUPS})
    _config_set(phase, groups=count)


def _group(story_session, number: int, *, lock: bool = False) -> StoryGroup:
    group, _created = StoryGroup.objects.get_or_create(story_session=story_session,
                                                       number=number)
    if lock:
        group = StoryGroup.objects.select_for_update().get(pk=group.pk)
    return group


def group_join(phase, participant, number) -> StoryGroup:
    """A phone joins the group whose number is on its table. Its live role becomes
    ``groep <n>``; no state transition is needed: the reply shows the group."""
    live_services.input_check(phase, participant, CRAFT)
    number = _int(number)
    if number is None or not 1 <= number <= group_count(phase):
        raise LiveError(_("Kies een groep van 1 tot en met %(n)s.") % {"n": group_count(phase)})
    current = group_number(participant.role)
    if current is not None and current != number:
        group = StoryGroup.objects.filter(story_session__session=phase.session,
                                          number=current, writer=participant).first()
        if group is not None and not group.finished:
            raise LiveError(_("Jij houdt de pen van groep %(n)s. Geef hem eerst door.")
                            % {"n": current})
    story_session = storytelling_for(phase.session)
    with transaction.atomic():
        group = _group(story_session, number)
        live_services.participant_roles_set(phase.session, {participant.pk: group_role(number)})
        participant.role = group_role(number)
    _touched(phase.session_id)
    return group


def groups_assign(phase) -> int:
    """Everyone without a group goes to the smallest group (ties: the lowest number).
    Returns how many were placed."""
    session = phase.session
    story_session = storytelling_for(session)
    count = group_count(phase)
    with transaction.atomic():
        people = live_services.participants_lock(session)
        sizes = dict.fromkeys(range(1, count + 1), 0)
        loose = []
        for person in people:
            number = group_number(person.role)
            if number in sizes:
                sizes[number] += 1
            elif not person.role or number is not None:
                loose.append(person)  # no role, or a group that no longer exists
        for person in loose:
            number = min(sizes, key=lambda n: (sizes[n], n))
            sizes[number] += 1
            person.role = group_role(number)
        live_services.participant_roles_set(session, {p.pk: p.role for p in loose})
        for number, size in sizes.items():
            if size:
                _group(story_session, number)
        _config_set(phase, groups=count)
    return len(loose)


def _member_group(phase, participant, *, lock: bool = True) -> StoryGroup:
    number = group_number(participant.role)
    if number is None:
        raise LiveError(_("Kies eerst je groep."))
    return _group(storytelling_for(phase.session), number, lock=lock)


def _holds_pen(group, participant) -> None:
    if group.finished:
        raise LiveError(_("Jullie verhaal is al klaar. Wil je nog iets veranderen? Kies "
                          "‘Toch nog aanpassen’."))
    if group.writer_id != participant.pk:
        if group.writer_id is None:
            raise LiveError(_("Niemand houdt nu de pen. Kies ‘Ik schrijf’ om te beginnen."))
        raise LiveError(_("Telefoon #%(n)s houdt nu de pen van jullie groep; wat je hier "
                          "schreef is niet opgeslagen.") % {"n": group.writer_id})


def _rejected_key(participant) -> str:
    return f"stories:rejected:{participant.pk}"


def rejected_text(participant) -> str:
    """What this phone typed but could not save because the pen had moved."""
    return cache.get(_rejected_key(participant), "")


def group_pen_take(phase, participant) -> StoryGroup:
    """One phone per group writes; anyone in the group can take the pen (the writer's
    battery died, or it is someone else's turn)."""
    live_services.input_check(phase, participant, CRAFT)
    with transaction.atomic():
        group = _member_group(phase, participant)
        if group.writer_id != participant.pk:
            group.writer = participant
            group.updated_at = timezone.now()
            group.save(update_fields=["writer", "updated_at"])
    cache.delete(_rejected_key(participant))
    _touched(phase.session_id)
    return group


def craft_candidates(phase, group_number_: int) -> list[dict]:
    """The stories a group may craft from: those its members told or picked whose text
    may be read (never one for analysis only), and the library stories on offer."""
    story_session = storytelling_for(phase.session)
    contributions = (SessionContribution.objects
                     .filter(story_session=story_session,
                             participant__role=group_role(group_number_),
                             hidden=False, story__consent__in=READABLE_CONSENT)
                     .select_related("story", "story__library_entry").order_by("id"))
    rows, seen = [], set()
    for contribution in contributions:
        if contribution.story_id not in seen:
            seen.add(contribution.story_id)
            rows.append({"story": contribution.story, "told_here": contribution.told_here,
                         "number": None})
    write = story_session.session.phases.filter(kind=WRITE).order_by("position").first()
    for number, story in enumerate(offered_stories(write) if write else [], start=1):
        if story.pk not in seen:
            seen.add(story.pk)
            rows.append({"story": story, "told_here": False, "number": number})
    return rows


def group_source_set(phase, participant, source) -> StoryGroup:
    """The writer chooses the story the group crafts from ("own": a story of the group's
    own, from its conversation)."""
    live_services.input_check(phase, participant, CRAFT)
    with transaction.atomic():
        group = _member_group(phase, participant)
        _holds_pen(group, participant)
        if source == "own":
            group.source, group.own_story = None, True
        else:
            found = next((row["story"] for row in craft_candidates(phase, group.number)
                          if str(row["story"].pk) == str(source)), None)
            if found is None:
                raise LiveError(_("Dit verhaal kan jullie groep niet kiezen: het hoort niet "
                                  "bij de verhalen van jullie groep of de verhalenbank, of "
                                  "het is alleen voor analyse."))
            group.source, group.own_story = found, False
        group.step = max(group.step, SOURCE_STEP + 1)
        group.updated_at = timezone.now()
        group.save(update_fields=["source", "own_story", "step", "updated_at"])
    _touched(phase.session_id)
    return group


def group_step_save(phase, participant, *, step, text: str, move: str = "stay") -> StoryGroup:
    """Save one step of the arc (on every step, and while typing), then move: ``next``,
    ``previous``, ``stay`` or ``goto-<n>``. A refused save keeps the text for its writer."""
    live_services.input_check(phase, participant, CRAFT)
    step = _int(step)
    if step is None or not 1 <= step <= len(ARC_STEPS):
        raise LiveError(_("Deze stap bestaat niet. Laad de pagina opnieuw."))
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > ARC_STEP_MAX:
        raise LiveError(_("Deze stap is te lang: hoogstens %(limit)s tekens, nu %(count)s. "
                          "Een paar zinnen is genoeg.")
                        % {"limit": number_format(ARC_STEP_MAX, force_grouping=True),
                           "count": number_format(len(text), force_grouping=True)})
    try:
        with transaction.atomic():
            group = _member_group(phase, participant)
            _holds_pen(group, participant)
            setattr(group, ARC_STEPS[step - 1], text)
            # "stay" (saving while typing) leaves the step alone: an autosave that arrives
            # after "next" must not pull the writer back.
            target = group.step
            if move == "next":
                target = step + 1
            elif move == "previous":
                target = step - 1
            elif move.startswith("goto-"):
                target = _int(move[5:], step)
            group.step = min(max(target, SOURCE_STEP), FINISH_STEP)
            group.updated_at = timezone.now()
            group.save(update_fields=[ARC_STEPS[step - 1], "step", "updated_at"])
    except LiveError:
        if text:
            cache.set(_rejected_key(participant), text, REJECTED_KEEP)
        raise
    cache.delete(_rejected_key(participant))
    _touched(phase.session_id)
    return group


def group_step_go(phase, participant, step) -> StoryGroup:
    """The writer goes back to a step (from the review on the last step)."""
    live_services.input_check(phase, participant, CRAFT)
    step = _int(step)
    if step is None or not SOURCE_STEP <= step <= FINISH_STEP:
        raise LiveError(_("Deze stap bestaat niet. Laad de pagina opnieuw."))
    with transaction.atomic():
        group = _member_group(phase, participant)
        _holds_pen(group, participant)
        group.step = step
        group.save(update_fields=["step"])
    return group


def _arc_text(group) -> str:
    return "\n\n".join(getattr(group, key) for key in ARC_STEPS)


def consent_ceiling(group) -> list[str]:
    """The consent levels a crafted story may have: never more than its source's."""
    if group.source is not None and group.source.consent != Consent.LIBRARY:
        return [Consent.ORGANISATION, Consent.ANALYSIS]
    return list(Consent.values)


def group_finish(phase, participant, *, title: str, purpose_part: str,
                 consent: str) -> StoryGroup:
    """The group's story is done: it becomes a Story (once; finishing again after a
    change updates that same story) and can be shown on the screen."""
    live_services.input_check(phase, participant, CRAFT)
    with transaction.atomic():
        group = _member_group(phase, participant)
        _holds_pen(group, participant)
        errors = []
        title = " ".join((title or "").split())
        if not title:
            errors.append(_("Geef jullie verhaal een titel."))
        elif len(title) > TITLE_MAX:
            errors.append(_("Een titel is hoogstens %(limit)s tekens.") % {"limit": TITLE_MAX})
        if purpose_part not in PurposePart.values:
            errors.append(_("Kies welk deel van de Bedoeling jullie verhaal concreet maakt."))
        if consent not in Consent.values:
            errors.append(_("Kies wat er met jullie verhaal mag gebeuren."))
        elif consent not in consent_ceiling(group):
            errors.append(_("Het verhaal waaruit jullie dit maakten, mag niet in de "
                            "verhalenbank; dan dit verhaal ook niet."))
        if not group.has_source:
            errors.append(_("Kies eerst uit welk verhaal jullie dit maken."))
        empty = [str(ARC_LABELS[key]).lower() for key in ARC_STEPS if not getattr(group, key)]
        if empty:
            errors.append(_("Vul nog in: %(steps)s.") % {"steps": ", ".join(empty)})
        if errors:
            raise LiveError(" ".join(errors))
        source = group.source
        teller_role = source.teller_role if source is not None else TellerRole.OTHER
        story_session = group.story_session
        try:
            if group.crafted_id is None:
                group.crafted = story_tell(
                    story_session.form, text=_arc_text(group), title=title,
                    teller_role=teller_role, consent=consent, author=None,
                    channel=Channel.SESSION, live_session=phase.session,
                    crafted_from=[source] if source is not None else [])
            else:
                _crafted_update(group.crafted, text=_arc_text(group), title=title,
                                consent=consent, source=source)
        except ValidationError as error:
            _refuse(error)
        group.title, group.purpose_part, group.consent = title, purpose_part, consent
        group.finished = True
        group.crafted_arc = group.snapshot()
        group.updated_at = timezone.now()
        group.save(update_fields=["crafted", "title", "purpose_part", "consent", "finished",
                                  "crafted_arc", "updated_at"])
    _touched(phase.session_id)
    return group


def _crafted_update(story, *, text: str, title: str, consent: str, source) -> Story:
    fields, _rows = story_validate(story.form, text=text, title=title,
                                   teller_role=story.teller_role, consent=consent,
                                   channel=Channel.SESSION)
    story.text, story.title, story.consent = fields["text"], fields["title"], consent
    story.save(update_fields=["text", "title", "consent"])
    story.crafted_from.set([source] if source is not None else [])
    if consent != Consent.LIBRARY:
        LibraryEntry.objects.filter(story=story).delete()
    search.index(story)
    bump(story.organisation, stories=[story.pk])
    return story


def group_reopen(phase, participant) -> StoryGroup:
    """Change a finished story while the crafting round is still open: this phone takes
    the pen again, on the last step. The room keeps seeing the finished version until the
    group finishes again."""
    live_services.input_check(phase, participant, CRAFT)
    with transaction.atomic():
        group = _member_group(phase, participant)
        group.finished = False
        group.writer = participant
        group.step = FINISH_STEP
        group.updated_at = timezone.now()
        group.save(update_fields=["finished", "writer", "step", "updated_at"])
    _touched(phase.session_id)
    return group


# --- showing, voting, publishing


def shown_groups(session) -> list[StoryGroup]:
    """Finished groups whose story may be read by the room, in group order. A story for
    analysis only never reaches the screen."""
    return list(StoryGroup.objects.filter(
        story_session__session=session, crafted__isnull=False,
        crafted__consent__in=READABLE_CONSENT).select_related("crafted", "source",
                                                              "crafted__library_entry"))


def show_set(phase, group_id) -> StoryGroup:
    """The facilitator puts one crafted story on the screen."""
    group = next((g for g in shown_groups(phase.session) if str(g.pk) == str(group_id)), None)
    if group is None:
        raise LiveError(_("Dit verhaal kan niet op het scherm: het is niet af, of het is "
                          "alleen voor analyse."))
    _config_set(phase, showing=group.pk)
    return group


def crafted_dots_set(phase, participant, *, group_id, dots: int | None = None,
                     step: int = 0) -> int:
    """Put ``dots`` of the participant's dots on one crafted story, or move it ``step`` dots
    up or down; returns the dots left. Idempotent: one vote row per (phase, participant,
    story)."""
    total = _int(phase.config.get("dots"), 3)
    if dots is not None and not 0 <= dots <= total:
        live_services.input_check(phase, participant, SHOW)
        raise LiveError(_("Je kunt per verhaal hoogstens %(n)s stippen zetten.") % {"n": total})
    return live_services.dots_set(
        phase, participant, target=f"g{_int(group_id, 0)}", dots=dots, step=step,
        targets={f"g{g.pk}" for g in shown_groups(phase.session)}, budget=total,
        per_item=total, kinds=SHOW, unknown=_("Op dit verhaal kun je niet stemmen."),
        spent=_("Je stippen zijn op. Haal er eerst één weg bij een ander verhaal."))


def ranked_groups(session) -> list[StoryGroup]:
    """Shown stories, most dots first (ties: the lower group number); each with ``dots``."""
    dots = selectors.dots_of(session)
    groups = shown_groups(session)
    for group in groups:
        group.dots = dots.get(group.pk, 0)
    groups.sort(key=lambda g: (-g.dots, g.number))
    return groups


def chosen_groups(session, publish: int = PUBLISH_DEFAULT) -> list[StoryGroup]:
    """What goes into the library: the facilitator's choice when she made one, otherwise
    the ``publish`` stories with the most dots (at least one) whose tellers consented."""
    groups = [g for g in ranked_groups(session) if g.crafted.consent == Consent.LIBRARY]
    if any(g.chosen is not None for g in StoryGroup.objects.filter(
            story_session__session=session)):
        return [g for g in groups if g.chosen]
    return [g for g in groups if g.dots > 0][:publish]


def choices_set(phase, group_ids) -> list[StoryGroup]:
    """The facilitator decides which crafted stories go into the library."""
    allowed = {g.pk: g for g in ranked_groups(phase.session)
               if g.crafted.consent == Consent.LIBRARY}
    wanted = {_int(i) for i in group_ids}
    if wanted - set(allowed):
        raise LiveError(_("Alleen afgemaakte verhalen die in de verhalenbank mogen, kun je "
                          "kiezen."))
    with transaction.atomic():
        for pk in allowed:
            StoryGroup.objects.filter(pk=pk).update(chosen=pk in wanted)
    _touched(phase.session_id)
    return [allowed[pk] for pk in allowed if pk in wanted]


@transaction.atomic
def storytelling_publish(session, actor, *, publish: int = PUBLISH_DEFAULT) -> list[LibraryEntry]:
    """Put the chosen crafted stories into the library, each with its provenance: the
    session, the group and the source (on the story), the current Bedoeling (on the
    entry). Idempotent: a story already in the library keeps its entry."""
    story_session = StorySession.objects.select_for_update().filter(session=session).first()
    if story_session is None:
        return []
    entries = []
    for group in chosen_groups(session, publish):
        entry = LibraryEntry.objects.filter(story=group.crafted).first()
        if entry is None:
            entry = story_curate(group.crafted, actor, title=group.shown_title,
                                 purpose_part=group.shown_part or PurposePart.STATEMENT)
        entries.append(entry)
    if story_session.published_at is None:
        story_session.published_at = timezone.now()
        story_session.save(update_fields=["published_at"])
    _touched(session.pk)
    return entries


def storytelling_harvest(session) -> None:
    """on_end of the storytelling format: unfinished drafts are dropped (nobody consented to
    them), and when the facilitator did not publish during the session, the room's choice
    goes into the library now. Ending twice changes nothing."""
    story_session = StorySession.objects.filter(session=session).first()
    if story_session is None:
        return
    for group in StoryGroup.objects.filter(story_session=story_session, finished=False):
        if group.crafted_id is None:
            # A draft nobody finished was never given consent: it is not kept.
            for key in ARC_STEPS:
                setattr(group, key, "")
            group.title = ""
        else:
            # Reopened and not finished again: the finished version stands.
            for key in ARC_STEPS:
                setattr(group, key, group.crafted_arc.get(key, ""))
            group.title = group.crafted_arc.get("title", group.title)
            group.finished = True
        group.save(update_fields=[*ARC_STEPS, "title", "finished"])
    if story_session.published_at is not None:
        return
    publish = next((_int(p.config.get("publish"), PUBLISH_DEFAULT)
                    for p in session.phases.filter(kind=PUBLISH)), PUBLISH_DEFAULT)
    storytelling_publish(session, None, publish=publish)

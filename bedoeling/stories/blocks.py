"""The building blocks of a storytelling session, registered with the live engine.

- `story_write`: phones tell a story (with the teller's consent), or bring one of the
  library stories the screen shows with a number.
- `story_craft`: small groups (live roles ``groep 1``, ``groep 2`` …) craft one story along
  the arc situation → tension → what we did from the Bedoeling → what it brought; one phone
  per group holds the pen, the others follow the draft, which is saved on every step.
- `story_show`: the crafted stories on the screen one by one; phones give dots.
- `story_publish`: the chosen stories go into the library, with their provenance.

Writes go through :mod:`bedoeling.stories.services`; a story for analysis only is never
shown to anyone in the room.
"""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from bedoeling.live import selectors as live_selectors
from bedoeling.live.registry import Block, register_block
from bedoeling.live.services import LiveError
from bedoeling.stories import selectors
from bedoeling.stories import session as storytelling
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
    Consent,
    PurposePart,
    SessionContribution,
    Story,
    StoryGroup,
    StorySession,
    TellerRole,
    group_number,
    group_role,
)
from bedoeling.stories.selectors import library_entry_of
from bedoeling.stories.session import FINISH_STEP, SOURCE_STEP

STEP_HELP = {
    "situation": gettext_lazy("Waar en wanneer speelt het, en wie zijn erbij? Twee of drie "
                              "zinnen."),
    "tension": gettext_lazy("Wat schuurde er? Wat vroeg de regel, het systeem of de gewoonte "
                            "— en wat had de leerling, klant of collega nodig?"),
    "action": gettext_lazy("Wat deden jullie (of de verteller) vanuit de Bedoeling? Wat was "
                           "anders dan gewoonlijk?"),
    "result": gettext_lazy("Wat leverde het op, en voor wie? Wat nemen we ervan mee?"),
}
CONSENT_CHOICES = [
    (Consent.LIBRARY, gettext_lazy("Mag in de verhalenbank")),
    (Consent.ORGANISATION, gettext_lazy("Alleen binnen de organisatie")),
    (Consent.ANALYSIS, gettext_lazy("Alleen voor analyse: niemand leest de tekst")),
]


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class StoriesBlock(Block):
    @property
    def template(self) -> str:
        return f"stories/blocks/{self.kind}.html"


def _steps() -> list[dict]:
    """The steps of the crafting form, numbered as the writer sees them."""
    steps = [{"n": SOURCE_STEP, "label": _("Het verhaal")}]
    steps += [{"n": i, "key": key, "label": ARC_LABELS[key], "help": STEP_HELP[key]}
              for i, key in enumerate(ARC_STEPS, start=1)]
    steps.append({"n": FINISH_STEP, "label": _("Afronden")})
    return steps


class WriteBlock(StoriesBlock):
    kind = WRITE
    label = gettext_lazy("Verhalen vertellen")
    help = gettext_lazy("Iedereen vertelt een verhaal op de telefoon, of brengt er een uit de "
                        "verhalenbank in; het scherm toont de verhalen om uit te kiezen.")
    has_results = False

    def _counts(self, phase):
        contributions = SessionContribution.objects.filter(
            story_session__session=phase.session)
        told = contributions.filter(told_here=True)
        return {"told": told.count(),
                "analysis": told.filter(story__consent=Consent.ANALYSIS).count(),
                "picked": contributions.filter(told_here=False).count()}

    def screen_context(self, phase):
        return {**self._counts(phase), "offered": storytelling.offered_stories(phase)}

    def control_context(self, phase):
        offered = storytelling.offered_stories(phase)
        told = (SessionContribution.objects
                .filter(story_session__session=phase.session, told_here=True,
                        story__consent__in=READABLE_CONSENT)
                .select_related("story").order_by("-id")[:300])
        addable = (Story.objects.filter(organisation=phase.session.organisation,
                                        consent=Consent.LIBRARY, library_entry__isnull=False)
                   .exclude(pk__in=[s.pk for s in offered]).select_related("library_entry")
                   .order_by("-library_entry__curated_at", "-id")[:40])
        return {**self._counts(phase), "offered": offered, "told_list": list(told),
                "addable": list(addable), "offered_max": storytelling.OFFERED_MAX}

    def personal_context(self, phase, participant):
        own = list(SessionContribution.objects.filter(
            story_session__session=phase.session, participant=participant)
            .select_related("story", "story__library_entry").order_by("id"))
        picked = {c.story_id for c in own if not c.told_here}
        offered = [{"number": i, "story": s, "picked": s.pk in picked}
                   for i, s in enumerate(storytelling.offered_stories(phase), start=1)]
        told = [c for c in own if c.told_here]
        return {"told": told, "offered": offered, "picked_count": len(picked),
                "may_tell": len(told) < storytelling.MAX_TOLD_PER_PHONE,
                "may_pick": len(picked) < storytelling.MAX_PICKED_PER_PHONE,
                "consent_choices": CONSENT_CHOICES, "roles": TellerRole.choices,
                "text_max": 8000, "title_max": TITLE_MAX}

    def example_input(self, phase):
        return {"do": "tell", "consent": Consent.ORGANISATION,
                "text": "Een leerling kwam te laat; we vroegen eerst hoe het met haar ging."}

    def act(self, phase, participant, data):
        action = data.get("do")
        if action == "tell":
            storytelling.session_story_tell(
                phase, participant, text=data.get("text", ""), title=data.get("title", ""),
                teller_role=data.get("teller_role") or TellerRole.EMPLOYEE,
                consent=data.get("consent", ""), client_key=data.get("client_key", ""))
            return _("Dank je wel! Je verhaal is opgeslagen.")
        if action == "pick":
            storytelling.session_story_pick(phase, participant, data.get("story"))
            return _("Je brengt dit verhaal in bij je groep.")
        if action == "unpick":
            storytelling.session_story_unpick(phase, participant, data.get("story"))
            return _("Je brengt dit verhaal niet meer in.")
        raise LiveError(_("Dit kan in deze fase niet."))

    def control_act(self, phase, user, action, data):
        if action in ("offer", "unoffer"):
            storytelling.offered_change(phase, data.get("story"), action == "offer")
            return _("De lijst is bijgewerkt.")
        if action in ("hide", "show"):
            storytelling.contribution_hide(phase, data.get("contribution"), action == "hide")
            return _("Opgeslagen.")
        raise LiveError(_("Dit kan in deze fase niet."))

    def harvest_context(self, phase):
        told = (SessionContribution.objects
                .filter(story_session__session=phase.session, told_here=True,
                        story__consent__in=READABLE_CONSENT)
                .select_related("story", "story__library_entry").order_by("id"))
        picked = {}
        for c in (SessionContribution.objects.filter(story_session__session=phase.session,
                                                     told_here=False)
                  .select_related("story", "story__library_entry")):
            entry = picked.setdefault(c.story_id, {"story": c.story, "count": 0})
            entry["count"] += 1
        return {**self._counts(phase), "told_list": list(told),
                "picked_list": sorted(picked.values(), key=lambda p: -p["count"])}

    def csv_rows(self, phase):
        rows = []
        for c in (SessionContribution.objects.filter(story_session__session=phase.session)
                  .select_related("story", "story__library_entry").order_by("id")):
            readable = c.story.consent in READABLE_CONSENT
            rows.append([
                c.story.display_title if readable else _("[alleen voor analyse]"),
                c.story.get_consent_display(),
                _("verteld in de sessie") if c.told_here else _("uit de verhalenbank"),
            ])
        return rows


def _group_rows(phase) -> tuple[list[dict], int]:
    """Every group of a craft phase with its people and progress; and how many people in
    the room have no group yet."""
    count = storytelling.group_count(phase)
    sizes: dict[int, int] = {}
    loose = 0
    for role in live_selectors.roles(phase.session_id):
        number = group_number(role)
        if number is not None and number <= count:
            sizes[number] = sizes.get(number, 0) + 1
        elif not role or number is not None:
            loose += 1
    groups = {g.number: g for g in StoryGroup.objects.filter(
        story_session__session=phase.session).select_related("source", "crafted")}
    rows = []
    for number in range(1, count + 1):
        group = groups.get(number)
        rows.append({"number": number, "size": sizes.get(number, 0), "group": group,
                     "status": _status(group)})
    return rows, loose


def _status(group) -> str:
    if group is None or (group.writer_id is None and not group.has_source):
        return _("nog niet begonnen")
    if group.finished:
        return _("klaar")
    if group.step == SOURCE_STEP:
        return _("kiest een verhaal")
    if group.step >= FINISH_STEP:
        return _("rondt af")
    return _("stap %(n)s van %(total)s") % {"n": group.step, "total": len(ARC_STEPS)}


class CraftBlock(StoriesBlock):
    kind = CRAFT
    label = gettext_lazy("Samen een verhaal maken")
    help = gettext_lazy("In kleine groepen maakt één telefoon per groep van een verhaal een "
                        "verhaalboog: situatie, spanning, wat we deden vanuit de Bedoeling, "
                        "wat het opleverde.")
    has_results = False

    def screen_context(self, phase):
        rows, loose = _group_rows(phase)
        return {"groups": rows, "loose": loose,
                "finished": sum(1 for r in rows if r["group"] and r["group"].finished)}

    def control_context(self, phase):
        rows, loose = _group_rows(phase)
        return {"groups": rows, "loose": loose, "group_count": storytelling.group_count(phase),
                "configured": bool(phase.config.get("groups")),
                "max_groups": storytelling.MAX_GROUPS,
                "finished": sum(1 for r in rows if r["group"] and r["group"].finished)}

    def personal_context(self, phase, participant):
        number = group_number(participant.role)
        count = storytelling.group_count(phase)
        ctx = {"numbers": range(1, count + 1), "group": None,
               "personal_url": reverse("live:personal", args=[phase.session.code])}
        if number is None or number > count:
            return ctx
        group = (StoryGroup.objects.filter(story_session__session=phase.session, number=number)
                 .select_related("source", "source__library_entry", "crafted").first())
        members = live_selectors.role_count(phase.session_id, group_role(number))
        ctx.update(number=number, group=group, members=members,
                   is_writer=group is not None and group.writer_id == participant.pk,
                   rejected=storytelling.rejected_text(participant))
        if group is None:
            return ctx
        steps = _steps()
        ctx.update(steps=steps, step=steps[min(group.step, FINISH_STEP)],
                   arc=group.arc, step_max=ARC_STEP_MAX, title_max=TITLE_MAX)
        if ctx["is_writer"] and not group.finished:
            if group.step == SOURCE_STEP:
                ctx["candidates"] = storytelling.craft_candidates(phase, number)
            elif group.step < FINISH_STEP:
                key = ARC_STEPS[group.step - 1]
                ctx["step_text"] = getattr(group, key)
            else:
                allowed = storytelling.consent_ceiling(group)
                ctx["consent_choices"] = [(v, label, v in allowed)
                                          for v, label in CONSENT_CHOICES]
                ctx["consent_default"] = group.consent or allowed[0]
                ctx["parts"] = PurposePart.choices
                ctx["source_limited"] = Consent.LIBRARY not in allowed
        return ctx

    def example_input(self, phase):
        return {"do": "join", "number": "1"}

    def act(self, phase, participant, data):
        action = data.get("do")
        if action == "join":
            group = storytelling.group_join(phase, participant, data.get("number"))
            return _("Je zit in groep %(n)s.") % {"n": group.number}
        if action == "pen":
            storytelling.group_pen_take(phase, participant)
            return _("Jij houdt nu de pen. De anderen zien mee.")
        if action == "source":
            storytelling.group_source_set(phase, participant, data.get("source", ""))
            return None
        if action == "save":
            move = data.get("move", "stay")
            storytelling.group_step_save(phase, participant, step=data.get("step"),
                                     text=data.get("text", ""), move=move)
            return _("Opgeslagen.") if move == "stay" else None
        if action == "goto":
            storytelling.group_step_go(phase, participant, data.get("step"))
            return None
        if action == "finish":
            storytelling.group_finish(phase, participant, title=data.get("title", ""),
                                  purpose_part=data.get("purpose_part", ""),
                                  consent=data.get("consent", ""))
            return _("Klaar! Jullie verhaal kan op het scherm.")
        if action == "reopen":
            storytelling.group_reopen(phase, participant)
            return None
        raise LiveError(_("Dit kan in deze fase niet."))

    def control_act(self, phase, user, action, data):
        if action == "groups":
            storytelling.groups_set(phase, data.get("count"))
            return _("Opgeslagen.")
        if action == "assign":
            placed = storytelling.groups_assign(phase)
            return ngettext("%(n)s persoon kreeg een groep.", "%(n)s mensen kregen een groep.",
                            placed) % {"n": placed}
        raise LiveError(_("Dit kan in deze fase niet."))

    def harvest_context(self, phase):
        return crafted_context(phase.session)

    def csv_rows(self, phase):
        rows = []
        for group in crafted_context(phase.session)["crafted"]:
            rows.append([_("groep %(n)s") % {"n": group.number}, group.shown_title, group.dots,
                         *[text for _key, _label, text in group.shown_arc]])
        return rows


def crafted_context(session) -> dict:
    """The crafted stories of a session with their arcs, dots and place in the library:
    what the harvest shows. Stories for analysis only and unfinished drafts are counted,
    never shown."""
    groups = list(StoryGroup.objects.filter(story_session__session=session)
                  .select_related("source", "source__library_entry", "crafted",
                                  "crafted__library_entry"))
    dots = selectors.dots_of(session)
    crafted, hidden, unfinished = [], 0, 0
    for group in groups:
        if group.crafted is None:
            unfinished += 1 if (group.has_source or group.writer_id) else 0
            continue
        if group.crafted.consent not in READABLE_CONSENT:
            hidden += 1
            continue
        group.dots = dots.get(group.pk, 0)
        group.entry = library_entry_of(group.crafted)
        crafted.append(group)
    crafted.sort(key=lambda g: (-g.dots, g.number))
    return {"crafted": crafted, "hidden_count": hidden, "unfinished": unfinished}


class ShowSettings(forms.Form):
    dots = forms.IntegerField(label=gettext_lazy("Stippen per deelnemer (verhalen)"),
                              required=False, min_value=1, max_value=20)


class ShowBlock(StoriesBlock):
    kind = SHOW
    label = gettext_lazy("Verhalen delen en stemmen")
    help = gettext_lazy("De gemaakte verhalen één voor één op het scherm; iedereen verdeelt "
                        "stippen over de verhalen die de Bedoeling het best laten zien.")

    def _current(self, phase, groups):
        showing = _int(phase.config.get("showing"))
        for index, group in enumerate(groups):
            if group.pk == showing:
                return index, group
        return (0, groups[0]) if groups else (None, None)

    def screen_context(self, phase):
        groups = storytelling.shown_groups(phase.session)
        index, current = self._current(phase, groups)
        ctx = {"current": current, "position": (index or 0) + 1, "total": len(groups),
               "voters": live_selectors.voters(phase)}
        if phase.revealed:
            ctx["rows"] = _bars(storytelling.ranked_groups(phase.session))
        if current is not None:
            ctx["long"] = sum(len(text) for _k, _l, text in current.shown_arc) > 900
        return ctx

    def control_context(self, phase):
        ranked = storytelling.ranked_groups(phase.session)
        groups = sorted(ranked, key=lambda g: g.number)
        _index, current = self._current(phase, groups)
        return {"ranked": ranked, "current": current, "rows": _bars(ranked),
                "voters": live_selectors.voters(phase), "dots": _int(phase.config.get("dots"), 3)}

    def personal_context(self, phase, participant):
        mine = live_selectors.votes_of(phase, participant)
        total = _int(phase.config.get("dots"), 3)
        groups = storytelling.shown_groups(phase.session)
        for group in groups:
            group.mine = mine.get(f"g{group.pk}", 0)
        _index, current = self._current(phase, groups)
        return {"groups": groups, "left": total - sum(mine.values()), "total": total,
                "showing": current.pk if current is not None else None}

    def example_input(self, phase):
        groups = storytelling.shown_groups(phase.session)
        return {"group": str(groups[0].pk), "step": "up"} if groups else None

    def act(self, phase, participant, data):
        # The step, not a new total: the service reads what she has inside its lock.
        storytelling.crafted_dots_set(phase, participant, group_id=_int(data.get("group"), 0),
                                      step=1 if data.get("step") == "up" else -1)
        return None

    def control_act(self, phase, user, action, data):
        if action == "show":
            storytelling.show_set(phase, data.get("group"))
            return None
        if action in ("next_story", "previous_story"):
            groups = storytelling.shown_groups(phase.session)
            if not groups:
                raise LiveError(_("Er zijn nog geen afgemaakte verhalen om te tonen."))
            index, _current = self._current(phase, groups)
            index = (index or 0) + (1 if action == "next_story" else -1)
            storytelling.show_set(phase, groups[min(max(index, 0), len(groups) - 1)].pk)
            return None
        raise LiveError(_("Dit kan in deze fase niet."))

    def harvest_context(self, phase):
        ranked = storytelling.ranked_groups(phase.session)
        return {"rows": _bars(ranked),
                "voters": live_selectors.voters(phase)}

    def csv_rows(self, phase):
        return [[g.shown_title, g.dots] for g in storytelling.ranked_groups(phase.session)]

    settings_form = ShowSettings


def _bars(groups) -> list[dict]:
    top = max([g.dots for g in groups] or [0]) or 1
    return [{"text": g.shown_title, "value": g.dots, "share": round(100 * g.dots / top)}
            for g in groups]


class PublishBlock(StoriesBlock):
    kind = PUBLISH
    label = gettext_lazy("Naar de verhalenbank")
    help = gettext_lazy("De gekozen verhalen gaan de verhalenbank in, met hun herkomst: de "
                        "sessie, de groep, het verhaal waaruit ze groeiden en de Bedoeling "
                        "van nu.")
    has_results = False

    def _publish_count(self, phase):
        return _int(phase.config.get("publish"), storytelling.PUBLISH_DEFAULT)

    def _published(self, phase):
        return (StorySession.objects.filter(session=phase.session)
                .values_list("published_at", flat=True).first())

    def screen_context(self, phase):
        chosen = storytelling.chosen_groups(phase.session, self._publish_count(phase))
        for group in chosen:
            group.in_library = library_entry_of(group.crafted) is not None
        return {"chosen": chosen, "published": self._published(phase) is not None}

    def control_context(self, phase):
        ranked = storytelling.ranked_groups(phase.session)
        chosen = {g.pk for g in storytelling.chosen_groups(phase.session,
                                                       self._publish_count(phase))}
        for group in ranked:
            group.is_chosen = group.pk in chosen
            group.may_publish = group.crafted.consent == Consent.LIBRARY
            group.in_library = library_entry_of(group.crafted) is not None
        return {"ranked": ranked, "published": self._published(phase) is not None}

    def personal_context(self, phase, participant):
        return self.screen_context(phase)

    def control_act(self, phase, user, action, data):
        if action != "publish":
            raise LiveError(_("Dit kan in deze fase niet."))
        ids = data.getlist("group") if hasattr(data, "getlist") else data.get("group", [])
        storytelling.choices_set(phase, ids)
        entries = storytelling.storytelling_publish(phase.session, user,
                                                publish=self._publish_count(phase))
        return ngettext("%(n)s verhaal staat in de verhalenbank.",
                        "%(n)s verhalen staan in de verhalenbank.", len(entries)) % {
            "n": len(entries)}

    def harvest_context(self, phase):
        groups = [g for g in crafted_context(phase.session)["crafted"] if g.entry]
        return {"published_groups": groups}

    def csv_rows(self, phase):
        return [[g.entry.title, g.entry.get_purpose_part_display()]
                for g in crafted_context(phase.session)["crafted"] if g.entry]


for _block in (WriteBlock(), CraftBlock(), ShowBlock(), PublishBlock()):
    register_block(_block)

"""The regie block: one scene of a regietheater performance on the live engine. Its
stages (play, frozen, vote, replay, judge) are those of the scene's current stop, kept by
`play.py`; this module only shows them and routes the phones' and the joker's input."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bedoeling.live import selectors
from bedoeling.live.errors import LiveError
from bedoeling.live.registry import Block, register_block
from bedoeling.theatre import play
from bedoeling.theatre.log import proposal_status, run_label, scene_log
from bedoeling.theatre.models import Stop

Stage = Stop.Stage
JUDGE_LABELS = (gettext_lazy("veel verder weg"), gettext_lazy("verder weg"),
                gettext_lazy("even ver"), gettext_lazy("dichterbij"),
                gettext_lazy("veel dichterbij"))


class RegieSettings(forms.Form):
    threshold = forms.IntegerField(label=gettext_lazy("Drempel: zoveel mensen drukken STOP"),
                                   min_value=1, max_value=5000, initial=5)
    window = forms.IntegerField(label=gettext_lazy("binnen zoveel seconden"), min_value=2,
                                max_value=60, initial=5)


def _number(data, key="number"):
    raw = str(data.get(key, "")).strip().lstrip("#")
    if not raw.isdecimal():
        raise LiveError(_("Kies een voorstel."))
    return int(raw)


class RegieBlock(Block):
    kind = "regie"
    label = gettext_lazy("Regietheater-scène")
    help = gettext_lazy("Een scène die de zaal regisseert: STOP, voorstellen voor een "
                        "personage, stemmen, herspelen en oordelen.")
    has_results = False
    periodic = True  # the stop-meter decays with time
    views = ("stage",)
    settings_form = RegieSettings

    def state_key(self, phase):
        stop = play.current_stop(phase)
        return f"{stop.pk}{stop.stage}" if stop else ""

    def _base(self, phase) -> dict:
        stop = play.current_stop(phase)
        scene = play.scene_of(phase)
        return {"stop": stop, "stage": stop.stage if stop else "", "scene": scene,
                "characters": scene.character_list if scene else []}

    def phone_context(self, phase):
        return self._base(phase)

    def screen_context(self, phase):
        ctx = self._base(phase)
        stop = ctx["stop"]
        if stop is None:
            return ctx
        if stop.stage == Stage.PLAY:
            ctx["meter"] = play.meter(stop)
        elif stop.stage in (Stage.FROZEN, Stage.VOTE):
            ctx["proposals"] = [p for p in stop.proposals.all() if p.visible]
            ctx["voters"] = selectors.target_count(phase.pk, play.vote_target(stop))
        elif stop.stage == Stage.JUDGE:
            ctx["judged"] = selectors.target_count(phase.pk, play.judge_target(stop))
        return ctx

    def control_context(self, phase):
        ctx = self._base(phase)
        stop = ctx["stop"]
        ctx["log"] = scene_log(phase)
        if stop is not None:
            if stop.stage == Stage.PLAY:
                ctx["meter"] = play.meter(stop)
                ctx["total"] = selectors.target_count(phase.pk, play.press_target(stop))
            ctx["proposals"] = list(stop.proposals.all())
            ctx["results"] = play.results(stop)
            ctx["judged"] = selectors.target_count(phase.pk, play.judge_target(stop))
        return ctx

    def personal_context(self, phase, participant):
        stop = play.current_stop(phase)
        if stop is None:
            return {}
        if play.pressed_now(phase):
            # The answer to a press: all it shows is that the press counts.
            return {"stop": stop, "stage": stop.stage, "pressed": True}
        mine = selectors.votes_of(phase, participant)
        ctx = {"stop": stop, "stage": stop.stage,
               "pressed": play.press_target(stop) in mine,
               "voted": mine.get(play.vote_target(stop)),
               "judged": mine.get(play.judge_target(stop)),
               "judge_labels": list(enumerate(JUDGE_LABELS, start=1))}
        if stop.stage == Stage.FROZEN:
            ctx["mine"] = list(stop.proposals.filter(participant=participant))
        elif stop.stage == Stage.VOTE:
            ctx["proposals"] = [p for p in stop.proposals.all() if p.visible]
        return ctx

    def example_input(self, phase):
        stop = play.current_stop(phase)
        if stop is None:
            return None
        if stop.stage == Stage.PLAY:
            return {"do": "press", "stop": str(stop.pk)}
        if stop.stage == Stage.FROZEN:
            return {"do": "propose", "stop": str(stop.pk), "text": "Vraag door."}
        return None

    def act(self, phase, participant, data):
        do = data.get("do", "")
        if do == "press":
            play.press(phase, participant, data.get("stop"))
            return _("STOP doorgegeven.")
        if do == "propose":
            play.propose(phase, participant, stop_raw=data.get("stop"),
                         text=data.get("text", ""), client_key=data.get("client_key", ""))
            return _("Je voorstel staat erbij.")
        if do == "vote":
            play.vote(phase, participant, stop_raw=data.get("stop"), number=data.get("number"))
            return _("Je stem is opgeslagen.")
        if do == "judge":
            play.judge(phase, participant, stop_raw=data.get("stop"), value=data.get("value"))
            return _("Je oordeel is opgeslagen.")
        raise LiveError(_("Dit kan in deze fase niet."))

    def control_act(self, phase, user, action, data):
        if action == "start":
            play.start(phase)
            return _("De scène speelt.")
        if action == "threshold":
            try:
                threshold, window = int(data.get("threshold")), int(data.get("window"))
            except (TypeError, ValueError):
                raise LiveError(_("Vul de drempel en de tijd in als hele getallen.")) from None
            play.thresholds_set(phase, threshold=threshold, window=window)
            return _("Drempel aangepast.")
        if action == "freeze":
            play.freeze(phase, character=data.get("character", ""))
            return _("De scène is bevroren.")
        if action in ("hide", "show"):
            play.proposal_hide(phase, _number(data), hidden=action == "hide")
            return ""
        if action == "merge":
            play.proposal_merge(phase, _number(data), _number(data, "into"))
            return _("Voorstellen samengevoegd.")
        if action == "vote":
            play.vote_open(phase)
            return _("De stemming is open.")
        if action == "choose":
            number = data.get("number", "")
            play.choose(phase, _number(data) if number else None)
            return _("De keuze staat op het scherm; de acteurs spelen opnieuw.")
        if action == "judge":
            play.judge_open(phase)
            return _("De zaal geeft haar oordeel.")
        if action == "notes":
            play.notes_set(phase, _number(data, "stop"), data.get("notes", ""))
            return _("Aantekening bewaard.")
        raise LiveError(_("Onbekende actie."))

    def harvest_context(self, phase):
        return {"log": scene_log(phase), "scene": play.scene_of(phase)}

    def csv_rows(self, phase):
        """Per stop a row (its run, the seconds into that run, who stopped it, the choice,
        the judgement's mean and count, the notes), then a row per proposal with its
        votes: the same log as the harvest page and the report."""
        rows = []
        for entry in scene_log(phase):
            stop, judged = entry["stop"], entry["judgement"]
            rows.append([stop.number, run_label(stop),
                         stop.at_seconds if stop.at_seconds is not None else "",
                         stop.get_stopped_by_display(), stop.presses, stop.character,
                         stop.chosen.text if stop.chosen else "",
                         judged["mean"] if judged["total"] else "", judged["total"],
                         stop.notes])
            for row in entry["proposals"]:
                proposal = row["proposal"]
                rows.append([stop.number, _("voorstel %(n)s") % {"n": proposal.number},
                             proposal.text, row["votes"], proposal_status(row),
                             _("gekozen") if stop.chosen_id == proposal.pk else ""])
        return rows

register_block(RegieBlock())

"""The replay log of a scene: every stop with its time in the scene, the proposals with
their votes, the chosen direction, the judgement and the joker's notes."""

from django.utils.translation import gettext as _

from bedoeling.live import selectors
from bedoeling.theatre import play
from bedoeling.theatre.models import Stop


def run_label(stop: Stop) -> str:
    """Which run of the scene the stop interrupted: the first play or a replay."""
    return (_("herhaling %(n)s") % {"n": stop.replay}) if stop.replay else _("het eerste spel")


def proposal_status(row: dict) -> str:
    if row["proposal"].hidden:
        return _("verborgen")
    if row["merged_into"]:
        return _("samengevoegd met %(n)s") % {"n": row["merged_into"]}
    return ""


def judgement(phase_tallies: dict, stop: Stop) -> dict:
    values = phase_tallies.get(play.judge_target(stop), {"values": {}})["values"]
    total = sum(values.values())
    mean = sum(v * n for v, n in values.items()) / total if total else None
    return {"total": total, "mean": round(mean, 1) if mean is not None else None,
            "counts": [values.get(v, 0) for v in play.JUDGE_RANGE]}


def scene_log(phase) -> list[dict]:
    stops = list(Stop.objects.filter(phase=phase).select_related("chosen")
                 .prefetch_related("proposals", "insights").order_by("number"))
    if not stops:
        return []
    tallies = selectors.tallies(phase)
    entries = []
    for stop in stops:
        votes = tallies.get(play.vote_target(stop), {"values": {}})["values"]
        numbers = {p.pk: p.number for p in stop.proposals.all()}
        proposals = [{"proposal": p, "votes": votes.get(p.number, 0),
                      "merged_into": numbers.get(p.merged_into_id)}
                     for p in stop.proposals.all()]
        entries.append({"stop": stop, "proposals": proposals,
                        "voters": sum(votes.values()), "judgement": judgement(tallies, stop),
                        "insights": list(stop.insights.all())})
    return entries

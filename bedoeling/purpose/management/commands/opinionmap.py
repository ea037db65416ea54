"""Print the opinion map of a Pol.is export.

    manage.py opinionmap PATH [--format json|text]

PATH is a folder with participants-votes.csv and comments.csv (as Pol.is exports them),
and votes.csv when the export has it: then the conversation's history is replayed, so that
everybody Pol.is had let into the conversation along the way is grouped too (see
bedoeling.insights.opinion_replay); without it the groups come from the final votes only,
and the result says so ("history").
JSON: per participant its group (null when not clustered), per group its representative
statements with the vote shares behind them, the consensus and the divisive statements;
statements and participants carry their Pol.is ids."""

import json

import numpy as np
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from bedoeling.insights.opinion_replay import replay_opinion_map
from bedoeling.insights.opinionmap import compute_opinion_map
from bedoeling.insights.polis_export import PolisExportError, read_polis_export
from bedoeling.insights.svg import group_letter


def _statement(export, index: int) -> dict:
    return {"statement": export.statement_ids[index], "text": export.statement_texts[index]}


def _across(export, item: dict) -> dict:
    return {**_statement(export, item["statement"]), "score": item["score"],
            "groups": item["groups"]}


FINAL_STATE_ONLY = ("no votes.csv in the export: the groups are computed from the final "
                    "votes only, so participants Pol.is grouped early with fewer than 7 "
                    "votes may be missing")


def opinion_map_json(export) -> dict:
    if export.history is not None:
        h = export.history
        replay = replay_opinion_map(export.votes, export.moderated_out, h.times, h.rows, h.cols)
        om = replay.map.to_dict()
        history = replay.to_dict()
    else:
        om = compute_opinion_map(export.votes, moderated_out=export.moderated_out).to_dict()
        history = {"replayed": False, "note": FINAL_STATE_ONLY}
    return {
        "history": history,
        "n_participants": om["n_participants"],
        "n_statements": om["n_statements"],
        "n_votes": int((~np.isnan(export.votes)).sum()),
        "k": om["k"],
        "participants": [{"participant": pid, "group": label}
                         for pid, label in zip(export.participant_ids, om["labels"],
                                               strict=True)],
        "groups": [{
            "id": g["id"], "label": group_letter(g["id"]), "size": g["size"],
            "representative": [{**_statement(export, r["statement"]),
                                **{k: v for k, v in r.items() if k != "statement"}}
                               for r in g["representative"]],
        } for g in om["groups"]],
        "consensus": {side: [_across(export, item) for item in items]
                      for side, items in om["consensus"].items()},
        "divisive": [_across(export, item) for item in om["divisive"]],
    }


class Command(BaseCommand):
    help = "Read a Pol.is export (a folder with participants-votes.csv and comments.csv) " \
           "and print its opinion map."

    def add_arguments(self, parser):
        parser.add_argument("path", help="folder with participants-votes.csv and comments.csv")
        parser.add_argument("--format", choices=("json", "text"), default="text")

    def handle(self, *args, path, format, **options):
        try:
            export = read_polis_export(path)
        except PolisExportError as error:
            raise CommandError(str(error)) from None
        result = opinion_map_json(export)
        if format == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=1))
            return
        clustered = sum(1 for p in result["participants"] if p["group"] is not None)
        self.stdout.write(_("%(n)s deelnemers (%(c)s ingedeeld), %(m)s stellingen, %(k)s groepen")
                          % {"n": result["n_participants"], "c": clustered,
                             "m": result["n_statements"], "k": result["k"]})
        history = result["history"]
        if history["replayed"]:
            self.stdout.write(_("Geschiedenis nagespeeld (votes.csv): %(v)s stemmen; %(e)s "
                                "deelnemers kwamen vroeg in het gesprek en zijn ingedeeld met "
                                "minder dan 7 stemmen, zoals Pol.is deed.")
                              % {"v": history["votes"], "e": history["entered_early"]})
        else:
            self.stdout.write(_("Geen votes.csv: de groepen zijn alleen uit de eindstand "
                                "berekend."))
        for group in result["groups"]:
            self.stdout.write("\n" + _("Groep %(g)s (%(n)s deelnemers)")
                              % {"g": group["label"], "n": group["size"]})
            for rep in group["representative"]:
                agree = rep["repful_for"] == "agree"
                share = rep["group_agree"] if agree else rep["group_disagree"]
                others = rep["others_agree"] if agree else rep["others_disagree"]
                line = (_("%(share)s%% eens (anderen %(others)s%%)") if agree
                        else _("%(share)s%% oneens (anderen %(others)s%%)"))
                line %= {"share": round(100 * share), "others": round(100 * others)}
                self.stdout.write(f"  {line}: [{rep['statement']}] {rep['text'][:100]}")
        for title, items in ((_("Gedeeld (eens)"), result["consensus"]["agree"]),
                             (_("Gedeeld (oneens)"), result["consensus"]["disagree"]),
                             (_("Verdeeld"), result["divisive"])):
            self.stdout.write(f"\n{title}")
            for item in items:
                self.stdout.write(f"  [{item['statement']}] {item['text'][:100]}")

"""The building blocks of a live session. Each block knows what its phase shows on the
three views and what a phone may do in it; domain apps can register more blocks.

Templates: `live/blocks/<kind>.html` with the partials `phone` (the same for everyone in a
role), `personal` (one participant's own part), `screen` and `control`."""

from django import forms
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from bedoeling.live import selectors, services, tap
from bedoeling.live.errors import LiveError
from bedoeling.live.models import Card, Cluster, Phase, Vote
from bedoeling.live.registry import Block, ListField, Undoable, register_block


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# --- the settings of the built-in blocks (each field sets the config key of its name)

class CardsSettings(forms.Form):
    categories = ListField(label=gettext_lazy("Categorieën (kaarten)"), required=False,
                           max_length=500, help_text=gettext_lazy("Komma-gescheiden, optioneel."))
    private = forms.BooleanField(
        label=gettext_lazy("Eerst voor jezelf schrijven, dan onthullen"), required=False)


class DotsSettings(forms.Form):
    dots = forms.IntegerField(label=gettext_lazy("Stippen per deelnemer"), required=False,
                              min_value=1, max_value=20)


class AgreeSettings(forms.Form):
    accepts_cards = forms.BooleanField(
        label=gettext_lazy("Deelnemers mogen zelf stellingen toevoegen"), required=False)


class ScaleSettings(forms.Form):
    labels = ListField(label=gettext_lazy("Labels van de schaal (komma-gescheiden)"),
                       required=False, max_length=500, max_items=10)
    min = forms.IntegerField(label=gettext_lazy("Laagste waarde"), required=False,
                             min_value=0, max_value=10)
    max = forms.IntegerField(label=gettext_lazy("Hoogste waarde"), required=False,
                             min_value=1, max_value=10)

    def clean(self):
        data = super().clean()
        low, high = data.get("min"), data.get("max")
        if low is not None and high is not None and low >= high:
            self.add_error("max", _("De hoogste waarde moet boven de laagste liggen."))
        return data


class ChoiceSettings(forms.Form):
    options = ListField(label=gettext_lazy("Mogelijkheden (keuze), één per regel"),
                        required=False, max_length=2000, separator="\n")
    multiple = forms.BooleanField(label=gettext_lazy("Meer dan één keuze toegestaan"),
                                  required=False)

    def clean_options(self):
        options = self.cleaned_data["options"]
        if len(options) < 2:
            raise forms.ValidationError(_("Geef minstens twee mogelijkheden, één per regel."))
        return options


class StopSettings(forms.Form):
    threshold = forms.IntegerField(label=gettext_lazy("Drempel stopsignaal (aantal mensen)"),
                                   required=False, min_value=1, max_value=10000)
    window = forms.IntegerField(label=gettext_lazy("Telvenster stopsignaal (seconden)"),
                                required=False, min_value=3, max_value=120)


class InfoBlock(Block):
    kind = "info"
    label = gettext_lazy("Uitleg of pauze")
    help = gettext_lazy("Een titel en tekst op alle schermen; geen invoer.")
    has_results = False
    personal = False


class CardsBlock(Block):
    kind = "cards"
    label = gettext_lazy("Kaarten schrijven")
    help = gettext_lazy("Iedereen schrijft korte bijdragen, eventueel met een categorie.")

    def _cards(self, phase):
        return list(selectors.visible_cards(phase.pk).select_related("cluster"))

    def screen_context(self, phase):
        count = selectors.visible_cards(phase.pk).count()
        shown = phase.revealed or (not phase.config.get("private")
                                   and phase.config.get("show_live"))
        return {"count": count, "cards": self._cards(phase) if shown else None}

    def control_context(self, phase):
        private = phase.config.get("private") and not phase.revealed
        cards = None if private else list(
            phase.cards.filter(merged_into=None).order_by("-id")[:300])
        return {"count": selectors.visible_cards(phase.pk).count(), "cards": cards,
                "private": private}

    def personal_context(self, phase, participant):
        own = list(participant.cards.filter(phase=phase).order_by("id"))
        others = None
        if phase.revealed:
            others = [c for c in self._cards(phase) if c.participant_id != participant.pk]
        return {"own": own, "others": others}

    def example_input(self, phase):
        return {"text": "Een kaart uit de contracttest"}

    def act(self, phase, participant, data):
        services.card_add(phase, participant, text=data.get("text", ""),
                          category=data.get("category", ""),
                          client_key=data.get("client_key", ""))
        return _("Je kaart is opgeslagen.")

    def control_act(self, phase, user, action, data):
        if action == "seed":
            services.card_add(phase, None, text=data.get("text", ""),
                              category=data.get("category", ""), seeded_by=user)
            return _("Kaart toegevoegd.")
        return moderate(phase, action, data)

    def harvest_context(self, phase):
        return {"cards": self._cards(phase)}

    def csv_rows(self, phase):
        return [[c.text, c.category, c.cluster.name if c.cluster else ""]
                for c in self._cards(phase)]

    settings_form = CardsSettings


def moderate(phase, action, data):
    card = Card.objects.filter(session=phase.session, pk=_int(data.get("card"))).first()
    if card is None:
        raise LiveError(_("Deze kaart bestaat niet (meer)."))
    if action == "hide":
        services.card_hide(card, True)
        return _("Kaart verborgen.")
    if action == "show":
        services.card_hide(card, False)
        return _("Kaart weer zichtbaar.")
    if action == "merge":
        into = Card.objects.filter(phase=card.phase, pk=_int(data.get("into"))).first()
        if into is None:
            raise LiveError(_("Kies de kaart waarmee je wilt samenvoegen."))
        services.card_merge(card, into)
        return _("Kaarten samengevoegd.")
    raise LiveError(_("Dit kan in deze fase niet."))


class GroupBlock(Block):
    kind = "group"
    label = gettext_lazy("Groeperen")
    help = gettext_lazy("De begeleider ordent de kaarten van een eerdere fase in groepen; "
                        "vergelijkbare kaarten worden voorgesteld.")
    has_results = False
    personal = False
    needs_source = True

    def _data(self, phase):
        cards = list(selectors.visible_cards(phase.source_id or 0).order_by("id"))
        clusters = list(Cluster.objects.filter(phase=phase))
        by_cluster = {c.pk: [] for c in clusters}
        loose = []
        for card in cards:
            (by_cluster[card.cluster_id] if card.cluster_id in by_cluster else loose).append(card)
        groups = [{"cluster": c, "cards": by_cluster[c.pk]} for c in clusters]
        return cards, groups, loose

    def screen_context(self, phase):
        cards, groups, loose = self._data(phase)
        return {"groups": groups, "loose": loose, "count": len(cards)}

    def control_context(self, phase):
        from bedoeling.insights.similarity import suggest_groups

        cards, groups, loose = self._data(phase)
        suggestions = []
        if len(loose) >= 2:
            # Cards are short: one shared meaningful word is already worth suggesting.
            for suggestion in suggest_groups([c.text for c in loose], threshold=0.15)[:6]:
                members = [loose[i] for i in suggestion.members]
                suggestions.append({"cards": members, "words": list(suggestion.shared),
                                    "ids": ",".join(str(c.pk) for c in members)})
        # A closed round (or an ended session) shows its groups without the means to
        # change them; the services refuse such a change too.
        fixed = phase.locked or phase.session.is_ended
        return {"groups": groups, "loose": loose, "count": len(cards),
                "suggestions": suggestions, "clusters": [g["cluster"] for g in groups],
                "fixed": fixed, "name_max": services.CLUSTER_NAME_MAX}

    def _cluster(self, phase, raw):
        cluster = Cluster.objects.filter(phase=phase, pk=_int(raw)).first()
        if cluster is None:
            raise LiveError(_("Deze groep bestaat niet (meer)."))
        return cluster

    def control_act(self, phase, user, action, data):
        if action == "cluster":
            ids = [_int(x) for x in data.get("cards", "").split(",") if _int(x)]
            cards = list(selectors.visible_cards(phase.source_id or 0).filter(pk__in=ids))
            services.cluster_create(phase, data.get("name", ""), cards)
            return _("Groep gemaakt.")
        if action == "rename":
            cluster = services.cluster_rename(self._cluster(phase, data.get("cluster")),
                                              data.get("name", ""))
            return _("De groep heet nu ‘%(name)s’.") % {"name": cluster.name}
        if action == "delete":
            services.cluster_delete(self._cluster(phase, data.get("cluster")))
            return _("Groep opgeheven; de kaarten staan weer bij ‘niet ingedeeld’.")
        if action == "merge_group":
            cluster = self._cluster(phase, data.get("cluster"))
            if not data.get("into"):
                raise LiveError(_("Kies de groep waarmee je wilt samenvoegen."))
            into = self._cluster(phase, data.get("into"))
            moved = services.cluster_merge(cluster, into, user)
            message = ngettext(
                "‘%(name)s’ is samengevoegd met ‘%(into)s’: %(n)s kaart verhuisde mee.",
                "‘%(name)s’ is samengevoegd met ‘%(into)s’: %(n)s kaarten verhuisden mee.",
                len(moved)) % {"name": cluster.name, "into": into.name, "n": len(moved)}
            return Undoable(message, {"action": "cluster", "name": cluster.name,
                                      "cards": ",".join(str(pk) for pk in moved)})
        if action == "move":
            card = selectors.visible_cards(phase.source_id or 0).filter(
                pk=_int(data.get("card"))).first()
            if card is None:
                raise LiveError(_("Deze kaart bestaat niet (meer)."))
            cluster = self._cluster(phase, data.get("cluster")) if data.get("cluster") else None
            services.card_cluster_set(card, cluster)
            text = Truncator(card.text).chars(60)
            if cluster is None:
                return _("‘%(card)s’ staat nu bij ‘niet ingedeeld’.") % {"card": text}
            return _("‘%(card)s’ staat nu in ‘%(group)s’.") % {"card": text,
                                                                "group": cluster.name}
        return moderate(phase, action, data)

    def csv_rows(self, phase):
        _cards, groups, loose = self._data(phase)
        rows = [[g["cluster"].name, c.text] for g in groups for c in g["cards"]]
        return rows + [["", c.text] for c in loose]


class DotVoteBlock(Block):
    kind = "dotvote"
    label = gettext_lazy("Stippen stemmen")
    help = gettext_lazy("Iedereen verdeelt een aantal stippen over de kaarten of groepen.")

    def _results(self, phase):
        items = selectors.dot_items(phase)
        tallies = selectors.tallies(phase)
        for item in items:
            item["dots"] = tallies[item["target"]]["dots"] if item["target"] in tallies else 0
            item["value"] = item["dots"]
        items.sort(key=lambda i: -i["dots"])
        top = max([i["dots"] for i in items] or [0]) or 1
        for item in items:
            item["share"] = round(100 * item["dots"] / top)
        return items

    def screen_context(self, phase):
        return {"voters": selectors.voters(phase),
                "items": self._results(phase) if phase.revealed else None}

    def control_context(self, phase):
        return {"voters": selectors.voters(phase), "items": self._results(phase)}

    def personal_context(self, phase, participant):
        mine = dict(Vote.objects.filter(phase=phase, participant=participant)
                    .values_list("target", "value"))
        total = int(phase.config.get("dots", 3))
        items = selectors.dot_items(phase)
        for item in items:
            item["mine"] = mine.get(item["target"], 0)
        used = sum(mine.values())
        return {"items": items, "left": total - used, "total": total,
                "per_item": int(phase.config.get("max_per_item", total))}

    def example_input(self, phase):
        items = selectors.dot_items(phase)
        return {"target": items[0]["target"], "step": "up"} if items else None

    def act(self, phase, participant, data):
        # The step, not a new total: the service reads what she has inside its lock.
        services.dots_set(phase, participant, target=data.get("target", ""),
                          step=1 if data.get("step") == "up" else -1)
        return None

    def harvest_context(self, phase):
        return {"items": self._results(phase), "voters": selectors.voters(phase)}

    def csv_rows(self, phase):
        return [[i["text"], i["dots"]] for i in self._results(phase)]

    settings_form = DotsSettings
    needs_source = True


class AgreeBlock(Block):
    kind = "agree"
    label = gettext_lazy("Eens / oneens")
    help = gettext_lazy("Iedereen reageert op stellingen: eens, oneens of pas.")

    def _statements(self, phase):
        cards = list(selectors.visible_cards(selectors.statement_phase_id(phase)))
        tallies = selectors.tallies(phase)
        rows = []
        for card in cards:
            t = tallies.get(f"c{card.pk}", {"agree": 0, "disagree": 0, "pass": 0, "count": 0})
            seen = t["count"] or 0
            rows.append({"card": card, "agree": t["agree"], "disagree": t["disagree"],
                         "pass": t["pass"], "seen": seen,
                         "agree_pct": round(100 * t["agree"] / seen) if seen else 0,
                         "disagree_pct": round(100 * t["disagree"] / seen) if seen else 0,
                         "pass_pct": round(100 * t["pass"] / seen) if seen else 0})
        rows.sort(key=lambda r: (-r["agree_pct"], -r["seen"]))
        return rows

    def screen_context(self, phase):
        return {"voters": selectors.voters(phase),
                "votes": Vote.objects.filter(phase=phase).count(),
                "statements": self._statements(phase) if phase.revealed else None}

    def control_context(self, phase):
        return {"voters": selectors.voters(phase),
                "votes": Vote.objects.filter(phase=phase).count(),
                "statements": self._statements(phase),
                "own_cards": phase.config.get("accepts_cards", False)}

    def personal_context(self, phase, participant):
        # The statements with her own votes, in one statement through the unique index:
        # this runs after every tap.
        rows = tap.statements_and_votes(selectors.statement_phase_id(phase), phase.pk,
                                        participant.pk)
        cards = [card for card, _voted in rows]
        done = {f"c{card.pk}" for card, voted in rows if voted}
        # With one statement (a hall asked one question) there is no order to choose;
        # otherwise one pass over the votes says how many each statement has.
        seen = selectors.vote_counts(phase) if len(cards) > 1 else {}
        open_cards = [c for c in cards if f"c{c.pk}" not in done]
        # Statements with few votes come first, so every statement gets heard.
        open_cards.sort(key=lambda c: (seen.get(f"c{c.pk}", 0), c.pk))
        return {"next": open_cards[0] if open_cards else None,
                "done": len(cards) - len(open_cards), "total": len(cards),
                "can_write": phase.config.get("accepts_cards", False)}

    def example_input(self, phase):
        card = selectors.visible_cards(selectors.statement_phase_id(phase)).first()
        if card is not None:
            return {"card": str(card.pk), "vote": "agree"}
        if phase.config.get("accepts_cards"):
            return {"text": "Een stelling uit de contracttest"}
        return None

    def act(self, phase, participant, data):
        if "text" in data:
            services.card_add(phase, participant, text=data.get("text", ""),
                              client_key=data.get("client_key", ""))
            return _("Je stelling is toegevoegd.")
        value = {"agree": 1, "disagree": -1, "pass": 0}.get(data.get("vote"))
        if value is None:
            raise LiveError(_("Kies eens, oneens of pas."))
        services.vote_cast(phase, participant, target=f"c{_int(data.get('card'), 0)}",
                           value=value)
        return None

    def control_act(self, phase, user, action, data):
        if action == "seed":
            services.card_add(phase if not phase.source_id else Phase.objects.get(
                pk=phase.source_id), None, text=data.get("text", ""), seeded_by=user)
            return _("Stelling toegevoegd.")
        return moderate(phase, action, data)

    def harvest_context(self, phase):
        return {"statements": self._statements(phase), "voters": selectors.voters(phase)}

    def csv_rows(self, phase):
        return [[r["card"].text, r["agree"], r["disagree"], r["pass"]]
                for r in self._statements(phase)]

    settings_form = AgreeSettings


class ScaleBlock(Block):
    kind = "scale"
    label = gettext_lazy("Schaal")
    help = gettext_lazy("Iedereen kiest een waarde op een schaal, bijvoorbeeld 1 tot 5.")

    def _points(self, phase):
        low, high = selectors.scale_range(phase)
        labels = phase.config.get("labels") or []
        counts = selectors.tallies(phase).get("", {"values": {}})["values"]
        total = sum(counts.values())
        top = max(counts.values() or [0]) or 1
        points = []
        for value in range(low, high + 1):
            label = labels[value - 1] if labels else str(value)
            n = counts.get(value, 0)
            points.append({"value": value, "label": label, "count": n,
                           "share": round(100 * n / top), "y": 100 - round(100 * n / top),
                           "pct": round(100 * n / total) if total else 0})
        mean = (sum(p["value"] * p["count"] for p in points) / total) if total else None
        return points, total, mean

    def screen_context(self, phase):
        points, total, mean = self._points(phase)
        if not phase.revealed:
            return {"total": total}
        return {"points": points, "total": total, "mean": mean,
                "has_labels": bool(phase.config.get("labels"))}

    def control_context(self, phase):
        points, total, mean = self._points(phase)
        return {"points": points, "total": total, "mean": mean,
                "has_labels": bool(phase.config.get("labels"))}

    harvest_context = control_context

    def personal_context(self, phase, participant):
        mine = Vote.objects.filter(phase=phase, participant=participant, target="").first()
        points, _t, _m = self._points(phase)
        return {"points": points, "mine": mine.value if mine else None}

    def example_input(self, phase):
        return {"value": str(selectors.scale_range(phase)[0])}

    def act(self, phase, participant, data):
        value = _int(data.get("value"))
        if value is None:
            raise LiveError(_("Kies een waarde."))
        services.vote_cast(phase, participant, target="", value=value)
        return _("Je antwoord is opgeslagen.")

    def csv_rows(self, phase):
        points, _t, _m = self._points(phase)
        return [[p["label"], p["count"]] for p in points]

    settings_form = ScaleSettings


class ChoiceBlock(Block):
    kind = "choice"
    label = gettext_lazy("Keuze")
    help = gettext_lazy("Iedereen kiest één of meer mogelijkheden.")

    def _options(self, phase):
        options = phase.config.get("options") or []
        tallies = selectors.tallies(phase)
        rows = [{"index": i, "text": text, "count": tallies[f"o{i}"]["count"]
                 if f"o{i}" in tallies else 0} for i, text in enumerate(options)]
        for r in rows:
            r["value"] = r["count"]
        top = max([r["count"] for r in rows] or [0]) or 1
        voters = selectors.voters(phase)
        for r in rows:
            r["share"] = round(100 * r["count"] / top)
            r["pct"] = round(100 * r["count"] / voters) if voters else 0
        return rows, voters

    def screen_context(self, phase):
        rows, voters = self._options(phase)
        return {"voters": voters, "options": rows if phase.revealed else None}

    def control_context(self, phase):
        rows, voters = self._options(phase)
        return {"voters": voters, "options": rows}

    harvest_context = control_context

    def personal_context(self, phase, participant):
        mine = {t for t in Vote.objects.filter(phase=phase, participant=participant)
                .values_list("target", flat=True)}
        options = [{"index": i, "text": text, "mine": f"o{i}" in mine}
                   for i, text in enumerate(phase.config.get("options") or [])]
        return {"options": options, "multiple": phase.config.get("multiple", False),
                "answered": bool(mine)}

    def example_input(self, phase):
        return {"option": ["0"]} if phase.config.get("options") else None

    def act(self, phase, participant, data):
        chosen = [_int(x, -1) for x in data.getlist("option")]
        services.choice_set(phase, participant, chosen)
        return _("Je keuze is opgeslagen.")

    def csv_rows(self, phase):
        rows, _v = self._options(phase)
        return [[r["text"], r["count"]] for r in rows]

    settings_form = ChoiceSettings


class StopBlock(Block):
    kind = "stop"
    label = gettext_lazy("Stopsignaal")
    help = gettext_lazy("Een grote STOP-knop; het scherm toont hoeveel mensen de laatste "
                        "seconden drukten, tegen een drempel.")
    has_results = False
    personal = False
    periodic = True

    def screen_context(self, phase):
        window = int(phase.config.get("window", 10))
        threshold = int(phase.config.get("threshold", 5))
        count = selectors.stop_count(phase, window, timezone.now())
        return {"count": count, "threshold": threshold, "window": window,
                "crossed": count >= threshold,
                "pct": min(100, round(100 * count / threshold)) if threshold else 0,
                "total": phase.stop_presses.count()}

    def example_input(self, phase):
        return {}

    def act(self, phase, participant, data):
        services.stop_press(phase, participant)
        return _("STOP doorgegeven.")

    def csv_rows(self, phase):
        return [[p.created_at.isoformat(timespec="seconds")]
                for p in phase.stop_presses.order_by("created_at")]

    settings_form = StopSettings


for _block in (InfoBlock(), CardsBlock(), GroupBlock(), DotVoteBlock(), AgreeBlock(),
               ScaleBlock(), ChoiceBlock(), StopBlock()):
    register_block(_block)

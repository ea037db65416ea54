from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bedoeling.accounts.models import User
from bedoeling.lib.text import LineField
from bedoeling.systemworld import receipts
from bedoeling.systemworld.models import (
    NOTE_MAX,
    REFERENCE_MAX,
    RULE_TEXT_MAX,
    SIGNAL_SHORT_MAX,
    SIGNAL_TEXT_MAX,
    TITLE_MAX,
    Action,
    RemovedSignal,
    Rule,
    Signal,
)
from bedoeling.systemworld.selectors import DEFAULT_PERIOD

# Above this many rules a drop-down is no help on a phone: people type the name instead.
RULE_SELECT_MAX = 300

TOO_LONG = _("Dit is te lang: hoogstens %(limit_value)d tekens (nu %(show_value)d). "
             "Kort het in tot de kern.")


def _textarea(rows: int, limit: int):
    return forms.Textarea(attrs={"rows": rows, "maxlength": limit})


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def members_of(org):
    return (User.objects.filter(memberships__organisation=org, is_active=True)
            .order_by("name", "email"))


def is_big_register(org) -> bool:
    return Rule.objects.filter(organisation=org).count() > RULE_SELECT_MAX


def grouped_rule_choices(org, empty_label):
    groups: dict[str, list] = {}
    for pk, title, kind in (Rule.objects.filter(organisation=org, retired_at=None)
                            .order_by("title").values_list("pk", "title", "kind")):
        groups.setdefault(kind, []).append((str(pk), title))
    labels = dict(Rule.Kind.choices)
    return [("", empty_label)] + [
        (labels[kind], groups[kind]) for kind in Rule.Kind.values if kind in groups
    ]


class RuleField(forms.Field):
    """A rule of this organisation: a drop-down grouped by kind, or, for a large register,
    its name typed in. Anything that is not a rule of this organisation is refused."""

    def __init__(self, org, *, empty_label="—", **kwargs):
        self.org = org
        self.big = is_big_register(org)
        if self.big:
            widget = forms.TextInput(attrs={"maxlength": TITLE_MAX, "autocomplete": "off"})
        else:
            widget = forms.Select(choices=grouped_rule_choices(org, empty_label))
        super().__init__(widget=widget, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Rule):
            return value.title if self.big else str(value.pk)
        if self.big and str(value or "").isdecimal():
            rule = Rule.objects.filter(organisation=self.org, pk=int(value)).first()
            return rule.title if rule else ""
        return value

    def to_python(self, value):
        value = " ".join(str(value or "").split())
        if not value:
            return None
        if len(value) > TITLE_MAX:
            # No rule has a longer name; and SQLite refuses a LIKE pattern this long.
            raise forms.ValidationError(
                _("Die regel staat niet in het register van deze organisatie."),
                code="invalid_choice")
        if value.isdecimal() and not self.big:
            rule = Rule.objects.filter(organisation=self.org, pk=int(value)).first()
        else:
            rule = Rule.objects.filter(organisation=self.org, title__iexact=value).first()
        if rule is None:
            raise forms.ValidationError(
                _("Die regel staat niet in het register van deze organisatie."),
                code="invalid_choice")
        return rule


# ---------------------------------------------------------------------------- signals

SEVERITY_LABEL = _("Hoe zwaar was het voor degene om wie het ging?")


class SignalFields(forms.Form):
    what_happened = forms.CharField(
        label=_("Wat gebeurde er?"), max_length=SIGNAL_TEXT_MAX,
        widget=_textarea(5, SIGNAL_TEXT_MAX),
        help_text=_("Beschrijf de situatie zo concreet mogelijk. Laat namen van inwoners, "
                    "ouders of collega's weg."),
        error_messages={"required": _("Vertel wat er gebeurde: dit veld mag niet leeg zijn."),
                        "max_length": TOO_LONG},
    )
    client_effect = forms.CharField(
        label=_("Wat betekende het voor degene om wie het ging?"), required=False,
        max_length=SIGNAL_SHORT_MAX, widget=_textarea(3, SIGNAL_SHORT_MAX),
        error_messages={"max_length": TOO_LONG},
    )
    severity = forms.TypedChoiceField(
        label=SEVERITY_LABEL, choices=Signal.Severity.choices, coerce=int,
        initial=Signal.Severity.NOTABLE, widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe zwaar het was."),
                        "invalid_choice": _("Kies hoe zwaar het was.")},
    )
    rule_named = forms.CharField(
        label=_("Staat de regel er niet bij? Noem hem hier"), required=False,
        max_length=TITLE_MAX, widget=forms.TextInput(attrs={"maxlength": TITLE_MAX}),
        help_text=_("Bijvoorbeeld ‘het aanvraagformulier’ of ‘de 8-wekentermijn’."),
        error_messages={"max_length": TOO_LONG},
    )
    sensible_action = forms.CharField(
        label=_("Wat was hier verstandig geweest?"), required=False,
        max_length=SIGNAL_SHORT_MAX, widget=_textarea(3, SIGNAL_SHORT_MAX),
        error_messages={"max_length": TOO_LONG},
    )

    def clean(self):
        data = super().clean()
        if data.get("what_happened") is not None and not data["what_happened"].strip():
            self.add_error("what_happened",
                           _("Vertel wat er gebeurde: dit veld mag niet leeg zijn."))
        return data


class SignalForm(SignalFields):
    """Reporting from the app, as a member of the organisation."""

    anonymous = forms.TypedChoiceField(
        label=_("Wie meldt?"), coerce=lambda v: v == "anonymous", initial="named",
        choices=[
            ("named", _("Met mijn naam: ik krijg bericht als er iets mee gebeurt")),
            ("anonymous", _("Anoniem: mijn naam wordt niet bewaard; ik krijg een persoonlijke "
                            "code om te volgen wat ermee gebeurt")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of je met je naam of anoniem meldt.")},
    )
    field_order = ["what_happened", "client_effect", "severity", "rule", "rule_named",
                   "sensible_action", "anonymous"]

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        if is_big_register(org):
            # People type the name; a name that is in the register links to that rule.
            self.fields["rule_named"].label = _("Welke regel, procedure, KPI, formulier of "
                                                "systeem zat in de weg?")
        else:
            self.fields["rule"] = RuleField(
                org, required=False, empty_label=_("— staat er niet bij —"),
                label=_("Welke regel, procedure, KPI, formulier of systeem zat in de weg?"))
        self.order_fields(self.field_order)


class PublicSignalForm(SignalFields):
    """Reporting through the organisation's public link, without an account."""

    # A field people never see; scripts that fill in every field give themselves away.
    website = forms.CharField(required=False, label=_("Laat dit veld leeg"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client_effect"].label = _("Wat betekende het voor jou, of voor degene "
                                               "om wie het gaat?")
        self.fields["what_happened"].help_text = _(
            "Beschrijf wat er gebeurde, zo concreet als je kunt. Laat namen en "
            "persoonsgegevens weg: je melding is anoniem.")
        self.fields["rule_named"].label = _("Welke regel, welk formulier of welk systeem zat "
                                            "in de weg? (als je het weet)")
        self.fields["rule_named"].help_text = ""
        self.fields["sensible_action"].label = _("Wat had je graag gezien?")

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Je persoonlijke code"), max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                      "spellcheck": "false", "class": "sw-code-input"}),
        help_text=_("Zeven groepjes van vier letters en cijfers, zoals je hem kreeg."),
        error_messages={"required": _("Vul je code in.")},
    )

    def clean_code(self):
        code = self.cleaned_data["code"]
        if receipts.normalise(code) is None:
            raise forms.ValidationError(_(
                "Dit is geen geldige code. Een code bestaat uit 28 letters en cijfers, in "
                "zeven groepjes van vier. Controleer of je hem helemaal hebt overgenomen."))
        return code


class ResponseForm(forms.Form):
    text = forms.CharField(
        label=_("Je reactie aan de melder"), max_length=NOTE_MAX, widget=_textarea(4, NOTE_MAX),
        help_text=_("De melder leest dit, ook als die anoniem meldde."),
        error_messages={"required": _("Schrijf een reactie: dit veld mag niet leeg zijn."),
                        "max_length": TOO_LONG},
    )


class RemoveSignalForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Waarom verwijder je deze melding?"), choices=RemovedSignal.Reason.choices,
        widget=forms.RadioSelect,
        help_text=_("De melder leest dit met haar code. De tekst van de melding wordt niet "
                    "bewaard."),
        error_messages={"required": _("Kies waarom je de melding verwijdert."),
                        "invalid_choice": _("Kies waarom je de melding verwijdert.")})


class LinkRuleForm(forms.Form):
    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"] = RuleField(
            org, label=_("Over welke regel gaat dit signaal?"), empty_label=_("— kies —"),
            error_messages={"required": _("Kies een regel uit het register.")})


# ---------------------------------------------------------------------------- rules


class RuleForm(forms.ModelForm):
    class Meta:
        model = Rule
        fields = ["title", "kind", "description", "owner_user", "owner_label", "source_type",
                  "source_reference", "purpose_text", "purpose_part"]
        field_classes = {"title": LineField}
        labels = {
            "title": _("Naam"),
            "kind": _("Soort"),
            "description": _("Wat houdt het in?"),
            "owner_user": _("Eigenaar"),
            "owner_label": _("Of: de rol of afdeling die eigenaar is"),
            "source_type": _("Waar komt het vandaan?"),
            "source_reference": _("Vindplaats"),
            "purpose_text": _("Wat is de bedoeling van deze regel?"),
            "purpose_part": _("Welk deel van onze Bedoeling dient deze regel?"),
        }
        help_texts = {
            "title": _("Zoals collega's hem noemen, bijvoorbeeld ‘De 8-wekentermijn’."),
            "source_reference": _("Bijvoorbeeld ‘Wmo 2015, art. 2.3.5’ of "
                                  "‘teamafspraak mei 2023’."),
            "purpose_text": _("Waarom bestaat deze regel? Welk probleem lost hij op, voor wie? "
                              "Weet niemand het, laat het dan leeg: dat is ook een antwoord."),
        }
        widgets = {
            "title": forms.TextInput(attrs={"maxlength": TITLE_MAX}),
            "description": _textarea(3, RULE_TEXT_MAX),
            "source_reference": forms.TextInput(attrs={"maxlength": REFERENCE_MAX}),
            "purpose_text": _textarea(4, RULE_TEXT_MAX),
        }
        error_messages = {
            "title": {"required": _("Geef de regel een naam."), "max_length": TOO_LONG},
            "description": {"max_length": TOO_LONG},
            "purpose_text": {"max_length": TOO_LONG},
            "owner_user": {"invalid_choice": _("Kies iemand van deze organisatie.")},
        }

    def __init__(self, *args, org, version=None, **kwargs):
        self.org = org
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = members_of(org)
        self.fields["owner_user"].empty_label = _("(niemand in het bijzonder)")
        self.fields["owner_user"].label_from_instance = lambda u: u.display_name
        parts = [("", _("(nog niet gekoppeld)"))]
        if version is not None:
            for value, label in Rule.PurposePart.choices:
                text = " ".join((getattr(version, value) or "").split())
                if text:
                    short = text if len(text) <= 70 else text[:68].rstrip() + "…"
                    parts.append((value, f"{label[:1].upper()}{label[1:]}: {short}"))
        self.fields["purpose_part"] = forms.ChoiceField(
            label=self.Meta.labels["purpose_part"], choices=parts, required=False,
            help_text=_("Uit de huidige versie van de Bedoeling."))

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Geef de regel een naam."))
        duplicate = Rule.objects.filter(organisation=self.org, title__iexact=title)
        if self.instance.pk:
            duplicate = duplicate.exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise forms.ValidationError(_("Er staat al een regel met deze naam in het register."))
        return title


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search"}))
    kind = forms.ChoiceField(label=_("Soort"), required=False,
                             choices=[("", _("Alle soorten"))] + list(Rule.Kind.choices))
    missing = forms.BooleanField(label=_("Alleen zonder beschreven bedoeling"), required=False)


# ---------------------------------------------------------------------------- actions


class ActionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat doen we ermee?"), choices=Action.Kind.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat voor actie dit is.")},
    )
    title = LineField(
        label=_("Wat gaan we doen?"), max_length=TITLE_MAX,
        widget=forms.TextInput(attrs={"maxlength": TITLE_MAX}),
        help_text=_("Eén zin, bijvoorbeeld ‘Bewijsstukken die we al hebben niet opnieuw "
                    "opvragen’."),
        error_messages={"required": _("Schrijf op wat we gaan doen."), "max_length": TOO_LONG},
    )
    description = forms.CharField(label=_("Toelichting"), required=False, max_length=NOTE_MAX,
                                  widget=_textarea(3, NOTE_MAX),
                                  error_messages={"max_length": TOO_LONG})
    owner = forms.ModelChoiceField(
        label=_("Wie trekt het?"), queryset=User.objects.none(),
        error_messages={"required": _("Kies wie de actie trekt."),
                        "invalid_choice": _("Kies iemand van deze organisatie: een actie kan "
                                            "alleen iemand van de organisatie trekken.")},
    )
    due_date = forms.DateField(
        label=_("Klaar op"), widget=_date_input(),
        error_messages={"required": _("Kies een datum waarop het klaar moet zijn."),
                        "invalid": _("Die datum kon ik niet lezen. Gebruik de vorm dd-mm-jjjj.")},
    )
    escalate_to = forms.ChoiceField(
        label=_("Waar agenderen we het?"), required=False,
        choices=[("", _("— kies —"))] + list(Action.EscalateTo.choices),
    )
    escalate_detail = forms.CharField(label=_("Bij wie precies?"), required=False,
                                      max_length=TITLE_MAX,
                                      help_text=_("Bijvoorbeeld ‘het MT van 12 maart’ of "
                                                  "‘de VNG en het ministerie van VWS’."))
    timeout_case = forms.CharField(
        label=_("Time-out van de regel voor deze casus"), required=False, max_length=TITLE_MAX,
        help_text=_("Optioneel. Beschrijf de casus zonder namen, bijvoorbeeld ‘gezin met "
                    "drie kinderen, dossier van maart’."),
    )
    timeout_until = forms.DateField(
        label=_("Time-out tot en met"), required=False, widget=_date_input(),
        error_messages={"invalid": _("Die datum kon ik niet lezen. Gebruik de vorm dd-mm-jjjj.")},
    )
    review_date = forms.DateField(
        label=_("Evaluatiedatum van het experiment"), required=False, widget=_date_input(),
        error_messages={"invalid": _("Die datum kon ik niet lezen. Gebruik de vorm dd-mm-jjjj.")},
    )
    signals = forms.ModelMultipleChoiceField(
        queryset=Signal.objects.none(), required=False, widget=forms.MultipleHiddenInput,
        error_messages={"invalid_choice": _("Een van de signalen hoort niet bij deze "
                                            "organisatie.")},
    )

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members_of(org)
        self.fields["owner"].label_from_instance = lambda u: u.display_name
        self.fields["signals"].queryset = Signal.objects.filter(organisation=org)
        self.fields["rule"] = RuleField(org, required=False, label=_("Over welke regel?"),
                                        empty_label=_("— geen bepaalde regel —"))
        self.order_fields(["kind", "title", "rule", "description", "owner", "due_date"])

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        kind = data.get("kind")
        if data.get("due_date") and data["due_date"] < today:
            self.add_error("due_date", _("Deze datum ligt in het verleden. Kies vandaag of "
                                         "later."))
        if kind == Action.Kind.ESCALATE and not data.get("escalate_to"):
            self.add_error("escalate_to", _("Kies waar je het agendeert."))
        if kind == Action.Kind.EXPERIMENT:
            if not data.get("review_date"):
                self.add_error("review_date", _("Een experiment heeft een datum waarop we het "
                                                "evalueren."))
            elif data["review_date"] <= today:
                self.add_error("review_date", _("Kies een evaluatiedatum in de toekomst."))
        if kind == Action.Kind.ALLOW and data.get("timeout_until") and \
                data["timeout_until"] < today:
            self.add_error("timeout_until", _("Deze datum ligt in het verleden."))
        return data


class DecisionRuleForm(forms.Form):
    """In a live session: which rule the room is talking about."""

    new_title = forms.CharField(
        label=_("Of: een regel die nog niet in het register staat"), required=False,
        max_length=TITLE_MAX, widget=forms.TextInput(attrs={"maxlength": TITLE_MAX}),
        error_messages={"max_length": TOO_LONG})
    new_kind = forms.ChoiceField(label=_("Soort (bij een nieuwe regel)"), required=False,
                                 choices=Rule.Kind.choices, initial=Rule.Kind.RULE,
                                 error_messages={"invalid_choice": _("Kies wat voor soort "
                                                                     "regel dit is.")})

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"] = RuleField(org, required=False, label=_("Uit het register"),
                                        empty_label=_("— kies een regel —"))
        self.order_fields(["rule", "new_title", "new_kind"])

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("rule") and not data.get("new_title", "").strip():
            raise forms.ValidationError(_("Kies een regel uit het register, of geef de "
                                          "nieuwe regel een naam."))
        data["new_kind"] = data.get("new_kind") or Rule.Kind.RULE
        return data


class DecisionForm(ActionForm):
    """In a live session: what the room decided about a group of situations."""

    purpose_text = forms.CharField(
        label=_("Wat is de bedoeling van deze regel?"), required=False,
        max_length=RULE_TEXT_MAX, widget=_textarea(3, RULE_TEXT_MAX),
        help_text=_("Zoals de zaal het verwoordt. Staat er nog niets in het register, dan "
                    "komt dit erin."),
        error_messages={"max_length": TOO_LONG})

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, org=org, **kwargs)
        del self.fields["rule"], self.fields["signals"]
        self.order_fields(["purpose_text", "kind", "title", "description", "owner",
                           "due_date"])


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)
    progress = forms.IntegerField(
        label=_("Voortgang (procent)"), min_value=0, max_value=100,
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5}),
        error_messages={"required": _("Vul de voortgang in, van 0 tot en met 100."),
                        "min_value": _("De voortgang is minstens 0."),
                        "max_value": _("De voortgang is hoogstens 100."),
                        "invalid": _("Vul een heel getal in, van 0 tot en met 100.")},
    )
    note = forms.CharField(label=_("Wat is er gebeurd?"), required=False, max_length=NOTE_MAX,
                           widget=_textarea(3, NOTE_MAX),
                           help_text=_("Melders en volgers lezen dit mee."),
                           error_messages={"max_length": TOO_LONG})


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Wat doen we met het experiment?"),
                                choices=Action.Verdict.choices, widget=forms.RadioSelect,
                                error_messages={"required": _("Kies wat we met het "
                                                              "experiment doen.")})
    text = forms.CharField(label=_("Wat hebben we geleerd?"), max_length=NOTE_MAX,
                           widget=_textarea(3, NOTE_MAX),
                           error_messages={"required": _("Schrijf op wat jullie geleerd "
                                                         "hebben."), "max_length": TOO_LONG})
    new_review_date = forms.DateField(
        label=_("Nieuwe evaluatiedatum (bij verlengen)"), required=False, widget=_date_input(),
        error_messages={"invalid": _("Die datum kon ik niet lezen. Gebruik de vorm dd-mm-jjjj.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("verdict") == Action.Verdict.EXTEND:
            date = data.get("new_review_date")
            if not date:
                self.add_error("new_review_date", _("Kies tot wanneer we het experiment "
                                                    "verlengen."))
            elif date <= timezone.localdate():
                self.add_error("new_review_date", _("Kies een datum in de toekomst."))
        return data


class BoardFilterForm(forms.Form):
    mine = forms.BooleanField(label=_("Alleen mijn acties"), required=False)
    kind = forms.ChoiceField(label=_("Soort actie"), required=False,
                             choices=[("", _("Alle soorten"))] + list(Action.Kind.choices))


class HotspotFilterForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Periode"), required=False, initial="90",
        choices=[("30", _("Afgelopen 30 dagen")), ("90", _("Afgelopen 3 maanden")),
                 ("365", _("Afgelopen jaar")), ("all", _("Alles"))],
    )
    team = forms.ModelChoiceField(label=_("Team"), required=False, queryset=None,
                                  empty_label=_("Alle teams"))

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = org.teams.all()

    def values(self):
        """(period, team); what is hot now is the last three months, unless asked."""
        if not self.is_valid():
            return DEFAULT_PERIOD, None
        period = self.cleaned_data.get("period") or DEFAULT_PERIOD
        return period, self.cleaned_data.get("team")


class PublicLinkForm(forms.Form):
    enabled = forms.BooleanField(label=_("Iedereen met de link kan een signaal melden"),
                                 required=False)
    new_token = forms.BooleanField(
        label=_("Maak een nieuw adres (het oude werkt dan niet meer)"), required=False)


ACTION_KIND_HELP = {
    Action.Kind.REMOVE: _("De regel verdwijnt: hij dient de Bedoeling niet (meer)."),
    Action.Kind.CHANGE: _("De regel blijft, maar anders, zodat hij de Bedoeling wél dient."),
    Action.Kind.ALLOW: _("Afwijken mag: ruimte voor maatwerk, eventueel met een tijdelijke "
                         "time-out van de regel voor één casus."),
    Action.Kind.EXPLAIN: _("De ruimte is er al; de regel werd anders begrepen. We leggen uit "
                           "wat wel kan."),
    Action.Kind.ESCALATE: _("Hier lossen we het niet op: het gaat naar de eigenaar, het "
                            "management of buiten de organisatie, bijvoorbeeld als het een wet "
                            "is."),
    Action.Kind.EXPERIMENT: _("We doen het een tijd anders en beoordelen het op een vaste "
                              "datum."),
}

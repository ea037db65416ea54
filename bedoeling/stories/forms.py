"""Web forms: they read what a browser sent and hand it to the services, which decide.

The telling form turns what the page sends (percentages for a triad, 0–100 for a slider,
option ids) into the shape :func:`bedoeling.stories.services.story_tell` takes, and shows
the services' errors next to the right question."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bedoeling.stories.models import (
    QUESTION_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Consent,
    PurposePart,
    Signifier,
    SignifierKind,
    SignifierOption,
    StoryForm,
    TellerRole,
)
from bedoeling.stories.selectors import StoryFilter
from bedoeling.stories.services import NOT_APPLICABLE, signifier_field

NUMBER_ERRORS = {"invalid": _("Vul een getal in.")}


class StoryFormForm(forms.ModelForm):
    class Meta:
        model = StoryForm
        fields = ["title", "intro", "is_open", "is_public"]
        labels = {
            "title": _("Titel van het formulier"),
            "intro": _("Uitleg voor wie vertelt"),
            "is_open": _("Open: er kunnen verhalen bij"),
            "is_public": _("Openbare link: ook klanten, ouders en inwoners kunnen vertellen, "
                           "zonder account"),
        }
        help_texts = {
            "intro": _("Waarom vragen jullie om verhalen, en wat gebeurt ermee?"),
        }
        widgets = {"intro": forms.Textarea(attrs={"rows": 3})}


class StoryFormCreateForm(forms.Form):
    title = forms.CharField(label=_("Titel van het formulier"), max_length=120)
    intro = forms.CharField(label=_("Uitleg voor wie vertelt"), required=False,
                            max_length=StoryForm._meta.get_field("intro").max_length,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("Waarom vragen jullie om verhalen, en wat gebeurt "
                                        "ermee?"))
    prompt = forms.CharField(
        label=_("Eerste vertelvraag"), max_length=400,
        initial=_("Vertel over een moment waarop je merkte dat het werkte zoals bedoeld — "
                  "of juist niet."),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Je kunt later meer vragen toevoegen; wie vertelt, kiest er een."))


class PromptForm(forms.Form):
    text = forms.CharField(label=_("Nieuwe vertelvraag"), max_length=400,
                           widget=forms.Textarea(attrs={"rows": 2}))


class SignifierForm(forms.Form):
    """One form per kind on the design page; the kind comes along as a hidden field."""

    kind = forms.ChoiceField(choices=SignifierKind.choices, widget=forms.HiddenInput)
    question = forms.CharField(label=_("Vraag"), max_length=QUESTION_MAX)
    label_a = forms.CharField(label=_("Hoek linksonder"), required=False, max_length=80)
    label_b = forms.CharField(label=_("Hoek rechtsonder"), required=False, max_length=80)
    label_c = forms.CharField(label=_("Hoek bovenaan"), required=False, max_length=80)
    options = forms.CharField(label=_("Antwoorden, één per regel"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    allow_not_applicable = forms.BooleanField(label=_("‘Niet van toepassing’ mag"),
                                              required=False, initial=True)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, initial={"kind": kind, "allow_not_applicable": True}, **kwargs)
        self.kind = kind
        if kind == SignifierKind.SLIDER:
            self.fields["label_a"].label = _("Linkerpool (0)")
            self.fields["label_b"].label = _("Rechterpool (100)")
        keep = {
            SignifierKind.TRIAD: {"label_a", "label_b", "label_c", "allow_not_applicable"},
            SignifierKind.SLIDER: {"label_a", "label_b", "allow_not_applicable"},
            SignifierKind.SINGLE: {"options"},
            SignifierKind.MULTIPLE: {"options"},
            SignifierKind.FEELING: set(),
        }[kind]
        for name in ("label_a", "label_b", "label_c", "options", "allow_not_applicable"):
            if name not in keep:
                del self.fields[name]
        self.auto_id = f"id_{kind}_%s"

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": self.kind,
            "question": data["question"],
            "labels": [data.get("label_a", ""), data.get("label_b", ""),
                       data.get("label_c", "")],
            "options": (data.get("options") or "").splitlines(),
            "allow_not_applicable": data.get("allow_not_applicable", False),
        }


class TellForm(forms.Form):
    """A story and its signification, for one story form.

    ``public``: told through the public link, so always anonymous, with a honeypot."""

    prompt = forms.ChoiceField(
        label=_("Waarover vertel je?"), widget=forms.RadioSelect, required=False,
        error_messages={"invalid_choice": _("Die vraag hoort niet bij dit formulier. Kies een "
                                            "van de vragen.")})
    text = forms.CharField(
        label=_("Je verhaal"), strip=False,
        widget=forms.Textarea(attrs={"rows": 9, "maxlength": TEXT_MAX}),
        help_text=_("Vertel wat er gebeurde, zoals je het aan een collega zou vertellen. "
                    "Laat namen weg, of verander ze."),
        error_messages={"required": _("Schrijf je verhaal op: dit veld mag niet leeg zijn.")},
    )
    title = forms.CharField(label=_("Geef je verhaal een titel"), required=False,
                            max_length=TITLE_MAX,
                            widget=forms.TextInput(attrs={"maxlength": TITLE_MAX}))
    teller_role = forms.ChoiceField(
        label=_("Wie ben je?"), choices=[("", _("Kies je rol"))] + TellerRole.choices,
        error_messages={"required": _("Kies wie je bent: je rol."),
                        "invalid_choice": _("Kies wie je bent: je rol.")})
    team = forms.ChoiceField(
        label=_("Bij welk team speelde het?"), required=False,
        help_text=_("Laat dit leeg als je daardoor herkenbaar wordt."),
        error_messages={"invalid_choice": _("Dat team hoort niet bij deze organisatie.")})
    consent = forms.ChoiceField(
        label=_("Wat mag er met je verhaal gebeuren?"), widget=forms.RadioSelect,
        choices=[
            (Consent.LIBRARY, _("Het mag in de verhalenbank, zodat iedereen in de organisatie "
                                "het kan lezen en ervan leert.")),
            (Consent.ORGANISATION, _("Collega's in de organisatie mogen het lezen, maar het "
                                     "komt niet in de verhalenbank.")),
            (Consent.ANALYSIS, _("Alleen voor analyse: het telt mee in de patronen, maar "
                                 "niemand leest de tekst.")),
        ],
        error_messages={"required": _("Kies wat er met je verhaal mag gebeuren."),
                        "invalid_choice": _("Kies wat er met je verhaal mag gebeuren.")})
    anonymous = forms.ChoiceField(
        label=_("Met of zonder je naam?"), widget=forms.RadioSelect, initial="yes",
        choices=[("yes", _("Anoniem: je naam wordt nergens bij het verhaal bewaard.")),
                 ("no", _("Met mijn naam: ik kan het later terugvinden en aanpassen."))])
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def __init__(self, *args, story_form: StoryForm, teams=(), public: bool = False,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.story_form = story_form
        self.public = public
        self.prompts = list(story_form.prompts.all())
        self.signifiers = list(story_form.signifiers.prefetch_related("options"))
        self.teams = {str(t.pk): t for t in teams}
        self.fields["prompt"].choices = [(str(p.pk), p.text) for p in self.prompts]
        if len(self.prompts) < 2:
            self.fields["prompt"].widget = forms.HiddenInput()
            if self.prompts:
                self.initial.setdefault("prompt", str(self.prompts[0].pk))
        self.fields["team"].choices = [("", _("geen team / zeg ik liever niet"))] + [
            (key, team.name) for key, team in self.teams.items()]
        if not self.teams:
            del self.fields["team"]
        if public:
            del self.fields["anonymous"]
            if "team" in self.fields:
                self.fields["team"].label = _("Met welk team had je te maken?")
        else:
            del self.fields["website"]
        self.signifier_errors: dict[int, list[str]] = {}
        for s in self.signifiers:
            self._add_signifier_fields(s)

    def _add_signifier_fields(self, s: Signifier) -> None:
        name = signifier_field(s)
        if s.kind == SignifierKind.TRIAD:
            for corner, label in zip("abc", s.labels, strict=True):
                self.fields[f"{name}-{corner}"] = forms.FloatField(
                    label=label, required=False, error_messages=NUMBER_ERRORS,
                    widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1,
                                                    "inputmode": "numeric"}))
        elif s.kind == SignifierKind.SLIDER:
            self.fields[f"{name}-value"] = forms.FloatField(
                label=_("Positie van 0 (%(left)s) tot 100 (%(right)s)")
                % {"left": s.label_a, "right": s.label_b},
                required=False, error_messages=NUMBER_ERRORS,
                widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1,
                                                "inputmode": "numeric"}))
        elif s.kind == SignifierKind.MULTIPLE:
            self.fields[name] = forms.MultipleChoiceField(
                label=s.question, required=False, widget=forms.CheckboxSelectMultiple,
                choices=[(str(o.pk), o.label) for o in s.options.all()],
                error_messages={"invalid_choice": _("Dat antwoord hoort niet bij deze vraag.")})
        else:
            self.fields[name] = forms.ChoiceField(
                label=s.question, required=False, widget=forms.RadioSelect,
                choices=[(str(o.pk), o.label) for o in s.options.all()],
                error_messages={"invalid_choice": _("Dat antwoord hoort niet bij deze vraag.")})
        if s.allow_not_applicable:
            self.fields[f"{name}-na"] = forms.BooleanField(label=_("Niet van toepassing"),
                                                           required=False)

    def clean_prompt(self):
        value = self.cleaned_data.get("prompt")
        return value or None

    def clean_team(self):
        value = self.cleaned_data.get("team")
        return self.teams.get(value) if value else None

    @property
    def is_spam(self) -> bool:
        """A person never sees the 'website' field; only robots fill it in."""
        return self.public and bool(self.data.get("website"))

    def _answers(self) -> dict:
        data = self.cleaned_data
        answers = {}
        for s in self.signifiers:
            name = signifier_field(s)
            if data.get(f"{name}-na"):
                answers[s.pk] = NOT_APPLICABLE
                continue
            if s.kind == SignifierKind.TRIAD:
                values = [data.get(f"{name}-{corner}") for corner in "abc"]
                if any(f"{name}-{corner}" in self.errors for corner in "abc"):
                    continue
                if all(v is None for v in values):
                    continue
                if any(v is None for v in values):
                    self.signifier_errors.setdefault(s.pk, []).append(
                        _("Vul alle drie de delen in; samen zijn ze 100."))
                    continue
                answers[s.pk] = [v / 100 for v in values]
            elif s.kind == SignifierKind.SLIDER:
                value = data.get(f"{name}-value")
                if value is not None:
                    answers[s.pk] = value / 100
            else:
                value = data.get(name)
                if value:
                    answers[s.pk] = ([int(v) for v in value] if isinstance(value, list)
                                     else int(value))
        return answers

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "text": data["text"],
            "title": data.get("title", ""),
            "prompt": data.get("prompt"),
            "answers": self._answers(),
            "teller_role": data["teller_role"],
            "team": data.get("team"),
            "consent": data["consent"],
        }

    @property
    def wants_name(self) -> bool:
        return not self.public and self.cleaned_data.get("anonymous") == "no"

    def add_service_errors(self, error: ValidationError) -> None:
        """Put the services' errors next to the question they are about."""
        by_pk = {signifier_field(s): s.pk for s in self.signifiers}
        for field, messages in error.message_dict.items():
            if field in by_pk:
                self.signifier_errors.setdefault(by_pk[field], []).extend(messages)
            elif field in self.fields:
                self.add_error(field, messages)
            else:
                self.add_error(None, messages)

    @property
    def has_problems(self) -> bool:
        return bool(self.errors or self.signifier_errors)

    def blocks(self):
        """Per signifier its fields and errors, for the template."""
        for s in self.signifiers:
            name = signifier_field(s)
            fields = {key[len(name) + 1:] or "choice": self[key] for key in self.fields
                      if key == name or key.startswith(name + "-")}
            errors = list(self.signifier_errors.get(s.pk, []))
            for key in self.fields:
                if (key == name or key.startswith(name + "-")) and key in self.errors:
                    errors.extend(self.errors[key])
            yield {"signifier": s, "name": name, "fields": fields, "errors": errors}


class FilterForm(forms.Form):
    """The selection every pattern view shares, read from the URL (GET)."""

    formulier = forms.ChoiceField(label=_("Formulier"), required=False)
    team = forms.ChoiceField(label=_("Team"), required=False)
    rol = forms.ChoiceField(label=_("Rol"), required=False,
                            choices=[("", _("alle rollen"))] + TellerRole.choices)
    van = forms.DateField(label=_("Verteld vanaf"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    tot = forms.DateField(label=_("tot en met"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    vraag = forms.ChoiceField(label=_("Vertelvraag"), required=False)
    keuze = forms.MultipleChoiceField(label=_("Antwoorden"), required=False,
                                      widget=forms.CheckboxSelectMultiple)

    def __init__(self, data, *, org, forms_with_stories, require_form=True, **kwargs):
        super().__init__(data, **kwargs)
        self.org = org
        self.story_forms = {str(f.pk): f for f in forms_with_stories}
        self.require_form = require_form
        form_choices = [(key, f.title) for key, f in self.story_forms.items()]
        if not require_form:
            form_choices = [("", _("alle formulieren"))] + form_choices
        self.fields["formulier"].choices = form_choices
        self.teams = {str(t.pk): t for t in org.teams.all()}
        self.fields["team"].choices = [("", _("alle teams"))] + [
            (k, t.name) for k, t in self.teams.items()]
        chosen = self.data.get(self.add_prefix("formulier")) if self.is_bound else None
        self.story_form = self.story_forms.get(chosen or "")
        if self.story_form is None and require_form and self.story_forms:
            self.story_form = next(iter(self.story_forms.values()))
        prompts = list(self.story_form.prompts.all()) if self.story_form else []
        self.prompts = {str(p.pk): p for p in prompts}
        self.fields["vraag"].choices = [("", _("alle vragen"))] + [
            (k, p.text) for k, p in self.prompts.items()]
        options = (SignifierOption.objects.filter(signifier__form=self.story_form)
                   .select_related("signifier").order_by("signifier__position",
                                                         "signifier_id", "position", "id")
                   if self.story_form else [])
        self.options = {str(o.pk): o for o in options}
        self.fields["keuze"].choices = [(k, o.label) for k, o in self.options.items()]
        if not self.options:
            del self.fields["keuze"]

    def option_groups(self):
        """The 'keuze' checkboxes grouped by question, for the template."""
        if "keuze" not in self.fields:
            return []
        chosen = set(self["keuze"].value() or [])
        groups: dict[int, dict] = {}
        for key, option in self.options.items():
            group = groups.setdefault(option.signifier_id, {"question": option.signifier.question,
                                                             "options": []})
            group["options"].append({"value": key, "label": option.label,
                                     "checked": key in chosen,
                                     "id": f"id_{self.add_prefix('keuze')}_{key}"})
        return list(groups.values())

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return data

    def selection(self) -> StoryFilter:
        """The filter made of everything that was valid; invalid parts are left out (and
        shown as errors on the form)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return StoryFilter(
            form=self.story_form,
            team=self.teams.get(data.get("team") or ""),
            role=data.get("rol") or "",
            date_from=data.get("van") if "tot" not in self.errors else None,
            date_to=data.get("tot") if "tot" not in self.errors else None,
            prompt=self.prompts.get(data.get("vraag") or ""),
            options=tuple(self.options[k] for k in data.get("keuze") or [] if k in self.options),
        )


def quarter_bounds(day: datetime.date, back: int = 0) -> tuple[datetime.date, datetime.date]:
    """First and last day of the quarter ``back`` quarters before the one holding ``day``."""
    index = (day.year * 4 + (day.month - 1) // 3) - back
    year, quarter = divmod(index, 4)
    start = datetime.date(year, quarter * 3 + 1, 1)
    end_month = quarter * 3 + 3
    end = (datetime.date(year + (end_month == 12), end_month % 12 + 1, 1)
           - datetime.timedelta(days=1))
    return start, end


class CurateForm(forms.Form):
    title = forms.CharField(label=_("Titel in de verhalenbank"), max_length=TITLE_MAX,
                            help_text=_("Kort en in de woorden van het verhaal."))
    purpose_part = forms.ChoiceField(label=_("Welk deel van de Bedoeling maakt het concreet?"),
                                     choices=PurposePart.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Waarom dit verhaal?"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Wat laat het zien? Wat kunnen anderen ervan leren?"))


class ConsentForm(forms.Form):
    consent = forms.ChoiceField(label=_("Wat mag er met je verhaal gebeuren?"),
                                choices=Consent.choices, widget=forms.RadioSelect)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Zoek in de verhalen"), required=False, max_length=200,
                        widget=forms.TextInput(attrs={"type": "search"}))
    deel = forms.ChoiceField(label=_("Deel van de Bedoeling"), required=False,
                             choices=[("", _("alle delen"))] + PurposePart.choices)

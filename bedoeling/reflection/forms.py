from django import forms
from django.utils.translation import gettext_lazy as _

from bedoeling.orgs.models import Team
from bedoeling.reflection import prompts
from bedoeling.reflection.models import (
    ANSWER_MAX,
    FRAGMENT_MAX,
    ROUND_SCALE_CHOICES,
    ROUND_TEXT_MAX,
    Obstacle,
    RoundQuestion,
    Weekday,
)
from bedoeling.stories.models import Consent, PurposePart
from bedoeling.systemworld.models import Signal

ROUND_QUESTION_SLOTS = 4

SCALE_CHOICES = [
    (1, _("1 · (bijna) nooit")), (2, _("2 · soms")), (3, _("3 · regelmatig")),
    (4, _("4 · vaak")), (5, _("5 · (bijna) altijd")),
]

def _textarea(rows: int, limit: int):
    return forms.Textarea(attrs={"rows": rows, "maxlength": limit})


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _int_or_none(value):
    return int(value) if value not in (None, "") else None


class EntryForm(forms.Form):
    """One text box per prompt of the chosen model, then three short marks for her
    pattern."""

    def __init__(self, *args, model: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.model = prompts.model_of(model)
        for prompt in self.model.prompts:
            self.fields[f"a_{prompt.key}"] = forms.CharField(
                label=prompt.question, help_text=prompt.hint, required=False,
                max_length=ANSWER_MAX, widget=_textarea(4, ANSWER_MAX))
        self.fields["from_purpose"] = forms.TypedChoiceField(
            label=_("Hoe vaak had je het gevoel dat je vanuit de Bedoeling werkte?"),
            choices=SCALE_CHOICES, coerce=int, empty_value=None, required=False,
            widget=forms.RadioSelect)
        self.fields["parts"] = forms.MultipleChoiceField(
            label=_("Welke delen van de Bedoeling kwamen terug?"), required=False,
            choices=PurposePart.choices, widget=forms.CheckboxSelectMultiple)
        self.fields["obstacles"] = forms.MultipleChoiceField(
            label=_("Wat zat in de weg?"), required=False, choices=Obstacle.choices,
            widget=forms.CheckboxSelectMultiple)

    def answers(self) -> dict:
        return {p.key: self.cleaned_data.get(f"a_{p.key}", "") for p in self.model.prompts}

    @staticmethod
    def initial_for(entry) -> dict:
        initial = {f"a_{key}": text for key, text in entry.answers.items()}
        initial.update(from_purpose=entry.from_purpose, parts=entry.parts,
                       obstacles=entry.obstacles)
        return initial


class RhythmForm(forms.Form):
    reminders = forms.BooleanField(label=_("Stuur me een herinnering per e-mail"),
                                   required=False)
    weekday = forms.TypedChoiceField(label=_("Op welke dag"), choices=Weekday.choices,
                                     coerce=int)
    hour = forms.TypedChoiceField(label=_("Om hoe laat"), coerce=int,
                                  choices=[(h, f"{h:02d}:00") for h in range(24)])
    paused_until = forms.DateField(
        label=_("Pauze tot en met"), required=False, widget=_date_input(),
        help_text=_("Bijvoorbeeld tijdens een vakantie: tot en met deze dag krijg je geen "
                    "herinnering."))


class SettingsForm(RhythmForm):
    in_organisation_export = forms.BooleanField(
        label=_("Mijn reflecties mogen mee in de gegevensexport van de organisatie"),
        required=False,
        help_text=_("Standaard niet: dan staan ze in geen enkele export behalve die van "
                    "jezelf."))


class SignalFragmentForm(forms.Form):
    fragment = forms.CharField(
        label=_("Wat er gebeurde"), max_length=FRAGMENT_MAX, widget=_textarea(6, FRAGMENT_MAX),
        help_text=_("Alleen dit stuk gaat naar de organisatie, niet je reflectie. Haal weg "
                    "wat niet nodig is."))
    client_effect = forms.CharField(label=_("Wat het betekende voor wie we helpen"),
                                    required=False, max_length=2000, widget=_textarea(3, 2000))
    severity = forms.TypedChoiceField(label=_("Hoe zwaar was het?"), coerce=int,
                                      choices=Signal.Severity.choices,
                                      initial=Signal.Severity.NOTABLE, widget=forms.RadioSelect)
    anonymous = forms.BooleanField(label=_("Meld anoniem (zonder mijn naam)"), required=False)


class StoryFragmentForm(forms.Form):
    fragment = forms.CharField(
        label=_("Je verhaal"), max_length=FRAGMENT_MAX, widget=_textarea(8, FRAGMENT_MAX),
        help_text=_("Alleen dit stuk gaat naar de organisatie, niet je reflectie."))
    title = forms.CharField(label=_("Titel"), required=False, max_length=160)
    story_form = forms.ModelChoiceField(label=_("Bij welk verhalenformulier"), queryset=None,
                                        empty_label=None)
    consent = forms.ChoiceField(label=_("Wat mag er met je verhaal gebeuren?"),
                                choices=Consent.choices, initial=Consent.ORGANISATION,
                                widget=forms.RadioSelect)
    anonymous = forms.BooleanField(label=_("Vertel anoniem (zonder mijn naam)"),
                                   required=False)

    def __init__(self, *args, forms_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["story_form"].queryset = forms_queryset


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=160)
    intro = forms.CharField(label=_("Toelichting"), required=False, max_length=ROUND_TEXT_MAX,
                            widget=_textarea(3, ROUND_TEXT_MAX))
    team = forms.ModelChoiceField(label=_("Voor wie"), queryset=Team.objects.none(),
                                  required=False, empty_label=_("de hele organisatie"))
    closes_on = forms.DateField(label=_("Open tot en met"), widget=_date_input())

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(organisation=org)
        for i in range(1, ROUND_QUESTION_SLOTS + 1):
            self.fields[f"q{i}_text"] = forms.CharField(
                label=_("Vraag %(n)s") % {"n": i}, required=i == 1, max_length=300)
            self.fields[f"q{i}_kind"] = forms.ChoiceField(
                label=_("Soort vraag %(n)s") % {"n": i}, choices=RoundQuestion.Kind.choices)
            self.fields[f"q{i}_options"] = forms.CharField(
                label=_("Antwoorden bij vraag %(n)s (alleen bij een keuze, één per regel)")
                % {"n": i}, required=False, widget=_textarea(3, 800))

    def question_slots(self):
        return [(self[f"q{i}_text"], self[f"q{i}_kind"], self[f"q{i}_options"])
                for i in range(1, ROUND_QUESTION_SLOTS + 1)]

    def questions(self):
        data = self.cleaned_data
        return [(data[f"q{i}_kind"], data.get(f"q{i}_text", ""),
                 (data.get(f"q{i}_options") or "").splitlines())
                for i in range(1, ROUND_QUESTION_SLOTS + 1)]


class RoundAnswerForm(forms.Form):
    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        for q in round_.questions.all():
            name = f"q{q.pk}"
            if q.kind == RoundQuestion.Kind.SCALE:
                self.fields[name] = forms.TypedChoiceField(
                    label=q.text, choices=ROUND_SCALE_CHOICES, coerce=int, required=False,
                    empty_value=None, widget=forms.RadioSelect)
            elif q.kind == RoundQuestion.Kind.CHOICE:
                self.fields[name] = forms.TypedChoiceField(
                    label=q.text, choices=list(enumerate(q.options)), coerce=int,
                    required=False, empty_value=None, widget=forms.RadioSelect)
            else:
                self.fields[name] = forms.CharField(label=q.text, required=False,
                                                    max_length=ANSWER_MAX,
                                                    widget=_textarea(4, ANSWER_MAX))
        self.question_ids = [q.pk for q in round_.questions.all()]

    def answers(self) -> dict:
        return {pk: self.cleaned_data.get(f"q{pk}") for pk in self.question_ids}

from django import forms
from django.utils.translation import gettext_lazy as _

from bedoeling.cases import methods, pii
from bedoeling.cases.models import (
    LEARNING_MAX,
    METHOD_STEPS_MAX,
    QUESTION_MAX,
    TEXT_MAX,
    TITLE_MAX,
)
from bedoeling.orgs.models import Team
from bedoeling.stories.models import PurposePart
from bedoeling.systemworld.models import TITLE_MAX as RULE_MAX

STEP_SLOTS = 12


def _textarea(rows: int, limit: int):
    return forms.Textarea(attrs={"rows": rows, "maxlength": limit})


class CaseForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=TITLE_MAX, help_text=_(
        "Kort en zonder namen, bijvoorbeeld ‘De aanvraag die klopte maar niet hielp’."))
    situation = forms.CharField(label=_("De situatie"), max_length=TEXT_MAX,
                                widget=_textarea(6, TEXT_MAX),
                                help_text=_("Wat gebeurde er? Wie waren erbij (in rollen)?"))
    dilemma = forms.CharField(label=_("Het dilemma"), max_length=TEXT_MAX,
                              widget=_textarea(4, TEXT_MAX),
                              help_text=_("Tussen welke twee dingen moest je kiezen?"))
    question = forms.CharField(label=_("Je vraag aan de groep"), max_length=QUESTION_MAX,
                               widget=_textarea(2, QUESTION_MAX))
    purpose_part = forms.ChoiceField(label=_("Welk deel van de Bedoeling staat op het spel?"),
                                     choices=PurposePart.choices)
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(),
                                  required=False, help_text=_(
                                      "Het team ziet je casus, met de begeleiders."))

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(organisation=org)

    def findings(self) -> list[pii.Finding]:
        """What looks like personal data in the text fields (a warning, not an error)."""
        if not self.is_bound:
            return []
        text = "\n".join(str(self.data.get(name, "")) for name in
                         ("title", "situation", "dilemma", "question"))
        return pii.findings(text)


class MethodChoiceForm(forms.Form):
    method = forms.ChoiceField(label=_("Methode"), widget=forms.RadioSelect)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = choices


class LearningForm(forms.Form):
    text = forms.CharField(label=_("Wat we leerden"), max_length=LEARNING_MAX,
                           widget=_textarea(4, LEARNING_MAX))
    purpose_part = forms.ChoiceField(label=_("Bij welk deel van de Bedoeling hoort dit?"),
                                     choices=PurposePart.choices)
    rule_in_the_way = forms.CharField(
        label=_("Zat er een regel in de weg? Noem hem"), max_length=RULE_MAX, required=False,
        help_text=_("Dan wordt het meteen een signaal in het systeemwereldregister, met een "
                    "link naar deze casus."))
    anonymous = forms.BooleanField(label=_("Meld het signaal anoniem"), required=False)


class CustomMethodForm(forms.Form):
    name = forms.CharField(label=_("Naam van de methode"), max_length=TITLE_MAX)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("(geen stap)"))] + [(key, step.title)
                                               for key, step in methods.STEPS.items()]
        for index in range(STEP_SLOTS):
            self.fields[f"step_{index}"] = forms.ChoiceField(
                label=_("Stap %(n)s") % {"n": index + 1}, choices=choices, required=False)

    def steps(self) -> list[str]:
        return [self.cleaned_data[f"step_{i}"] for i in range(STEP_SLOTS)
                if self.cleaned_data.get(f"step_{i}")][:METHOD_STEPS_MAX]

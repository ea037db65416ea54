from django import forms
from django.utils.translation import gettext_lazy as _

from bedoeling.lib.text import LineField
from bedoeling.theatre.models import TEXT_MAX, TITLE_MAX


class PerformanceForm(forms.Form):
    title = LineField(label=_("Titel"), max_length=TITLE_MAX)
    intro = forms.CharField(label=_("Inleiding"), max_length=TEXT_MAX, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("Wat de zaal vooraf hoort: waarom deze voorstelling."))


def _text(label, help_text="", rows=3):
    return forms.CharField(label=label, max_length=TEXT_MAX, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}))


class SceneForm(forms.Form):
    title = LineField(label=_("Titel van de scène"), max_length=TITLE_MAX)
    setting = _text(_("Plaats en situatie"),
                    _("Waar speelt het, wie zijn er, wat gaat eraan vooraf?"))
    characters = _text(_("Personages"), _("Eén per regel, bijvoorbeeld ‘De juf’."), rows=3)
    conflict = _text(_("Het moment van conflict"),
                     _("Het moment waarop het schuurt: hier drukt de zaal op STOP."))
    at_stake = _text(_("Wat van de bedoeling staat op het spel"),
                     _("Welk deel van jullie bedoeling raakt deze scène?"), rows=2)
    story = forms.IntegerField(required=False, widget=forms.HiddenInput)
    case = forms.IntegerField(required=False, widget=forms.HiddenInput, max_value=2**63 - 1)

    def clean_characters(self):
        names = [" ".join(line.split()) for line in self.cleaned_data["characters"].splitlines()]
        names = [name for name in names if name]
        if len(names) > 12:
            raise forms.ValidationError(_("Hoogstens twaalf personages."))
        if any(len(name) > 80 for name in names):
            raise forms.ValidationError(_("Houd de naam van een personage korter dan 80 "
                                          "tekens."))
        return "\n".join(names)


class InsightForm(forms.Form):
    text = forms.CharField(label=_("Inzicht"), max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(choices=[("signal", _("Melding in de systeemwereld")),
                                      ("story", _("Verhaal in de bibliotheek"))],
                             widget=forms.RadioSelect, label=_("Wordt"))

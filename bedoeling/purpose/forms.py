from django import forms
from django.utils.translation import gettext_lazy as _

from bedoeling.purpose.models import STATEMENT_MAX, TEXT_MAX, Purpose, PurposeVersion


class PurposeVersionForm(forms.ModelForm):
    class Meta:
        model = PurposeVersion
        fields = ["statement", "elaboration", "for_client", "for_us", "stop_doing", "reason"]
        labels = {
            "statement": _("De Bedoeling in één zin"),
            "elaboration": _("Toelichting"),
            "for_client": _("Wat betekent dit voor wie we helpen?"),
            "for_us": _("Wat betekent dit voor ons?"),
            "stop_doing": _("Waar stoppen we mee?"),
            "reason": _("Waarom deze wijziging?"),
        }
        help_texts = {
            "statement": _("Kort en krachtig: waarvoor zijn we er, eigenlijk? "
                           "Hoogstens %(max)s tekens.") % {"max": STATEMENT_MAX},
            "elaboration": _("Je kunt Markdown gebruiken: *cursief*, **vet**, lijstjes met -."),
            "reason": _("Verplicht. Wie later de geschiedenis leest, wil weten waarom."),
        }
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 2, "maxlength": STATEMENT_MAX}),
            "elaboration": forms.Textarea(attrs={"rows": 6, "maxlength": TEXT_MAX}),
            "for_client": forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_MAX}),
            "for_us": forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_MAX}),
            "stop_doing": forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_MAX}),
            "reason": forms.TextInput(attrs={"maxlength": 1000}),
        }
        error_messages = {
            "statement": {
                "required": _("Schrijf de Bedoeling op: dit veld mag niet leeg zijn."),
                "max_length": _("De Bedoeling in één zin is hoogstens %(limit_value)d tekens "
                                "(nu %(show_value)d). Verplaats de rest naar de toelichting."),
            },
            "reason": {"required": _("Geef aan waarom je de Bedoeling wijzigt.")},
        }

    def __init__(self, *args, previous: PurposeVersion | None = None, **kwargs):
        self.previous = previous
        super().__init__(*args, **kwargs)
        for name in ("elaboration", "for_client", "for_us", "stop_doing"):
            self.fields[name].error_messages["max_length"] = _(
                "Dit veld is hoogstens %(limit_value)d tekens (nu %(show_value)d)."
            )

    def clean_statement(self):
        statement = " ".join(self.cleaned_data["statement"].split())
        if not statement:
            raise forms.ValidationError(_("Schrijf de Bedoeling op: dit veld mag niet leeg zijn."))
        return statement

    def clean(self):
        data = super().clean()
        if self.previous and not self.errors and all(
            (data.get(f) or "").strip() == getattr(self.previous, f).strip()
            for f in PurposeVersion.TEXT_FIELDS
        ):
            raise forms.ValidationError(
                _("Er is niets veranderd ten opzichte van de huidige versie.")
            )
        return data


class ReviewDateForm(forms.ModelForm):
    class Meta:
        model = Purpose
        fields = ["review_date"]
        labels = {"review_date": _("Wanneer herijken we de Bedoeling?")}
        widgets = {"review_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An empty POST (a stray click, a script) must not wipe the planned review.
        self.fields["review_date"].required = True


class CompareForm(forms.Form):
    a = forms.IntegerField(min_value=1)
    b = forms.IntegerField(min_value=1)


class VisionSessionForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200,
                            help_text=_("Zoals deelnemers hem op het scherm zien."))
    question = forms.CharField(
        label=_("Centrale vraag"), max_length=200,
        help_text=_("De vraag die de hele sessie op het scherm staat."))
    mode = forms.ChoiceField(label=_("Soort sessie"), widget=forms.RadioSelect, choices=[
        ("create", _("Visie-creatie: we schrijven de Bedoeling (opnieuw) vanaf een leeg vel")),
        ("recalibrate", _("Herijking: de huidige Bedoeling is het vertrekpunt")),
    ])
    seed_previous = forms.BooleanField(
        label=_("Neem de stellingen van de vorige visiesessie over"), required=False,
        help_text=_("Dan zie je na afloop per stelling of ze steun won of verloor."))
    participant_cap = forms.IntegerField(label=_("Maximaal aantal deelnemers"), initial=1000,
                                         min_value=2, max_value=5000)

    def __init__(self, *args, has_current: bool, has_previous: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_current:
            self.fields["mode"].choices = self.fields["mode"].choices[:1]
        if not has_previous:
            del self.fields["seed_previous"]

    def clean_question(self):
        question = " ".join(self.cleaned_data["question"].split())
        if not question:
            raise forms.ValidationError(_("Stel de zaal een vraag."))
        return question


class PolisImportForm(forms.Form):
    archive = forms.FileField(label=_("Zip-bestand van de export"), required=False,
                              widget=forms.ClearableFileInput(attrs={"accept": ".zip"}))
    votes = forms.FileField(label=_("…of participants-votes.csv"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": ".csv"}))
    comments = forms.FileField(label=_("…en comments.csv"), required=False,
                               widget=forms.ClearableFileInput(attrs={"accept": ".csv"}))

    def clean(self):
        data = super().clean()
        if data.get("archive") is None and (data.get("votes") is None
                                            or data.get("comments") is None):
            raise forms.ValidationError(_("Kies de zip van de export, of allebei de "
                                          "CSV-bestanden."))
        return data


class VisionCompareForm(forms.Form):
    a = forms.IntegerField(min_value=1)
    b = forms.IntegerField(min_value=1)

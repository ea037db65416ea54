import time
from datetime import datetime

from django import forms
from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bedoeling.intake.models import (
    ANSWER_MAX,
    MOMENTS_MAX,
    NAME_MAX,
    ORGANISATION_MAX,
    ROLE_MAX,
    SITUATION_MAX,
)
from bedoeling.orgs.models import Organisation

TOO_LONG = _("Dit is te lang: hoogstens %(limit_value)d tekens (nu %(show_value)d). "
             "Kort het in tot de kern.")

# The time check: the form carries the moment it was shown, signed, so no state is kept
# for a visitor. People take longer than this to fill it in; scripts do not.
STARTED_SALT = "bedoeling.intake.started"
FASTEST_SECONDS = 3
SLOWEST_SECONDS = 60 * 60 * 12


def started_token(now: float | None = None) -> str:
    return signing.dumps(now if now is not None else time.time(), salt=STARTED_SALT)


def _text(limit: int, label, *, required=True, help_text="", rows=0):
    widget = (forms.Textarea(attrs={"rows": rows, "maxlength": limit}) if rows
              else forms.TextInput(attrs={"maxlength": limit}))
    return forms.CharField(label=label, max_length=limit, required=required,
                           help_text=help_text, widget=widget,
                           error_messages={"max_length": TOO_LONG})


class SparringRequestForm(forms.Form):
    name = _text(NAME_MAX, _("Je naam"))
    email = forms.EmailField(label=_("Je e-mailadres"), max_length=254, help_text=_(
        "Hierop krijg je een bevestiging en ons antwoord."))
    organisation_name = _text(ORGANISATION_MAX, _("Je organisatie"))
    role = _text(ROLE_MAX, _("Je rol"), help_text=_(
        "Bijvoorbeeld directeur, teamleider, wethouder of kwaliteitsmedewerker."))
    situation = _text(SITUATION_MAX, _("Wat speelt er?"), rows=6, help_text=_(
        "Vertel in je eigen woorden waar jullie tegenaan lopen of wat je wilt bereiken. "
        "Laat namen van cliënten, leerlingen of collega's weg."))
    moments = _text(MOMENTS_MAX, _("Wanneer komt een gesprek je goed uit?"), required=False,
                    help_text=_("Bijvoorbeeld: dinsdagochtend, of na drie uur."))
    consent = forms.BooleanField(
        label=_("Ja, jullie mogen contact met me opnemen over deze aanvraag."),
        error_messages={"required": _(
            "Zonder je toestemming kunnen we je niet terugmailen. Vink het vakje aan als dat "
            "goed is.")})
    # A field people never see; scripts that fill in every field give themselves away.
    website = forms.CharField(required=False, label=_("Laat dit veld leeg"))
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def clean_started(self):
        try:
            shown = float(signing.loads(self.cleaned_data["started"], salt=STARTED_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(_(
                "Dit formulier is niet compleet aangekomen. Laad de pagina opnieuw en "
                "verstuur je aanvraag nog eens.")) from None
        elapsed = time.time() - shown
        if elapsed < FASTEST_SECONDS:
            raise forms.ValidationError(_(
                "Dat ging wel heel snel. Lees je aanvraag nog even na en verstuur hem "
                "opnieuw."))
        if elapsed > SLOWEST_SECONDS:
            raise forms.ValidationError(_(
                "Deze pagina stond lang open. Controleer je aanvraag en verstuur hem "
                "opnieuw."))
        return shown


class AnswerForm(forms.Form):
    text = _text(ANSWER_MAX, _("Je antwoord"), rows=6, help_text=_(
        "Dit gaat per e-mail naar de aanvrager."))


class PlanForm(forms.Form):
    MINUTES = [(30, _("30 minuten")), (45, _("45 minuten")), (60, _("1 uur")),
               (90, _("1,5 uur")), (120, _("2 uur"))]

    day = forms.DateField(label=_("Datum"), widget=forms.DateInput(
        attrs={"type": "date"}, format="%Y-%m-%d"))
    start = forms.TimeField(label=_("Begintijd"), widget=forms.TimeInput(
        attrs={"type": "time"}, format="%H:%M"))
    minutes = forms.TypedChoiceField(label=_("Duur"), choices=MINUTES, coerce=int, initial=60)
    place = _text(200, _("Waar"), help_text=_("Een adres, of de link van het videogesprek."))
    note = _text(1000, _("Bericht bij de uitnodiging"), required=False, rows=3)

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("start"):
            moment = timezone.make_aware(datetime.combine(data["day"], data["start"]))
            if moment <= timezone.now():
                self.add_error("day", _("Kies een moment in de toekomst."))
            data["moment"] = moment
        return data


class ConvertForm(forms.Form):
    name = _text(Organisation._meta.get_field("name").max_length,
                 _("Naam van de organisatie"))
    lead_email = forms.EmailField(label=_("E-mailadres van de eerste leidinggevende"),
                                  max_length=254, help_text=_(
                                      "Die krijgt een uitnodiging als leidinggevende."))
    language = forms.ChoiceField(label=_("Taal van de uitnodiging"), choices=settings.LANGUAGES)

from django import forms
from django.utils.translation import gettext_lazy as _

from bedoeling.lib.text import LineField
from bedoeling.orgs.models import Organisation, Team


class OrganisationForm(forms.ModelForm):
    name = LineField(label=_("Naam van de organisatie"), max_length=120)

    class Meta:
        model = Organisation
        fields = ["name", "description"]
        labels = {"name": _("Naam van de organisatie"), "description": _("Korte omschrijving")}


class TeamForm(forms.ModelForm):
    name = LineField(label=_("Naam van het team"), max_length=120)

    class Meta:
        model = Team
        fields = ["name"]
        labels = {"name": _("Naam van het team")}

    def __init__(self, *args, org, **kwargs):
        self.org = org
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if self.org.teams.filter(name__iexact=name).exists():
            raise forms.ValidationError(_("Er is al een team met deze naam."))
        return name

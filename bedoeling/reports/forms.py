from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from bedoeling.reports.selectors import Period, default_period

LONGEST = timedelta(days=366 * 3)


def _date(label):
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"},
                                                               format="%Y-%m-%d"))


class PeriodForm(forms.Form):
    van = _date(_("Van"))
    tot = _date(_("Tot en met"))

    def __init__(self, data=None, **kwargs):
        period = default_period()
        super().__init__(data, initial={"van": period.start, "tot": period.end}, **kwargs)

    def clean(self):
        data = super().clean()
        start, end = data.get("van"), data.get("tot")
        if start and end:
            if end < start:
                self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
            elif end - start > LONGEST:
                self.add_error("tot", _("Kies een periode van hoogstens drie jaar."))
        return data

    def period(self) -> Period:
        return Period(self.cleaned_data["van"], self.cleaned_data["tot"])

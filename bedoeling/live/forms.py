from django import forms
from django.conf import settings
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from bedoeling.lib.text import LineField
from bedoeling.live.models import NAME_MAX, normalise_code
from bedoeling.live.registry import BLOCKS, FORMATS


class SessionForm(forms.Form):
    title = LineField(label=_("Titel"), max_length=200,
                      help_text=_("Zoals deelnemers hem op het scherm zien."))
    format = forms.ChoiceField(label=_("Werkvorm"), widget=forms.RadioSelect)
    anonymous = forms.BooleanField(
        label=_("Anoniem (aanbevolen): niemand, ook de begeleider niet, ziet wie wat schreef"),
        required=False, initial=True)
    allow_names = forms.BooleanField(label=_("Deelnemers mogen een naam opgeven"),
                                     required=False)
    participant_cap = forms.IntegerField(label=_("Maximaal aantal deelnemers"), initial=1000,
                                         min_value=2, max_value=5000)
    asynchronous = forms.BooleanField(
        label=_("Asynchroon: elke stap staat een tijd open (bijvoorbeeld een dag), voor "
                "teams die niet tegelijk kunnen"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formats = sorted(FORMATS.values(), key=lambda f: (f.order, str(f.name)))
        self.fields["format"].choices = [(f.key, f.name) for f in formats] + [
            ("custom", _("Zelf samenstellen"))]
        self.fields["format"].initial = formats[0].key if formats else "custom"
        self.format_options = [
            {"key": f.key, "name": f.name, "description": f.description} for f in formats
        ] + [{"key": "custom", "name": _("Zelf samenstellen"),
              "description": _("Begin leeg en kies zelf de bouwstenen.")}]


class PhaseForm(forms.Form):
    """A hand-built phase: what every phase has, plus the settings form of each block
    (prefixed with its kind); only the chosen block's settings are read."""

    kind = forms.ChoiceField(label=_("Bouwsteen"))
    title = LineField(label=_("Titel"), max_length=200)
    prompt = forms.CharField(label=_("Vraag of opdracht"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    source = forms.TypedChoiceField(label=_("Gebruikt de kaarten of groepen van"),
                                    required=False, coerce=int, empty_value=None)
    hidden_from_roles = forms.CharField(
        label=_("Verborgen voor rollen"), required=False, max_length=200,
        help_text=_("Komma-gescheiden, bijvoorbeeld: inbrenger"))
    readonly_roles = forms.CharField(
        label=_("Alleen meekijken voor rollen"), required=False, max_length=200,
        help_text=_("Deze rollen zien de fase maar kunnen niets invoeren."))

    def __init__(self, data=None, *, session, **kwargs):
        super().__init__(data, **kwargs)
        # Optional translations of the hand-written title and prompt, one pair per other
        # language: a phone in that language shows them, any other the text as written.
        self.translated = [code for code, _name in settings.LANGUAGES
                           if code != (get_language() or "").split("-")[0]]
        for code in self.translated:
            language = get_language_info(code)["name_translated"]
            self.fields[f"title_{code}"] = LineField(
                label=_("Titel in het %(language)s") % {"language": language},
                max_length=200, required=False,
                help_text=_("Optioneel: telefoons in die taal tonen deze titel."))
            self.fields[f"prompt_{code}"] = forms.CharField(
                label=_("Vraag of opdracht in het %(language)s") % {
                    "language": language},
                max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
        self.order_fields(["kind", "title", "prompt",
                           *(f"{part}_{code}" for code in self.translated
                             for part in ("title", "prompt"))])
        self.fields["kind"].choices = [(k, b.label) for k, b in BLOCKS.items()]
        self.fields["source"].choices = [("", "—")] + [
            (p.pk, str(p)) for p in session.phases.all()]
        self.block_forms = {kind: (block, form) for kind, block in BLOCKS.items()
                            if (form := block.settings(data)) is not None}

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind is None:
            return data
        if BLOCKS[kind].needs_source and not data.get("source"):
            self.add_error("source", _("Kies de fase waarvan deze bouwsteen de kaarten "
                                       "gebruikt."))
        if kind in self.block_forms:
            _block, settings = self.block_forms[kind]
            if not settings.is_valid():
                for field, errors in settings.errors.items():
                    label = settings.fields[field].label if field in settings.fields else ""
                    for error in errors:
                        self.add_error(None, f"{label}: {error}" if label else error)
        return data

    def translations(self) -> dict:
        return {code: {part: self.cleaned_data.get(f"{part}_{code}", "")
                       for part in ("title", "prompt")} for code in self.translated}

    def config(self) -> dict:
        kind = self.cleaned_data["kind"]
        block = BLOCKS[kind]
        config = block.config_from(self.block_forms[kind][1].cleaned_data
                                   if kind in self.block_forms else {})
        if self.cleaned_data.get("source"):
            config["source"] = self.cleaned_data["source"]
        for key in ("hidden_from_roles", "readonly_roles"):
            roles = [r.strip() for r in self.cleaned_data.get(key, "").split(",") if r.strip()]
            if roles:
                config[key] = roles
        return config


class JoinCodeForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20,
                           widget=forms.TextInput(attrs={
                               "autocomplete": "off", "autocapitalize": "characters",
                               "spellcheck": "false", "inputmode": "text",
                               "class": "code-input"}))

    def clean_code(self):
        return normalise_code(self.cleaned_data["code"])


class JoinForm(forms.Form):
    name = LineField(label=_("Je naam (optioneel)"), max_length=NAME_MAX, required=False)


class LocalMomentField(forms.DateTimeField):
    """A moment picked in the browser's own date-and-time field, in the site's time zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
        super().__init__(**kwargs)


class WindowsForm(forms.Form):
    """The time window of every step of an asynchronous session."""

    def __init__(self, data=None, *, phases, defaults=(), **kwargs):
        super().__init__(data, **kwargs)
        self.phases = list(phases)
        self.rows = []
        for number, phase in enumerate(self.phases, start=1):
            # A session that is not asynchronous yet is offered a day per step.
            default = defaults[number - 1] if defaults else (None, None)
            opens = LocalMomentField(label=_("Stap %(n)s opent") % {"n": number},
                                     initial=phase.opens_at or default[0])
            closes = LocalMomentField(label=_("Stap %(n)s sluit") % {"n": number},
                                      initial=phase.closes_at or default[1])
            self.fields[f"opens_{phase.pk}"] = opens
            self.fields[f"closes_{phase.pk}"] = closes
            self.rows.append({"phase": phase, "number": number,
                              "opens": f"opens_{phase.pk}", "closes": f"closes_{phase.pk}"})

    def windows(self) -> list[tuple]:
        return [(self.cleaned_data.get(f"opens_{p.pk}"), self.cleaned_data.get(f"closes_{p.pk}"))
                for p in self.phases]


class _Members(forms.ModelMultipleChoiceField):
    """A choice of memberships by id; a value that is no id the database can hold (a
    20-digit number) is an invalid choice, not a database error."""

    def _check_values(self, value):
        for pk in value:
            if not str(pk).isdecimal() or int(pk) > 2**63 - 1:
                raise forms.ValidationError(self.error_messages["invalid_choice"],
                                            code="invalid_choice", params={"value": pk})
        return super()._check_values(value)


class InviteForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Een heel team"), queryset=None, required=False,
                                  empty_label=_("(geen team)"))
    members = _Members(label=_("Of kies mensen"), queryset=None, required=False,
                       widget=forms.CheckboxSelectMultiple)

    def __init__(self, data=None, *, org, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["team"].queryset = org.teams.order_by("name")
        members = (org.memberships.select_related("user", "team")
                   .filter(user__is_active=True).order_by("user__name", "user__email"))
        self.fields["members"].queryset = members
        self.fields["members"].label_from_instance = lambda m: (
            f"{m.user.display_name} ({m.team.name})" if m.team else m.user.display_name)

    def clean(self):
        data = super().clean()
        if not data.get("team") and not data.get("members"):
            raise forms.ValidationError(_("Kies een team of een of meer mensen om uit te "
                                          "nodigen."))
        return data

    def memberships(self) -> list:
        chosen = list(self.cleaned_data.get("members") or [])
        team = self.cleaned_data.get("team")
        if team is not None:
            chosen += list(self.fields["members"].queryset.filter(team=team))
        return list({m.pk: m for m in chosen}.values())

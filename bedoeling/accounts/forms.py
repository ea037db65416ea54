from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from bedoeling.accounts.models import Membership, Role, User, known_language
from bedoeling.lib.mail import email_enqueue
from bedoeling.lib.text import LineField


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Wachtwoord"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("Dit e-mailadres en wachtwoord horen niet bij elkaar. "
                           "Controleer ze en probeer het opnieuw."),
        "inactive": _("Dit account is uitgeschakeld."),
    }

    def clean_username(self):
        return self.cleaned_data["username"].lower()


class PasswordPairForm(forms.Form):
    password1 = forms.CharField(
        label=_("Kies een wachtwoord"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 10 tekens; liever een zin dan een code."),
    )
    password2 = forms.CharField(
        label=_("Herhaal het wachtwoord"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif p1:
            try:
                password_validation.validate_password(p1, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class NewAccountForm(PasswordPairForm):
    name = LineField(label=_("Je naam"), max_length=120,
                     widget=forms.TextInput(attrs={"autocomplete": "name"}))
    field_order = ["name", "password1", "password2"]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices, initial=Role.MEMBER)
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False,
                                  empty_label=_("(geen team)"))
    language = forms.ChoiceField(
        label=_("Taal van de uitnodiging"), choices=settings.LANGUAGES,
        help_text=_("De e-mail en de pagina achter de link zijn in deze taal."))

    def __init__(self, *args, org, **kwargs):
        self.org = org
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = org.teams.all()
        self.fields["language"].initial = known_language(translation.get_language(),
                                                         settings.LANGUAGE_CODE)

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if Membership.objects.filter(organisation=self.org, user__email=email).exists():
            raise forms.ValidationError(
                _("%(email)s hoort al bij deze organisatie.") % {"email": email}
            )
        if self.org.invitations.filter(email=email, accepted_at=None, revoked_at=None).exists():
            open_ = [i for i in self.org.invitations.filter(email=email, accepted_at=None,
                                                            revoked_at=None) if i.is_open]
            if open_:
                raise forms.ValidationError(
                    _("%(email)s is al uitgenodigd; de uitnodiging is nog geldig.")
                    % {"email": email}
                )
        return email


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "team"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = self.instance.organisation.teams.all()
        self.fields["team"].empty_label = _("(geen team)")


class ProfileForm(forms.ModelForm):
    name = LineField(label=_("naam"), max_length=120, required=False)

    class Meta:
        model = User
        fields = ["name"]


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's form, with its mail sent by the task worker (bedoeling/lib/mail.py)."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        html = (render_to_string(html_email_template_name, context)
                if html_email_template_name else "")
        email_enqueue(subject, body, [to_email], html=html)

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.i18n import set_language as django_set_language

from bedoeling.accounts.forms import LoginForm, NewAccountForm, PasswordResetForm
from bedoeling.accounts.limits import LoginAttempt, reset_allowed
from bedoeling.accounts.models import Invitation, User, known_language
from bedoeling.accounts.services import InvitationError, invitation_accept, invitation_check

log = logging.getLogger(__name__)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        attempt = LoginAttempt(request, request.POST.get("username", "").strip().lower())
        if not attempt.allowed():
            log.warning("login rate limit hit")
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, _("Te veel inlogpogingen. Wacht een paar minuten en probeer "
                                   "het dan opnieuw."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        response = super().post(request, *args, **kwargs)
        if request.user.is_authenticated:
            attempt.succeeded(response)
            _remember_language(request, response)
        return response


def _language_cookie(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE)


def _remember_language(request, response) -> None:
    """After logging in: the language she chose before (on any device) is hers again; one
    who never chose keeps the language she is reading now, which her e-mail then uses."""
    user = request.user
    chosen = known_language(user.language)
    if chosen:
        translation.activate(chosen)
        _language_cookie(response, chosen)
    else:
        user.language = known_language(translation.get_language())
        User.objects.filter(pk=user.pk).update(language=user.language)


def set_language(request):
    """Django's language switch; a person who is logged in also keeps the choice."""
    response = django_set_language(request)
    chosen = known_language(request.POST.get("language"))
    if request.method == "POST" and chosen and request.user.is_authenticated:
        User.objects.filter(pk=request.user.pk).update(language=chosen)
    return response


class LogoutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        if not reset_allowed(request, request.POST.get("email", "")):
            messages.error(request, _("Te veel aanvragen. Kijk in je mail (ook bij de "
                                      "ongewenste mail) of probeer het over een uur opnieuw."))
            return redirect("accounts:password_reset")
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    post_reset_login = False


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    try:
        invite = invitation_check(Invitation.for_token(token))
    except InvitationError as error:
        return render(request, "accounts/invitation_invalid.html", {"error": str(error)},
                      status=410 if Invitation.for_token(token) else 404)

    if invite.language and not request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        # The language she was invited in, until she picks one with the switch.
        translation.activate(known_language(invite.language, settings.LANGUAGE_CODE))
        request.LANGUAGE_CODE = translation.get_language()
    existing = User.objects.filter(email=invite.email).first()
    logged_in_as_other = request.user.is_authenticated and request.user.email != invite.email
    if logged_in_as_other:
        return render(request, "accounts/invitation.html", {
            "invitation": invite, "wrong_user": True,
        })

    if existing is not None and not request.user.is_authenticated:
        # Only the login form checks a password, with its limits: this page never does, so
        # it cannot be used to guess the password of an account invited elsewhere.
        login_url = f"{reverse('accounts:login')}?{urlencode({'next': request.path})}"
        return render(request, "accounts/invitation.html", {
            "invitation": invite, "login_first": True, "login_url": login_url,
        })
    if existing is not None:
        form = None  # she is logged in as herself
    else:
        form = NewAccountForm(request.POST or None, user=User(email=invite.email))

    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            if existing is None:
                membership = invitation_accept(invite.pk, name=form.cleaned_data["name"],
                                               password=form.cleaned_data["password1"])
            else:
                membership = invitation_accept(invite.pk, existing_user=existing)
        except InvitationError as error:
            return render(request, "accounts/invitation_invalid.html", {"error": str(error)},
                          status=410)
        login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welkom bij %(org)s!") % {"org": membership.organisation})
        return redirect(reverse("orgs:home", kwargs={"org": membership.organisation.slug}))

    return render(request, "accounts/invitation.html", {
        "invitation": invite, "form": form, "existing": existing,
    })

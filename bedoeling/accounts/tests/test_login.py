import pytest
from django.test import Client

from bedoeling.conftest import PASSWORD


@pytest.mark.django_db
def test_a_person_logs_in_with_email_and_password(cast):
    client = Client()
    response = client.post("/inloggen/", {"username": "LOTTE@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 302
    assert "_auth_user_id" in client.session


def test_the_language_she_chose_follows_her_to_another_device(cast):
    laptop = Client()
    laptop.post("/inloggen/", {"username": cast.member.email, "password": PASSWORD})
    cast.member.refresh_from_db()
    assert cast.member.language == "nl"  # the language she was reading in
    laptop.post("/taal/", {"language": "en", "next": "/"})
    cast.member.refresh_from_db()
    assert cast.member.language == "en"

    phone = Client()
    response = phone.post("/inloggen/", {"username": cast.member.email, "password": PASSWORD})
    assert response.cookies["django_language"].value == "en"
    assert 'lang="en"' in phone.get("/", follow=True).content.decode()
    # An unknown language is not kept.
    phone.post("/taal/", {"language": "xx", "next": "/"})
    cast.member.refresh_from_db()
    assert cast.member.language == "en"


@pytest.mark.django_db
def test_a_wrong_password_gets_a_clear_message_in_dutch(cast):
    response = Client().post("/inloggen/", {"username": "lotte@example.org", "password": "nee"})
    assert response.status_code == 200
    assert "horen niet bij elkaar" in response.content.decode()


@pytest.mark.django_db
def test_login_is_rate_limited_per_account(cast, settings):
    settings.LOGIN_RATE_LIMIT = (3, 300)
    client = Client()
    for _ in range(3):
        client.post("/inloggen/", {"username": "lotte@example.org", "password": "fout"})
    response = client.post("/inloggen/", {"username": "lotte@example.org",
                                           "password": PASSWORD})
    assert response.status_code == 429
    assert "Te veel inlogpogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_only_failed_logins_count_towards_the_limit(cast, settings):
    """Laptop, projector and tablet: a facilitator logs in many times without being locked
    out; the failed attempts in between still count."""
    settings.LOGIN_RATE_LIMIT = (3, 300)
    for _ in range(6):
        client = Client()
        response = client.post("/inloggen/", {"username": "lotte@example.org",
                                               "password": PASSWORD})
        assert response.status_code == 302
    for _ in range(3):
        Client().post("/inloggen/", {"username": "lotte@example.org", "password": "fout"})
    response = Client().post("/inloggen/", {"username": "lotte@example.org",
                                             "password": PASSWORD})
    assert response.status_code == 429


def test_passwords_are_hashed_with_argon2_in_the_real_settings():
    from django.contrib.auth.hashers import Argon2PasswordHasher

    from bedoeling import settings as real

    assert real.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert Argon2PasswordHasher().encode("geheim", "somesalt1234").startswith("argon2$")


@pytest.mark.django_db
def test_forms_without_a_csrf_token_are_refused(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.facilitator)
    response = client.post(f"/o/{cast.org.slug}/teams/toevoegen/", {"name": "Onderbouw"})
    assert response.status_code == 403
    assert "Dit formulier is verlopen" in response.content.decode()
    assert not cast.org.teams.filter(name="Onderbouw").exists()


@pytest.mark.django_db
def test_every_page_has_a_strict_content_security_policy(cast, client_for):
    response = client_for(cast.member).get(f"/o/{cast.org.slug}/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_password_reset_mails_a_link_that_sets_a_new_password(cast, mailoutbox):
    import re

    client = Client()
    client.post("/wachtwoord-vergeten/", {"email": "lotte@example.org"})
    assert len(mailoutbox) == 1
    link = re.search(r"http://testserver(/wachtwoord-instellen/\S+)", mailoutbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "een-heel-nieuw-wachtwoord",
                           "new_password2": "een-heel-nieuw-wachtwoord"})
    cast.member.refresh_from_db()
    assert cast.member.check_password("een-heel-nieuw-wachtwoord")

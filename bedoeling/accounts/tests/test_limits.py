"""Login and reset limits an attacker can neither step around nor turn against the owner."""

import pytest
from django.test import Client

from bedoeling.conftest import PASSWORD


def _from(address: str, **headers) -> Client:
    return Client(REMOTE_ADDR=address, **headers)


def _login(client: Client, password: str, email: str = "lotte@example.org"):
    return client.post("/inloggen/", {"username": email, "password": password})


@pytest.mark.django_db
def test_a_rotating_x_forwarded_for_buys_no_extra_login_attempts(cast, settings):
    """Behind TLS the client's own X-Forwarded-For used to be the key: each new value was a
    fresh bucket. The address is the one the server (uvicorn) reports."""
    settings.HTTPS = True
    settings.SECURE_SSL_REDIRECT = False
    settings.LOGIN_RATE_LIMIT = (3, 86400)  # a day: no refill while the test runs
    statuses = []
    for attempt in range(35):
        client = _from("203.0.113.9", HTTP_X_FORWARDED_FOR=f"10.9.{attempt}.1")
        statuses.append(_login(client, "fout", email=f"gok{attempt}@example.org").status_code)
    # Thirty failures per address (ten times the per-account limit), whatever the header.
    assert statuses == [200] * 30 + [429] * 5


@pytest.mark.django_db
def test_the_address_of_a_rate_limit_is_the_one_the_server_reports(rf, settings):
    from bedoeling.lib.ratelimit import client_address

    settings.HTTPS = True
    request = rf.get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "198.51.100.4"


@pytest.mark.django_db
def test_ten_wrong_passwords_from_elsewhere_do_not_lock_the_owner_out(cast, settings):
    settings.LOGIN_RATE_LIMIT = (10, 86400)  # a day: no refill while the test runs
    attacker = _from("203.0.113.66")
    for _ in range(10):
        assert _login(attacker, "fout").status_code == 200
    assert _login(attacker, "fout").status_code == 429
    owner = _from("198.51.100.20")
    response = _login(owner, PASSWORD)
    assert response.status_code == 302
    assert "_auth_user_id" in owner.session


@pytest.mark.django_db
def test_an_attack_from_many_addresses_never_locks_out_a_browser_she_used_before(
        cast, settings):
    settings.LOGIN_RATE_LIMIT = (3, 86400)  # a day: no refill while the test runs
    laptop = _from("198.51.100.20")
    assert _login(laptop, PASSWORD).status_code == 302
    laptop.post("/uitloggen/")
    # Guesses from many addresses exhaust what the account gives unknown browsers …
    statuses = [_login(_from(f"203.0.113.{n}"), "fout").status_code for n in range(40)]
    assert statuses.count(429) > 0
    assert _login(_from("192.0.2.1"), PASSWORD).status_code == 429
    # … but her laptop, from the same address as the attacker too, still gets in.
    laptop.defaults["REMOTE_ADDR"] = "203.0.113.1"
    response = _login(laptop, PASSWORD)
    assert response.status_code == 302


@pytest.mark.django_db
def test_guesses_from_many_addresses_are_capped_per_account(cast, settings):
    settings.LOGIN_RATE_LIMIT = (3, 86400)  # a day: no refill while the test runs
    statuses = [_login(_from(f"203.0.113.{n}"), "fout").status_code for n in range(40)]
    assert statuses.count(200) == 15  # five times the per-address limit, then 429
    assert set(statuses[15:]) == {429}


@pytest.mark.django_db
def test_a_device_cookie_proves_nothing_for_another_account(cast, settings):
    settings.LOGIN_RATE_LIMIT = (3, 86400)  # a day: no refill while the test runs
    browser = _from("203.0.113.5")
    assert _login(browser, PASSWORD, email="olaf@example.org").status_code == 302
    browser.post("/uitloggen/")
    statuses = [_login(browser, "fout").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


@pytest.mark.django_db
def test_a_forged_device_cookie_is_ignored(cast, settings):
    settings.LOGIN_RATE_LIMIT = (3, 86400)  # a day: no refill while the test runs
    browser = _from("203.0.113.5")
    browser.cookies["bedoeling_device"] = "abc:0123456789abcdef"
    statuses = [_login(browser, "fout").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


@pytest.mark.django_db
def test_reset_mails_to_one_account_are_limited_whatever_the_address(cast, mailoutbox):
    for n in range(16):
        _from(f"203.0.113.{n}").post("/wachtwoord-vergeten/", {"email": "lotte@example.org"})
    assert len(mailoutbox) == 3
    response = _from("192.0.2.7").post("/wachtwoord-vergeten/",
                                       {"email": "LOTTE@example.org"}, follow=True)
    assert "Te veel aanvragen" in response.content.decode()
    assert len(mailoutbox) == 3
    # Another person's reset is not held up by it.
    _from("192.0.2.7").post("/wachtwoord-vergeten/", {"email": "sanne@example.org"})
    assert len(mailoutbox) == 4

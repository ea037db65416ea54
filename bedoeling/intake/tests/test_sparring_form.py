import time

import pytest
from django.core import mail

from bedoeling.intake.forms import started_token
from bedoeling.intake.models import SparringRequest
from bedoeling.intake.views import REQUESTS_PER_ADDRESS

URL = "/sparsessie/"


def _data(**changes):
    data = {
        "name": "Anna de Vries", "email": "Anna@Example.org",
        "organisation_name": "Kindcentrum De Linde", "role": "directeur",
        "situation": "Onze leerkrachten zijn meer met toetsen bezig dan met kinderen.",
        "moments": "dinsdagochtend", "consent": "on", "website": "",
        "started": started_token(time.time() - 30),
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_a_visitor_requests_a_sparsessie_and_gets_a_confirmation(client, post):
    response = post(client, URL, _data())
    assert response.status_code == 302
    assert response["Location"] == "/sparsessie/verstuurd/"
    sparring = SparringRequest.objects.get()
    assert sparring.email == "anna@example.org"
    assert sparring.status == SparringRequest.Status.NEW
    assert sparring.language == "nl"
    confirmation = [m for m in mail.outbox if m.to == ["anna@example.org"]]
    assert len(confirmation) == 1
    assert "sparsessie" in confirmation[0].subject
    assert "toetsen bezig" in confirmation[0].body


@pytest.mark.django_db
def test_the_instance_facilitators_hear_of_a_new_request_without_its_content(client, cast,
                                                                             post):
    cast.facilitator.is_staff = True
    cast.facilitator.save()
    post(client, URL, _data())
    note = [m for m in mail.outbox if m.to == [cast.facilitator.email]]
    assert len(note) == 1
    assert "/sparsessies/" in note[0].body
    assert "toetsen" not in note[0].body
    assert not [m for m in mail.outbox if m.to == [cast.outsider.email]]


@pytest.mark.django_db
def test_the_form_page_shows_the_privacy_statement_and_a_hidden_honeypot(client):
    html = client.get(URL).content.decode()
    assert 'href="/privacy/"' in html
    assert "verwijderen ze na 180 dagen" in html
    assert 'class="intake-trap" aria-hidden="true"' in html
    assert 'tabindex="-1"' in html


@pytest.mark.django_db
def test_a_bot_filling_the_honeypot_is_refused_and_nothing_is_stored(client):
    response = client.post(URL, _data(website="http://spam.example"))
    assert response.status_code == 400
    assert "Laat dit veld leeg" in response.content.decode()
    assert SparringRequest.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_form_sent_within_seconds_of_showing_it_is_refused(client):
    response = client.post(URL, _data(started=started_token(time.time() - 1)))
    assert response.status_code == 400
    assert "Dat ging wel heel snel" in response.content.decode()
    assert SparringRequest.objects.count() == 0


@pytest.mark.django_db
def test_a_missing_or_forged_time_stamp_is_refused(client):
    for started in ("", "1700000000", started_token(time.time() - 30) + "x"):
        response = client.post(URL, _data(started=started))
        assert response.status_code == 400
        assert "niet compleet aangekomen" in response.content.decode()
    assert SparringRequest.objects.count() == 0


@pytest.mark.django_db
def test_a_form_left_open_for_a_day_must_be_sent_again(client):
    response = client.post(URL, _data(started=started_token(time.time() - 60 * 60 * 24)))
    assert response.status_code == 400
    assert "stond lang open" in response.content.decode()
    assert SparringRequest.objects.count() == 0


@pytest.fixture
def frozen_buckets(monkeypatch):
    """Rate-limit buckets refill with time; on a slow machine a hundred requests take long
    enough to earn a token back. The clock of the buckets stands still."""
    from types import SimpleNamespace

    from bedoeling.lib import ratelimit

    now = time.time()
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: now,
                                                           monotonic=time.monotonic))


@pytest.mark.django_db
def test_a_hundred_requests_from_one_address_store_only_the_first_few(client, frozen_buckets):
    statuses = [client.post(URL, _data(name=f"Bot {i}")).status_code for i in range(100)]
    allowed = REQUESTS_PER_ADDRESS[0]
    assert statuses[:allowed] == [302] * allowed
    assert set(statuses[allowed:]) == {429}
    assert SparringRequest.objects.count() == allowed
    response = client.post(URL, _data())
    assert "te veel aanvragen" in response.content.decode()


@pytest.mark.django_db
def test_many_addresses_together_are_held_back_by_the_instance_limit(client, frozen_buckets):
    from bedoeling.intake.views import REQUESTS_PER_INSTANCE

    statuses = [client.post(URL, _data(), REMOTE_ADDR=f"10.0.{i // 250}.{i % 250}")
                .status_code for i in range(REQUESTS_PER_INSTANCE[0] + 5)]
    assert statuses.count(302) == REQUESTS_PER_INSTANCE[0]
    assert statuses[-1] == 429


@pytest.mark.django_db
def test_oversize_fields_are_refused_with_a_clear_message_and_nothing_stored(client):
    for field, size in (("name", 121), ("organisation_name", 161), ("role", 121),
                        ("situation", 3001), ("moments", 501)):
        response = client.post(URL, _data(**{field: "x" * size}))
        assert response.status_code == 400, field
        assert "Dit is te lang: hoogstens" in response.content.decode(), field
    assert SparringRequest.objects.count() == 0


@pytest.mark.django_db
def test_a_request_without_consent_or_with_a_bad_address_is_refused(client):
    data = _data()
    del data["consent"]
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "Zonder je toestemming" in response.content.decode()
    response = client.post(URL, _data(email="anna-at-example"))
    assert response.status_code == 400
    assert SparringRequest.objects.count() == 0


@pytest.mark.django_db
def test_a_script_in_a_field_is_stored_as_text_and_shown_escaped(client, cast, client_for):
    script = "<script>alert('hoi')</script>"
    client.post(URL, _data(situation=f"Wat speelt er? {script}", name=f"Anna {script}"))
    sparring = SparringRequest.objects.get()
    assert script in sparring.situation  # kept as the visitor typed it, as text
    cast.facilitator.is_staff = True
    cast.facilitator.save()
    staff = client_for(cast.facilitator)
    for url in ("/sparsessies/", f"/sparsessies/{sparring.pk}/"):
        html = staff.get(url).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert" in html


@pytest.mark.django_db
def test_a_request_in_english_is_confirmed_in_english(client, post):
    client.post("/taal/", {"language": "en", "next": URL})
    post(client, URL, _data())
    sparring = SparringRequest.objects.get()
    assert sparring.language == "en"
    assert mail.outbox[0].subject == "We have received your request for a sparring session"

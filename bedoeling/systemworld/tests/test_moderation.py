"""Removing a signal that came in through the public link: spam, or personal data."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bedoeling.accounts.models import AuditEvent
from bedoeling.systemworld import services
from bedoeling.systemworld.models import RemovedSignal, Signal, SignalResponse

pytestmark = pytest.mark.django_db

TEXT = "Mevrouw Jansen van de Dorpsstraat 4 kreeg haar toeslag niet."


@pytest.fixture
def report(cast):
    return services.signal_report(cast.org, what_happened=TEXT, source=Signal.Source.PUBLIC)


def remove_url(cast, signal):
    return reverse("systemworld:signal_remove", kwargs={"org": cast.org.slug,
                                                        "signal": signal.pk})


def test_a_facilitator_removes_a_public_signal_with_personal_data_and_its_text_is_gone(
        cast, client_for, report):
    services.signal_respond(cast.org, cast.lead, report.signal, text="Dank, we kijken ernaar.")
    response = client_for(cast.facilitator).post(remove_url(cast, report.signal),
                                                 {"reason": "personal_data"})
    assert response.status_code == 302
    assert not Signal.objects.exists() and not SignalResponse.objects.exists()
    removed = RemovedSignal.objects.get()
    assert (removed.organisation, removed.reason) == (cast.org, "personal_data")
    stored = " ".join(str(v) for row in RemovedSignal.objects.values() for v in row.values())
    assert "Jansen" not in stored
    event = AuditEvent.objects.get(action="systemworld.signal_remove")
    assert event.actor == cast.facilitator and "Jansen" not in str(event.data)


def test_the_reporters_receipt_page_says_it_was_removed_and_why(cast, client_for, report):
    services.signal_remove(cast.org, cast.facilitator, report.signal, reason="spam")
    response = client_for().post(reverse("systemworld:receipt"), {"code": report.receipt_code})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Verwijderd" in body and "reclame, onzin of een test" in body
    assert TEXT not in body


def test_a_member_cannot_remove_a_signal(cast, client_for, report):
    response = client_for(cast.member).post(remove_url(cast, report.signal), {"reason": "spam"})
    assert response.status_code == 403
    assert Signal.objects.count() == 1 and not RemovedSignal.objects.exists()


def test_a_signal_from_a_colleague_is_never_removed(cast, report):
    colleague = services.signal_report(cast.org, what_happened="Het formulier is te lang.",
                                       reporter=cast.member, anonymous=True).signal
    with pytest.raises(ValidationError, match="Alleen meldingen via de openbare link"):
        services.signal_remove(cast.org, cast.facilitator, colleague, reason="spam")
    assert Signal.objects.filter(pk=colleague.pk).exists()
    assert not RemovedSignal.objects.exists()


def test_removing_without_a_reason_is_refused_and_nothing_is_removed(cast, client_for, report):
    response = client_for(cast.facilitator).post(remove_url(cast, report.signal),
                                                 {"reason": "boring"})
    assert response.status_code == 400
    assert "Kies waarom je de melding verwijdert." in response.content.decode()
    assert Signal.objects.count() == 1 and not RemovedSignal.objects.exists()
    assert not AuditEvent.objects.filter(action="systemworld.signal_remove").exists()


def test_another_organisations_signal_is_not_found(cast, client_for):
    foreign = services.signal_report(cast.other, what_happened="Elders.",
                                     source=Signal.Source.PUBLIC).signal
    url = reverse("systemworld:signal_remove", kwargs={"org": cast.org.slug,
                                                       "signal": foreign.pk})
    assert client_for(cast.facilitator).post(url, {"reason": "spam"}).status_code == 404
    assert Signal.objects.filter(pk=foreign.pk).exists()


def test_the_signal_page_offers_removal_only_for_public_signals(cast, client_for, report):
    client = client_for(cast.facilitator)
    page = client.get(reverse("systemworld:signal", kwargs={
        "org": cast.org.slug, "signal": report.signal.pk})).content.decode()
    assert "Melding verwijderen" in page
    own = services.signal_report(cast.org, what_happened="Te lang.", reporter=cast.member).signal
    page = client.get(reverse("systemworld:signal", kwargs={
        "org": cast.org.slug, "signal": own.pk})).content.decode()
    assert "Melding verwijderen" not in page

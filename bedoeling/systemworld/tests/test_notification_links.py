"""Notification mails carry links that work outside the browser that caused them."""

import pytest

from bedoeling.systemworld.models import Notification
from bedoeling.systemworld.tasks import send_notification_emails


def _mail_for(cast, mailoutbox):
    note = Notification.objects.create(user=cast.member, organisation=cast.org,
                                       kind="signal_new", data={"rule": "Toetskalender"},
                                       url=f"/o/{cast.org.slug}/signalen/1/")
    send_notification_emails.call([note.pk])
    return mailoutbox[-1].body


@pytest.mark.django_db
def test_a_notification_mail_links_absolutely_without_a_site_url(cast, mailoutbox, settings):
    settings.SITE_URL = ""
    body = _mail_for(cast, mailoutbox)
    assert f"http://127.0.0.1:8000/o/{cast.org.slug}/signalen/1/" in body
    assert f"\n/o/{cast.org.slug}" not in body and f" /o/{cast.org.slug}" not in body


@pytest.mark.django_db
def test_a_notification_mail_links_to_the_site_url(cast, mailoutbox, settings):
    settings.SITE_URL = "https://bedoeling.example.nl"
    body = _mail_for(cast, mailoutbox)
    assert f"https://bedoeling.example.nl/o/{cast.org.slug}/signalen/1/" in body

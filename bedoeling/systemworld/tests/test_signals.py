import logging
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bedoeling.accounts.models import RateBucket
from bedoeling.systemworld import receipts, services, views
from bedoeling.systemworld.models import Notification, PublicLink, Signal
from bedoeling.systemworld.views import PUBLIC_REPORTS_PER_ADDRESS

pytestmark = pytest.mark.django_db

CODE = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){6}")
REPORT = {"what_happened": "Mevrouw moest haar huurcontract voor de derde keer opsturen.",
          "client_effect": "Twee weken vertraging.", "severity": "2", "rule_named": "",
          "sensible_action": "Kijken wat we al hebben.", "anonymous": "named"}


def report_url(cast):
    return reverse("systemworld:signal_new", kwargs={"org": cast.org.slug})


def public_link(org, enabled=True):
    return PublicLink.objects.create(organisation=org, token="meldpunt", enabled=enabled)


def public_url():
    return reverse("systemworld:public_report", kwargs={"link": "meldpunt"})


def all_stored_text() -> str:
    """Every value of every signal row, to look for things that must not be there."""
    return " ".join(str(v) for row in Signal.objects.values() for v in row.values())


def test_a_member_reports_a_named_signal_about_a_rule(cast, client_for, rule):
    client = client_for(cast.member)
    response = client.post(report_url(cast), {**REPORT, "rule": rule.pk})
    signal = Signal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("systemworld:signal",
                                           kwargs={"org": cast.org.slug, "signal": signal.pk})
    assert signal.reporter == cast.member and not signal.is_anonymous
    assert signal.rule == rule and signal.team == cast.team
    assert signal.receipt_hash is None
    assert signal.source == Signal.Source.APP


def test_anonymous_signal_stores_no_user_and_no_ip_address(cast, client_for, rule):
    client = client_for(cast.member)
    response = client.post(report_url(cast), {**REPORT, "anonymous": "anonymous",
                                              "rule": rule.pk}, REMOTE_ADDR="203.0.113.77")
    assert response.status_code == 200
    signal = Signal.objects.get()
    assert signal.reporter is None and signal.is_anonymous
    assert "203.0.113.77" not in all_stored_text()
    assert not any("203.0.113.77" in key for key in RateBucket.objects.values_list("key",
                                                                                   flat=True))
    # The team remains, for breakdowns that are large enough to hide a person.
    assert signal.team == cast.team


def test_an_anonymous_signal_leaves_no_timed_trace_of_its_reporter(cast, client_for):
    client_for(cast.member).post(report_url(cast), {**REPORT, "anonymous": "anonymous"})
    signal = Signal.objects.get()
    local = timezone.localtime(signal.created_at)
    assert (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0)
    # No rate-limit bucket keyed to the member was touched.
    member_bucket = f"{settings.REDIS_PREFIX}:rl:signal-member:"
    assert not RateBucket.objects.filter(key__startswith=member_bucket).exists()


def test_an_anonymous_signal_can_never_have_a_reporter(cast):
    with pytest.raises(Exception):  # noqa: B017 — the database refuses, whatever its dialect
        Signal.objects.create(organisation=cast.org, what_happened="x", is_anonymous=True,
                              reporter=cast.member)


def test_receipt_code_has_at_least_128_bits_and_only_its_hash_is_stored(cast, client_for,
                                                                        caplog):
    client = client_for(cast.member)
    with caplog.at_level(logging.DEBUG):
        response = client.post(report_url(cast), {**REPORT, "anonymous": "anonymous"})
    code = CODE.search(response.content.decode()).group(0)
    raw = receipts.normalise(code)
    assert len(raw) * 5 >= 128 and set(raw) <= set(receipts.ALPHABET)
    signal = Signal.objects.get()
    assert signal.receipt_hash == receipts.code_hash(code)
    assert raw not in all_stored_text() and code not in all_stored_text()
    assert not any(raw in r.getMessage() or code in r.getMessage() for r in caplog.records)
    assert "no-store" in response["Cache-Control"]


def test_receipt_codes_differ_every_time():
    assert len({receipts.new_code() for _ in range(200)}) == 200


def test_the_receipt_code_is_shown_once(cast, client_for):
    client = client_for(cast.member)
    response = client.post(report_url(cast), {**REPORT, "anonymous": "anonymous"})
    code = CODE.search(response.content.decode()).group(0)
    signal = Signal.objects.get()
    page = client.get(reverse("systemworld:signal", kwargs={"org": cast.org.slug,
                                                            "signal": signal.pk}))
    assert code not in page.content.decode()


def test_receipt_page_shows_what_became_of_the_signal(cast, client_for, rule, next_week):
    report = services.signal_report(cast.org, what_happened="Weer alles opnieuw.", rule=rule,
                                    reporter=cast.member, anonymous=True)
    action = services.action_create(cast.org, cast.lead, kind="change", title="Niet meer "
                                    "opnieuw opvragen", owner=cast.lead, due_date=next_week,
                                    signals=[report.signal])
    services.action_status_change(cast.org, cast.lead, action, status="done",
                                  note="De werkinstructie is aangepast.")
    code = report.receipt_code.lower().replace("-", " ")  # people type it any which way
    response = client_for().post(reverse("systemworld:receipt"), {"code": code})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Niet meer opnieuw opvragen" in body
    assert "De werkinstructie is aangepast." in body
    assert "Afgerond" in body


def test_an_unknown_receipt_code_gets_a_clear_message(cast, client_for):
    response = client_for().post(reverse("systemworld:receipt"), {"code": receipts.new_code()})
    assert response.status_code == 404
    assert "Deze code kennen we niet" in response.content.decode()


def test_a_malformed_receipt_code_gets_a_clear_message(client_for):
    response = client_for().post(reverse("systemworld:receipt"), {"code": "ABC-123"})
    assert response.status_code == 400
    assert "Dit is geen geldige code" in response.content.decode()


def test_a_receipt_code_in_the_address_shows_nothing(cast, client_for):
    report = services.signal_report(cast.org, what_happened="Geheim verhaal.",
                                    source=Signal.Source.PUBLIC)
    response = client_for().get(reverse("systemworld:receipt"), {"code": report.receipt_code})
    assert "Geheim verhaal." not in response.content.decode()


def test_receipt_lookups_are_rate_limited(client_for, monkeypatch):
    # A slow bucket, so that no token comes back while the test runs on a busy machine.
    monkeypatch.setattr(views, "RECEIPT_LOOKUPS", (5, 3600))
    client = client_for()
    for _ in range(5):
        client.post(reverse("systemworld:receipt"), {"code": receipts.new_code()})
    response = client.post(reverse("systemworld:receipt"), {"code": receipts.new_code()})
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()


@pytest.mark.parametrize("text, message", [
    ("", "dit veld mag niet leeg zijn"),
    ("   \n  ", "dit veld mag niet leeg zijn"),
    ("x" * 20_480, "Dit is te lang: hoogstens 4000 tekens (nu 20480)"),
])
def test_bad_input_gets_a_clear_message_and_changes_nothing(cast, client_for, text, message):
    response = client_for(cast.member).post(report_url(cast), {**REPORT, "what_happened": text})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Signal.objects.count() == 0


def test_a_signal_about_another_organisations_rule_is_refused(cast, client_for, foreign_rule):
    response = client_for(cast.member).post(report_url(cast),
                                            {**REPORT, "rule": foreign_rule.pk})
    assert response.status_code == 400
    assert "Die regel staat niet in het register van deze organisatie." in \
        response.content.decode()
    assert Signal.objects.count() == 0
    with pytest.raises(ValidationError):
        services.signal_report(cast.org, what_happened="x", rule=foreign_rule,
                               reporter=cast.member)
    assert Signal.objects.count() == 0


def test_an_outsider_cannot_report_as_a_member(cast):
    with pytest.raises(ValidationError):
        services.signal_report(cast.org, what_happened="x", reporter=cast.outsider)
    assert Signal.objects.count() == 0


def test_a_named_rule_that_is_in_the_register_is_linked(cast, rule):
    signal = services.signal_report(cast.org, what_happened="x", reporter=cast.member,
                                    rule_named="  bewijsstukken OPNIEUW opvragen ").signal
    assert signal.rule == rule and signal.rule_named == ""
    other = services.signal_report(cast.org, what_happened="x", reporter=cast.member,
                                   rule_named="Het spreekuur").signal
    assert other.rule is None and other.rule_named == "Het spreekuur"


def test_a_new_signal_tells_the_rule_owner_and_followers(cast, rule):
    services.rule_follow(cast.org, cast.facilitator, rule)
    services.signal_report(cast.org, what_happened="x", rule=rule, reporter=cast.member)
    told = set(Notification.objects.values_list("user__email", flat=True))
    assert told == {cast.lead.email, cast.facilitator.email}


def test_a_citizen_reports_through_the_public_link_without_an_account(cast, client_for):
    public_link(cast.org)
    response = client_for().post(public_url(), {**REPORT, "website": ""},
                                 REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 200
    body = response.content.decode()
    assert CODE.search(body) and "je ziet hem maar één keer" in body
    signal = Signal.objects.get()
    assert signal.source == Signal.Source.PUBLIC and signal.is_anonymous
    assert signal.reporter is None and signal.team is None
    assert "198.51.100.4" not in all_stored_text()


def test_a_disabled_or_unknown_public_link_is_not_found(cast, client_for):
    public_link(cast.org, enabled=False)
    assert client_for().get(public_url()).status_code == 404
    assert client_for().get(reverse("systemworld:public_report",
                                    kwargs={"link": "bestaat-niet"})).status_code == 404


def test_the_honeypot_stops_a_script_and_stores_nothing(cast, client_for):
    public_link(cast.org)
    response = client_for().post(public_url(), {**REPORT, "website": "http://spam.example"})
    assert response.status_code == 400
    assert "het verborgen veld" in response.content.decode()
    assert Signal.objects.count() == 0


def test_a_flood_through_the_public_link_is_stopped(cast, client_for):
    public_link(cast.org)
    client = client_for()
    limit, _window = PUBLIC_REPORTS_PER_ADDRESS
    for _ in range(limit):
        assert client.post(public_url(), REPORT).status_code == 200
    response = client.post(public_url(), REPORT)
    assert response.status_code == 429
    assert "te veel meldingen" in response.content.decode()
    assert Signal.objects.count() == limit


def test_the_public_form_is_protected_against_cross_site_posts(cast, client_for):
    public_link(cast.org)
    response = client_for(csrf=True).post(public_url(), REPORT)
    assert response.status_code == 403
    assert Signal.objects.count() == 0


def test_the_owner_of_a_rule_answers_a_signal_and_the_reporter_hears_it(cast, client_for,
                                                                       rule):
    signal = services.signal_report(cast.org, what_happened="x", rule=rule,
                                    reporter=cast.member).signal
    url = reverse("systemworld:signal_respond", kwargs={"org": cast.org.slug,
                                                         "signal": signal.pk})
    response = client_for(cast.lead).post(url, {"text": "Goed punt, we passen het aan."})
    assert response.status_code == 302
    assert signal.responses.get().author == cast.lead
    note = Notification.objects.get(user=cast.member)
    assert "gereageerd" in note.text


def test_someone_who_does_not_own_the_rule_cannot_answer(cast, client_for, rule):
    signal = services.signal_report(cast.org, what_happened="x", rule=rule,
                                    reporter=cast.lead).signal
    url = reverse("systemworld:signal_respond", kwargs={"org": cast.org.slug,
                                                         "signal": signal.pk})
    response = client_for(cast.member).post(url, {"text": "Ik ook!"})
    assert response.status_code == 403
    assert signal.responses.count() == 0


def test_an_empty_answer_is_refused(cast, client_for, rule):
    signal = services.signal_report(cast.org, what_happened="x", rule=rule,
                                    reporter=cast.member).signal
    url = reverse("systemworld:signal_respond", kwargs={"org": cast.org.slug,
                                                         "signal": signal.pk})
    response = client_for(cast.lead).post(url, {"text": "  "})
    assert response.status_code == 400
    assert "Schrijf een reactie" in response.content.decode()
    assert signal.responses.count() == 0


def test_the_rule_owner_sees_signals_about_her_rules(cast, client_for, rule):
    services.signal_report(cast.org, what_happened="Over haar regel.", rule=rule,
                           reporter=cast.member)
    services.signal_report(cast.org, what_happened="Over iets anders.", reporter=cast.member)
    response = client_for(cast.lead).get(
        reverse("systemworld:signals", kwargs={"org": cast.org.slug}), {"toon": "mijn-regels"})
    body = response.content.decode()
    assert "Over haar regel." in body and "Over iets anders." not in body


def test_a_signal_is_linked_to_a_rule_by_someone_who_steers(cast, client_for, rule,
                                                            foreign_rule):
    signal = services.signal_report(cast.org, what_happened="x", rule_named="dat formulier",
                                    reporter=cast.member).signal
    url = reverse("systemworld:signal_link_rule", kwargs={"org": cast.org.slug,
                                                           "signal": signal.pk})
    response = client_for(cast.facilitator).post(url, {"rule": foreign_rule.pk})
    assert response.status_code == 400
    signal.refresh_from_db()
    assert signal.rule is None
    client_for(cast.facilitator).post(url, {"rule": rule.pk})
    signal.refresh_from_db()
    assert signal.rule == rule

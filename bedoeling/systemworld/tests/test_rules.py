import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bedoeling.purpose.services import purpose_version_create
from bedoeling.systemworld import services
from bedoeling.systemworld.models import Rule, RuleEvent, RuleFollower

pytestmark = pytest.mark.django_db


def rule_form(**extra):
    return {"title": "De 8-wekentermijn", "kind": "rule", "description": "",
            "owner_user": "", "owner_label": "Team Wmo", "source_type": "law",
            "source_reference": "Awb art. 4:13", "purpose_text": "", "purpose_part": "", **extra}


def new_rule_url(cast):
    return reverse("systemworld:rule_new", kwargs={"org": cast.org.slug})


def test_a_rule_is_registered_with_its_purpose_linked_to_the_bedoeling(cast, client_for):
    version = purpose_version_create(cast.org, cast.facilitator, reason="Eerste versie",
                                     statement="Elk kind gezien.", for_client="Eerst aandacht.")
    response = client_for(cast.lead).post(new_rule_url(cast), rule_form(
        owner_user=cast.member.pk, purpose_text="Inwoners niet laten wachten.",
        purpose_part="for_client"))
    rule = Rule.objects.get()
    assert response.status_code == 302
    assert (rule.owner_user, rule.purpose_version, rule.purpose_part) == (
        cast.member, version, "for_client")
    assert rule.purpose_part_text() == "Eerst aandacht."
    assert set(rule.events.values_list("kind", flat=True)) == {"created", "purpose"}
    page = client_for(cast.member).get(reverse("systemworld:rule", kwargs={
        "org": cast.org.slug, "rule": rule.pk})).content.decode()
    assert "Inwoners niet laten wachten." in page and "Eerst aandacht." in page


def test_a_rule_without_a_stated_purpose_is_marked(cast, client_for):
    services.rule_create(cast.org, cast.facilitator, title="Spreekuur van 9 tot 11")
    body = client_for(cast.member).get(reverse("systemworld:register",
                                               kwargs={"org": cast.org.slug})).content.decode()
    assert "Wat is de bedoeling van deze regel? Nog niet beschreven." in body
    assert "weet niemand nog waarvoor hij bedoeld is" in body


def test_a_member_cannot_add_rules(cast, client_for):
    response = client_for(cast.member).post(new_rule_url(cast), rule_form())
    assert response.status_code == 403
    assert Rule.objects.count() == 0


@pytest.mark.parametrize("extra, message", [
    ({"title": "  "}, "Geef de regel een naam."),
    ({"title": "x" * 201}, "Dit is te lang"),
    ({"kind": "wet"}, "Selecteer een geldige keuze"),
])
def test_a_bad_rule_gets_a_clear_message_and_stores_nothing(cast, client_for, extra, message):
    response = client_for(cast.lead).post(new_rule_url(cast), rule_form(**extra))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Rule.objects.count() == 0


def test_two_rules_with_the_same_name_are_refused(cast, client_for, rule):
    response = client_for(cast.lead).post(new_rule_url(cast),
                                          rule_form(title=rule.title.upper()))
    assert response.status_code == 400
    assert "Er staat al een regel met deze naam in het register." in response.content.decode()
    with pytest.raises(ValidationError):
        services.rule_create(cast.org, cast.lead, title=rule.title.lower())
    assert Rule.objects.count() == 1


def test_the_same_name_may_exist_in_another_organisation(cast, rule):
    services.rule_create(cast.other, cast.outsider, title=rule.title)
    assert Rule.objects.filter(title=rule.title).count() == 2


def test_a_rule_owner_must_belong_to_the_organisation(cast, client_for):
    response = client_for(cast.lead).post(new_rule_url(cast),
                                          rule_form(owner_user=cast.outsider.pk))
    assert response.status_code == 400
    assert Rule.objects.count() == 0
    with pytest.raises(ValidationError):
        services.rule_create(cast.org, cast.lead, title="x", owner_user=cast.outsider)


def test_the_rule_owner_edits_her_rule_and_the_history_says_so(cast, client_for):
    rule = services.rule_create(cast.org, cast.facilitator, title="Formulier",
                                owner_user=cast.member)
    url = reverse("systemworld:rule_edit", kwargs={"org": cast.org.slug, "rule": rule.pk})
    response = client_for(cast.member).post(url, rule_form(
        title="Formulier", owner_user=cast.member.pk, source_type="policy",
        purpose_text="Alles op één plek."))
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.purpose_text == "Alles op één plek."
    kinds = set(rule.events.values_list("kind", flat=True))
    assert {RuleEvent.Kind.CHANGED, RuleEvent.Kind.PURPOSE} <= kinds
    assert rule.events.filter(summary__contains="bron").exists()


def test_someone_else_cannot_edit_a_rule(cast, client_for, rule):
    url = reverse("systemworld:rule_edit", kwargs={"org": cast.org.slug, "rule": rule.pk})
    response = client_for(cast.member).post(url, rule_form(title="Gekaapt"))
    assert response.status_code == 403
    rule.refresh_from_db()
    assert rule.title != "Gekaapt"


def test_following_a_rule_and_stopping(cast, client_for, rule):
    url = reverse("systemworld:rule_follow", kwargs={"org": cast.org.slug, "rule": rule.pk})
    client = client_for(cast.member)
    client.post(url)
    client.post(url)
    assert RuleFollower.objects.filter(rule=rule, user=cast.member).count() == 1
    client.post(url, {"follow": "0"})
    assert not RuleFollower.objects.filter(rule=rule).exists()


def test_the_rule_page_shows_signals_actions_and_history(cast, client_for, rule, next_week):
    services.signal_report(cast.org, what_happened="Weer die stukken.", rule=rule,
                           reporter=cast.member)
    services.action_create(cast.org, cast.lead, kind="allow", title="Ruimte geven", rule=rule,
                           owner=cast.lead, due_date=next_week, timeout_case="Gezin A")
    body = client_for(cast.member).get(reverse("systemworld:rule", kwargs={
        "org": cast.org.slug, "rule": rule.pk})).content.decode()
    assert "Weer die stukken." in body
    assert "Ruimte geven" in body
    assert "Opgenomen in het register." in body

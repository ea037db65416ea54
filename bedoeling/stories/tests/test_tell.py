"""Telling in the app and through the public link: the web form, rate limits, honeypot,
and bad input that changes nothing."""

import pytest
from django.urls import reverse

from bedoeling.accounts.models import AuditEvent
from bedoeling.lib import ratelimit
from bedoeling.stories.models import Answer, Channel, Story
from bedoeling.stories.tests.conftest import build_form


def url(kit, org):
    return reverse("stories:tell", kwargs={"org": org.slug, "form": kit.form.pk})


def public_url(kit, name="stories:public_tell"):
    return reverse(name, kwargs={"key": kit.form.public_key})


def data(kit, **overrides):
    values = {
        "prompt": str(kit.prompts[0].pk),
        "text": "Ik heb de toets laten wachten en ben met hem gaan wandelen.",
        "title": "Eerst een wandeling",
        "teller_role": "employee",
        "consent": "library",
        "anonymous": "yes",
        f"sig-{kit.triad.pk}-a": "20", f"sig-{kit.triad.pk}-b": "10",
        f"sig-{kit.triad.pk}-c": "70",
        f"sig-{kit.slider.pk}-value": "80",
        f"sig-{kit.single.pk}": str(kit.single.options.first().pk),
        f"sig-{kit.feeling.pk}": str(kit.feeling.options.last().pk),
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


def test_the_form_shows_the_triad_the_slider_and_their_fallbacks(cast, client_for, kit):
    response = client_for(cast.member).get(url(kit, cast.org))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="slider"' in html and "data-triad" in html and "data-slider" in html
    # Without JavaScript: three number fields and one, which the script keeps filling.
    assert f'name="sig-{kit.triad.pk}-a"' in html and f'name="sig-{kit.slider.pk}-value"' in html
    assert 'src="/static/js/stories.js" defer' in html
    assert "style=" not in html


def test_a_member_tells_an_anonymous_story(cast, client_for, kit):
    response = client_for(cast.member).post(url(kit, cast.org), data(kit))
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.author is None and story.channel == Channel.APP
    triad = story.answers.get(signifier=kit.triad)
    assert (triad.a, triad.b, triad.c) == pytest.approx((0.2, 0.1, 0.7))
    assert story.answers.get(signifier=kit.slider).value == pytest.approx(0.8)


def test_a_member_tells_a_story_with_her_name_and_finds_it_back(cast, client_for, kit):
    client = client_for(cast.member)
    response = client.post(url(kit, cast.org), data(kit, anonymous="no"))
    story = Story.objects.get()
    assert story.author == cast.member
    assert response["Location"] == reverse("stories:story", kwargs={"org": cast.org.slug,
                                                                    "story": story.pk})
    mine = client.get(reverse("stories:my_stories", kwargs={"org": cast.org.slug}))
    assert "Eerst een wandeling" in mine.content.decode()


@pytest.mark.parametrize("overrides, message", [
    ({"sig-TRIAD-a": "50", "sig-TRIAD-b": "30", "sig-TRIAD-c": "10"}, "samen 100 %"),
    ({"sig-TRIAD-a": "120", "sig-TRIAD-b": "-30", "sig-TRIAD-c": "10"}, "buiten de driehoek"),
    ({"sig-TRIAD-a": "50", "sig-TRIAD-b": "", "sig-TRIAD-c": "50"}, "alle drie"),
    ({"sig-SLIDER-value": "150"}, "0 tot en met 100"),
    ({"sig-SLIDER-value": "veel"}, "Vul een getal in"),
    ({"text": "x" * 50_000}, "te lang"),
    ({"prompt": "999999"}, "hoort niet bij dit formulier"),
    ({"sig-SINGLE": "999999"}, "hoort niet bij deze vraag"),
    ({"consent": ""}, "Kies wat er met je verhaal mag gebeuren"),
])
def test_bad_input_gets_a_clear_message_and_stores_nothing(cast, client_for, kit, overrides,
                                                          message):
    names = {"TRIAD": kit.triad.pk, "SLIDER": kit.slider.pk, "SINGLE": kit.single.pk}
    fixed = {}
    for key, value in overrides.items():
        for token, pk in names.items():
            key = key.replace(token, str(pk))
        fixed[key] = value
    response = client_for(cast.member).post(url(kit, cast.org), data(kit, **fixed))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html, html[html.find("errorlist"):][:2000]
    assert "Je verhaal is nog niet opgeslagen" in html
    assert Story.objects.count() == 0 and Answer.objects.count() == 0


def test_the_page_keeps_what_was_typed_after_an_error(cast, client_for, kit):
    response = client_for(cast.member).post(url(kit, cast.org),
                                            data(kit, **{f"sig-{kit.slider.pk}-value": "150"}))
    html = response.content.decode()
    assert "Ik heb de toets laten wachten" in html
    assert f'name="sig-{kit.triad.pk}-c" value="70"' in html


def test_errors_are_shown_in_english_for_an_english_reader(cast, client_for, kit):
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    response = client.post(url(kit, cast.org), data(kit, text=""))
    assert response.status_code == 400
    assert "Your story has not been saved" in response.content.decode()


def test_another_organisations_form_is_not_found_and_nothing_is_stored(cast, client_for, kit):
    foreign = build_form(cast.other, cast.outsider)
    response = client_for(cast.member).post(
        reverse("stories:tell", kwargs={"org": cast.org.slug, "form": foreign.form.pk}),
        data(foreign))
    assert response.status_code == 404
    assert "hoort bij een andere organisatie" in response.content.decode()
    assert Story.objects.count() == 0


def test_a_forged_form_id_is_not_found(cast, client_for, kit):
    response = client_for(cast.member).post(
        reverse("stories:tell", kwargs={"org": cast.org.slug, "form": 987654}), data(kit))
    assert response.status_code == 404
    assert Story.objects.count() == 0


def test_a_closed_form_says_so(cast, client_for, kit):
    kit.form.is_open = False
    kit.form.save()
    response = client_for(cast.member).post(url(kit, cast.org), data(kit))
    assert response.status_code == 410
    assert "gesloten" in response.content.decode()
    assert Story.objects.count() == 0


def test_the_public_link_takes_an_anonymous_story_without_an_account(client_for, kit):
    client = client_for()
    page = client.get(public_url(kit))
    assert page.status_code == 200
    assert "geen IP-adres" in page.content.decode()
    response = client.post(public_url(kit), data(kit, anonymous=None, teller_role="parent"),
                           REMOTE_ADDR="203.0.113.77")
    assert response.status_code == 302
    assert response["Location"] == public_url(kit, "stories:public_told")
    story = Story.objects.get()
    assert story.author is None and story.channel == Channel.PUBLIC
    assert story.teller_role == "parent"


def test_no_ip_address_is_stored_anywhere_for_a_public_story(client_for, kit):
    from django.db import connection

    client_for().post(public_url(kit), data(kit, anonymous=None), REMOTE_ADDR="203.0.113.77")
    assert Story.objects.count() == 1
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table.startswith("sqlite_") or "search" in table:
                continue
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                assert "203.0.113.77" not in repr(row), table


def test_the_public_link_of_a_private_form_does_not_work(client_for, kit):
    kit.form.is_public = False
    kit.form.save()
    response = client_for().post(public_url(kit), data(kit, anonymous=None))
    assert response.status_code == 404
    assert Story.objects.count() == 0


def test_an_unknown_public_key_is_not_found(db, client_for):
    response = client_for().get(reverse("stories:public_tell", kwargs={"key": "raden"}))
    assert response.status_code == 404
    assert "bestaat niet" in response.content.decode()


def test_the_honeypot_stores_nothing_but_looks_like_success(client_for, kit):
    response = client_for().post(public_url(kit),
                                 data(kit, anonymous=None, website="http://spam.example"))
    assert response.status_code == 302
    assert Story.objects.count() == 0


def test_the_public_link_is_rate_limited_per_address(client_for, kit):
    client = client_for()
    address = "198.51.100.9"
    try:
        for _ in range(10):
            assert client.post(public_url(kit), data(kit, anonymous=None),
                               REMOTE_ADDR=address).status_code == 302
        response = client.post(public_url(kit), data(kit, anonymous=None), REMOTE_ADDR=address)
        assert response.status_code == 429
        assert Story.objects.count() == 10
    finally:
        ratelimit.reset("story_public", address)
        ratelimit.reset("story_public_form", kit.form.public_key)


def test_telling_writes_nothing_to_the_audit_log(client_for, kit):
    before = AuditEvent.objects.count()
    client_for().post(public_url(kit), data(kit, anonymous=None))
    assert AuditEvent.objects.count() == before

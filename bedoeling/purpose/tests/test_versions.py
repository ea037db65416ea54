import threading

import pytest
from django.db import connection

from bedoeling.accounts.models import AuditEvent
from bedoeling.purpose.models import PurposeVersion
from bedoeling.purpose.services import purpose_for, purpose_version_create

EDIT = "/o/{}/bedoeling/bewerken/"


def _post(client, org, **data):
    payload = {"statement": "Elk kind gezien.", "reason": "Studiedag"}
    payload.update(data)
    return client.post(EDIT.format(org.slug), payload)


@pytest.mark.django_db
def test_editing_the_bedoeling_creates_a_new_immutable_version_with_author_and_reason(
        cast, client_for):
    client = client_for(cast.lead)
    _post(client, cast.org)
    _post(client, cast.org, statement="Elk kind gezien en gehoord.", reason="Leerlingenraad")
    versions = list(purpose_for(cast.org).versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].author == cast.lead and versions[1].reason == "Leerlingenraad"
    assert AuditEvent.objects.filter(action="purpose.version").count() == 2
    with pytest.raises(ValueError):
        versions[0].save()
    with pytest.raises(ValueError):
        versions[0].delete()


@pytest.mark.django_db
def test_an_empty_bedoeling_is_refused_and_nothing_is_saved(cast, client_for):
    response = _post(client_for(cast.facilitator), cast.org, statement="   ")
    assert response.status_code == 400
    assert "mag niet leeg zijn" in response.content.decode()
    assert not PurposeVersion.objects.exists()


@pytest.mark.django_db
def test_a_reason_is_required(cast, client_for):
    response = _post(client_for(cast.facilitator), cast.org, reason="")
    assert response.status_code == 400
    assert not PurposeVersion.objects.exists()


@pytest.mark.django_db
def test_a_100_kilobyte_statement_is_refused_with_a_clear_message(cast, client_for):
    response = _post(client_for(cast.facilitator), cast.org, statement="woord " * 20_000,
                     elaboration="x" * 100_000)
    assert response.status_code == 400
    body = response.content.decode()
    assert "hoogstens 400 tekens" in body
    assert not PurposeVersion.objects.exists()


@pytest.mark.django_db
def test_members_read_the_bedoeling_but_cannot_change_it(cast, client_for):
    client = client_for(cast.member)
    assert client.get(f"/o/{cast.org.slug}/").status_code == 200
    response = _post(client, cast.org)
    assert response.status_code == 403
    assert not PurposeVersion.objects.exists()


@pytest.mark.django_db
def test_markdown_is_rendered_and_sanitised(cast):
    version = purpose_version_create(
        cast.org, cast.lead, statement="Zo", reason="r",
        elaboration="**Vet** <script>alert(1)</script> [x](javascript:alert(1))")
    html = version.elaboration_html
    assert "<strong>Vet</strong>" in html
    assert "<script" not in html and "javascript:" not in html


@pytest.mark.django_db
def test_two_versions_can_be_compared_as_a_readable_diff(cast, client_for):
    purpose_version_create(cast.org, cast.lead, statement="Elk kind telt.", reason="a")
    purpose_version_create(cast.org, cast.lead, statement="Elk kind wordt gezien.", reason="b")
    body = client_for(cast.member).get(
        f"/o/{cast.org.slug}/bedoeling/vergelijk/?a=1&b=2").content.decode()
    assert "<del>" in body and "telt." in body
    assert "<ins>" in body and "wordt gezien." in body


@pytest.mark.django_db
def test_the_diff_compares_rendered_text_word_by_word_without_markdown_or_gaps(cast,
                                                                             client_for):
    import re

    old = ("We werken **samen** met *ouders*.\n\n\n\nDe school is van iedereen.\n\n"
           "- buiten leren\n- lezen")
    new = ("We werken **samen** met *ouders en buurt*.\n\nDe school is van iedereen.\n\n"
           "- buiten leren\n- lezen\n- <script>x</script> rekenen")
    purpose_version_create(cast.org, cast.lead, statement="Elk kind telt.", reason="a",
                           elaboration=old)
    purpose_version_create(cast.org, cast.lead, statement="Elk kind telt.", reason="b",
                           elaboration=new)
    body = client_for(cast.member).get(
        f"/o/{cast.org.slug}/bedoeling/vergelijk/?a=1&b=2").content.decode()
    section = body[body.index('id="diff-elaboration"'):]
    section = section[:section.index("</section>")]
    assert "**" not in section and "*ouders" not in section  # rendered, not Markdown
    assert "<strong>samen</strong>" in section
    # word by word: only "en buurt" is new in the first paragraph; "ouders" stays
    assert re.search(r"<em>ouders</em> <ins>.*?<em>en buurt</em>.*?</ins>\.</p>", section)
    assert "<del>" not in section  # nothing was removed, the blank lines are not a change
    # the unchanged paragraph and list items are plain text, a list stays a list
    assert "<p>De school is van iedereen.</p>" in section
    assert "<li>buiten leren</li>" in section and "<ul>" in section
    assert "<script" not in section
    assert "\n\n\n" not in section


@pytest.mark.django_db
def test_the_home_page_says_when_a_herijking_is_due(cast, client_for):
    from datetime import timedelta

    from django.utils import timezone

    purpose_version_create(cast.org, cast.lead, statement="Elk kind telt.", reason="a")
    purpose = purpose_for(cast.org)
    purpose.review_date = timezone.localdate() - timedelta(days=3)
    purpose.save()
    body = client_for(cast.member).get(f"/o/{cast.org.slug}/").content.decode()
    assert "Tijd voor een herijking." in body


@pytest.mark.django_db(transaction=True)
def test_two_people_saving_at_once_get_two_numbered_versions(cast):
    errors = []

    def save(text):
        try:
            purpose_version_create(cast.org, cast.lead, statement=text, reason="tegelijk")
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(f"Versie {i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    numbers = sorted(purpose_for(cast.org).versions.values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4]

"""The planned review of the Bedoeling is not wiped by an empty form."""

from datetime import date

import pytest

from bedoeling.purpose.services import purpose_for, purpose_review_date_set


@pytest.mark.django_db
def test_an_empty_post_by_a_lead_keeps_the_review_date(cast, client_for):
    purpose_review_date_set(cast.org, cast.facilitator, date(2027, 3, 1))
    response = client_for(cast.lead).post(f"/o/{cast.org.slug}/bedoeling/herijking/", {},
                                          follow=True)
    assert purpose_for(cast.org).review_date == date(2027, 3, 1)
    assert "Die datum kon ik niet lezen" in response.content.decode()


@pytest.mark.django_db
def test_a_lead_still_moves_the_review_date(cast, client_for):
    purpose_review_date_set(cast.org, cast.facilitator, date(2027, 3, 1))
    client_for(cast.lead).post(f"/o/{cast.org.slug}/bedoeling/herijking/",
                               {"review_date": "2027-05-04"})
    assert purpose_for(cast.org).review_date == date(2027, 5, 4)

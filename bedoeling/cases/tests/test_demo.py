import pytest
from django.test import Client
from django.urls import reverse

from bedoeling.cases import demo, pii
from bedoeling.cases.formats import METHODS
from bedoeling.cases.models import Case, CaseDiscussion
from bedoeling.orgs import demo as orgs_demo
from bedoeling.purpose import demo as purpose_demo
from bedoeling.systemworld.models import Signal

pytestmark = pytest.mark.django_db


def test_the_demo_cases_are_pseudonymised():
    for spec in demo.CASES:
        texts = [spec["title"], spec["situation"], spec["dilemma"], spec["question"]]
        for lines in spec["script"].values():
            texts += [" ".join(line) if isinstance(line, tuple) else line for line in lines]
        texts += [text for _email, text, _part, _rule in spec["learnings"]]
        for text in texts:
            assert pii.findings(text) == [], text


def test_the_demo_discusses_cases_with_every_method_at_the_school_and_the_municipality():
    ctx: dict = {}
    orgs_demo.load(ctx)
    purpose_demo.load(ctx)
    demo.load(ctx)
    discussions = CaseDiscussion.objects.select_related("case__organisation", "session")
    assert {d.method for d in discussions} == set(METHODS)
    assert {d.case.organisation.slug for d in discussions} == {"wilgenhoek", "lindeveld"}
    assert all(d.session.is_ended for d in discussions)
    assert sum(bool(d.helped) for d in discussions) >= 4
    signal = Signal.objects.exclude(origin_url="").first()
    case = Case.objects.get(learnings__signal=signal)
    assert signal.origin_url == reverse("cases:detail", kwargs={
        "org": case.organisation.slug, "case": case.pk})
    # A shared case reads without its author's name for a colleague of another team.
    shared = Case.objects.filter(shared=True, organisation__slug="lindeveld").first()
    client = Client()
    client.force_login(ctx["users"]["kees@lindeveld.test"])
    page = client.get(reverse("cases:detail", kwargs={"org": "lindeveld", "case": shared.pk}))
    assert page.status_code == 200
    assert shared.author.display_name not in page.content.decode()

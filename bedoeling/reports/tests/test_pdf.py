"""The PDF reports: opened with pypdf, as a reader's PDF viewer would."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from bedoeling.accounts.models import AuditEvent
from bedoeling.live import services as live_services
from bedoeling.live.models import LiveSession
from bedoeling.reports import pdf
from bedoeling.systemworld.services import action_create, rule_create, signal_report


def _session(org, cast, *, ended=True):
    session = live_services.session_create(org, cast.facilitator, title="Teamdag maart",
                                           format_key="open")
    if ended:
        LiveSession.objects.filter(pk=session.pk).update(
            status=LiveSession.Status.ENDED, ended_at=timezone.now())
    return session


def _read(response) -> PdfReader:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def _text(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def _has_drawing(page) -> bool:
    """A chart is vector drawing on the page: rectangles or paths filled in a colour."""
    content = page.get_contents().get_data()
    return b" re" in content or b" l\n" in content or b" c\n" in content


@pytest.mark.django_db
def test_a_lead_downloads_a_session_report_with_title_page_contents_and_numbers(
        cast, client_for):
    session = _session(cast.org, cast)
    response = client_for(cast.lead).get(
        f"/o/{cast.org.slug}/sessies/{session.pk}/oogst.pdf")
    reader = _read(response)
    assert f'filename="oogst-{session.code}.pdf"' in response["Content-Disposition"]
    pages = _text(reader)
    assert len(pages) >= 3
    assert "Teamdag maart" in pages[0]
    assert "OOGST VAN EEN WERKSESSIE" in pages[0]  # the eyebrow is in capitals
    assert "Inhoud" in pages[1]
    assert f"pagina 2 / {len(pages)}" in pages[1]
    assert "pagina" not in pages[0]  # the title page has no number
    assert AuditEvent.objects.filter(organisation=cast.org, action="report.session").exists()


@pytest.mark.django_db
def test_the_report_is_in_the_readers_language(cast, client_for):
    session = _session(cast.org, cast)
    client = client_for(cast.lead)
    client.post("/taal/", {"language": "en", "next": "/"})
    pages = _text(_read(client.get(f"/o/{cast.org.slug}/sessies/{session.pk}/oogst.pdf")))
    assert "HARVEST OF A LIVE SESSION" in pages[0]
    assert "Contents" in pages[1]
    assert "page 2 /" in pages[1]


@pytest.mark.django_db
def test_another_organisations_session_report_is_404(cast, client_for):
    session = _session(cast.org, cast)
    url = f"/o/{cast.org.slug}/sessies/{session.pk}/oogst.pdf"
    assert client_for(cast.outsider).get(url).status_code == 404
    # Nor through the outsider's own organisation's address.
    assert client_for(cast.outsider).get(
        f"/o/{cast.other.slug}/sessies/{session.pk}/oogst.pdf").status_code == 404


@pytest.mark.django_db
def test_a_member_gets_the_report_of_an_ended_session_only(cast, client_for):
    running = _session(cast.org, cast, ended=False)
    ended = _session(cast.org, cast)
    member = client_for(cast.member)
    assert member.get(f"/o/{cast.org.slug}/sessies/{running.pk}/oogst.pdf").status_code == 404
    assert member.get(f"/o/{cast.org.slug}/sessies/{ended.pk}/oogst.pdf").status_code == 200


@pytest.mark.django_db
def test_the_period_report_holds_the_bedoeling_signals_actions_and_a_chart(cast, client_for):
    from bedoeling.purpose.services import purpose_version_create

    purpose_version_create(cast.org, cast.lead, statement="Elk kind gezien.",
                           reason="Na de studiedag.")
    rule = rule_create(cast.org, cast.facilitator, title="Weekplanning inleveren")
    for _ in range(3):
        signal_report(cast.org, what_happened="Planning kost tijd.", reporter=cast.member,
                      rule=rule)
    action_create(cast.org, cast.facilitator, kind="explain", title="Uitleggen wat mag",
                  owner=cast.lead, due_date=timezone.localdate() + timedelta(days=7))
    today = timezone.localdate()
    response = client_for(cast.lead).get(
        f"/o/{cast.org.slug}/rapport.pdf?van={today - timedelta(days=30)}&tot={today}")
    reader = _read(response)
    text = "\n".join(_text(reader))
    for words in ("OOGSTRAPPORT", "De Bedoeling en haar versies", "Elk kind gezien.",
                  "Na de studiedag.", "Signalen en acties", "Uitleggen wat mag",
                  "Weekplanning inleveren"):
        assert words in text, words
    chart_page = next(p for p in reader.pages if "Signalen en acties" in p.extract_text())
    assert _has_drawing(chart_page)


@pytest.mark.django_db
def test_the_period_report_is_for_leads_and_facilitators(cast, client_for):
    assert client_for(cast.member).get(f"/o/{cast.org.slug}/rapport/").status_code == 403
    assert client_for(cast.member).get(f"/o/{cast.org.slug}/rapport.pdf").status_code == 403
    assert client_for(cast.lead).get(f"/o/{cast.org.slug}/rapport/").status_code == 200


@pytest.mark.django_db
def test_a_period_that_ends_before_it_starts_is_refused(cast, client_for):
    response = client_for(cast.lead).get(
        f"/o/{cast.org.slug}/rapport.pdf?van=2026-05-01&tot=2026-04-01")
    assert response.status_code == 400
    assert "De einddatum ligt vóór de begindatum" in response.content.decode()


def test_the_pdf_reads_only_the_apps_own_static_files():
    fetcher = pdf._fetcher_class()(allowed_protocols=("http", "https", "data"))
    css = fetcher.fetch("http://testserver/static/css/bedoeling.css")
    assert b"--accent" in css.read()
    for url in ("https://cdn.example.org/font.woff2", "http://testserver/o/x/",
                "file:///etc/passwd", "http://testserver/static/../settings.py"):
        with pytest.raises(pdf.RefusedFetch):
            fetcher.fetch(url)


def test_a_stylesheet_from_elsewhere_is_not_fetched(monkeypatch):
    fetched = []
    import urllib.request

    monkeypatch.setattr(urllib.request.OpenerDirector, "open",
                        lambda self, *a, **k: fetched.append(a) or None)
    document = pdf.html_to_pdf(
        '<link rel="stylesheet" href="https://cdn.example.org/x.css">'
        '<img src="http://tracker.example.org/p.png"><p>Hoi</p>', "http://testserver/")
    assert document.startswith(b"%PDF")
    assert fetched == []


def test_charts_in_the_pdf_carry_their_colours():
    html = pdf.with_svg_colours('<svg viewBox="0 0 1 1"><rect class="fill-agree"/></svg>')
    assert "<style>" in html and ".fill-agree { fill: #1e6b34; }" in html


@pytest.mark.django_db
def test_the_period_report_keeps_consent_and_suppresses_small_groups(cast, client_for):
    from bedoeling.stories import services as stories

    form = stories.story_form_create(cast.org, cast.facilitator, title="Wat ging er goed?")
    stories.signifier_add(form, cast.facilitator, kind="triad", question="Wat stuurde?",
                          labels=["de Bedoeling", "de regels", "de cijfers"])
    shared = stories.story_tell(form, text="Een verhaal voor iedereen, over Jasmijn.",
                                teller_role="employee", consent="library", author=cast.member)
    stories.story_curate(shared, cast.facilitator, title="Jasmijn mocht blijven",
                         purpose_part="statement")
    stories.story_tell(form, text="Alleen voor analyse: over meneer Pietersen.",
                       teller_role="employee", consent="analysis")
    today = timezone.localdate()
    response = client_for(cast.lead).get(
        f"/o/{cast.org.slug}/rapport.pdf?van={today - timedelta(days=7)}&tot={today}")
    text = " ".join(" ".join(_text(_read(response))).split())
    assert "Jasmijn mocht blijven" in text
    assert "Pietersen" not in text
    # Two stories: fewer than the threshold of five, so no triangle, a note instead.
    assert "tonen we geen patronen van minder dan 5 verhalen" in text


# The report is made by the task worker, not in the request.

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _run_worker():
    from django_tasks_db.management.commands.db_worker import Worker

    Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
           startup_delay=False, max_tasks=None, worker_id="test",
           excluded_queue_names=[]).run()


@pytest.mark.django_db(transaction=True)
def test_the_worker_makes_the_report_and_the_pdf_is_handed_over_once(cast, client_for,
                                                                      settings):
    from bedoeling.reports.models import Report

    settings.TASKS = DATABASE_TASKS
    session = _session(cast.org, cast)
    lead = client_for(cast.lead)
    url = f"/o/{cast.org.slug}/sessies/{session.pk}/oogst.pdf"

    waiting = lead.get(url)
    assert waiting.status_code == 202
    assert "Het rapport wordt gemaakt" in waiting.content.decode()
    again = lead.get(url)  # a reload or a second click asks for the same report
    assert again.status_code == 202
    report = Report.objects.get()
    status_url = f"/o/{cast.org.slug}/rapporten/{report.pk}/status/"
    assert status_url in waiting.content.decode()
    assert lead.get(status_url).json() == {"status": "pending"}
    assert report.content is None  # nothing was rendered in the request
    assert not AuditEvent.objects.filter(action="report.session").exists()

    _run_worker()
    assert lead.get(status_url).json() == {"status": "ready"}
    pages = _text(_read(lead.get(url)))
    assert "Teamdag maart" in pages[0]
    assert AuditEvent.objects.filter(organisation=cast.org, action="report.session").exists()
    # Handed over, not kept.
    assert not Report.objects.exists()
    assert lead.get(status_url).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_report_nobody_fetches_is_deleted_after_an_hour(cast, client_for, settings):
    from django_tasks_db.models import DBTaskResult

    from bedoeling.reports.models import Report

    settings.TASKS = DATABASE_TASKS
    session = _session(cast.org, cast)
    client_for(cast.lead).get(f"/o/{cast.org.slug}/sessies/{session.pk}/oogst.pdf")
    _run_worker()
    assert Report.objects.get().status == Report.Status.READY
    DBTaskResult.objects.update(run_after=timezone.now() - timedelta(seconds=1))
    _run_worker()
    assert not Report.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_status_of_a_report_is_only_for_its_reader(cast, client_for, settings):
    from bedoeling.reports.models import Report

    settings.TASKS = DATABASE_TASKS
    session = _session(cast.org, cast)
    client_for(cast.lead).get(f"/o/{cast.org.slug}/sessies/{session.pk}/oogst.pdf")
    report = Report.objects.get()
    status_url = f"/o/{cast.org.slug}/rapporten/{report.pk}/status/"
    assert client_for(cast.facilitator).get(status_url).status_code == 404
    assert client_for(cast.outsider).get(status_url).status_code == 404
    assert client_for(cast.outsider).get(
        f"/o/{cast.other.slug}/rapporten/{report.pk}/status/").status_code == 404
    assert client_for(cast.lead).get(status_url).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_without_pango_the_reader_is_told_what_is_missing(cast, client_for, settings,
                                                          monkeypatch):
    """Pango cannot be taken off this machine for a test: the renderer is made to fail as
    it fails without it (WeasyPrint raises OSError when it cannot load the library)."""
    from bedoeling.reports.models import Report

    def no_pango(*args, **kwargs):
        raise OSError("cannot load library 'libpangoft2-1.0.so.0'")

    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr(pdf, "html_to_pdf", no_pango)
    session = _session(cast.org, cast)
    url = f"/o/{cast.org.slug}/sessies/{session.pk}/oogst.pdf"
    client = client_for(cast.lead)
    client.get(url)
    _run_worker()
    answer = client.get(url)
    assert answer.status_code == 503
    assert "Pango" in answer.content.decode()
    assert not Report.objects.exists()
    assert client.get(url).status_code == 202  # asking again starts a new attempt

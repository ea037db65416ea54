"""Exports respect consent, carry no names, are audited, and only for those who steer."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from bedoeling.accounts.models import AuditEvent
from bedoeling.stories.models import Consent


def export(client, org, fmt, query=""):
    return client.get(reverse(f"stories:export_{fmt}", kwargs={"org": org.slug}) + query)


def rows_of(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_csv_holds_every_story_with_its_signification(cast, client_for, kit, tell_story):
    tell_story(consent=Consent.LIBRARY, text="Gedeeld verhaal.", weights=(0.2, 0.1, 0.7))
    response = export(client_for(cast.facilitator), cast.org, "csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, row = rows_of(response)
    assert "Wat stuurde wat er gebeurde?: de Bedoeling (%)" in header
    assert row[header.index("verhaal")] == "Gedeeld verhaal."
    assert row[header.index("Wat stuurde wat er gebeurde?: de Bedoeling (%)")] == "70"
    assert row[header.index("Hoeveel ruimte had je? (0 = geen, 100 = alle)")] == "80"


def test_the_export_leaves_out_the_text_of_stories_for_analysis_only(cast, client_for,
                                                                    tell_story):
    tell_story(consent=Consent.ANALYSIS, text="Dit mag niemand lezen.")
    response = export(client_for(cast.facilitator), cast.org, "csv")
    body = response.content.decode("utf-8-sig")
    assert "Dit mag niemand lezen" not in body
    header, row = rows_of(response)
    assert row[header.index("verhaal")].startswith("[alleen voor analyse")
    assert row[header.index("Wat stuurde wat er gebeurde?: regels (%)")] == "20"


def test_the_export_names_no_tellers(cast, client_for, tell_story):
    tell_story(author=cast.member)
    body = export(client_for(cast.facilitator), cast.org, "csv").content.decode("utf-8-sig")
    assert "Lotte" not in body and cast.member.email not in body


def test_the_xlsx_export_respects_consent_too(cast, client_for, tell_story):
    tell_story(consent=Consent.ANALYSIS, text="Dit mag niemand lezen.")
    tell_story(consent=Consent.ORGANISATION, text="Dit wel.")
    response = export(client_for(cast.lead), cast.org, "xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    values = [cell for row in workbook["Verhalen"].iter_rows(values_only=True) for cell in row]
    assert "Dit wel." in values and "Dit mag niemand lezen." not in values
    assert "Toelichting" in workbook.sheetnames


def test_an_export_is_audited(cast, client_for, tell_story):
    tell_story()
    export(client_for(cast.facilitator), cast.org, "xlsx")
    event = AuditEvent.objects.get(action="stories.export")
    assert event.actor == cast.facilitator and event.data["count"] == 1
    assert event.data["format"] == "xlsx"


def test_members_cannot_export(cast, client_for, tell_story):
    tell_story()
    response = export(client_for(cast.member), cast.org, "csv")
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="stories.export").exists()


def test_the_export_follows_the_filters(cast, client_for, tell_story):
    from bedoeling.stories.tests.test_patterns import grow_team

    grow_team(cast, 4)
    tell_story(team=cast.team, text="In het team.")
    tell_story(text="Zonder team.")
    body = export(client_for(cast.facilitator), cast.org, "csv",
                  f"?team={cast.team.pk}").content.decode("utf-8-sig")
    assert "In het team." in body and "Zonder team." not in body


def test_spreadsheet_formulas_in_a_story_are_defused(cast, client_for, tell_story):
    tell_story(text='=HYPERLINK("http://evil.example","klik")')
    header, row = rows_of(export(client_for(cast.facilitator), cast.org, "csv"))
    assert row[header.index("verhaal")].startswith("'=")


def test_the_xlsx_sheet_about_the_export_has_its_own_english_name(cast, kit):
    # Other apps translate their "Toelichting" as "Explanation"; the export's sheet must
    # not take theirs, nor give them its own.
    from django.utils import translation

    from bedoeling.stories import export as export_module
    from bedoeling.stories.selectors import StoryFilter

    with translation.override("en"):
        content = export_module.to_xlsx(["a"], [], org=cast.org,
                                        selection=StoryFilter(form=kit.form),
                                        threshold_note="")
        assert translation.gettext("Toelichting") == "Explanation"
    assert "About this export" in load_workbook(io.BytesIO(content), read_only=True).sheetnames

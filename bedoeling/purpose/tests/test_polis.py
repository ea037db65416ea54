"""Pol.is exports: the `opinionmap` command, and importing an export into a vision session
(hostile uploads are refused with a clear message and store nothing)."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation

from bedoeling.live.models import Card, Participant, Vote
from bedoeling.purpose import polis_upload
from bedoeling.purpose.models import OpinionMapSnapshot
from bedoeling.purpose.polis_upload import ImportRefused, read_upload
from bedoeling.purpose.session import polis_import
from bedoeling.purpose.tests.helpers import planted_votes, seed, vision

FIXTURE = (Path(__file__).resolve().parents[2] / "insights" / "tests" / "data"
           / "polis-vtaiwan-uberx-150")
SHARED = FIXTURE.parent / "polis"
VOTES = (FIXTURE / "participants-votes.csv").read_bytes()
COMMENTS = (FIXTURE / "comments.csv").read_bytes()


@pytest.fixture(autouse=True)
def _dutch():
    # A test client request leaves its language active in the thread; start from Dutch.
    with translation.override("nl"):
        yield


def _zip(files: dict[str, bytes]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return SimpleUploadedFile("export.zip", buffer.getvalue(), "application/zip")


def _csv(name, data):
    return SimpleUploadedFile(name, data, "text/csv")


def test_the_command_prints_the_map_as_json():
    out = io.StringIO()
    call_command("opinionmap", str(FIXTURE), "--format", "json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["n_participants"] == 150 and len(result["participants"]) == 150
    assert {"participant", "group"} <= set(result["participants"][0])
    groups = {p["group"] for p in result["participants"]}
    assert None in groups  # participants with too few votes are not clustered
    assert len(result["groups"]) == result["k"] >= 2
    rep = result["groups"][0]["representative"][0]
    assert {"statement", "text", "repful_for", "group_agree", "others_agree"} <= set(rep)
    assert result["consensus"]["agree"] and result["divisive"]
    assert sum(g["size"] for g in result["groups"]) == len(
        [p for p in result["participants"] if p["group"] is not None])


def test_the_command_says_when_it_had_only_the_final_votes():
    out = io.StringIO()
    call_command("opinionmap", str(FIXTURE), "--format", "json", stdout=out)
    history = json.loads(out.getvalue())["history"]
    assert history["replayed"] is False and "final votes only" in history["note"]
    out = io.StringIO()
    call_command("opinionmap", str(FIXTURE), stdout=out)
    assert "alleen uit de eindstand" in out.getvalue()


def test_the_command_replays_votes_csv_and_groups_whom_polis_let_in_early():
    # scoop-hivemind: two participants with 1 and 3 votes entered the conversation early
    # and have a Pol.is group; only the history can tell
    out = io.StringIO()
    call_command("opinionmap", str(SHARED / "scoop-hivemind.biodiversity"), "--format", "json",
                 stdout=out)
    result = json.loads(out.getvalue())
    assert result["history"]["replayed"] is True
    assert result["history"]["entered_early"] >= 2
    group = {p["participant"]: p["group"] for p in result["participants"]}
    assert group[7] is not None and group[11] is not None  # 3 and 1 votes
    out = io.StringIO()
    call_command("opinionmap", str(SHARED / "scoop-hivemind.biodiversity"), stdout=out)
    assert "Geschiedenis nagespeeld" in out.getvalue()


def test_the_command_is_deterministic():
    runs = []
    for _ in range(2):
        out = io.StringIO()
        call_command("opinionmap", str(FIXTURE), "--format", "json", stdout=out)
        runs.append(out.getvalue())
    assert runs[0] == runs[1]


def test_the_command_explains_a_bad_path(tmp_path):
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("opinionmap", str(tmp_path / "nergens"), "--format", "json")
    (tmp_path / "comments.csv").write_text("comment-id,moderated,comment-body\n1,0,Hoi\n")
    (tmp_path / "participants-votes.csv").write_text("participant,group-id,1\n1,,ja\n")
    with pytest.raises(CommandError, match="geen geldige stem"):
        call_command("opinionmap", str(tmp_path), "--format", "json")


def test_an_upload_as_zip_or_as_two_csv_files_reads_the_same():
    a = read_upload(archive=_zip({"export/participants-votes.csv": VOTES,
                                  "export/comments.csv": COMMENTS, "export/summary.csv": b"x"}))
    b = read_upload(votes=_csv("v.csv", VOTES), comments=_csv("c.csv", COMMENTS))
    assert a.votes.shape == b.votes.shape == (150, 197)


@pytest.mark.parametrize("upload, message", [
    (lambda: {"archive": SimpleUploadedFile("x.zip", b"no zip at all")}, "geen geldig zip"),
    (lambda: {"archive": _zip({"comments.csv": COMMENTS})}, "ontbreekt"),
    (lambda: {"archive": _zip({"a/comments.csv": COMMENTS, "b/comments.csv": COMMENTS,
                               "participants-votes.csv": VOTES})}, "meer dan eens"),
    (lambda: {"votes": _csv("v.csv", b"participant,1\n1,1\n"),
              "comments": _csv("c.csv", COMMENTS)}, "mist de kolom"),
    (lambda: {"votes": _csv("v.csv", b"participant,group-id,1\n1,,yes\n"),
              "comments": _csv("c.csv", COMMENTS)}, "geen geldige stem"),
    (lambda: {"votes": _csv("v.csv", "deelnemer\n".encode("utf-16")),
              "comments": _csv("c.csv", COMMENTS)}, "UTF-8"),
    (lambda: {"votes": _csv("v.csv", VOTES)}, "allebei"),
])
def test_a_hostile_or_broken_upload_is_refused_with_a_clear_message(upload, message):
    with pytest.raises(ImportRefused, match=message):
        read_upload(**upload())


def test_a_file_over_the_limit_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(polis_upload, "MAX_BYTES", 1000)
    with pytest.raises(ImportRefused, match="groter dan"):
        read_upload(votes=_csv("v.csv", VOTES), comments=_csv("c.csv", COMMENTS))
    # a zip member that claims to be small but inflates beyond the limit stops at the limit
    with pytest.raises(ImportRefused, match="groter dan"):
        read_upload(archive=_zip({"participants-votes.csv": b"0" * 5000,
                                  "comments.csv": COMMENTS[:500]}))


def test_a_zip_cannot_write_outside_its_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    export = read_upload(archive=_zip({"../../participants-votes.csv": VOTES,
                                       "../comments.csv": COMMENTS}))
    assert export.votes.shape[0] == 150
    assert not list(tmp_path.parent.glob("*.csv")) and not list(tmp_path.glob("*.csv"))


@pytest.mark.django_db
def test_an_import_brings_statements_participants_and_votes_into_the_session(cast):
    v = vision(cast)
    export = read_upload(archive=_zip({"participants-votes.csv": VOTES,
                                       "comments.csv": COMMENTS}))
    snapshot = polis_import(v.session.vision, cast.facilitator, export, note="Pol.is: vtaiwan")
    assert v.statements.cards.count() == 197
    assert v.statements.cards.filter(hidden=True).count() == int(export.moderated_out.sum())
    assert Participant.objects.filter(session=v.session).count() == 150
    assert Vote.objects.filter(phase=v.statements).count() == int((export.votes == export.votes)
                                                                  .sum())
    assert snapshot.reason == "import" and snapshot.n_groups >= 2
    assert snapshot.n_participants == 150


@pytest.mark.django_db
def test_an_import_with_votes_csv_groups_whom_polis_let_in_early(cast):
    # scoop-hivemind: participants 7 and 11 (3 and 1 votes) entered Pol.is's conversation
    # early and have a Pol.is group; votes.csv in the zip lets the imported map keep them
    import gzip

    folder = SHARED / "scoop-hivemind.biodiversity"
    files = {name: gzip.decompress((folder / f"{name}.gz").read_bytes())
             for name in ("participants-votes.csv", "comments.csv", "votes.csv")}
    export = read_upload(archive=_zip(files))
    assert export.history is not None
    rows = [export.participant_ids.index(pid) for pid in (7, 11)]
    v = vision(cast)
    snapshot = polis_import(v.session.vision, cast.facilitator, export)
    labels = snapshot.data["map"]["labels"]
    assert all(labels[r] is not None for r in rows)
    polis = [g is not None for g in export.polis_groups]
    assert all(labels[r] is not None for r, grouped in enumerate(polis) if grouped)
    # without votes.csv the same export leaves them out: they have fewer than 7 votes
    files.pop("votes.csv")
    w = vision(cast)
    snapshot = polis_import(w.session.vision, cast.facilitator, read_upload(archive=_zip(files)))
    assert all(snapshot.data["map"]["labels"][r] is None for r in rows)


@pytest.mark.django_db
def test_an_import_into_a_session_that_already_has_votes_is_refused(cast):
    v = vision(cast)
    cards = seed(v)
    planted_votes(v, cards, n_participants=5)
    export = read_upload(votes=_csv("v.csv", VOTES), comments=_csv("c.csv", COMMENTS))
    from bedoeling.live.services import LiveError

    before = (Card.objects.count(), Vote.objects.count(), Participant.objects.count())
    with pytest.raises(LiveError, match="al stellingen"):
        polis_import(v.session.vision, cast.facilitator, export)
    assert (Card.objects.count(), Vote.objects.count(), Participant.objects.count()) == before
    assert not OpinionMapSnapshot.objects.exists()


@pytest.mark.django_db
def test_the_import_page_refuses_a_broken_export_and_stores_nothing(cast, client_for):
    v = vision(cast)
    client = client_for(cast.facilitator)
    url = f"/o/{cast.org.slug}/bedoeling/visie/{v.session.pk}/importeren/"
    response = client.post(url, {"votes": _csv("v.csv", b"participant,group-id,1\n1,,2\n"),
                                 "comments": _csv("c.csv", COMMENTS)})
    assert response.status_code == 400
    assert "geen geldige stem" in response.content.decode()
    assert not Card.objects.exists() and not Vote.objects.exists()
    response = client.post(url, {"archive": _zip({"participants-votes.csv": VOTES,
                                                  "comments.csv": COMMENTS})})
    assert response.status_code == 302
    assert Card.objects.filter(phase=v.statements).count() == 197


@pytest.mark.django_db
def test_the_import_page_speaks_english_to_an_english_facilitator(cast, client_for):
    v = vision(cast)
    client = client_for(cast.facilitator)
    client.cookies["django_language"] = "en"
    url = f"/o/{cast.org.slug}/bedoeling/visie/{v.session.pk}/importeren/"
    response = client.post(url, {"votes": _csv("v.csv", b"participant,1\n1,1\n"),
                                 "comments": _csv("c.csv", COMMENTS)},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "lacks the column" in response.content.decode()

"""Tests for the Pol.is export reader (no Django, no database)."""

from __future__ import annotations

import csv
import gzip
import io
import os
from pathlib import Path

import numpy as np
import pytest

from bedoeling.insights import polis_export
from bedoeling.insights.polis_export import PolisExportError, read_polis_export

FIXTURE = Path(__file__).resolve().parent / "data" / "polis-vtaiwan-uberx-150"


# the five shared Pol.is conversations (CC BY 4.0, see data/polis/ATTRIBUTION.md)
SHARED = Path(__file__).resolve().parent / "data" / "polis"

VOTES_HEADER = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2\n"
COMMENTS = (
    "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
    "1,x,0,0,1,0,1,Eerste stelling\n"
    "2,x,1,0,1,0,-1,Weggemodereerd\n"
    '3,x,2,0,0,1,0,"Met, komma"\n'
)


def write_export(folder: Path, votes: str | None = None, comments: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if votes is None:
        votes = VOTES_HEADER + "0,0,1,3,1,1,1,-1,0\n5,,0,1,0,0,,,0\n"
    if comments is None:
        comments = COMMENTS
    (folder / "participants-votes.csv").write_text(votes, encoding="utf-8")
    (folder / "comments.csv").write_text(comments, encoding="utf-8")
    return folder


def assert_error(excinfo: pytest.ExceptionInfo[PolisExportError], code: str) -> None:
    err = excinfo.value
    assert err.code == code
    assert str(err) == err.message  # Dutch message is the str()
    assert err.message_en and err.message_en != err.message


# --------------------------------------------------------------------------- happy paths


def test_a_small_export_is_read_into_a_votes_matrix(tmp_path):
    export = read_polis_export(write_export(tmp_path / "conv"))
    assert export.participant_ids == [0, 5]
    assert export.statement_ids == [0, 1, 2]
    assert export.statement_texts == ["Eerste stelling", "Weggemodereerd", "Met, komma"]
    assert export.moderated_out.tolist() == [False, True, False]
    assert export.polis_groups == [0, None]
    np.testing.assert_array_equal(export.votes[0], [1, -1, 0])
    assert np.isnan(export.votes[1, 0]) and np.isnan(export.votes[1, 1])
    assert export.votes[1, 2] == 0


def test_the_trimmed_vtaiwan_fixture_is_read_completely():
    export = read_polis_export(FIXTURE)
    assert export.votes.shape == (150, 197)
    assert export.participant_ids[:3] == [0, 1, 2]
    assert int(export.moderated_out.sum()) == 78
    assert sum(g is not None for g in export.polis_groups) == 146
    # the per-participant n-votes column agrees with the matrix
    with open(FIXTURE / "participants-votes.csv", newline="", encoding="utf-8") as fh:
        n_votes = [int(r["n-votes"]) for r in csv.DictReader(fh)]
    assert (~np.isnan(export.votes)).sum(1).tolist() == n_votes
    assert set(np.unique(export.votes[~np.isnan(export.votes)])) <= {-1.0, 0.0, 1.0}


def test_comments_nobody_voted_on_become_empty_columns(tmp_path):
    comments = COMMENTS + "4,x,7,0,0,0,1,Nog niet gestemd\n"
    export = read_polis_export(write_export(tmp_path / "c", comments=comments))
    assert export.statement_ids == [0, 1, 2, 7]
    assert np.isnan(export.votes[:, 3]).all()
    assert export.statement_texts[3] == "Nog niet gestemd"


def test_newer_exports_with_an_xid_column_are_read(tmp_path):
    votes = (
        "participant,xid,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2\n"
        "0,abc,1,0,2,1,1,1,-1,\n"
    )
    export = read_polis_export(write_export(tmp_path / "c", votes=votes))
    assert export.polis_groups == [1]
    np.testing.assert_array_equal(export.votes[0, :2], [1, -1])


def test_a_symlink_to_a_file_inside_the_folder_is_allowed(tmp_path):
    folder = write_export(tmp_path / "c")
    (folder / "comments.csv").rename(folder / "real-comments.csv")
    os.symlink(folder / "real-comments.csv", folder / "comments.csv")
    assert read_polis_export(folder).statement_ids == [0, 1, 2]


def test_gzip_compressed_files_are_read_like_plain_ones(tmp_path):
    plain = read_polis_export(write_export(tmp_path / "plain"))
    folder = write_export(tmp_path / "gz")
    for name in ("participants-votes.csv", "comments.csv"):
        data = (folder / name).read_bytes()
        (folder / (name + ".gz")).write_bytes(gzip.compress(data))
        (folder / name).unlink()
    packed = read_polis_export(folder)
    assert packed.statement_ids == plain.statement_ids
    np.testing.assert_array_equal(packed.votes, plain.votes)


def test_a_broken_gzip_file_is_refused(tmp_path):
    folder = write_export(tmp_path / "c")
    (folder / "comments.csv").unlink()
    (folder / "comments.csv.gz").write_bytes(b"\x1f\x8b not really gzip")
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(folder)
    assert_error(excinfo, "bad_gzip")


def test_a_gzip_file_that_unpacks_beyond_the_limit_is_refused(tmp_path):
    folder = write_export(tmp_path / "c")
    (folder / "comments.csv").unlink()
    big = COMMENTS.encode() + b"\n" * 200_000
    (folder / "comments.csv.gz").write_bytes(gzip.compress(big))
    assert (folder / "comments.csv.gz").stat().st_size < 10_000
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(folder, max_bytes=100_000)
    assert_error(excinfo, "too_large")


HISTORY = (
    "timestamp,datetime,comment-id,voter-id,vote\n"
    "30,x,2,5,0\n"
    "10,x,0,0,1\n"
    "20,x,1,0,1\n"
    "20,x,2,0,-1\n"
    "40,x,9,0,1\n"  # a statement the export does not know
)


def test_votes_csv_gives_the_history_in_time_order(tmp_path):
    folder = write_export(tmp_path / "c")
    (folder / "votes.csv").write_text(HISTORY, encoding="utf-8")
    history = read_polis_export(folder).history
    assert history is not None
    assert history.times.tolist() == [10, 20, 20, 30]
    assert history.rows.tolist() == [0, 0, 0, 1]  # participant 5 is row 1
    assert history.cols.tolist() == [0, 1, 2, 2]
    assert history.values.tolist() == [1.0, 1.0, -1.0, 0.0]
    assert history.skipped == 1


def test_without_votes_csv_there_is_no_history(tmp_path):
    assert read_polis_export(write_export(tmp_path / "c")).history is None


def test_a_bad_vote_in_votes_csv_is_refused(tmp_path):
    folder = write_export(tmp_path / "c")
    (folder / "votes.csv").write_text(HISTORY.replace("30,x,2,5,0", "30,x,2,5,7"))
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(folder)
    assert_error(excinfo, "bad_vote")


def test_every_shared_conversation_is_read_and_matches_its_summary():
    folders = sorted(p for p in SHARED.iterdir() if (p / "participants-votes.csv.gz").is_file())
    assert len(folders) >= 5
    for folder in folders:
        export = read_polis_export(folder)
        summary = dict(
            row[:2]
            for row in csv.reader(io.StringIO(gzip.open(folder / "summary.csv.gz").read().decode()))
            if row
        )
        assert export.votes.shape[0] == int(summary["voters"])
        groups = {g for g in export.polis_groups if g is not None}
        assert len(groups) == int(summary["groups"])


# --------------------------------------------------------------------------- hostile input


def test_a_missing_folder_is_refused_with_a_dutch_message(tmp_path):
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(tmp_path / "bestaat-niet")
    assert_error(excinfo, "not_a_folder")
    assert "bestaat niet" in str(excinfo.value)
    assert "does not exist" in excinfo.value.message_en


def test_a_file_instead_of_a_folder_is_refused(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(tmp_path / "file")
    assert_error(excinfo, "not_a_folder")


@pytest.mark.parametrize("missing", ["participants-votes.csv", "comments.csv"])
def test_a_missing_file_is_refused(tmp_path, missing):
    folder = write_export(tmp_path / "c")
    (folder / missing).unlink()
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(folder)
    assert_error(excinfo, "missing_file")
    assert missing in str(excinfo.value) and "ontbreekt" in str(excinfo.value)


@pytest.mark.parametrize(
    ("which", "content", "column"),
    [
        ("votes", "participant,n-votes,0\n1,1,1\n", "group-id"),
        ("votes", "group-id,n-votes,0\n1,1,1\n", "participant"),
        ("comments", "comment-id,comment-body\n0,x\n", "moderated"),
        ("comments", "moderated,comment-body\n1,x\n", "comment-id"),
    ],
)
def test_missing_columns_are_named_in_the_error(tmp_path, which, content, column):
    kwargs = {which: content}
    folder = write_export(tmp_path / "c", **kwargs)
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(folder)
    assert_error(excinfo, "missing_columns")
    assert column in str(excinfo.value) and column in excinfo.value.message_en


@pytest.mark.parametrize("bad", ["ja", "2", "0.5", "1e9", "nan"])
def test_non_numeric_or_out_of_range_votes_are_refused(tmp_path, bad):
    votes = VOTES_HEADER + f"0,0,1,3,1,1,1,{bad},0\n"
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(write_export(tmp_path / "c", votes=votes))
    assert_error(excinfo, "bad_vote")
    assert "regel 2" in str(excinfo.value) and "line 2" in excinfo.value.message_en


def test_a_non_numeric_participant_id_is_refused(tmp_path):
    votes = VOTES_HEADER + "abc,0,1,3,1,1,1,-1,0\n"
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(write_export(tmp_path / "c", votes=votes))
    assert_error(excinfo, "bad_number")


def test_a_non_numeric_moderation_value_is_refused(tmp_path):
    comments = "comment-id,moderated,comment-body\n0,misschien,x\n"
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(write_export(tmp_path / "c", comments=comments))
    assert_error(excinfo, "bad_number")


def test_a_duplicate_participant_is_refused(tmp_path):
    votes = VOTES_HEADER + "0,0,1,3,1,1,1,-1,0\n0,0,1,3,1,1,1,-1,0\n"
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(write_export(tmp_path / "c", votes=votes))
    assert_error(excinfo, "duplicate")


def test_a_duplicate_statement_column_is_refused(tmp_path):
    votes = "participant,group-id,0,0\n0,0,1,1\n"
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(write_export(tmp_path / "c", votes=votes))
    assert_error(excinfo, "duplicate")


def test_a_row_with_the_wrong_number_of_fields_is_refused(tmp_path):
    votes = VOTES_HEADER + "0,0,1,3,1,1,1,-1\n"
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(write_export(tmp_path / "c", votes=votes))
    assert_error(excinfo, "ragged_row")


def test_text_that_is_not_utf8_is_refused(tmp_path):
    folder = write_export(tmp_path / "c")
    (folder / "comments.csv").write_bytes(b"comment-id,moderated,comment-body\n0,1,\xff\xfe\n")
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(folder)
    assert_error(excinfo, "encoding")


def test_broken_csv_quoting_is_refused(tmp_path):
    comments = 'comment-id,moderated,comment-body\n0,1,"open quote\n'
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(write_export(tmp_path / "c", comments=comments))
    assert_error(excinfo, "csv_syntax")


def test_an_empty_file_is_refused(tmp_path):
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(write_export(tmp_path / "c", comments=""))
    assert_error(excinfo, "empty")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    folder = write_export(tmp_path / "c")
    # a sparse 60 MB file: over the default 50 MB limit without using the disk
    with open(folder / "participants-votes.csv", "r+b") as fh:
        fh.truncate(60 * 1024 * 1024)
    reads: list[int] = []
    real_fdopen = os.fdopen

    def spying_fdopen(fd, *args, **kwargs):
        fh = real_fdopen(fd, *args, **kwargs)
        real_read = fh.read

        class Spy:
            def __getattr__(self, name):
                return getattr(fh, name)

            def __enter__(self):
                fh.__enter__()
                return self

            def __exit__(self, *exc):
                return fh.__exit__(*exc)

            def read(self, n=-1):
                reads.append(n)
                return real_read(n)

        return Spy()

    monkeypatch.setattr(polis_export.os, "fdopen", spying_fdopen)
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(folder)
    assert_error(excinfo, "too_large")
    assert "50 MB" in str(excinfo.value)
    assert reads == []  # refused on its size, nothing was read


def test_the_size_limit_can_be_lowered(tmp_path):
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(write_export(tmp_path / "c"), max_bytes=20)
    assert_error(excinfo, "too_large")


def test_a_matrix_with_too_many_cells_is_refused(tmp_path):
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(write_export(tmp_path / "c"), max_cells=3)
    assert_error(excinfo, "too_many_cells")


def test_a_header_with_too_many_columns_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(polis_export, "MAX_COLUMNS", 5)
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(write_export(tmp_path / "c"))
    assert_error(excinfo, "too_many_columns")


def test_a_symlink_pointing_outside_the_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text(COMMENTS, encoding="utf-8")
    folder = write_export(tmp_path / "c")
    (folder / "comments.csv").unlink()
    os.symlink(secret, folder / "comments.csv")
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(folder)
    assert_error(excinfo, "symlink_outside")


def test_a_relative_symlink_climbing_out_of_the_folder_is_refused(tmp_path):
    (tmp_path / "outside.csv").write_text(COMMENTS, encoding="utf-8")
    folder = write_export(tmp_path / "c")
    (folder / "comments.csv").unlink()
    os.symlink("../outside.csv", folder / "comments.csv")
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(folder)
    assert_error(excinfo, "symlink_outside")


def test_a_folder_outside_the_allowed_root_is_refused(tmp_path):
    root = tmp_path / "uploads"
    root.mkdir()
    write_export(tmp_path / "elders")
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(root / ".." / "elders", root=root)
    assert_error(excinfo, "outside_root")
    write_export(root / "ok")
    assert read_polis_export(root / "ok", root=root).statement_ids == [0, 1, 2]


def test_a_fifo_in_place_of_a_file_is_refused_without_blocking(tmp_path):
    folder = write_export(tmp_path / "c")
    (folder / "comments.csv").unlink()
    os.mkfifo(folder / "comments.csv")
    with pytest.raises(PolisExportError) as excinfo:
        read_polis_export(folder)
    assert_error(excinfo, "not_a_file")


def test_only_the_known_files_are_opened(tmp_path, monkeypatch):
    folder = write_export(tmp_path / "c")
    (folder / "summary.csv").write_text("not read")
    (folder / "votes.csv").write_text(HISTORY)
    opened: list[str] = []
    real_open = os.open

    def spying_open(path, *args, **kwargs):
        opened.append(os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(polis_export.os, "open", spying_open)
    read_polis_export(folder)
    assert sorted(Path(p).name for p in opened) == [
        "comments.csv",
        "participants-votes.csv",
        "votes.csv",
    ]
    assert all(Path(p).parent == folder.resolve() for p in opened)

"""A careful reader for Pol.is conversation exports (no Django).

Only these files are read, by their fixed names, from the given folder:
``participants-votes.csv`` and ``comments.csv``, and ``votes.csv`` (every vote with its
time, which lets the map replay the conversation as Pol.is saw it) when it is there. Each
may also be gzip-compressed (``participants-votes.csv.gz``; the plain file wins when both
exist). Anything unexpected raises
``PolisExportError`` with a Dutch message (``str(error)`` / ``.message``), an English one
(``.message_en``) and a stable ``.code``:

- the folder or a file is missing, or is not a regular file (FIFOs, devices: refused);
- a file is a symlink that points outside the folder;
- the folder lies outside ``root`` (when given: protects against ``../`` in user input);
- a file is larger than ``max_bytes`` (checked with ``stat`` before reading, and enforced
  again while reading);
- a ``.gz`` file is not valid gzip, or unpacks to more than ``max_bytes``;
- the text is not UTF-8, the CSV is malformed, required columns are missing, a row has the
  wrong number of fields, ids or votes are not numbers, votes are not -1/0/1, ids repeat;
- the matrix would be unreasonably large (``max_cells``, ``MAX_COLUMNS``); these limits
  are checked before anything large is built, the CSV is parsed row by row.

The Pol.is data is CC BY 4.0 (The Computational Democracy Project); exports carry that
licence, keep the attribution with any data you import.
"""

from __future__ import annotations

import csv
import io
import math
import operator
import os
import stat
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = [
    "DEFAULT_MAX_BYTES",
    "PolisExport",
    "PolisExportError",
    "VoteHistory",
    "read_polis_export",
]

VOTES_FILE = "participants-votes.csv"
COMMENTS_FILE = "comments.csv"
HISTORY_FILE = "votes.csv"
GZIP_SUFFIX = ".gz"
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_CELLS = 25_000_000
MAX_COLUMNS = 100_000  # statements (and columns) per export
# known non-statement columns of participants-votes.csv (newer exports add "xid")
_META_COLUMNS = {
    "participant",
    "xid",
    "group-id",
    "n-comments",
    "n-votes",
    "n-agree",
    "n-disagree",
}


class PolisExportError(ValueError):
    """Invalid or unsafe Pol.is export. ``str()`` is Dutch; see ``message_en`` and ``code``."""

    def __init__(self, code: str, message: str, message_en: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.message_en = message_en


@dataclass
class VoteHistory:
    """Every vote of ``votes.csv`` in time order (stable for equal times): when it was
    cast (milliseconds since 1970), by whom (row of ``PolisExport.votes``), on which
    statement (column) and how (1, -1, 0). Votes by participants or on statements that the
    other two files do not know are left out (``skipped`` counts them)."""

    times: np.ndarray  # int64
    rows: np.ndarray  # int64
    cols: np.ndarray  # int64
    values: np.ndarray  # float
    skipped: int = 0

    def __len__(self) -> int:
        return len(self.times)


@dataclass
class PolisExport:
    votes: np.ndarray  # participants x statements: 1 agree, -1 disagree, 0 pass, NaN not seen
    participant_ids: list[int]
    statement_ids: list[int]
    statement_texts: list[str]
    moderated_out: np.ndarray  # bool per statement (comments.csv moderated == -1)
    polis_groups: list[int | None]  # Pol.is's own group-id per participant (None: unclustered)
    history: VoteHistory | None = None  # votes.csv, when the export has it


def read_polis_export(
    folder: str | os.PathLike[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    root: str | os.PathLike[str] | None = None,
    max_cells: int = DEFAULT_MAX_CELLS,
) -> PolisExport:
    """Read a Pol.is export folder into a votes matrix and statement metadata.

    Statements are the comment columns of ``participants-votes.csv`` in file order,
    followed by comments nobody voted on (sorted by id) as all-NaN columns.
    """
    base = _resolve_folder(folder, root)
    votes_text = _read_text(base, VOTES_FILE, max_bytes)
    comments_text = _read_text(base, COMMENTS_FILE, max_bytes)
    history_text = (
        _read_text(base, HISTORY_FILE, max_bytes) if _present(base, HISTORY_FILE) else None
    )

    comments = _parse_comments(comments_text)
    participant_ids, groups, statement_ids, votes = _parse_votes(votes_text, max_cells)

    extra = sorted(set(comments) - set(statement_ids))
    if extra:
        if votes.shape[0] * (len(statement_ids) + len(extra)) > max_cells:
            raise _too_many_cells(max_cells)
        votes = np.hstack([votes, np.full((votes.shape[0], len(extra)), np.nan)])
        statement_ids = statement_ids + extra
    texts = [comments.get(s, ("", 0))[0] for s in statement_ids]
    moderated = np.array([comments.get(s, ("", 0))[1] == -1 for s in statement_ids], dtype=bool)
    history = None
    if history_text is not None:
        history = _parse_history(history_text, participant_ids, statement_ids)
    return PolisExport(
        votes=votes,
        participant_ids=participant_ids,
        statement_ids=statement_ids,
        statement_texts=texts,
        moderated_out=moderated,
        polis_groups=groups,
        history=history,
    )


# --------------------------------------------------------------------------- file access


def _resolve_folder(folder: str | os.PathLike[str], root: str | os.PathLike[str] | None) -> Path:
    try:
        base = Path(folder).resolve(strict=True)
    except (OSError, RuntimeError):
        raise PolisExportError(
            "not_a_folder",
            f"De map {os.fspath(folder)!r} bestaat niet.",
            f"The folder {os.fspath(folder)!r} does not exist.",
        ) from None
    if not base.is_dir():
        raise PolisExportError(
            "not_a_folder",
            f"{os.fspath(folder)!r} is geen map.",
            f"{os.fspath(folder)!r} is not a folder.",
        )
    if root is not None:
        root_path = Path(root).resolve()
        if base != root_path and root_path not in base.parents:
            raise PolisExportError(
                "outside_root",
                "De map ligt buiten de toegestane map.",
                "The folder lies outside the allowed folder.",
            )
    return base


def _present(base: Path, name: str) -> bool:
    return any(os.path.lexists(base / n) for n in (name, name + GZIP_SUFFIX))


def _read_text(base: Path, name: str, max_bytes: int) -> str:
    """The text of ``name`` (or of ``name.gz``, unpacked, when only that exists)."""
    gz = not os.path.lexists(base / name) and os.path.lexists(base / (name + GZIP_SUFFIX))
    data = _read_bytes(base, name + GZIP_SUFFIX if gz else name, max_bytes)
    if gz:
        data = _gunzip(data, name, max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PolisExportError(
            "encoding",
            f"{name} is geen geldige UTF-8-tekst.",
            f"{name} is not valid UTF-8 text.",
        ) from None


def _gunzip(data: bytes, name: str, max_bytes: int) -> bytes:
    """Unpack gzip data, stopping at ``max_bytes`` (a small file may unpack to a huge one)."""
    unpacker = zlib.decompressobj(wbits=31)
    try:
        out = unpacker.decompress(data, max_bytes + 1)
    except zlib.error:
        out = None
    if out is None or (not unpacker.eof and len(out) <= max_bytes):
        raise PolisExportError(
            "bad_gzip",
            f"{name}.gz is geen geldig gzip-bestand.",
            f"{name}.gz is not a valid gzip file.",
        )
    if len(out) > max_bytes:
        raise _too_large(name, max_bytes)
    return out


def _read_bytes(base: Path, name: str, max_bytes: int) -> bytes:
    path = base / name
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise PolisExportError(
            "missing_file",
            f"Het bestand {name} ontbreekt in de export.",
            f"The file {name} is missing from the export.",
        ) from None
    except OSError:
        raise _unreadable(name) from None
    target = path
    if stat.S_ISLNK(st.st_mode):
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise PolisExportError(
                "missing_file",
                f"Het bestand {name} verwijst naar een bestand dat niet bestaat.",
                f"The file {name} is a link to a file that does not exist.",
            ) from None
        if base not in target.parents:
            raise PolisExportError(
                "symlink_outside",
                f"Het bestand {name} verwijst naar een bestand buiten de exportmap; "
                "dat lezen we niet.",
                f"The file {name} is a link to a file outside the export folder; it is not read.",
            )
    try:
        fd = os.open(
            target, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        )
    except OSError:
        raise _unreadable(name) from None
    with os.fdopen(fd, "rb") as fh:
        fst = os.fstat(fh.fileno())
        if not stat.S_ISREG(fst.st_mode):
            raise PolisExportError(
                "not_a_file",
                f"{name} is geen gewoon bestand.",
                f"{name} is not a regular file.",
            )
        if fst.st_size > max_bytes:
            raise _too_large(name, max_bytes)
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew while we looked
        raise _too_large(name, max_bytes)
    return data


def _unreadable(name: str) -> PolisExportError:
    return PolisExportError(
        "unreadable",
        f"Het bestand {name} kan niet gelezen worden.",
        f"The file {name} cannot be read.",
    )


def _too_large(name: str, max_bytes: int) -> PolisExportError:
    mb = max_bytes / (1024 * 1024)
    return PolisExportError(
        "too_large",
        f"{name} is groter dan de toegestane {mb:g} MB.",
        f"{name} is larger than the allowed {mb:g} MB.",
    )


def _too_many_cells(max_cells: int) -> PolisExportError:
    return PolisExportError(
        "too_many_cells",
        f"De export is te groot: meer dan {max_cells:,} deelnemer-stelling-combinaties.",
        f"The export is too large: more than {max_cells:,} participant-statement cells.",
    )


# --------------------------------------------------------------------------- parsing


def _rows(text: str, name: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header and a lazy iterator of (line number, row); rows are checked for their
    number of fields. Nothing large is built before the caller's own limits are checked."""
    first = text.split("\n", 1)[0]
    if first.count(",") >= MAX_COLUMNS:
        raise PolisExportError(
            "too_many_columns",
            f"{name} heeft meer dan {MAX_COLUMNS:,} kolommen.",
            f"{name} has more than {MAX_COLUMNS:,} columns.",
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next((r for r in reader if r), None)
    except csv.Error as exc:
        raise _csv_error(name, exc) from None
    if header is None:
        raise PolisExportError("empty", f"{name} is leeg.", f"{name} is empty.")
    header = [h.strip() for h in header]

    def body() -> Iterator[tuple[int, list[str]]]:
        try:
            for row in reader:
                if not row:
                    continue  # blank lines are harmless
                if len(row) != len(header):
                    line = reader.line_num
                    raise PolisExportError(
                        "ragged_row",
                        f"{name}, regel {line}: {len(row)} velden, verwacht {len(header)}.",
                        f"{name}, line {line}: {len(row)} fields, expected {len(header)}.",
                    )
                yield reader.line_num, row
        except csv.Error as exc:
            raise _csv_error(name, exc) from None

    return header, body()


def _csv_error(name: str, exc: csv.Error) -> PolisExportError:
    return PolisExportError(
        "csv_syntax",
        f"{name} is geen geldig CSV-bestand ({exc}).",
        f"{name} is not a valid CSV file ({exc}).",
    )


def _require(header: list[str], needed: tuple[str, ...], name: str) -> dict[str, int]:
    missing = [c for c in needed if c not in header]
    if missing:
        cols = ", ".join(missing)
        raise PolisExportError(
            "missing_columns",
            f"{name} mist de kolom(men): {cols}.",
            f"{name} lacks the column(s): {cols}.",
        )
    dup = {c for c, n in Counter(header).items() if n > 1 and (c in needed or _is_int(c))}
    if dup:
        cols = ", ".join(sorted(dup))
        raise PolisExportError(
            "duplicate",
            f"{name} heeft dubbele kolommen: {cols}.",
            f"{name} has duplicate columns: {cols}.",
        )
    return {c: header.index(c) for c in needed}


def _is_int(s: str) -> bool:
    s = s.strip()
    return s.lstrip("-").isdigit() and s.isascii()


def _int(value: str, name: str, line: int, column: str) -> int:
    v = value.strip()
    if not _is_int(v) or len(v) > 18:
        raise PolisExportError(
            "bad_number",
            f"{name}, regel {line}, kolom {column}: {value[:40]!r} is geen geheel getal.",
            f"{name}, line {line}, column {column}: {value[:40]!r} is not an integer.",
        )
    return int(v)


def _parse_comments(text: str) -> dict[int, tuple[str, int]]:
    header, body = _rows(text, COMMENTS_FILE)
    col = _require(header, ("comment-id", "moderated", "comment-body"), COMMENTS_FILE)
    out: dict[int, tuple[str, int]] = {}
    for line, row in body:
        if len(out) >= MAX_COLUMNS:
            raise PolisExportError(
                "too_many_columns",
                f"{COMMENTS_FILE} heeft meer dan {MAX_COLUMNS:,} stellingen.",
                f"{COMMENTS_FILE} has more than {MAX_COLUMNS:,} statements.",
            )
        cid = _int(row[col["comment-id"]], COMMENTS_FILE, line, "comment-id")
        mod = _int(row[col["moderated"]], COMMENTS_FILE, line, "moderated")
        if mod not in (-1, 0, 1):
            raise PolisExportError(
                "bad_number",
                f"{COMMENTS_FILE}, regel {line}: moderated moet -1, 0 of 1 zijn.",
                f"{COMMENTS_FILE}, line {line}: moderated must be -1, 0 or 1.",
            )
        if cid in out:
            raise PolisExportError(
                "duplicate",
                f"{COMMENTS_FILE}, regel {line}: stelling {cid} komt dubbel voor.",
                f"{COMMENTS_FILE}, line {line}: statement {cid} appears twice.",
            )
        out[cid] = (row[col["comment-body"]], mod)
    return out


_VOTE_VALUES = {
    "": math.nan,
    "1": 1.0,
    "-1": -1.0,
    "0": 0.0,
    "1.0": 1.0,
    "-1.0": -1.0,
    "0.0": 0.0,
    "-0": 0.0,
}


def _vote(cell: str, name: str, line: int, column: str) -> float:
    v = _VOTE_VALUES.get(cell.strip())
    if v is None:
        raise PolisExportError(
            "bad_vote",
            f"{name}, regel {line}, stelling {column}: {cell[:40]!r} is geen "
            "geldige stem (1, -1, 0 of leeg).",
            f"{name}, line {line}, statement {column}: {cell[:40]!r} is not a "
            "valid vote (1, -1, 0 or empty).",
        )
    return v


def _cells_getter(cols: list[int]):  # type: ignore[no-untyped-def]
    if len(cols) == 1:
        return lambda row: (row[cols[0]],)
    return operator.itemgetter(*cols)


def _parse_votes(
    text: str, max_cells: int
) -> tuple[list[int], list[int | None], list[int], np.ndarray]:
    name = VOTES_FILE
    header, body = _rows(text, name)
    col = _require(header, ("participant", "group-id"), name)
    # statement columns have integer names; unknown other columns are ignored
    stmt_cols = [i for i, h in enumerate(header) if h not in _META_COLUMNS and _is_int(h)]
    statement_ids = [int(header[i]) for i in stmt_cols]
    # an upper bound on the rows (a row takes at least one line) before allocating
    max_rows = text.count("\n") + 1
    if max_rows * max(len(stmt_cols), 1) > max_cells:
        raise _too_many_cells(max_cells)

    votes = np.full((max_rows, len(stmt_cols)), np.nan)
    getter = _cells_getter(stmt_cols)
    pids: list[int] = []
    groups: list[int | None] = []
    seen_pids: set[int] = set()
    for r, (line, row) in enumerate(body):
        pid = _int(row[col["participant"]], name, line, "participant")
        if pid in seen_pids:
            raise PolisExportError(
                "duplicate",
                f"{name}, regel {line}: deelnemer {pid} komt dubbel voor.",
                f"{name}, line {line}: participant {pid} appears twice.",
            )
        seen_pids.add(pid)
        pids.append(pid)
        g = row[col["group-id"]].strip()
        groups.append(None if g == "" else _int(g, name, line, "group-id"))
        if not stmt_cols:
            continue
        cells = getter(row)
        try:
            votes[r] = [_VOTE_VALUES[c] for c in cells]
        except KeyError:
            votes[r] = [_vote(c, name, line, header[stmt_cols[j]]) for j, c in enumerate(cells)]
    votes = votes[: len(pids)].copy()
    return pids, groups, statement_ids, votes


def _parse_history(
    text: str, participant_ids: list[int], statement_ids: list[int]
) -> VoteHistory:
    """votes.csv: ``timestamp, comment-id, voter-id, vote`` (other columns ignored)."""
    name = HISTORY_FILE
    header, body = _rows(text, name)
    col = _require(header, ("timestamp", "comment-id", "voter-id", "vote"), name)
    row_of = {p: i for i, p in enumerate(participant_ids)}
    col_of = {s: j for j, s in enumerate(statement_ids)}
    times: list[int] = []
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    skipped = 0
    for line, row in body:
        t = _int(row[col["timestamp"]], name, line, "timestamp")
        sid = _int(row[col["comment-id"]], name, line, "comment-id")
        pid = _int(row[col["voter-id"]], name, line, "voter-id")
        v = _vote(row[col["vote"]], name, line, str(sid))
        if math.isnan(v):
            raise PolisExportError(
                "bad_vote",
                f"{name}, regel {line}: een stem ontbreekt.",
                f"{name}, line {line}: a vote is missing.",
            )
        i, j = row_of.get(pid), col_of.get(sid)
        if i is None or j is None:
            skipped += 1
            continue
        times.append(t)
        rows.append(i)
        cols.append(j)
        values.append(v)
    t_arr = np.asarray(times, dtype=np.int64)
    order = np.argsort(t_arr, kind="stable")
    return VoteHistory(
        times=t_arr[order],
        rows=np.asarray(rows, dtype=np.int64)[order],
        cols=np.asarray(cols, dtype=np.int64)[order],
        values=np.asarray(values, dtype=float)[order],
        skipped=skipped,
    )

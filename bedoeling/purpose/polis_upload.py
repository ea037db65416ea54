"""Turn an uploaded Pol.is export (a zip, or its two CSV files) into a `PolisExport`.

Nothing from the upload decides a path: the files (and votes.csv, when a zip has it) are written under fixed names into a
fresh temporary folder and read from there by `bedoeling.insights.polis_export`, which
checks everything inside them. A zip is read member by member with a hard size limit, so
a zip bomb stops at the limit; encrypted members, links and duplicates are refused."""

from __future__ import annotations

import logging
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bedoeling.insights.polis_export import (
    COMMENTS_FILE,
    HISTORY_FILE,
    VOTES_FILE,
    PolisExport,
    PolisExportError,
    read_polis_export,
)

log = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
CHUNK = 1024 * 1024
WANTED = (VOTES_FILE, COMMENTS_FILE)
OPTIONAL = (HISTORY_FILE,)  # every vote with its time: who Pol.is let in early


class ImportRefused(Exception):
    """The upload cannot be imported; the message says why, in the user's language."""


def _too_large(name: str) -> ImportRefused:
    return ImportRefused(_("%(name)s is groter dan %(mb)s MB; zo groot kan een export hier "
                           "niet zijn.") % {"name": name, "mb": MAX_BYTES // (1024 * 1024)})


def _copy(source, target: Path, name: str) -> None:
    written = 0
    with open(target, "wb") as out:
        while True:
            chunk = source.read(CHUNK)
            if not chunk:
                break
            written += len(chunk)
            if written > MAX_BYTES:
                raise _too_large(name)
            out.write(chunk)


def _from_zip(upload, folder: Path) -> None:
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportRefused(_("Dit is geen geldig zip-bestand. Upload de zip die Pol.is "
                              "maakt, of de twee CSV-bestanden los.")) from None
    with archive:
        found: dict[str, zipfile.ZipInfo] = {}
        for info in archive.infolist():
            if info.is_dir():
                continue
            name = PurePosixPath(info.filename.replace("\\", "/")).name
            if name not in WANTED + OPTIONAL:
                continue  # Pol.is exports hold more files; only these are read
            if name in found:
                raise ImportRefused(_("De zip bevat %(name)s meer dan eens. Upload één "
                                      "export tegelijk.") % {"name": name})
            mode = info.external_attr >> 16
            if mode and stat.S_ISLNK(mode):
                raise ImportRefused(_("%(name)s in de zip is een koppeling naar een ander "
                                      "bestand; dat lezen we niet.") % {"name": name})
            if info.flag_bits & 0x1:
                raise ImportRefused(_("De zip is versleuteld. Upload een zip zonder "
                                      "wachtwoord."))
            if info.file_size > MAX_BYTES:
                raise _too_large(name)
            found[name] = info
        missing = [name for name in WANTED if name not in found]
        if missing:
            raise ImportRefused(_("In de zip ontbreekt %(name)s. Een Pol.is-export bevat "
                                  "participants-votes.csv en comments.csv.")
                                % {"name": ", ".join(missing)})
        for name, info in found.items():
            try:
                with archive.open(info) as source:
                    _copy(source, folder / name, name)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError,
                    NotImplementedError):
                raise ImportRefused(_("%(name)s kon niet uit de zip worden gelezen; het "
                                      "bestand is beschadigd.") % {"name": name}) from None


def read_upload(*, archive=None, votes=None, comments=None) -> PolisExport:
    """The export in an uploaded zip, or in the two uploaded CSV files."""
    for upload in (archive, votes, comments):
        if upload is not None and upload.size > MAX_BYTES:
            raise _too_large(upload.name)
    folder = Path(tempfile.mkdtemp(prefix="bedoeling-polis-"))
    try:
        if archive is not None:
            _from_zip(archive, folder)
        elif votes is not None and comments is not None:
            _copy(votes, folder / VOTES_FILE, VOTES_FILE)
            _copy(comments, folder / COMMENTS_FILE, COMMENTS_FILE)
        else:
            raise ImportRefused(_("Kies een zip, of allebei de CSV-bestanden."))
        try:
            return read_polis_export(folder, MAX_BYTES, root=folder)
        except PolisExportError as error:
            log.info("polis import refused: %s", error.code)
            english = (get_language() or "").startswith("en")
            raise ImportRefused(error.message_en if english else str(error)) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)

"""A session's harvest as a table, for CSV and XLSX: one row per thing a phase produced
(a card, a group, a tally), with the phase it came from. Each block says what its rows are
(`Block.csv_rows`); the files are written by `bedoeling.lib.exports`, which escapes them."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from bedoeling.accounts.audit import audit
from bedoeling.lib import exports
from bedoeling.live.registry import block_for

FORMATS = ("csv", "xlsx")


def harvest_table(session) -> tuple[list, list[list]]:
    header = [_("fase"), _("bouwsteen"), _("titel"), _("onderdeel"), _("waarde"), _("extra")]
    rows = []
    for phase in session.phases.all():
        block = block_for(phase.kind)
        for row in block.csv_rows(phase):
            rows.append([phase.position + 1, phase.kind, phase.shown_title, *row])
    return header, rows


def harvest_export(session, actor, fmt: str) -> tuple[bytes, str, str]:
    """The harvest of `session` as CSV or XLSX: (content, media type, file name); audited."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    header, rows = harvest_table(session)
    name = f"oogst-{session.code}.{fmt}"
    if fmt == "csv":
        content, media = exports.to_csv(header, rows), exports.CSV_MEDIA_TYPE
    else:
        about = exports.Sheet(pgettext("spreadsheet tab about the export", "Toelichting"), [], [
            [_("Oogst van ‘%(title)s’ (%(org)s).")
             % {"title": session.title, "org": session.organisation.name}],
            [_("Deelnemers: %(count)s.") % {"count": session.participants.count()}],
            [_("Gemaakt op %(date)s.") % {"date": timezone.localdate().isoformat()}],
        ])
        content = exports.to_xlsx([exports.Sheet(_("Oogst"), header, rows), about])
        media = exports.XLSX_MEDIA_TYPE
    audit(session.organisation, actor, "live.export",
          gettext_noop("Oogst van ‘%(title)s’ geëxporteerd"),
          session=session.pk, title=session.title, format=fmt)
    return content, media, name

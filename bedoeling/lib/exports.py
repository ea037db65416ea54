"""Every table the product hands out as a spreadsheet file (CSV or XLSX) is written here.

Formula injection: a cell that a spreadsheet would read as a formula (``=HYPERLINK(…)``,
``=cmd|' /C calc'!A0``, ``@SUM(…)``, ``+1-2``) is neutralised by `spreadsheet_text`, the one
escaping function. OWASP's list (``= + - @``, tab, carriage return) is extended with line feed
and NUL (ASVS 1.2.10), the full-width forms ``＝ ＋ － ＠`` that some spreadsheets accept as
the ASCII ones, and a formula hidden behind leading spaces or invisible characters. CSV gets
a leading apostrophe; XLSX gets a text cell with Excel's own "quote prefix" (what Excel itself
stores when a person types ``'=…``), so the sheet shows the text as it was written. Control
characters that XLSX cannot hold (and NUL in CSV) are dropped.

The CSV convention is the one Dutch Excel opens with a double click: `;` between cells (the
Dutch list separator, because `,` is the decimal comma), a UTF-8 byte order mark (without it
Excel reads UTF-8 as Windows-1252 and mangles é and ë), decimal commas in numbers, ISO dates
(which Excel reads as dates in every language) and CRLF line ends. LibreOffice and Numbers
detect all of it. A program that reads the file should use `;` and `utf-8-sig`.

openpyxl writes the XLSX; Python's csv module quotes. What is left by hand is the escaping,
which neither does."""

import csv
import io
import re
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

CSV_SEPARATOR = ";"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_FORMULA_START = frozenset("=+-@\t\r\n\0＝＋－＠")
# What may stand before a formula and still let a spreadsheet see it: spaces, no-break
# spaces, zero-width characters, bidi marks and overrides, the byte order mark.
_INVISIBLE_LEAD = re.compile("^[\\s\u00a0\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+")
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")


def looks_like_formula(text: str) -> bool:
    if not text:
        return False
    if text[0] in _FORMULA_START:
        return True
    stripped = _INVISIBLE_LEAD.sub("", text)
    return bool(stripped) and stripped != text and stripped[0] in _FORMULA_START


def spreadsheet_text(value: str) -> tuple[str, bool]:
    """`value` made safe for a spreadsheet: the text without the control characters a
    spreadsheet cannot hold, and whether it must be marked as text (it reads as a formula)."""
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    return text, looks_like_formula(value)


def csv_cell(value):
    """One CSV cell: text escaped, numbers with a decimal comma, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",") if value == value else ""
    if isinstance(value, int):
        return value
    text, formula = spreadsheet_text(str(value))
    return "'" + text if formula else text


def xlsx_cell(sheet, value, *, bold: bool = False):
    if isinstance(value, str):
        text, formula = spreadsheet_text(value)
        cell = WriteOnlyCell(sheet, value=text)
        # Assigning a string that starts with "=" makes openpyxl write a formula; say it is
        # text, and mark it the way Excel marks a typed apostrophe.
        cell.data_type = "s"
        if formula:
            cell.quotePrefix = True
    else:
        cell = WriteOnlyCell(sheet, value=value)
    if bold:
        cell.font = Font(bold=True)
    return cell


@dataclass
class Sheet:
    """One table: a title (the XLSX tab), a header row and rows of plain values (str, int,
    float, date or None). A tab of explanations is a Sheet without a header."""

    title: str
    header: list
    rows: list[list] = field(default_factory=list)


def to_csv(header: list, rows: list[list]) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=CSV_SEPARATOR, lineterminator="\r\n")
    writer.writerow([csv_cell(v) for v in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def sheet_title(title: str, taken: set) -> str:
    """An XLSX tab name: at most 31 characters, none of \\ / * ? : [ ], unique."""
    base = _SHEET_TITLE_FORBIDDEN.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", title)).strip()
    base = base.strip("'")[:31] or "Blad"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def to_xlsx(sheets: list[Sheet]) -> bytes:
    workbook = Workbook(write_only=True)
    taken: set = set()
    for table in sheets:
        sheet = workbook.create_sheet(sheet_title(table.title, taken))
        if table.header:
            sheet.freeze_panes = "A2"
            sheet.append([xlsx_cell(sheet, v, bold=True) for v in table.header])
        for row in table.rows:
            sheet.append([xlsx_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""Does a case's text seem to name a person? A warning, never a refusal: the writer knows
her case, the patterns only guess. Written by hand because what counts in Dutch casework
(a BSN with its elfproef, a postcode, "mevrouw Jansen", a dossier number) is small and
specific; a general named-entity model would be heavy and still miss the BSN."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

BSN = "bsn"
BIRTH_DATE = "birth_date"
ADDRESS = "address"
CLIENT_NUMBER = "client_number"
NAME = "name"

WHY = {
    NAME: _("Een naam maakt iemand herkenbaar, ook voor collega's die de persoon kennen. "
            "Gebruik een letter of een rol: ‘leerling A’, ‘mevrouw K.’, ‘de moeder’."),
    BIRTH_DATE: _("Een geboortedatum wijst samen met de situatie al snel één persoon aan. "
                  "Schrijf een leeftijd of groep: ‘een jongen van 9’."),
    ADDRESS: _("Een adres of postcode wijst een huishouden aan. Noem hooguit de wijk of "
               "‘in de buurt van school’."),
    BSN: _("Een burgerservicenummer is een bijzonder gevoelig gegeven en hoort nooit in "
           "een casus. Haal het weg."),
    CLIENT_NUMBER: _("Met een cliënt-, dossier- of leerlingnummer vindt iedereen met "
                     "toegang tot het systeem de persoon terug. Laat het weg."),
}

LABEL = {
    NAME: _("een naam"),
    BIRTH_DATE: _("een geboortedatum"),
    ADDRESS: _("een adres of postcode"),
    BSN: _("een BSN"),
    CLIENT_NUMBER: _("een cliënt- of dossiernummer"),
}

MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
          "november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec")
_NUMERIC_DATE = re.compile(r"\b(0?[1-9]|[12]\d|3[01])[-/.](0?[1-9]|1[0-2])[-/.](19|20)\d\d\b")
_WRITTEN_DATE = re.compile(rf"\b(0?[1-9]|[12]\d|3[01])\s+({MONTHS})\.?\s+(19|20)\d\d\b",
                           re.IGNORECASE)
_BORN = re.compile(r"\bgeboren\s+(op\s+)?\d{1,2}\s*[-/.]?\s*\w+", re.IGNORECASE)
_NINE_DIGITS = re.compile(r"(?<![\d.\-])(\d{4}[.\s]?\d{2}[.\s]?\d{3}|\d{3}[.\s]?\d{3}[.\s]?\d{3})"
                          r"(?![\d\-])")
# Dutch postcodes never use the letter pairs SA, SD and SS.
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b")
_STREET = re.compile(r"\b[A-Z][a-zà-ÿ]+(straat|laan|weg|plein|gracht|dijk|singel|kade|hof|"
                     r"dreef|steeg|pad|park|markt|erf)\s+\d{1,4}\s?[a-zA-Z]?\b")
_CLIENT_NUMBER = re.compile(
    r"\b(cli[eë]nt|klant|dossier|leerling|relatie|zaak|registratie|bsn)[- ]?"
    r"(nummer|nr\.?|no\.?|id)\s*[:#]?\s*[A-Z]{0,3}[-\s]?\d{3,}", re.IGNORECASE)
_HONORIFIC = re.compile(
    r"\b(?i:meneer|mevrouw|mevr\.|mw\.|dhr\.|de heer|juf|juffrouw|meester|moeder|vader|"
    r"opa|oma|tante|oom)\s+((van|de|der|den|el|al|ter|ten)\s+)*"
    r"([A-Z][a-zà-ÿ'’]+)(?!\.)\b")
_PARTICLE_NAME = re.compile(
    r"\b[A-Z][a-zà-ÿ]{1,}\s+(van der|van den|van de|van|de|der|den|el|al|ter|ten|in ’t|in 't)"
    r"\s+[A-Z][a-zà-ÿ]{2,}\b")
_TWO_CAPITALS = re.compile(r"(?<![.!?:]\s)(?<!^)\b([A-Z][a-zà-ÿ]{1,})\s+([A-Z][a-zà-ÿ]{2,})\b",
                           re.MULTILINE)
# Pairs of capitalised words that are places or institutions, not people.
_NOT_A_FIRST_WORD = {"Den", "De", "Het", "Een", "Sint", "Nieuw", "Oud", "Groot", "Klein",
                     "Basisschool", "Gemeente", "Stichting", "Team", "Groep", "Wet", "Dit",
                     "Kan", "Niet", "Waar", "Sociaal", "Jeugd", "Bureau", "Veilig", "Thuis"}


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str

    @property
    def label(self):
        return LABEL[self.kind]

    @property
    def why(self):
        return WHY[self.kind]


def elfproef(digits: str) -> bool:
    """The check every BSN passes: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11."""
    if len(digits) != 9 or not digits.isdigit() or digits == "0" * 9:
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def _names(text: str) -> list[str]:
    found = [m.group(0) for m in _HONORIFIC.finditer(text)]
    found += [m.group(0) for m in _PARTICLE_NAME.finditer(text)
              if m.group(0).split()[0] not in _NOT_A_FIRST_WORD]
    for match in _TWO_CAPITALS.finditer(text):
        start = match.start()
        before = text[:start].rstrip()
        # The first word of a sentence is capitalised anyway: "Toen Jan" is no name pair.
        if not before or before[-1] in ".!?:\n\"“‘(":
            continue
        if match.group(1) not in _NOT_A_FIRST_WORD:
            found.append(match.group(0))
    return found


def findings(text: str) -> list[Finding]:
    """What in `text` looks like personal data, one finding per kind and text."""
    text = text or ""
    result: list[Finding] = []

    def add(kind, value):
        finding = Finding(kind, " ".join(value.split()))
        if finding not in result:
            result.append(finding)

    for name in _names(text):
        add(NAME, name)
    for pattern in (_NUMERIC_DATE, _WRITTEN_DATE):
        for match in pattern.finditer(text):
            add(BIRTH_DATE, match.group(0))
    if not any(f.kind == BIRTH_DATE for f in result):
        for match in _BORN.finditer(text):
            add(BIRTH_DATE, match.group(0))
    for pattern in (_POSTCODE, _STREET):
        for match in pattern.finditer(text):
            add(ADDRESS, match.group(0))
    for match in _CLIENT_NUMBER.finditer(text):
        add(CLIENT_NUMBER, match.group(0))
    for match in _NINE_DIGITS.finditer(text):
        if elfproef(re.sub(r"\D", "", match.group(0))):
            add(BSN, match.group(0))
    return result

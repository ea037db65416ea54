import pytest

from bedoeling.cases import pii


def kinds(text):
    return {f.kind for f in pii.findings(text)}


@pytest.mark.parametrize("text, kind", [
    ("Ik sprak mevrouw Jansen over haar zoon.", pii.NAME),
    ("Mevrouw Jansen belde boos.", pii.NAME),
    ("Toen kwam Jan de Vries binnen.", pii.NAME),
    ("We hadden Fatima el Amrani aan de lijn.", pii.NAME),
    ("Ik zei tegen Pieter Bakker dat het goed was.", pii.NAME),
    ("Hij is geboren op 12-03-2015.", pii.BIRTH_DATE),
    ("Geboortedatum 4 mei 2016, groep 5.", pii.BIRTH_DATE),
    ("Ze woont op 2345 KL in de wijk.", pii.ADDRESS),
    ("Het gezin woont aan de Kerkstraat 12a.", pii.ADDRESS),
    ("Zijn BSN is 111222333.", pii.BSN),
    ("Nummer 1112.22.333 stond op het formulier.", pii.BSN),
    ("Zie clientnummer 48211 in het systeem.", pii.CLIENT_NUMBER),
    ("Dossiernr: WMO-20931", pii.CLIENT_NUMBER),
])
def test_it_warns_for_personal_data(text, kind):
    assert kind in kinds(text)


@pytest.mark.parametrize("text", [
    "Leerling A en mevrouw K. kwamen samen naar school.",
    "Een jongen van 9 uit groep 5 wilde niet naar binnen.",
    "Op 3 maart hadden we overleg met de moeder.",
    "De Wilgenhoek is een openbare basisschool.",
    "Ze woont in Den Haag, vlak bij het station.",
    "Gemeente Lindeveld betaalde de traplift niet.",
    "Het ordernummer van de traplift was lang.",
    "We belden 123456789 keer, zo voelde het.",  # nine digits that fail the elfproef
    "De aanvraag kostte 2500 euro en 3 weken.",
    "Toen Jan binnenkwam, was het stil.",  # one first name is how people are pseudonymised
])
def test_it_does_not_warn_for_ordinary_casework(text):
    assert kinds(text) == set()


@pytest.mark.parametrize("number, valid", [
    ("111222333", True), ("123456782", True), ("123456789", False), ("000000000", False),
    ("12345678", False),
])
def test_the_elfproef_tells_a_bsn_from_nine_random_digits(number, valid):
    assert pii.elfproef(number) is valid


def test_every_finding_says_why_to_pseudonymise():
    found = pii.findings("Mevrouw Jansen, BSN 111222333, Kerkstraat 1, 01-02-2010, "
                         "clientnummer 12345")
    assert {f.kind for f in found} == set(pii.WHY)
    assert all(str(f.why) and str(f.label) for f in found)

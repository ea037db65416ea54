import pytest

from bedoeling.insights.themes import coherence, describe, find_themes

FORMS = [
    "Mevrouw moest het aanvraagformulier voor de bijzondere bijstand drie keer opnieuw "
    "invullen omdat een bijlage ontbrak.",
    "Bij het loket van de gemeente werd de aanvraag afgewezen: het formulier was niet "
    "ondertekend en de bijlage was onleesbaar.",
    "Voor elke aanvraag vraagt de gemeente weer dezelfde bijlagen en een kopie van het "
    "paspoort, ook als die al in het dossier zitten.",
    "Het formulier voor de parkeervergunning heeft twaalf pagina's; de aanvraag stopt als "
    "één vakje leeg blijft.",
    "Een vader kon de aanvraag niet digitaal indienen en moest het formulier uitprinten, "
    "ondertekenen en met de bijlagen naar het loket brengen.",
    "De gemeente stuurde de aanvraag terug omdat de handtekening op het formulier buiten "
    "het vakje stond.",
    "Het aanvraagformulier voor de bijstand vraagt bijlagen die de gemeente zelf al heeft "
    "in het dossier.",
    "Aan het loket legde ik uit welke bijlage bij het formulier hoort, want de aanvraag "
    "was al twee keer afgewezen.",
]
SCHOOL = [
    "De leerling had thuis grote problemen, maar de toetsweek ging gewoon door en het "
    "rapport moest af.",
    "Als mentor moet ik elk lesplan in het leerlingvolgsysteem zetten, terwijl de klas "
    "vooral aandacht nodig heeft.",
    "Een leerling kreeg een onvoldoende voor de toets omdat hij ziek was tijdens de "
    "toetsweek; herkansen mocht niet.",
    "De docent zag dat de klas onrustig was, maar het lesplan schreef een toets voor.",
    "Mijn leerling wilde praten over thuis, maar ik moest de cijfers van de toets "
    "invoeren voor het rapport.",
    "De mentor van de klas vroeg om minder toetsen zodat er tijd is voor de leerling.",
    "Het lesplan en de toetsweek bepalen het ritme in de klas, niet wat een leerling nodig "
    "heeft.",
    "Voor het rapport telt alleen het cijfer van de toets, niet hoe de leerling "
    "gegroeid is in de klas.",
]
CORPUS = FORMS + SCHOOL


def test_two_distinct_subjects_become_two_themes():
    result = find_themes(CORPUS)
    assert result.n_themes == 2
    forms = {result.assignment[i] for i in range(len(FORMS))}
    school = {result.assignment[i] for i in range(len(FORMS), len(CORPUS))}
    assert len(forms) == 1 and len(school) == 1
    assert forms != school and None not in forms | school


def test_theme_labels_use_written_words_not_stems():
    result = find_themes(CORPUS)
    words = {w for theme in result.themes for w in theme.words}
    assert {"aanvraag", "formulier", "leerling", "toets"} <= words
    assert "leerl" not in words and "aanvrag" not in words
    school = result.themes[result.assignment[-1]]
    assert "leerling" in school.label


def test_theme_terms_are_weighted_strongest_first():
    for theme in find_themes(CORPUS).themes:
        weights = [w for _, w in theme.terms]
        assert weights[0] == 1.0
        assert weights == sorted(weights, reverse=True)
        assert all(0 < w <= 1 for w in weights)


def test_typical_texts_belong_to_their_theme():
    result = find_themes(CORPUS, top_documents=3)
    for theme in result.themes:
        assert len(theme.typical) == 3
        assert all(result.assignment[i] == theme.number for i in theme.typical)


def test_theme_sizes_count_their_texts_and_largest_comes_first():
    result = find_themes(CORPUS)
    sizes = [theme.size for theme in result.themes]
    assert sum(sizes) == len(CORPUS)
    assert sizes == sorted(sizes, reverse=True)
    for theme in result.themes:
        assert theme.size == len(result.members(theme.number))


def test_same_texts_give_the_same_themes():
    assert find_themes(CORPUS) == find_themes(list(CORPUS))


def test_number_of_themes_can_be_fixed():
    result = find_themes(CORPUS, n_themes=3)
    assert result.n_themes == 3
    assert result.coherence == {}


def test_automatic_choice_reports_the_coherence_of_every_number_tried():
    result = find_themes(CORPUS, min_themes=2, max_themes=4)
    assert sorted(result.coherence) == [2, 3, 4]
    eligible = {k: v for k, v in result.coherence.items() if k not in result.too_small}
    assert result.n_themes == max(eligible, key=eligible.get)
    assert 4 in result.too_small


def test_text_without_theme_words_is_left_unassigned():
    result = find_themes(CORPUS + ["Ja, dat is zo.", ""])
    assert result.assignment[-2:] == (None, None)
    assert result.strength[-2:] == (0.0, 0.0)
    assert result.unassigned() == [len(CORPUS), len(CORPUS) + 1]


def test_strict_share_leaves_mixed_texts_unassigned():
    mixed = "De leerling moest een formulier invullen voor de aanvraag van een toets."
    loose = find_themes(CORPUS + [mixed], min_share=0.0)
    strict = find_themes(CORPUS + [mixed], min_share=0.99)
    assert loose.assignment[-1] is not None
    assert strict.assignment[-1] is None


def test_why_names_the_words_that_tie_a_text_to_its_theme():
    result = find_themes(CORPUS)
    reasons = result.why(1)
    assert reasons and set(reasons) <= {w for t in result.themes for w in t.words} | set(
        "loket gemeente afgewezen ondertekend onleesbaar".split()
    )
    assert "aanvraag" in reasons or "formulier" in reasons


def test_empty_and_wordless_input_give_no_themes():
    assert find_themes([]).themes == ()
    result = find_themes(["", "en de het", "ja"])
    assert result.themes == () and result.assignment == (None, None, None)


def test_tiny_input_gives_at_most_what_it_can_carry():
    result = find_themes(["formulier aanvraag bijlage", "formulier aanvraag loket"])
    assert result.n_themes <= 1


def test_large_input_is_fitted_on_a_sample_and_assigns_every_text():
    corpus = CORPUS * 40
    result = find_themes(corpus, fit_size=100, select_size=50)
    assert result.fitted_on == 100
    assert len(result.assignment) == len(corpus)
    assert result.assignment[: len(CORPUS)] == result.assignment[len(CORPUS) : 2 * len(CORPUS)]
    assert find_themes(corpus, fit_size=100, select_size=50) == result


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        find_themes(CORPUS, min_share=1.5)
    with pytest.raises(ValueError):
        find_themes(CORPUS, n_themes=0)
    with pytest.raises(ValueError):
        find_themes(CORPUS, min_themes=5, max_themes=3)


def test_coherence_is_high_for_words_that_occur_together():
    import numpy as np
    from scipy import sparse

    presence = sparse.csc_matrix(np.array([[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1]] * 3))
    together = coherence([np.array([0, 1])], presence)
    apart = coherence([np.array([0, 2])], presence)
    assert together == pytest.approx(1.0)
    assert apart == -1.0


def test_description_lists_every_theme():
    result = find_themes(CORPUS)
    text = describe(result)
    assert text.count("\n") + 1 >= result.n_themes
    assert result.themes[0].label in text


def test_themes_do_not_depend_on_the_python_hash_seed():
    # Set and dict order of strings changes with PYTHONHASHSEED; results must not.
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "from bedoeling.insights.tests.test_themes import CORPUS\n"
        "from bedoeling.insights.themes import find_themes\n"
        "r = find_themes(CORPUS)\n"
        "print(repr((r.themes, r.assignment, r.strength, r.coherence)))\n"
    )
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True,
        check=True,
    )
    r = find_themes(CORPUS)  # this process runs with a random hash seed
    assert done.stdout == repr((r.themes, r.assignment, r.strength, r.coherence)) + "\n"

from bedoeling.insights.dutch import (
    STOP_WORDS,
    Analyzer,
    content_words,
    fold_accents,
    is_stop_word,
    stem,
    tokenize,
)


def test_tokens_are_lowercase_words_of_at_least_three_letters():
    assert tokenize("De Aanvraag is nu AF, zei ik.") == ["aanvraag", "zei"]


def test_punctuation_digits_and_apostrophes_separate_words():
    assert tokenize("auto's, e-mailadres; 2024-formulier (bijlage)!") == [
        "auto",
        "mailadres",
        "formulier",
        "bijlage",
    ]


def test_accented_words_stay_whole_and_keep_their_accents():
    assert tokenize("Ééntje voor de cliënten, één ideeën-avond") == [
        "ééntje",
        "voor",
        "cliënten",
        "één",
        "ideeën",
        "avond",
    ]


def test_decomposed_accents_are_treated_like_composed_ones():
    decomposed = "clie\u0308nt"  # 'e' followed by a combining diaeresis
    assert tokenize(decomposed) == ["cliënt"]


def test_stop_word_list_covers_function_words_and_filler():
    for word in ["de", "het", "een", "en", "van", "ik", "je", "niet", "dat", "die",
                 "gewoon", "echt", "heel", "eigenlijk", "hebben", "worden"]:
        assert word in STOP_WORDS
    assert 240 <= len(STOP_WORDS) <= 400


def test_domain_words_are_not_stop_words():
    for word in ["regel", "regels", "formulier", "klant", "bedoeling", "gemeente", "school"]:
        assert word not in STOP_WORDS


def test_stop_words_match_regardless_of_accents():
    assert fold_accents("één") == "een"
    assert is_stop_word("één")
    assert is_stop_word("dáár")


def test_content_words_leave_out_stop_words():
    assert content_words("Ik moest gewoon echt heel veel formulieren invullen") == [
        "formulieren",
        "invullen",
    ]


def test_numbers_written_out_say_no_more_than_digits():
    assert content_words("Drie weken wachten, twee keer bellen") == content_words(
        "3 weken wachten, 2 keer bellen") == ["weken", "wachten", "bellen"]


def test_plural_and_singular_share_a_stem():
    assert stem("formulieren") == stem("formulier")
    assert stem("aanvragen") == stem("aanvraag")
    assert stem("leraren") == stem("leraar")


def test_stemmer_keeps_apart_words_that_only_share_a_prefix():
    # The Snowball 3 'dutch' algorithm strips 'ge-' and merges these; we must not.
    assert stem("gemeente") != stem("mening")
    assert stem("gezin") != stem("zin")


def test_analyzer_returns_stems_without_stop_words():
    analyzer = Analyzer()
    assert analyzer("De formulieren en het formulier") == ["formulier", "formulier"]


def test_stem_is_shown_as_its_most_frequent_written_form():
    analyzer = Analyzer()
    analyzer("formulieren formulieren formulier")
    analyzer("nog meer formulieren")
    assert analyzer.surface(stem("formulier")) == "formulieren"
    assert analyzer.forms(stem("formulier")) == ["formulieren", "formulier"]


def test_equally_frequent_written_forms_are_shown_alphabetically():
    analyzer = Analyzer()
    analyzer("regels regel")
    assert analyzer.surface(stem("regel")) == "regel"


def test_unknown_stem_is_shown_as_itself():
    assert Analyzer().surface("xyz") == "xyz"


def test_custom_stop_words_are_respected():
    analyzer = Analyzer(stop_words={"formulier"})
    assert analyzer("formulier aanvraag") == [stem("aanvraag")]

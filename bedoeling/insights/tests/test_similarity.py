import pytest

from bedoeling.insights.similarity import CardGroup, CardSimilarity, similar_to, suggest_groups

CARDS = [
    "Het aanvraagformulier is veel te lang",  # 0
    "Te veel formulieren voor één aanvraag",  # 1
    "Dat formulier voor de aanvraag snapt niemand",  # 2
    "Leerlingen krijgen te veel toetsen",  # 3
    "Minder toetsen, meer aandacht voor de leerling",  # 4
    "Elke week weer een toets voor de leerlingen",  # 5
    "Koffie in de pauze",  # 6
    "",  # 7
]


def test_cards_about_the_same_thing_are_suggested_together():
    groups = suggest_groups(CARDS, threshold=0.2)
    members = [set(g.members) for g in groups]
    assert {1, 2} <= members[0] or {1, 2} <= members[1]
    assert any({3, 4, 5} == m for m in members)
    assert all(not ({1, 2} & m and {3, 4, 5} & m) for m in members)


def test_suggestion_explains_itself_with_shared_words():
    groups = suggest_groups(CARDS, threshold=0.2)
    school = next(g for g in groups if 3 in g.members)
    # Every card of the group is about pupils; "toetsen" is on two of the three cards
    # (the third says "toets"), so only the word all three share explains them.
    assert "leerlingen" in school.shared
    assert school.explanation.startswith("deze kaarten delen: ")
    assert "leerlingen" in school.explanation


def test_shared_words_are_shown_as_written_not_as_stems():
    forms = next(g for g in suggest_groups(CARDS, threshold=0.2) if 1 in g.members)
    assert "aanvraag" in forms.shared
    assert "aanvrag" not in forms.shared


def test_unrelated_and_empty_cards_are_not_grouped():
    grouped = {i for g in suggest_groups(CARDS, threshold=0.2) for i in g.members}
    assert 6 not in grouped and 7 not in grouped
    model = CardSimilarity(CARDS)
    assert {6, 7} <= set(model.ungrouped(model.suggest_groups(0.2)))


def test_higher_threshold_gives_tighter_groups():
    loose = suggest_groups(CARDS, threshold=0.1)
    tight = suggest_groups(CARDS, threshold=0.9)
    assert sum(len(g.members) for g in tight) < sum(len(g.members) for g in loose)
    assert all(g.cohesion >= 0.9 for g in tight)


def test_groups_are_ordered_largest_first_with_sorted_members():
    groups = suggest_groups(CARDS, threshold=0.2)
    assert [len(g.members) for g in groups] == sorted(
        (len(g.members) for g in groups), reverse=True
    )
    assert all(list(g.members) == sorted(g.members) for g in groups)


def test_same_cards_give_the_same_suggestions():
    assert suggest_groups(CARDS) == suggest_groups(list(CARDS))


def test_identical_cards_always_belong_together():
    groups = suggest_groups(["Stop met dubbel registreren"] * 3 + ["Iets heel anders hier"])
    assert groups == [CardGroup((0, 1, 2), ("dubbel", "registreren", "stop"), 1.0)]


def test_similar_cards_are_ranked_most_similar_first():
    result = similar_to(CARDS, 4, top=3)
    assert [r.index for r in result][:2] in ([3, 5], [5, 3])
    assert [r.score for r in result] == sorted((r.score for r in result), reverse=True)
    assert all(0 < r.score <= 1 for r in result)
    assert "toetsen" in result[0].shared or "leerling" in result[0].shared


def test_similar_to_never_returns_the_card_itself_or_unrelated_cards():
    result = similar_to(CARDS, 0, top=10)
    indices = [r.index for r in result]
    assert 0 not in indices and 6 not in indices and 7 not in indices


def test_card_without_words_has_no_similar_cards():
    assert similar_to(CARDS, 7) == []


def test_unknown_card_index_is_refused():
    with pytest.raises(IndexError):
        similar_to(CARDS, 99)


def test_bad_threshold_is_refused():
    with pytest.raises(ValueError):
        suggest_groups(CARDS, threshold=0)
    with pytest.raises(ValueError):
        suggest_groups(CARDS, threshold=1.5)


def test_no_cards_or_only_stop_words_give_no_groups():
    assert suggest_groups([]) == []
    assert suggest_groups(["en de het", "ja"]) == []
    assert similar_to(["en de het", "ja"], 0) == []


def test_hundreds_of_cards_are_grouped_quickly():
    import time

    subjects = [
        ["formulier", "aanvraag", "bijlage"],
        ["wachtlijst", "intake", "verwijzing"],
        ["toets", "leerling", "rapport"],
        ["dashboard", "target", "productie"],
        ["toeslag", "terugvordering", "schuld"],
    ]
    filler = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
    cards = [
        " ".join([*subjects[i % 5][: 1 + i % 3], *subjects[i % 5][i % 3 :][:1], filler[i % 7]])
        for i in range(500)
    ]
    start = time.perf_counter()
    groups = suggest_groups(cards, threshold=0.3)
    assert time.perf_counter() - start < 5
    assert sum(len(g.members) for g in groups) == 500
    for group in groups:
        assert len({i % 5 for i in group.members}) == 1


def test_a_suggestions_shared_words_are_on_every_card_it_names():
    from bedoeling.insights.similarity import suggest_groups

    texts = ["Leerlingen hebben te weinig tijd voor lezen",
             "Leerlingen krijgen geen tijd om buiten te spelen",
             "Leerlingen mogen zelf kiezen wat ze lezen",
             "De leerlingen willen meer tijd voor lezen"]
    for group in suggest_groups(texts, threshold=0.05):
        for word in group.shared:
            stem = word[:5].lower()
            assert all(stem in texts[i].lower() for i in group.members), (word, group)

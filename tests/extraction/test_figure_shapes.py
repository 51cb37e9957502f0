"""Issue 12, figures: ranges as one figure, fractions and shares, vague magnitudes, whole
unit nouns, the yuan sign, and what is not a ranking."""

from __future__ import annotations

import pytest

from workbench.extraction.numbers import find_numeric


def figs(text: str, category: str | None = None) -> list[tuple[str, str, dict]]:
    out = []
    for f in find_numeric(text):
        assert text[f.start : f.end] == f.text
        if category is None or f.category == category:
            out.append((f.category, f.text, f.value))
    return out


# --- ranges ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "quote", "low", "high"),
    [
        ("Import duties climbed 14%-19% over the year.", "14%-19%", 14, 19),
        ("Approval sat between 55% and 65% all spring.", "between 55% and 65%", 55, 65),
        ("Rebates vary between 2.5% and 100% by county.", "between 2.5% and 100%", 2.5, 100),
        ("Margins of 8–12 percent are typical.", "8–12 percent", 8, 12),
    ],
)
def test_a_percentage_range_is_one_figure(sentence, quote, low, high) -> None:
    found = figs(sentence, "percentage")
    assert len(found) == 1, found
    _, text, value = found[0]
    assert (text, value["value"], value["value_max"]) == (quote, low, high)


def test_a_money_range_shares_its_multiplier() -> None:
    [(_, text, value)] = figs("The rebuild will cost $3-8 billion, engineers say.", "money")
    assert text == "$3-8 billion"
    assert (value["amount"], value["amount_max"]) == (3e9, 8e9)


def test_a_change_from_one_percentage_to_another_stays_two_figures() -> None:
    found = figs("Turnout went from 41% to 47% in four years.", "percentage")
    assert [(t, v["value"], v.get("value_max")) for _, t, v in found] == [
        ("from 41%", 41, None),
        ("47%", 47, None),
    ]


# --- fractions and shares -------------------------------------------------------------


def test_a_fraction_used_as_a_share_is_a_percentage_not_a_rank() -> None:
    found = figs("Of the fuel it burns, a third comes from Norway and a fifth from Qatar.")
    assert [(c, t) for c, t, _ in found] == [
        ("percentage", "a third"),
        ("percentage", "a fifth"),
    ]
    assert found[0][2]["value"] == pytest.approx(100 / 3, abs=1e-3)
    assert found[1][2]["value"] == 20


def test_nearly_half_is_about_fifty_percent() -> None:
    [(cat, text, value)] = figs("Nearly half of the orchards were replanted.")
    assert (cat, text, value) == ("percentage", "Nearly half", {"value": 50, "qualifier": "about"})


def test_an_ordinal_before_a_noun_is_still_a_rank() -> None:
    [(cat, _, value)] = figs("It was Mayor Lee's third visit to the plant.", "ranking")
    assert value["rank"] == 3


# --- vague magnitudes -----------------------------------------------------------------


def test_vague_money_is_an_approximate_lower_bound() -> None:
    [(cat, text, value)] = figs("The agency lost hundreds of millions of dollars in fees.")
    assert (cat, text) == ("money", "hundreds of millions of dollars")
    assert value["amount"] == 1e8
    assert value["qualifier"] == "at least"
    assert value["approximate"] is True


def test_vague_counts_are_an_approximate_lower_bound() -> None:
    [(_, _, value)] = figs("Tens of thousands of fans lined the route.")
    assert (value["value"], value["qualifier"], value["approximate"]) == (1e4, "at least", True)


# --- unit nouns -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("The warehouse covers 750,000 square feet.", "square feet"),
        ("The port handled 3.1 million metric tons last year.", "metric tons"),
        ("The mill employs 900 direct and 2,400 indirect workers.", "direct workers"),
        ("about 1,200 construction and 300 office jobs", "construction jobs"),
    ],
)
def test_the_unit_is_the_whole_noun(sentence, unit) -> None:
    first = figs(sentence, "quantity")[0]
    assert first[2]["unit"] == unit


def test_a_lone_adjective_is_never_a_unit() -> None:
    for _, _, value in figs("The mill employs 900 direct and 2,400 indirect workers."):
        assert value["unit"] not in ("direct", "indirect")


# --- currency signs -------------------------------------------------------------------


def test_the_yen_sign_after_rmb_is_the_yuan() -> None:
    [(_, text, value)] = figs("Its revenue reached RMB ¥12 billion.", "money")
    assert (text, value["currency"]) == ("RMB ¥12 billion", "CNY")
    [(_, _, value)] = figs("Box office takings in Osaka hit ¥900 million.", "money")
    assert value["currency"] == "JPY"


# --- not rankings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The first order of business is the harbor.",
        "She called it the most pro-consumer bill in years.",
        "They are the lowest-cost growers.",
        "Exports set a second straight annual record.",
        "The first line of defense is the levee.",
    ],
)
def test_idioms_and_compound_adjectives_are_not_rankings(sentence) -> None:
    assert figs(sentence, "ranking") == []


def test_a_superlative_with_a_comparison_set_is_a_ranking() -> None:
    [(_, text, value)] = figs("It is the largest grower of hops in the region.", "ranking")
    assert value["rank"] == 1
    assert text.startswith("largest grower of hops")


def test_a_count_between_two_numbers_is_one_range() -> None:
    [(_, text, value)] = figs("Between 40 and 55 ferries cross each day.", "quantity")
    assert (text, value["value"], value["value_max"], value["unit"]) == (
        "Between 40 and 55 ferries",
        40,
        55,
        "ferries",
    )

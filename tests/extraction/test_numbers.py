"""The numeric figure finder: money, percentages, quantities, rankings and number words."""

from __future__ import annotations

import re

import pytest

from workbench.extraction.numbers import find_numeric
from workbench.extraction.numerals import NUMERAL_PATTERN, parse_numeral


def figs(text: str, category: str | None = None) -> list[tuple[str, str, dict]]:
    """(category, text, value) of each figure, checking every offset on the way."""
    out = []
    for f in find_numeric(text):
        assert text[f.start : f.end] == f.text
        if category is None or f.category == category:
            out.append((f.category, f.text, f.value))
    return out


def only(text: str, category: str | None = None) -> tuple[str, str, dict]:
    """The single figure of text (of category, when given)."""
    found = figs(text, category)
    assert len(found) == 1, found
    return found[0]


# --- numerals -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("one", 1),
        ("twenty-five", 25),
        ("1,500", 1500),
        ("2.5", 2.5),
        ("1.2 million", 1.2e6),
        ("3bn", 3e9),
        ("a dozen", 12),
        ("tens of thousands", 1e4),
        ("half", 0.5),
        ("two hundred and fifty thousand", 250_000),
        ("a billion", 1e9),
        ("two and a half million", 2.5e6),
        ("Seventy Five", 75),
    ],
)
def test_parse_numeral_reads_digits_and_words(words: str, value: float) -> None:
    assert parse_numeral(words) == pytest.approx(value)


def test_parse_numeral_reads_fractions_and_rejects_non_numbers() -> None:
    assert parse_numeral("one-third") == pytest.approx(1 / 3)
    assert parse_numeral("two thirds") == pytest.approx(2 / 3)
    assert parse_numeral("banana") is None
    assert parse_numeral("") is None
    assert parse_numeral("9" * 40) is None


def test_numeral_pattern_matches_whole_numbers_in_running_text() -> None:
    found = [m.group() for m in re.finditer(NUMERAL_PATTERN, "Twenty-five of 1,200 and a dozen")]
    assert found == ["Twenty-five", "1,200", "a dozen"]


# --- money --------------------------------------------------------------------------


def test_reference_article_money_with_spans_and_qualifier() -> None:
    text = (
        "a $95-billion aid package that contains $61 billion for Ukraine, as well as "
        "$8 billion earmarked for Taiwan. The bill also contained over $25 billion for Israel."
    )
    assert figs(text) == [
        ("money", "$95-billion", {"amount": 95_000_000_000, "currency": "USD", "qualifier": None}),
        ("money", "$61 billion", {"amount": 61_000_000_000, "currency": "USD", "qualifier": None}),
        ("money", "$8 billion", {"amount": 8_000_000_000, "currency": "USD", "qualifier": None}),
        (
            "money",
            "over $25 billion",
            {"amount": 25_000_000_000, "currency": "USD", "qualifier": "over"},
        ),
    ]


@pytest.mark.parametrize(
    ("text", "span", "amount", "currency"),
    [
        ("a US$40 billion deal", "US$40 billion", 40e9, "USD"),
        ("worth GB £20.1 billion now", "GB £20.1 billion", 20.1e9, "GBP"),
        ("revenue of €3bn", "€3bn", 3e9, "EUR"),
        ("paid 1.2 trillion yuan", "1.2 trillion yuan", 1.2e12, "CNY"),
        ("it cost C$5 million", "C$5 million", 5e6, "CAD"),
        ("a A$3.2m grant", "A$3.2m", 3.2e6, "AUD"),
        ("spent ¥300 billion", "¥300 billion", 300e9, "JPY"),
        ("five million euros were lost", "five million euros", 5e6, "EUR"),
        ("A billion dollars is a lot", "A billion dollars", 1e9, "USD"),
        ("a USD$ 23 billion dollar deal", "USD$ 23 billion dollar", 23e9, "USD"),
        ("the program costs $99 (USD) to join", "$99 (USD)", 99, "USD"),
        ("profits equate to 26 cents per share", "26 cents", 0.26, "USD"),
        ("Rs 500 crore was spent", "Rs 500 crore", 5e9, "INR"),
        ("a million pounds was raised", "a million pounds", 1e6, "GBP"),
    ],
)
def test_money_currencies_and_multipliers(
    text: str, span: str, amount: float, currency: str
) -> None:
    category, found, value = only(text)
    assert (category, found, value["currency"]) == ("money", span, currency)
    assert value["amount"] == pytest.approx(amount)


def test_money_ranges_are_one_figure_with_amount_max() -> None:
    assert only("It costs $5-7 billion.")[2] == {
        "amount": 5e9,
        "amount_max": 7e9,
        "currency": "USD",
        "qualifier": None,
    }
    _, span, value = only("between $12 million and $20 million to fund it")
    assert span == "between $12 million and $20 million"
    assert (value["amount"], value["amount_max"]) == (12e6, 20e6)
    _, span, value = only("(about US$16 million to $28 million)")
    assert span == "about US$16 million to $28 million"
    assert value["qualifier"] == "about"


def test_money_change_from_to_is_two_figures() -> None:
    found = figs("Sales rose from $5 billion to $7 billion.")
    assert [(t, v["amount"]) for _, t, v in found] == [
        ("from $5 billion", 5e9),
        ("$7 billion", 7e9),
    ]


def test_bare_big_number_inherits_currency_of_earlier_money() -> None:
    found = figs("It asked for US$5 billion in aid on top of the four billion it received.")
    assert [(c, t, v["amount"], v["currency"]) for c, t, v in found] == [
        ("money", "US$5 billion", 5e9, "USD"),
        ("money", "four billion", 4e9, "USD"),
    ]


def test_pounds_without_multiplier_is_a_weight() -> None:
    assert only("He weighs 200 pounds.") == (
        "quantity",
        "200 pounds",
        {"value": 200, "unit": "pounds", "qualifier": None},
    )


# --- percentages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("inflation of 2.5 percent", "2.5 percent", 2.5),
        ("a 12.5% stake", "12.5%", 12.5),
        ("up 50 per cent on the year", "50 per cent", 50),
        ("GDP grew 2.1pc", "2.1pc", 2.1),
        ("about six percent of its workforce", "about six percent", 6),
        ("by as much as 3%.", "as much as 3%", 3),
    ],
)
def test_percentages(text: str, span: str, value: float) -> None:
    category, found, v = only(text)
    assert (category, found, v["value"]) == ("percentage", span, value)


def test_percentage_points_and_basis_points() -> None:
    assert only("rates rose 3 percentage points")[2] == {
        "value": 3,
        "qualifier": None,
        "unit": "percentage points",
    }
    assert only("cut by 25 basis points")[2]["value"] == pytest.approx(0.25)


def test_percentage_ranges_and_changes() -> None:
    assert only("improvements of 15-20% are needed")[2] == {
        "value": 15,
        "value_max": 20,
        "qualifier": None,
    }
    found = figs("jobs which make up 20 to 25 percent of the workforce")
    assert [(t, v["value"]) for _, t, v in found] == [("20", 20), ("25 percent", 25)]
    found = figs("it rose from 14% to 17% in a year")
    assert [(t, v["value"]) for _, t, v in found] == [("from 14%", 14), ("17%", 17)]


def test_fractions_used_as_proportions_are_percentages() -> None:
    assert only("One-third of the voters")[1:] == (
        "One-third",
        {"value": 33.333333, "qualifier": None},
    )
    assert only("roughly two thirds of members")[2] == {"value": 66.666667, "qualifier": "about"}
    assert only("About half of those cuts")[1] == "About half"
    assert figs("in the first half of the season, half an hour late") == []


def test_ratios_are_percentages() -> None:
    assert only("one in five adults")[1:] == (
        "one in five",
        {"value": 20, "qualifier": None, "ratio": [1, 5]},
    )


# --- quantities -----------------------------------------------------------------------


def test_quantities_with_units_and_qualifiers() -> None:
    text = (
        "More than 700 armored vehicles; at least 20 people; up to 60 jets; "
        "nearly 4,000 troops; an estimated 300 deaths; fewer than 10 cases; "
        "no more than 5 boats."
    )
    assert [(t, v["value"], v["unit"], v["qualifier"]) for _, t, v in figs(text)] == [
        ("More than 700 armored vehicles", 700, "armored vehicles", "over"),
        ("at least 20 people", 20, "people", "at least"),
        ("up to 60 jets", 60, "jets", "up to"),
        ("nearly 4,000 troops", 4000, "troops", "about"),
        ("an estimated 300 deaths", 300, "deaths", "about"),
        ("fewer than 10 cases", 10, "cases", "under"),
        ("no more than 5 boats", 5, "boats", "at most"),
    ]


def test_quantity_head_noun_phrase() -> None:
    text = "supply the USAF with 179 new aerial refueling tankers at a rate of 15 a year."
    assert [(t, v["unit"]) for _, t, v in figs(text)] == [
        ("179 new aerial refueling tankers", "new aerial refueling tankers"),
        ("15", None),
    ]


def test_vague_and_word_quantities() -> None:
    found = figs("Tens of thousands of people marched; dozens of cars; Twenty-five people died.")
    assert [(t, v["value"], v["unit"], v.get("approximate")) for _, t, v in found] == [
        ("Tens of thousands of people", 10_000, "people", True),
        ("dozens of cars", 12, "cars", True),
        ("Twenty-five people", 25, "people", None),
    ]


def test_measures_written_with_the_number() -> None:
    found = figs("a 3.5-inch screen, 500km of wiring, 2 GHz chips and a 320x240 display")
    assert [(t, v["value"], v["unit"]) for _, t, v in found] == [
        ("3.5-inch", 3.5, "inch"),
        ("500km", 500, "km"),
        ("2 GHz", 2, "GHz"),
        ("320x240", 320, "dimensions"),
    ]


def test_quantity_ranges() -> None:
    assert only("at 200-250 seats")[2] == {
        "value": 200,
        "value_max": 250,
        "unit": "seats",
        "qualifier": None,
    }
    found = figs("in which 25,000 to 30,000 positions should be cut")
    assert [(t, v["value"]) for _, t, v in found] == [
        ("25,000", 25_000),
        ("30,000 positions", 30_000),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "In 2024 the economy grew.",
        "The Boeing 747 and the G20 met; COVID-19 and the F-35; Article 5 applies.",
        "Call 555-1234 or (212) 555-1234.",
        "The meeting is at 5 p.m. on April 26 and lasted three days.",
        "the two-year-old war; 10 years ago; a five-hour talk; on Jan. 31, 2024.",
        "No one knows. One of the officials said one thing.",
        "the two leaders and the two countries",
        "The top U.S. diplomat spoke; the iPhone 15 and Windows 11; the 1990s; in the '90s.",
        "Chapter 11 bankruptcy under Section 230 on Highway 101; version 3.2.1; on 7/8/07.",
        "a 3G phone, a 4K screen and the 777-200LR; the 2008 Olympics; fiscal 2023.",
    ],
)
def test_non_figures_are_not_reported(text: str) -> None:
    assert [f for f in figs(text) if f[0] != "ranking"] == []


def test_counts_are_kept_next_to_model_numbers() -> None:
    found = figs("It will buy five new 737 aircraft and 60 Boeing 787 Dreamliner aircraft.")
    assert [(t, v["value"]) for _, t, v in found] == [
        ("five new 737 aircraft", 5),
        ("60 Boeing 787 Dreamliner aircraft", 60),
    ]
    assert [t for _, t, _ in figs("Ryanair bought 18 777s.")] == ["18"]


def test_a_year_with_a_plural_noun_is_a_count() -> None:
    assert only("The plant has 2000 employees.")[1] == "2000 employees"


# --- rankings -------------------------------------------------------------------------


def test_reference_article_rankings() -> None:
    text = (
        "China is the top supplier of machine tools, microelectronics, nitrocellulose, "
        "which is critical."
    )
    _, span, value = only(text, "ranking")
    assert span == "top supplier of machine tools, microelectronics, nitrocellulose"
    assert value["rank"] == 1
    assert value["scope"].startswith("supplier of machine tools")
    assert only("Blinken made his second visit to China")[1:] == (
        "second visit",
        {"rank": 2, "scope": "visit"},
    )
    assert only("to hold the first U.S.-PRC talks on AI")[2]["rank"] == 1


def test_superlatives_ordinals_and_number_one() -> None:
    text = (
        "China is the world's largest exporter and the third-largest economy, "
        "one of the biggest markets, the No. 1 seller."
    )
    assert [(t, v["rank"]) for _, t, v in figs(text)] == [
        ("world's largest exporter", 1),
        ("third-largest economy", 3),
        ("one of the biggest markets", None),
        ("No. 1 seller", 1),
    ]


def test_not_rankings() -> None:
    text = (
        "The top aide said it was the first time; at first; the first quarter; "
        "the Second World War; the 21st century."
    )
    assert figs(text) == []


# --- offsets and odd text -------------------------------------------------------------


def test_offsets_are_code_points_with_emoji_nbsp_and_curly_quotes() -> None:
    text = "😀 “It cost $61\u00a0billion,” he said — 😀😀 about 5\u00a0percent of 1,500 jobs."
    found = find_numeric(text)
    assert [(f.category, f.text) for f in found] == [
        ("money", "$61\u00a0billion"),
        ("percentage", "about 5\u00a0percent"),
        ("quantity", "1,500 jobs"),
    ]
    for f in found:
        assert text[f.start : f.end] == f.text
    assert found[0].start == text.index("$")


def test_emoji_before_money() -> None:
    assert [(f.start, f.end, f.text) for f in find_numeric("😀 $5 billion")] == [
        (2, 12, "$5 billion")
    ]


def test_empty_and_figureless_text() -> None:
    assert find_numeric("") == []
    assert find_numeric("No numbers here at all.") == []


# --- pathological input ---------------------------------------------------------------


def test_long_line_without_spaces_returns_nothing() -> None:
    assert find_numeric("a" * 2_000_000) == []


def test_long_digit_run_is_not_a_figure() -> None:
    assert find_numeric("1" * 100_000) == []
    assert find_numeric("1" + ",000" * 50_000) == []


def test_megabyte_of_dollar_signs_and_dashes() -> None:
    assert find_numeric("$" * 1_000_000) == []
    assert find_numeric("one-" * 100_000) == []


def test_many_figures_in_repetitive_text_are_all_found() -> None:
    found = find_numeric("the largest $1 " * 20_000)
    assert len([f for f in found if f.category == "money"]) == 20_000
    assert all(f.text == "$1" for f in found if f.category == "money")

"""The engine end to end: reference article, offsets, overlaps, pathological input."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from workbench import SHARED
from workbench.extraction import extract
from workbench.extraction.engine import build, resolve_overlaps
from workbench.extraction.quotes import find_quotes
from workbench.extraction.sentences import split_sentences
from workbench.extraction.types import Extraction, Figure

REFERENCE = SHARED / "corpus" / "blinken-china-2024.txt"
GOLD = SHARED / "corpus" / "blinken-china-2024.gold.json"


def assert_offsets_exact(text: str, result: Extraction) -> None:
    for claim in result.claims:
        assert 0 <= claim.start < claim.end <= len(text)
        for f in claim.figures:
            assert text[f.start : f.end] == f.text


@pytest.fixture(scope="module")
def reference():
    if not REFERENCE.is_file():
        pytest.skip("shared corpus not present")
    text = REFERENCE.read_text(encoding="utf-8")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return text, gold, extract(text, dt.date(2024, 5, 1))


def test_reference_claims_cover_every_checkworthy_sentence(reference):
    text, gold, result = reference
    assert_offsets_exact(text, result)
    for s in gold["checkworthy"]:
        assert any(c.start <= s["start"] and c.end >= s["end"] for c in result.claims), s


def test_reference_has_no_claim_on_page_furniture(reference):
    _, gold, result = reference
    for s in gold["not_checkworthy"]:
        assert not any(c.start < s["end"] and c.end > s["start"] for c in result.claims), s


def test_reference_weekday_and_parts_whole_hints(reference):
    text, _, result = reference
    hints = {h.kind: h for c in result.claims for h in c.hints}
    assert hints["weekday"].ok and "Wednesday" in hints["weekday"].message
    assert hints["parts-whole"].ok and "94" in hints["parts-whole"].message
    bill = next(c for c in result.claims if "$95-billion" in text[c.start : c.end])
    assert "aid amount" in bill.kinds
    assert any(h.kind == "parts-whole" for h in bill.hints)


def test_reference_quotes_have_speakers(reference):
    _, _, result = reference
    quotes = [f for c in result.claims for f in c.figures if f.category == "quote"]
    assert len(quotes) >= 11
    assert {q.value["speaker"].split()[-1] for q in quotes} >= {"Blinken", "SinoInsider", "Shoigu"}


def test_offsets_exact_with_emoji_nbsp_and_curly_quotes():
    text = (
        "🇺🇸 Headline 🙂\n\n"
        "On April\u00a024, 2024, 👍🏽 Biden signed a $95\u00a0billion package, officials said.\n"
        "“We were clear about the deadline for weeks now,” said Blinken 🙂.\n"
    )
    result = extract(text, dt.date(2024, 5, 1))
    assert_offsets_exact(text, result)
    figures = [f for c in result.claims for f in c.figures]
    assert any(f.category == "quote" and f.value["speaker"] == "Blinken" for f in figures)
    assert len(result.claims) == 2


def test_figures_in_alt_text_are_dropped():
    text = (
        "us secretary of state at press conference in beijing on april 26 2024\n"
        "Blinken met Xi in Beijing on April 26, 2024.\n"
    )
    result = extract(text, dt.date(2024, 5, 1))
    assert [text[c.start : c.end] for c in result.claims] == [
        "Blinken met Xi in Beijing on April 26, 2024."
    ]
    assert all(f.start > 70 for c in result.claims for f in c.figures)


def fig(category: str, start: int, end: int, text: str = "x" * 100) -> Figure:
    return Figure(category, start, end, text[start:end], {})


@pytest.mark.parametrize("winner", ["date", "duration", "money", "percentage"])
def test_specific_category_beats_quantity_over_same_digits(winner):
    kept = resolve_overlaps([fig("quantity", 0, 10), fig(winner, 4, 8)])
    assert [f.category for f in kept] == [winner]


def test_longest_span_wins_otherwise_and_disjoint_figures_stay():
    kept = resolve_overlaps([fig("date", 0, 4), fig("duration", 2, 12), fig("money", 20, 25)])
    assert [(f.category, f.start) for f in kept] == [("duration", 2), ("money", 20)]


def test_quote_overlapping_figures_keeps_both():
    text = "“We sent $61 billion to Ukraine last week,” Biden said."
    sentences = split_sentences(text)
    money = Figure("money", 9, 20, text[9:20], {"amount": 61e9, "currency": "USD"})
    result = build(text, sentences, [money], find_quotes(text, sentences))
    assert [f.category for f in result.claims[0].figures] == ["quote", "money"]


def test_quote_across_sentences_makes_one_claim():
    text = "“We met Wang for hours. We agreed on nothing at all,” Blinken told CNN on Friday."
    result = extract(text, dt.date(2024, 5, 1))
    assert [(c.start, c.end) for c in result.claims] == [(0, len(text))]


def test_empty_and_whitespace_text():
    assert extract("").claims == ()
    assert extract(" \n\u00a0\n").claims == ()


@pytest.mark.parametrize(
    "text",
    [
        "a" * 10_000_000,
        "x." * 1_000_000,
        "1" * 100_000,
        "The total was " + "7" * 100_000 + " dollars, officials said on Monday.",
        "He said “" + "“" * 100_000 + "deep words are here now" + "”" * 100_000 + "” today.",
        "‘" * 50_000 + "’" * 50_000 + '"' * 50_001,
    ],
    ids=["10MB-no-spaces", "dots", "100k-digits", "100k-digit-number", "nested-quotes", "marks"],
)
def test_pathological_input_gives_valid_results(text):
    result = extract(text, dt.date(2024, 5, 1))
    assert_offsets_exact(text, result)


def test_nested_quotes_give_one_outer_quotation():
    text = "He said “" + "“" * 1_000 + "deep words are here now" + "”" * 1_000 + "” today."
    quotes = [f for c in extract(text).claims for f in c.figures if f.category == "quote"]
    assert len(quotes) == 1 and quotes[0].start == 8 and quotes[0].text.endswith("””")

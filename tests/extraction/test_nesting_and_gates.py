"""Nested figures kept by the engine, and the fast gates behind the finders.

The gates (line stretches, lowercase look-ups, literal tries, word-number anchors) are
speed devices: every test here checks that they find exactly what the slow patterns find.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from workbench.extraction import extract
from workbench.extraction.amounts import find_amounts
from workbench.extraction.claims import Cues, kinds_of, line_kind, propose
from workbench.extraction.engine import resolve_overlaps
from workbench.extraction.rankings import find_rankings
from workbench.extraction.sentences import lines, split_sentences
from workbench.extraction.timebase import Chunks, literal_trie, lower_text
from workbench.extraction.types import Figure

PUB = dt.date(2009, 12, 20)


def fig(category: str, start: int, end: int) -> Figure:
    return Figure(category, start, end, "x" * (end - start), {})


def figures_of(text: str, published: dt.date | None = PUB) -> list[tuple[str, str, dict]]:
    return [
        (f.category, f.text, f.value) for c in extract(text, published).claims for f in c.figures
    ]


# --- nesting ---------------------------------------------------------------------------


def test_duration_inside_a_date_is_kept_beside_it():
    kept = resolve_overlaps([fig("date", 10, 23), fig("duration", 10, 19)])
    assert [(f.category, f.start, f.end) for f in kept] == [("date", 10, 23), ("duration", 10, 19)]


def test_duration_only_partly_inside_a_date_still_competes():
    kept = resolve_overlaps([fig("date", 10, 20), fig("duration", 15, 30)])
    assert [f.category for f in kept] == ["duration"]


def test_date_inside_a_ranking_phrase_is_kept():
    kept = resolve_overlaps([fig("ranking", 0, 30), fig("date", 20, 27), fig("quantity", 40, 45)])
    assert [(f.category, f.start) for f in kept] == [("ranking", 0), ("date", 20), ("quantity", 40)]


def test_ranking_still_competes_with_an_overlapping_quantity():
    kept = resolve_overlaps([fig("ranking", 0, 30), fig("quantity", 5, 12)])
    assert [f.category for f in kept] == ["ranking"]


def test_ago_phrase_gives_a_date_and_its_duration_through_extract():
    text = "Development of the plane, begun two years ago, has been pushed back."
    found = figures_of(text)
    assert ("date", "two years ago", {"date": "2007"}) in found
    assert ("duration", "two years", {"duration": "P2Y"}) in found


@pytest.mark.parametrize(
    "text, category, inner",
    [
        ("Boeing's new aircraft made its first test flight Tuesday in Everett.", "date", "Tuesday"),
        (
            "It is their largest developers conference in the past decade.",
            "duration",
            "the past decade",
        ),
    ],
)
def test_figure_inside_a_ranking_survives_extract(text, category, inner):
    found = figures_of(text)
    assert any(c == "ranking" for c, _, _ in found)
    assert any(c == category and t == inner for c, t, _ in found)


# --- gates -----------------------------------------------------------------------------


def test_literal_trie_matches_like_a_longest_first_alternation():
    words = ["ten", "tenth", "tens", "a", "ab", "no.", "#", "one", "nineteen", "nine"]
    flat = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    trie = re.compile(literal_trie(words))
    sample = "tenths tens ten ab a no. #1 nineteen nine one someone often"
    assert [m.span() for m in trie.finditer(sample)] == [m.span() for m in flat.finditer(sample)]


def test_lower_text_keeps_offsets_or_says_it_cannot():
    assert lower_text("April AND May " * 10_000) == "april and may " * 10_000
    assert lower_text("İstanbul") is None  # lowercasing "İ" gives two code points


def test_chunks_hold_whole_lines_and_join_neighbours():
    text = "no gate here\nthe year 2009\n\nanother year\nnothing\nyear end"
    stretches = Chunks(text).holding(("year",))
    assert [text[s:e] for s, e in stretches] == ["the year 2009\n\nanother year", "year end"]


def test_chunks_fall_back_when_lowercase_changes_length():
    text = "İstanbul\nthe year 2009\nnothing"
    assert [text[s:e] for s, e in Chunks(text).holding(("year",))] == ["the year 2009"]


def test_dates_found_in_text_whose_lowercase_changes_length():
    found = figures_of("İstanbul talks ended on May 3, 2009, officials said.")
    assert ("date", "May 3, 2009", {"date": "2009-05-03"}) in found


@pytest.mark.parametrize("prefix", ["", "İ "])
def test_number_words_found_with_and_without_the_fast_anchor(prefix):
    text = (
        prefix + "About a third of the 1,200 staff, twenty-five managers and a dozen pilots left."
    )
    got = [(f.category, f.text) for f in find_amounts(text)]
    assert ("quantity", "twenty-five managers") in got
    assert any(t.startswith("a third") or t.startswith("About a third") for _, t in got)
    assert any("a dozen" in t for _, t in got)
    assert any("1,200" in t for _, t in got)


def test_number_words_inside_other_words_are_not_numbers():
    assert find_amounts("Someone often said it was done.") == []


def test_rankings_found_on_gated_lines_only_where_they_are():
    text = "Nothing ranks here.\nIt is the world's largest maker of chips.\nMore text."
    got = find_rankings(text)
    assert [f.value["rank"] for f in got] == [1]
    assert text[got[0].start : got[0].end].startswith("world's largest")


# --- claims: furniture and kinds through the cues ---------------------------------------


def test_bio_and_credit_lines_inside_a_text_are_furniture():
    text = (
        "Officials met in Beijing on Friday to discuss trade.\n"
        "Leo Timm covers China-related news and history.\n"
        "(Photo by Jane Doe/Reuters)\n"
        "Follow him on Twitter at @kunlunpeaks\n"
        "By John Smith\n"
        "Reuters contributed to this report.\n"
    )
    cues = Cues(text)
    kinds = [line_kind(text, s, e, cues) for s, e in lines(text)]
    assert kinds == ["body", "furniture", "furniture", "furniture", "furniture", "furniture"]
    # the same answer for each line classified on its own
    assert kinds == [line_kind(text[s:e], 0, e - s) for s, e in lines(text)]
    chosen = propose(text, split_sentences(text), [])
    assert [text[s.start : s.end] for s in chosen] == [
        "Officials met in Beijing on Friday to discuss trade."
    ]


def test_kinds_from_cues_match_kinds_from_the_span():
    text = "China signed a deal. It exports machine tools to Russia. Prices rose."
    cues = Cues(text)
    for s in split_sentences(text):
        assert kinds_of(text, s.start, s.end, [], cues) == kinds_of(text, s.start, s.end, [])
    first = split_sentences(text)[1]
    assert "supplier or trade" in kinds_of(text, first.start, first.end, [], cues)

"""Claim selection: check-worthy sentences in, page furniture out; claim kinds."""

from __future__ import annotations

import pytest

from workbench.extraction.claims import KINDS, kinds_of, line_kind, propose
from workbench.extraction.sentences import split_sentences
from workbench.extraction.types import Figure


def proposed(text: str, figures: list[Figure] = ()) -> list[str]:
    chosen = propose(text, split_sentences(text), list(figures))
    return [text[s.start : s.end] for s in chosen]


def fig(text: str, part: str, category: str = "date") -> Figure:
    start = text.index(part)
    return Figure(category, start, start + len(part), part, {})


@pytest.mark.parametrize(
    "line",
    [
        "Leo Timm covers China-related news, culture, and history. Follow him on Twitter at @lt",
        "Reuters contributed to this report",
        "Additional reporting by Jane Roe; Editing by John Doe",
        "(Image: Mark Schiefelbein/Pool via REUTERS/File Photo)",
        "Sign up for our daily newsletter.",
        "Jane Roe is a senior correspondent for the paper.",
    ],
)
def test_page_furniture_lines(line):
    assert line_kind(line, 0, len(line)) == "furniture"
    assert proposed(line) == []


def test_alt_text_and_headings_are_not_claims():
    text = (
        "us secretary of state antony blinken at a press conference in beijing\n"
        "Drifting further apart\n"
        "‘Core U.S. interest’\n"
        "Truth, Inspiration, Hope.\n"
    )
    assert [line_kind(text, s, e) for s, e in [(0, 69), (70, 92)]] == ["alt", "heading"]
    assert proposed(text) == []


def test_heading_with_a_figure_is_proposed():
    text = "Published: May 1, 2024\nBoeing wins deal"
    assert proposed(text, [fig(text, "May 1, 2024")]) == ["Published: May 1, 2024"]


def test_caption_is_proposed_without_its_credit():
    text = (
        "Sergei Shoigu, Russia’s defense minister, in a televised report on Nov. 9, 2022. "
        "(Image: Screenshot/Russian Ministry of Defense)"
    )
    assert proposed(text, [fig(text, "Nov. 9, 2022")]) == [
        "Sergei Shoigu, Russia’s defense minister, in a televised report on Nov. 9, 2022."
    ]


def test_checkable_sentence_without_figures_is_proposed():
    text = (
        "Among the bills Biden signed was a law to either ban TikTok or divest it of its "
        "Chinese-controlled parent company, ByteDance."
    )
    assert proposed(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Washington could additionally hike tariffs on various Chinese exports.",
        "Will the talks with Beijing ever produce anything real?",
        "It was a long day.",
    ],
)
def test_speculation_questions_and_vague_sentences_are_not_proposed(text):
    assert proposed(text) == []


def test_sentence_with_a_quote_figure_is_proposed():
    text = "“We will, if they do not act soon,” he added."
    quote = Figure("quote", 0, 36, text[0:36], {"speaker": "Blinken"})
    assert proposed(text, [quote]) == [text]


def test_kinds_come_from_figures_and_wording():
    text = "Biden signed a $95-billion aid package; China is the top supplier of machine tools."
    figures = [fig(text, "$95-billion", "money"), fig(text, "top supplier", "ranking")]
    assert kinds_of(text, 0, len(text), figures) == (
        "aid amount",
        "ranking",
        "date or event",
        "supplier or trade",
    )
    assert kinds_of("Prices rose sharply in Ohio.", 0, 28, []) == ("statement",)
    assert set(kinds_of(text, 0, len(text), figures)) <= set(KINDS)

"""Sentence splitting: abbreviations, decimals, quotes, lines and offsets."""

from __future__ import annotations

import pytest

from workbench.extraction.sentences import lines, split_sentences


def texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Embassy in Beijing opened on Jan. 31, 2024 after a delay.",
        "Gen. Smith met Mr. Jones and Dr. Lee on St. Patrick's Day.",
        "President Joe R. Biden signed it at 9 a.m. Monday in Washington.",
        "Growth slowed to 2.5 percent in the quarter, officials said.",
        "Item No. 5 was sold for $1.2 million at the auction.",
        "He paused... and then said nothing more about it.",
    ],
)
def test_abbreviations_initials_and_decimals_do_not_end_a_sentence(text):
    assert texts(text) == [text]


def test_sentence_ends_after_acronym_when_a_new_sentence_starts():
    assert texts("He moved to the U.S. The move was quick.") == [
        "He moved to the U.S.",
        "The move was quick.",
    ]


def test_month_abbreviation_before_capital_word_ends_sentence():
    assert texts("They met in Jan. Then they left.") == ["They met in Jan.", "Then they left."]


def test_question_and_exclamation_and_closing_quotes():
    text = "“Why now?” he asked. “Because!” She left. It ended."
    assert texts(text) == ["“Why now?” he asked.", "“Because!”", "She left.", "It ended."]


def test_unclosed_quote_does_not_swallow_the_next_paragraph():
    text = "He cited the “security of Europe. \n\n“I made clear that we will,” he added."
    assert texts(text) == [
        "He cited the “security of Europe.",
        "“I made clear that we will,” he added.",
    ]


def test_each_line_without_terminal_punctuation_is_its_own_unit():
    text = "Drifting further apart\nThe talks ended. Both sides left\n- first item\n"
    assert texts(text) == [
        "Drifting further apart",
        "The talks ended.",
        "Both sides left",
        "- first item",
    ]
    assert [s.line for s in split_sentences(text)] == [0, 1, 1, 2]


def test_offsets_are_code_points_with_emoji_and_non_breaking_spaces():
    text = "🙂 Prices rose\u00a05%. 👍🏽 Then they fell.\u00a0\n"
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == [
        "🙂 Prices rose\u00a05%.",
        "👍🏽 Then they fell.",
    ]


def test_lines_are_trimmed_and_blank_lines_skipped():
    text = "  a b  \n\n \u00a0\nc\n"
    assert [text[s:e] for s, e in lines(text)] == ["a b", "c"]


def test_pathological_long_line_without_spaces_is_one_sentence():
    text = "x." * 2_000_000 + "y"
    spans = split_sentences(text)
    assert [(s.start, s.end) for s in spans] == [(0, len(text))]


def test_many_terminators_in_a_row():
    text = "Wait" + "." * 100_000 + " Next one!"
    assert texts(text) == ["Wait" + "." * 100_000, "Next one!"]

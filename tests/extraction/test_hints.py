"""Consistency hints: weekday, parts vs whole, restated quantities, future dates in the past."""

from __future__ import annotations

import datetime as dt

from workbench.extraction.hints import (
    future_past_hints,
    parts_whole_hints,
    restated_hints,
    weekday_hints,
)
from workbench.extraction.sentences import split_sentences
from workbench.extraction.types import Figure

PUBLISHED = dt.date(2024, 5, 1)


def date(text: str, part: str, iso: str) -> Figure:
    start = text.index(part)
    return Figure("date", start, start + len(part), part, {"date": iso})


def money(text: str, part: str, amount: float, qualifier: str | None = None) -> Figure:
    start = text.index(part)
    value = {"amount": amount, "currency": "USD", "qualifier": qualifier}
    return Figure("money", start, start + len(part), part, value)


def test_weekday_in_parentheses_matches_the_calendar():
    text = "From April 24 (Wednesday) to April 26, Blinken traveled."
    [(pos, hint)] = weekday_hints(text, [date(text, "April 24 (Wednesday)", "2024-04-24")])
    assert hint.kind == "weekday" and hint.ok and pos == 5
    assert "2024-04-24" in hint.message and "Wednesday" in hint.message


def test_weekday_before_the_date_that_does_not_match():
    text = "On Thursday, April 24, Biden signed the bill."
    [(_, hint)] = weekday_hints(text, [date(text, "April 24", "2024-04-24")])
    assert not hint.ok and "Thursday" in hint.message and "Wednesday" in hint.message


def test_no_weekday_hint_without_a_weekday_or_full_date():
    text = "In April 2024, and on May 3 the talks resumed."
    figures = [date(text, "April 2024", "2024-04"), date(text, "May 3", "2024-05-03")]
    assert weekday_hints(text, figures) == []


BILL = (
    "On April 24, Biden signed a $95-billion aid package that contains $61 billion for "
    "Ukraine, as well as $8 billion for Taiwan. Among the bills was a TikTok law.\n\n"
    "A caption line about something else.\n\n"
    "The bill also contained over $25 billion for Israel."
)


def bill_figures(text: str, last: float) -> list[Figure]:
    return [
        money(text, "$95-billion", 95e9),
        money(text, "$61 billion", 61e9),
        money(text, "$8 billion", 8e9),
        money(text, f"over ${last / 1e9:g} billion", last, "over"),
    ]


def test_parts_within_the_whole_across_paragraphs():
    pairs = parts_whole_hints(BILL, split_sentences(BILL), bill_figures(BILL, 25e9))
    hints = {h for _, h in pairs}
    assert len(hints) == 1
    hint = hints.pop()
    assert hint.kind == "parts-whole" and hint.ok
    assert "94" in hint.message and "95" in hint.message
    assert {pos for pos, _ in pairs} == {BILL.index(s) for s in ("$95", "$61", "$8 ", "over $25")}


def test_parts_exceeding_the_whole():
    text = BILL.replace("over $25 billion", "over $45 billion")
    pairs = parts_whole_hints(text, split_sentences(text), bill_figures(text, 45e9))
    assert pairs and not pairs[0][1].ok and "exceed" in pairs[0][1].message


def test_no_parts_whole_without_a_containing_verb():
    text = "Biden signed a $95-billion aid package. Separately, Ohio spent $3 billion on roads."
    figures = [money(text, "$95-billion", 95e9), money(text, "$3 billion", 3e9)]
    assert parts_whole_hints(text, split_sentences(text), figures) == []


def test_same_quantity_stated_with_different_values():
    text = "The $95 billion package passed. Critics said the $90 billion package was too big."
    figures = [money(text, "$95 billion", 95e9), money(text, "$90 billion", 90e9)]
    pairs = restated_hints(text, figures)
    assert len(pairs) == 2 and not pairs[0][1].ok and pairs[0][1].kind == "restated-quantity"


def test_same_quantity_written_two_ways_is_consistent():
    text = "The $95-billion package passed. Critics said the $95bn package was big."
    figures = [money(text, "$95-billion", 95e9), money(text, "$95bn", 95e9)]
    pairs = restated_hints(text, figures)
    assert pairs and pairs[0][1].ok


def test_different_things_are_not_restatements():
    text = "It gave $61 billion for Ukraine and $8 billion for Taiwan."
    figures = [money(text, "$61 billion", 61e9), money(text, "$8 billion", 8e9)]
    assert restated_hints(text, figures) == []


def test_past_tense_event_after_publication_is_flagged():
    text = "Shoigu met Dong Jun in Kazakhstan on May 26."
    pairs = future_past_hints(
        text, split_sentences(text), [date(text, "May 26", "2024-05-26")], PUBLISHED
    )
    assert len(pairs) == 1 and not pairs[0][1].ok and pairs[0][1].kind == "future-past"


def test_future_tense_after_publication_is_consistent():
    text = "The leaders will meet in Kazakhstan on May 26."
    pairs = future_past_hints(
        text, split_sentences(text), [date(text, "May 26", "2024-05-26")], PUBLISHED
    )
    assert len(pairs) == 1 and pairs[0][1].ok


def test_dates_before_publication_or_without_publication_give_no_hint():
    text = "Shoigu met Dong Jun on April 26."
    figures = [date(text, "April 26", "2024-04-26")]
    assert future_past_hints(text, split_sentences(text), figures, PUBLISHED) == []
    assert future_past_hints(text, split_sentences(text), figures, None) == []


def test_abbreviated_weekday_before_the_date():
    text = "Updated Wed March 20, 2024"
    [(_, hint)] = weekday_hints(text, [date(text, "March 20, 2024", "2024-03-20")])
    assert hint.ok and "Wednesday" in hint.message


def test_weekday_that_was_itself_dated_gives_no_hint():
    text = "The Fed held rates on Wednesday."
    assert weekday_hints(text, [date(text, "Wednesday", "2024-03-20")]) == []

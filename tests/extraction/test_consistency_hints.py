"""Issue 12: consistency hints a checker can trust, each naming what it compared by text."""

from __future__ import annotations

import datetime as dt
import re

from workbench.extraction import extract

PUBLISHED = dt.date(2024, 5, 1)


def hints(text: str, kind: str | None = None) -> list:
    found = []
    for claim in extract(text, PUBLISHED).claims:
        for h in claim.hints:
            if (kind is None or h.kind == kind) and h not in found:
                found.append(h)
    return found


def no_offsets(message: str) -> bool:
    return not re.search(r"\bat \d+\b|@\d+", message)


def test_parts_in_the_next_sentence_against_the_whole() -> None:
    text = (
        "The county will spend $30.5 billion on transit over a decade. "
        "This includes $9 billion, $7 billion and $6 billion for rail, buses and ferries."
    )
    [hint] = hints(text, "parts-whole")
    assert hint.ok
    assert hint.message == (
        "$9 billion + $7 billion + $6 billion = $22 billion, less than $30.5 billion: consistent."
    )


def test_of_which_parts_that_exceed_the_whole() -> None:
    text = "Sales reached $88 billion, of which $60 billion and $35 billion came from two units."
    [hint] = hints(text, "parts-whole")
    assert not hint.ok
    assert "$60 billion + $35 billion = $95 billion, more than $88 billion" in hint.message
    assert no_offsets(hint.message)


def test_shares_of_one_total_that_add_up_to_more_than_all_of_it() -> None:
    text = "Of the gas it burns, 45% comes from Algeria, 40% from Qatar and 25% from Oman."
    [hint] = hints(text, "shares")
    assert not hint.ok
    assert hint.message.startswith("45% + 40% + 25% = 110%, more than 100%")


def test_shares_within_one_total_are_consistent() -> None:
    [hint] = hints("Of its wheat, 55% went to Egypt and 30% to Kenya.", "shares")
    assert hint.ok and "55% + 30% = 85%" in hint.message


def test_shares_of_different_totals_are_not_added() -> None:
    assert hints("Some 60% of nurses and 70% of doctors backed the strike.", "shares") == []


def test_per_unit_times_count_equals_the_total() -> None:
    text = (
        "The firm will open five depots in Texas, each depot 300,000 square feet, "
        "totaling 1.5 million across the five sites."
    )
    per_unit = hints(text, "per-unit-total")
    assert len(per_unit) == 1 and per_unit[0].ok
    assert "five depots × 300,000 square feet = 1.5 million square feet" in per_unit[0].message
    assert not [h for h in hints(text, "restated-quantity") if not h.ok]


def test_per_unit_times_count_that_misses_the_total() -> None:
    text = "The yard has 3 cranes, each lifting 40 tons, 150 tons in all."
    [hint] = hints(text, "per-unit-total")
    assert not hint.ok
    assert hint.message.startswith("3 cranes × 40 tons = 120 tons, less than 150 tons")


def test_the_same_noun_in_different_scopes_is_not_a_restatement() -> None:
    text = (
        "The new package includes over 15 million rounds of ammunition. "
        "Since 2022, the allies have delivered nearly 35 million rounds of ammunition."
    )
    assert hints(text, "restated-quantity") == []


def test_a_restatement_names_both_figures_by_their_text() -> None:
    text = "The $40 million grant was approved. Critics called the $45 million grant wasteful."
    found = hints(text, "restated-quantity")
    assert found and not found[0].ok
    assert "$40 million" in found[0].message and "$45 million" in found[0].message
    assert no_offsets(found[0].message)

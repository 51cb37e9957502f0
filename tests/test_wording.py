"""Figures, hints and history in words (issue 11): workbench.wording, pure functions."""

from __future__ import annotations

import pytest

from workbench.ratings import scale_by_slug
from workbench.wording import event_words, figure_words, hint_text


@pytest.mark.parametrize(
    ("category", "value", "words"),
    [
        (
            "money",
            {"amount": 95_000_000_000, "currency": "USD", "qualifier": None},
            "$95 billion (USD)",
        ),
        (
            "money",
            {"amount": 25_000_000_000, "currency": "USD", "qualifier": "over"},
            "over $25 billion (USD)",
        ),
        ("money", {"amount": 1_500_000, "currency": "CHF", "qualifier": None}, "1.5 million CHF"),
        ("money", {"amount": 1250, "currency": "EUR", "qualifier": None}, "€1,250 (EUR)"),
        ("percentage", {"value": 40, "qualifier": "about"}, "about 40%"),
        (
            "percentage",
            {"value": 2.5, "qualifier": None, "unit": "percentage points"},
            "2.5 percentage points",
        ),
        ("percentage", {"value": 60, "qualifier": None, "ratio": [3, 5]}, "60% (3 of 5)"),
        ("quantity", {"value": 40, "unit": "homes", "qualifier": None}, "40 homes"),
        ("quantity", {"value": 52, "unit": None, "qualifier": None, "pair": [52, 35]}, "52 to 35"),
        ("date", {"date": "2024-04-24"}, "24 April 2024 (Wednesday)"),
        (
            "date",
            {"date": "2024-04-24", "weekday": "Wednesday", "weekday_consistent": True},
            "24 April 2024 (Wednesday)",
        ),
        (
            "date",
            {"date": "2024-03-11", "weekday": "Tuesday", "weekday_consistent": False},
            "11 March 2024 (Monday) — the text says Tuesday",
        ),
        ("date", {"date": "2023-11"}, "November 2023"),
        ("date", {"date": "2009-Q1"}, "Q1 2009"),
        ("date", {"date": "1990/1999", "precision": "decade"}, "the 1990s"),
        (
            "date",
            {"date": "2024-05-01/2024-05-03"},
            "1 May 2024 (Wednesday) to 3 May 2024 (Friday)",
        ),
        ("duration", {"duration": "P3D"}, "3 days"),
        ("duration", {"duration": "PT5H", "qualifier": "over"}, "over 5 hours"),
        ("duration", {"duration": "P1Y"}, "1 year"),
        (
            "ranking",
            {"rank": 1, "scope": "largest supplier of machine tools"},
            "rank 1 in: largest supplier of machine tools",
        ),
        ("quote", {"speaker": "Blinken"}, "said by Blinken"),
    ],
)
def test_figures_read_as_words(category, value, words):
    assert figure_words(category, value) == words


def test_no_figure_reads_as_json():
    for category, value in [
        ("money", {}),
        ("date", {"date": None, "relative": "next week"}),
        ("other", {"x": 1}),
    ]:
        words = figure_words(category, value)
        assert "{" not in words and '"' not in words


def test_hints_name_figures_by_their_text_not_an_offset():
    stored = "'$95 billion' (at 2661) and '$95-billion' (at 40): restated with a different value."
    assert hint_text(stored) == "“$95 billion” and “$95-billion”: restated with a different value."
    # An offset standing alone is replaced by the article's words found there.
    text = "Congress passed a $95-billion aid package."
    assert (
        hint_text("the amount (at 18) is restated", text)
        == "the amount (“$95-billion”) is restated"
    )
    # A repr's escapes never show: \u0027 and \' read as the apostrophe.
    assert hint_text("\"it's\" (at 3) and 'Biden\\u0027s' (at 9)") == "“it's” and “Biden's”"
    # Messages already in words are left alone.
    ok = "April 24 (Wednesday): 2024-04-24 is a Wednesday, consistent with the stated Wednesday."
    assert hint_text(ok) == ok


def test_history_reads_as_sentences_with_the_changed_fields():
    scale = scale_by_slug()
    said, lines = event_words(
        "verdict",
        {
            "before": {"rating": "mostly-false", "rationale": "Old."},
            "after": {"rating": "false", "rationale": "New."},
        },
        "Ana",
        scale,
    )
    assert said == "Ana saved a verdict: Mostly false → False"
    assert lines == ["rationale rewritten"]

    said, lines = event_words(
        "edit-source",
        {
            "source": 3,
            "before": {"url": "https://a.example", "title": "Old title", "stance": "supports"},
            "after": {"url": "https://a.example", "title": "New title", "stance": "refutes"},
            "counts_as_author": True,
        },
        "Ana",
    )
    assert said == "Ana edited a source: “New title”"
    assert lines == [
        "title: “Old title” → “New title”",
        "stance: “supports” → “refutes”",
        "counts as an author of the verdict (four-eyes)",
    ]

    said, lines = event_words(
        "return", {"from": "submitted", "to": "returned", "note": "Cite the bill's text."}, "Eddie"
    )
    assert said == "Eddie returned the verdict"
    assert lines == ["status: submitted → returned", "note: “Cite the bill's text.”"]

    said, lines = event_words(
        "split",
        {
            "before": {"start": 0, "end": 50},
            "after": {"start": 0, "end": 20},
            "new_claim": 9,
            "new": {"start": 21, "end": 50},
        },
        "Ana",
    )
    assert said == "Ana split the claim"
    assert lines == [
        "span: characters 0–50 → characters 0–20",
        "the rest became claim 9 (characters 21–50)",
    ]

    said, _ = event_words(
        "assign", {"before": {"assignee": None}, "after": {"assignee": "rita"}}, "Eddie"
    )
    assert said == "Eddie assigned the claim to rita"


@pytest.mark.parametrize(
    "action",
    [
        "create-claim",
        "adjust-span",
        "merge",
        "merged-into",
        "add-source",
        "remove-source",
        "submit",
        "approve",
        "dismiss",
        "restore",
        "reopen",
        "import",
        "edit-article",
        "unknown-thing",
    ],
)
def test_every_event_reads_without_json(action):
    detail = {
        "before": {"status": "open", "title": "T", "start": 1, "end": 5},
        "after": {"status": "dismissed", "title": "U", "start": 1, "end": 9},
        "from": "open",
        "to": "dismissed",
        "reason": "dup",
        "start": 1,
        "end": 5,
        "merged": 4,
        "into": 2,
        "source": 1,
    }
    said, lines = event_words(action, detail, "Ana")
    for text in [said, *lines]:
        assert "{" not in text and "\\u" not in text, text
    assert said.startswith("Ana ")

"""Discussion-thread events in the history read as sentences (workbench.wording.event_words):
the comment, its edit, resolving and reopening, and the thread an import brought."""

from __future__ import annotations

import pytest

from workbench.models import EventAction
from workbench.wording import event_words

from .helpers import first_claim


def test_a_comment_reads_as_a_sentence_with_its_words_and_mentions():
    said, lines = event_words(
        "comment",
        {
            "comment": 7,
            "before": None,
            "after": {"body": "Ask   @rita about\nthe 2019 figure."},
            "mentions": ["rita"],
            "reply_to": 5,
            "reopened_thread": True,
        },
        "Ana",
    )
    assert said == "Ana commented in reply to comment 5"
    assert lines == [
        "comment: “Ask @rita about the 2019 figure.”",
        "mentioned: @rita",
        "the resolved discussion was reopened",
    ]


def test_an_edited_comment_shows_the_old_and_the_new_words():
    said, lines = event_words(
        "edit-comment",
        {
            "comment": 7,
            "before": {"body": "Ask rita."},
            "after": {"body": "Ask @eddie."},
            "mentions": ["eddie"],
        },
        "Ana",
    )
    assert said == "Ana edited a comment"
    assert lines == ["comment: “Ask rita.” → “Ask @eddie.”", "mentioned: @eddie"]


def test_a_long_comment_is_cut_in_the_history():
    _, lines = event_words("comment", {"after": {"body": "x" * 500}, "mentions": []}, "Ana")
    assert lines[0].endswith("…”") and len(lines[0]) < 100


@pytest.mark.parametrize(
    ("action", "words"),
    [
        ("resolve-thread", "Eddie resolved the discussion"),
        ("reopen-thread", "Eddie reopened the discussion"),
    ],
)
def test_resolving_and_reopening_read_as_sentences_without_field_lines(action, words):
    detail = {"before": {"resolved": action == "reopen-thread"}}
    detail["after"] = {"resolved": action == "resolve-thread"}
    assert event_words(action, detail, "Eddie") == (words, [])


def test_an_imported_thread_is_summed_up_in_the_import_event():
    said, lines = event_words(
        "import",
        {
            "from_claim": 3,
            "discussion": {
                "comments": 2,
                "authors": ["Lou", "Max"],
                "resolved_by": "Max",
                "ids": {"1": 40, "2": 41},
            },
        },
        "Ana",
    )
    assert said == "Ana imported this claim (claim 3 of the file)"
    assert lines == ["discussion: 2 comments by Lou, Max, resolved by Max"]


@pytest.mark.parametrize(
    "action",
    [
        EventAction.comment,
        EventAction.edit_comment,
        EventAction.resolve_thread,
        EventAction.reopen_thread,
    ],
)
def test_every_thread_event_is_a_known_action_and_reads_without_json(action):
    said, lines = event_words(
        str(action),
        {"before": {"body": "a"}, "after": {"body": "b"}, "mentions": ["x"], "comment": 1},
        "Ana",
    )
    for text in [said, *lines]:
        assert "{" not in text and "None" not in text, text
    assert said.startswith("Ana ") and "-" not in said


def test_the_panel_history_tells_the_thread_in_sentences(reviewer, editor, article_id):
    cid = first_claim(reviewer, article_id)["id"]
    url = f"/api/v1/claims/{cid}/comments"
    first = reviewer.api("POST", url, json={"body": "Check the 2019 figure, @eddie."})
    assert first.status_code == 201
    edit = reviewer.api("PATCH", first.get_json()["url"], json={"body": "Check 2019."})
    assert edit.status_code == 200
    assert editor.api("POST", f"{url}/resolve", json={}).status_code == 200
    page = reviewer.get(f"/claims/{cid}/panel").get_data(as_text=True)
    assert '<li data-event="comment">' in page and '<li data-event="resolve-thread">' in page
    for said in (
        "commented",
        "comment: “Check the 2019 figure, @eddie.”",
        "mentioned: @eddie",
        "edited a comment",
        "comment: “Check the 2019 figure, @eddie.” → “Check 2019.”",
        "resolved the discussion",
    ):
        assert said in page, said

"""Quotations: marks, scare quotes, attribution and pronoun resolution."""

from __future__ import annotations

from workbench.extraction.quotes import find_quotes


def quotes(text: str) -> list[tuple[str, str | None]]:
    found = find_quotes(text)
    for f in found:
        assert text[f.start : f.end] == f.text
        assert f.category == "quote"
    return [(f.text, f.value["speaker"]) for f in found]


def test_curly_quote_attributed_after_with_name():
    text = "“We will respond to every provocation here,” Blinken said on Friday."
    assert quotes(text) == [("“We will respond to every provocation here,”", "Blinken")]


def test_straight_quotes_and_said_before_name():
    text = 'The plan "will cut costs by a wide margin," said Jane Doe, the finance chief.'
    assert quotes(text) == [('"will cut costs by a wide margin,"', "Jane Doe")]


def test_pronoun_resolves_to_last_named_speaker():
    text = (
        "Secretary of State Antony Blinken spoke in Beijing on Friday.\n"
        "“China is the top supplier of machine tools to Moscow,” he continued."
    )
    assert quotes(text) == [
        ("“China is the top supplier of machine tools to Moscow,”", "Antony Blinken")
    ]


def test_pronoun_after_earlier_quote_keeps_that_speaker():
    text = (
        "“We raised our serious concern about the components,” Blinken said.\n\n"
        "“I made clear that if China does not act, we will,” he added."
    )
    assert [s for _, s in quotes(text)] == ["Blinken", "Blinken"]


def test_according_to_attribution():
    text = "Prices “will keep rising through the end of the year,” according to the World Bank."
    assert quotes(text) == [("“will keep rising through the end of the year,”", "World Bank")]


def test_subject_of_sentence_when_said_comes_before_the_quote():
    text = (
        "Russian Defence Minister Sergei Shoigu met Dong Jun in Kazakhstan and said the two "
        "countries were working on their “strategic partnership in the defense sector”."
    )
    assert quotes(text)[0][1] == "Sergei Shoigu"


def test_analysts_attribution_after_long_tail():
    text = (
        "“This suggests that Beijing is preparing to play the victim card” as relations "
        "worsen in the near future, the SinoInsider analysts wrote."
    )
    assert quotes(text)[0][1] == "SinoInsider"


def test_scare_quotes_are_not_quotations():
    text = "Blinken repeated Washington’s “red lines” and the “core U.S. interest” today."
    assert quotes(text) == []


def test_unclosed_quote_runs_to_end_of_paragraph_only():
    text = (
        "Blinken said PRC support violates the security “of Europe and of its many allies. \n\n"
        "“I made clear that if China does not address this problem, we will,” he added."
    )
    found = quotes(text)
    assert found[0] == ("“of Europe and of its many allies.", "Blinken")
    assert found[1][1] == "Blinken"


def test_quote_spanning_sentences_is_one_figure():
    text = "“We met for hours. We agreed on nothing at all today,” Wang told reporters."
    assert quotes(text) == [("“We met for hours. We agreed on nothing at all today,”", "Wang")]


def test_apostrophes_do_not_close_single_quotes():
    text = "He called it ‘Russia’s biggest mistake in many long years’ at the summit."
    assert quotes(text) == [("‘Russia’s biggest mistake in many long years’", None)]


def test_nested_quotes_stay_inside_the_outer_quotation():
    text = "“They want ‘a community with a shared future for mankind,’ she said,” Li wrote."
    assert quotes(text) == [
        ("“They want ‘a community with a shared future for mankind,’ she said,”", "Li")
    ]


def test_deeply_nested_and_unbalanced_quotes_are_linear_and_exact():
    text = "“" * 50_000 + "deep words go here now" + "”" * 40_000
    found = find_quotes(text)
    assert len(found) == 1
    assert found[0].start == 0 and found[0].end == len(text)

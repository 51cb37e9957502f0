"""Issue 12, the line and statement side: list items, captions, check-worthiness by grammar,
corrections, titled speakers, clock times and "tomorrow" in abstract sentences."""

import datetime as dt

from workbench.extraction import extract

PUB = dt.date(2024, 12, 18)


def claims_of(text, published=PUB):
    return extract(text, published).claims


def quotes_of(text, published=PUB):
    return [text[c.start : c.end] for c in claims_of(text, published)]


def figures_of(text, published=PUB):
    return [f for c in claims_of(text, published) for f in c.figures]


FACT_SHEET = (
    "The new package includes:\n"
    "100 grenade launchers, 5,000 rifles, 1,000 pistols, 400 machine guns, and 400 shotguns;\n"
    "25,000 sets of body armor; and\n"
    "70 High Mobility Multipurpose Wheeled Vehicles.\n"
    "The ministry thanked its partners for the help it received.\n"
)


def test_list_items_are_claims_of_their_own():
    got = quotes_of(FACT_SHEET)
    assert (
        "100 grenade launchers, 5,000 rifles, 1,000 pistols, 400 machine guns, and 400 shotguns;"
        in got
    )
    assert "25,000 sets of body armor; and" in got
    assert "70 High Mobility Multipurpose Wheeled Vehicles." in got
    assert "The new package includes:" not in got  # the lead-in is context, not a claim


def test_list_items_carry_their_lead_in_as_context_until_an_item_closes_the_list():
    text = FACT_SHEET + "About 40% of the aid goes through the World Food Programme.\n"
    figures = [f for f in figures_of(text) if f.start < text.index("The ministry")]
    assert figures
    assert {f.value.get("context") for f in figures} == {"The new package includes:"}
    last = [f for f in figures_of(text) if f.category == "percentage"]
    assert last and "context" not in last[0].value  # "Vehicles." closed the list


def test_a_bulleted_line_in_lower_case_is_not_alt_text():
    text = "Funding includes:\n• $152 million for emergency food assistance inside Sudan;\n"
    assert "• $152 million for emergency food assistance inside Sudan;" in quotes_of(text)


def test_captions_with_a_credit_are_not_proposed_for_their_verb():
    text = (
        "The plant was hit again on Monday, officials in Kyiv said.\n"
        "Rescuers were working at the site of the strike in the Kyiv region. (Reuters)\n"
        "A mother and child were waiting at a clinic in Adre, Chad.\n"
        "Credit: USAID\n"
    )
    got = quotes_of(text)
    assert got == ["The plant was hit again on Monday, officials in Kyiv said."]


def test_factual_statements_are_proposed_whatever_their_verb():
    text = (
        "The European Union confirms that it will not adopt the same tariff levels.\n"
        "China has used a wide range of non-market practices to dominate global markets.\n"
        "East Asia accounts for most of the world’s chip manufacturing capacity.\n"
    )
    got = quotes_of(text)
    assert len(got) == 3, got


def test_opinions_predictions_promises_and_intents_are_left_out():
    text = (
        "The deal marks a generational modernization of our trade relationship.\n"
        "The United States will continue to stand with the people of Moldova.\n"
        "Our partners should join us in this effort.\n"
        "We believe this approach is the right one for American workers.\n"
        "I want to thank the Chamber of Commerce for hosting us today.\n"
        "These investments will make our supply chains stronger and our country safer.\n"
        "This is the most ambitious industrial policy in the history of Europe.\n"
    )
    assert quotes_of(text) == []
    # first-person past actions and predictions with a number stay proposed
    facts = (
        "We delivered 12 air surveillance radars to Moldova in March.\n"
        "We signed the agreement with Japan and Korea last week.\n"
        "The project is expected to create 6,000 direct manufacturing jobs.\n"
    )
    assert len(quotes_of(text + facts)) == 3


def test_a_correction_links_to_the_figure_it_corrects():
    text = "Some reports said exports rose 60% last year. It was 70%, not 60%.\n"
    claims = claims_of(text)
    new = next(f for c in claims for f in c.figures if f.text == "70%")
    first = text.index("60%")
    assert new.value["corrects"] == {"start": first, "end": first + 3, "text": "60%"}
    earlier = next(c for c in claims if c.start <= first < c.end)
    assert any(h.kind == "correction" and not h.ok for h in earlier.hints)


def test_not_y_but_x_is_a_correction_too():
    text = "The fund holds $2 billion. In fact it holds not $2 billion but $3 billion.\n"
    new = next(f for f in figures_of(text) if f.text == "$3 billion")
    assert new.value["corrects"]["start"] == text.index("$2 billion")
    # two figures side by side without a contrast correct nothing
    text = "Exports rose 60% last year. They rose 70% and imports 60% this year.\n"
    assert not any("corrects" in f.value for f in figures_of(text))


def test_speaker_with_a_long_title_before_the_name_and_its_role():
    text = (
        "“We will not stand by while our workers are undercut,” U.S. Deputy Treasury "
        "Secretary Wally Adeyemo told reporters after the speech.\n"
    )
    quote = next(f for f in figures_of(text) if f.category == "quote")
    assert quote.value["speaker"] == "Wally Adeyemo"
    assert quote.value["role"] == "U.S. Deputy Treasury Secretary"


def test_speaker_title_with_of_and_surname_resolved_to_the_titled_person():
    text = (
        "“This package meets the most urgent needs on the ground,” Assistant Secretary of "
        "Defense Celeste Wallander told reporters.\n"
        "About 1,200 homes lost power, Governor Ruslan Kravchenko said in a statement.\n"
        "“The station is completely destroyed,” Kravchenko said.\n"
    )
    quotes = [f.value for f in figures_of(text) if f.category == "quote"]
    assert quotes[0] == {"speaker": "Celeste Wallander", "role": "Assistant Secretary of Defense"}
    assert quotes[1] == {"speaker": "Ruslan Kravchenko", "role": "Governor"}


def test_speaker_role_after_the_name():
    text = (
        "Wally Adeyemo, the deputy treasury secretary, spoke in Chicago on Monday.\n"
        "“We will not stand by while our workers are undercut,” Adeyemo said.\n"
    )
    quote = next(f for f in figures_of(text) if f.category == "quote")
    assert quote.value == {"speaker": "Wally Adeyemo", "role": "deputy treasury secretary"}


def test_clock_time_takes_the_event_day_from_the_sentence_before():
    text = (
        "Russian missiles struck the Trypilska power plant on March 11.\n"
        "The strike began at 1:30 A.M., according to the regional governor.\n"
    )
    time = next(f for f in figures_of(text) if f.text == "1:30 A.M.")
    assert time.value["date"] == "2024-03-11T01:30"
    assert "anchored_to" not in time.value


def test_clock_time_without_a_day_says_it_took_the_publication_day():
    time = next(f for f in figures_of("The strike began at 1:30 A.M., the governor said.\n"))
    assert time.value["date"] == "2024-12-18T01:30"
    assert time.value["anchored_to"] == "publication"


def test_tomorrow_in_a_conditional_or_generic_sentence_is_no_date():
    text = (
        "If talks fail tomorrow, the next steps are generally decided by the parliament.\n"
        "Parliament usually meets tomorrow when a budget is due.\n"
    )
    assert not [f for f in figures_of(text) if f.category == "date"]
    assert quotes_of(text) == []
    # in a plain statement it stays a date
    text = "The minister will meet the governors of all regions in Kyiv tomorrow.\n"
    dates = [f for f in figures_of(text) if f.category == "date"]
    assert dates and dates[0].value["date"] == "2024-12-19"

"""Issue 12: supply and aid records read by English grammar, on sentences of our own.

Donors are the subjects of giving verbs (progressive forms and "the Department of ..."
included), purposes and recipients come from the noun phrase of aid before or after a sum,
parts from "of which", "including", "Of that total" and list items under an "includes:" lead-in,
periods from "since"/"in" phrases; importers receive from the country after "from". Rankings:
ordinals in an event series count, a "most" + adjective without a compared set does not.
"""

from __future__ import annotations

import datetime as dt

from workbench.extraction import extract

PUB = dt.date(2025, 9, 30)


def records(text: str, published: dt.date | None = PUB) -> list[dict]:
    return [r for c in extract(text, published).claims for r in c.records]


def by_amount(text: str) -> dict[str, dict]:
    return {r.get("amount") or r.get("measure"): r for r in records(text)}


def rankings(text: str) -> list[tuple[str, int | None]]:
    return [
        (f.text, f.value.get("rank"))
        for c in extract(text, PUB).claims
        for f in c.figures
        if f.category == "ranking"
    ]


def test_progressive_subject_is_the_donor_and_novelty_is_not_a_purpose() -> None:
    text = (
        "Norway is sending about $40 million in additional shelter relief for displaced "
        "families in Armenia."
    )
    r = by_amount(text)["about $40 million"]
    assert (r["donor"], r["purpose"], r["recipient"]) == (
        "Norway",
        "shelter relief",
        "displaced families in Armenia",
    )


def test_department_of_as_donor_and_aid_phrase_before_the_sum() -> None:
    text = (
        "Yesterday the Ministry of Foreign Affairs approved a tranche of medical aid for the "
        "Kingdom of Lesotho worth $12 million."
    )
    r = by_amount(text)["$12 million"]
    assert (r["donor"], r["purpose"], r["recipient"]) == (
        "Ministry of Foreign Affairs",
        "medical aid",
        "the Kingdom of Lesotho",
    )
    assert r["period"] is None  # "Yesterday" opens no phrase of time for the sum


def test_running_total_names_donor_as_modifier_and_period_after_since() -> None:
    text = (
        "The pledge lifts overall Canadian flood relief for the Sindh region to $310 million "
        "since August 2022."
    )
    r = by_amount(text)["$310 million"]
    assert (r["donor"], r["purpose"], r["recipient"], r["period"]) == (
        "Canadian",
        "flood relief",
        "the Sindh region",
        "2022-08",
    )


def test_of_which_part_inherits_kind_place_and_period_from_its_whole() -> None:
    text = (
        "Since March 2021, Japan has pledged $900 million in reconstruction aid to Iraq, of "
        "which $250 million was disbursed through the World Bank."
    )
    got = by_amount(text)
    whole, part = got["$900 million"], got["$250 million"]
    assert (whole["donor"], whole["recipient"], whole["purpose"], whole["period"]) == (
        "Japan",
        "Iraq",
        "reconstruction aid",
        "2021-03",
    )
    assert (part["donor"], part["recipient"], part["purpose"], part["period"], part["part_of"]) == (
        "Japan",
        "Iraq",
        "reconstruction aid",
        "2021-03",
        "$900 million",
    )


def test_of_that_total_and_including_name_the_whole() -> None:
    text = (
        "The farm bill provides $20 billion for rural programs.\n"
        "Of that total, $6 billion is earmarked for drought insurance, including $1 billion "
        "for cattle ranchers."
    )
    got = by_amount(text)
    assert (got["$6 billion"]["purpose"], got["$6 billion"]["part_of"]) == (
        "drought insurance",
        "$20 billion",
    )
    assert got["$1 billion"]["part_of"] == "$6 billion"


def test_list_items_under_an_includes_lead_in_are_parts_of_the_package() -> None:
    text = (
        "The European Union is providing €120 million in emergency assistance for the people "
        "of Yemen.\n"
        "This brings total EU assistance for the Yemen crisis to €1.2 billion since 2015.\n"
        "The new funding includes:\n"
        "€50 million for nutrition support inside Yemen;\n"
        "€40 million for migrants in Djibouti, Somalia, and Ethiopia; and\n"
        "€30 million for schools, clinics, and water points.\n"
    )
    got = by_amount(text)
    first = got["€120 million"]
    assert (first["donor"], first["recipient"], first["purpose"]) == (
        "European Union",
        "the people of Yemen",
        "emergency assistance",
    )
    total = got["€1.2 billion"]
    assert (total["donor"], total["recipient"], total["purpose"], total["period"]) == (
        "EU",
        "the Yemen crisis",
        "assistance",
        "2015",
    )
    # the list's whole is the new package, not the running total between them
    assert {got[k]["part_of"] for k in ("€50 million", "€40 million", "€30 million")} == {
        "€120 million"
    }
    assert (got["€50 million"]["purpose"], got["€50 million"]["recipient"]) == (
        "nutrition support",
        "Yemen",
    )
    assert (got["€40 million"]["recipient"], got["€40 million"]["purpose"]) == (
        "migrants in Djibouti, Somalia, and Ethiopia",
        None,
    )
    assert (got["€30 million"]["purpose"], got["€30 million"]["recipient"]) == (
        "schools, clinics, and water points",
        None,
    )


def test_importer_receives_from_the_country_after_from() -> None:
    text = (
        "In 2022, Germany imported $95 billion of machinery from Italy, up 4% on the previous year."
    )
    r = by_amount(text)["$95 billion"]
    assert (r["type"], r["supplier"], r["recipient"], r["goods"], r["period"]) == (
        "supply",
        "Italy",
        "Germany",
        ["machinery"],
        "2022",
    )


def test_import_without_a_source_is_not_a_supply_record() -> None:
    assert not [
        r for r in records("Last year Chile imported $3 billion of fuel.") if r["type"] == "supply"
    ]


def test_exporter_to_a_country_in_a_year_named_first() -> None:
    text = "In 2021, Brazil exported $18 billion of soybeans to China."
    r = by_amount(text)["$18 billion"]
    assert (r["supplier"], r["recipient"], r["goods"], r["period"]) == (
        "Brazil",
        "China",
        ["soybeans"],
        "2021",
    )


def test_top_source_of_a_market_names_the_buyer() -> None:
    text = "Vietnam became the largest source of Canadian imports of footwear last year."
    (r,) = [r for r in records(text) if r["type"] == "supply"]
    assert (r["supplier"], r["recipient"], r["goods"], r["measure"]) == (
        "Vietnam",
        "Canadian",
        [],
        "largest source of Canadian imports",
    )


def test_ordinal_in_an_event_series_is_a_ranking() -> None:
    assert rankings("It is the fourteenth shipment of ammunition to the island.") == [
        ("fourteenth shipment", 14)
    ]
    # fixed phrases on "first" stay out
    assert rankings("The first order of business was the budget.") == []


def test_most_plus_adjective_without_a_compared_set_is_not_a_ranking() -> None:
    assert rankings("The grant answers the region’s most pressing concerns about water.") == []
    assert rankings("Our most important partners were consulted.") == []
    assert rankings("It is the most visited museum in the world.") == [
        ("most visited museum in the world", 1)
    ]


def test_includes_names_a_package_not_any_earlier_sum() -> None:
    text = (
        "Exports were worth $3 billion last year.\n"
        "The aid plan includes $5 billion for flood defenses."
    )
    r = by_amount(text)["$5 billion"]
    assert (r["purpose"], r["part_of"]) == ("flood defenses", None)


def test_indirect_object_of_a_giving_verb_is_the_recipient() -> None:
    text = "Sweden has given Moldova nearly €90 million in budget support since June 2023."
    r = by_amount(text)["nearly €90 million"]
    assert (r["donor"], r["recipient"], r["purpose"], r["period"]) == (
        "Sweden",
        "Moldova",
        "budget support",
        "2023-06",
    )


def test_kind_of_aid_named_by_the_noun_after_the_sum() -> None:
    text = "The Asian Development Bank approved a $300 million loan to Nepal."
    r = by_amount(text)["$300 million"]
    assert (r["donor"], r["recipient"], r["purpose"]) == ("Asian Development Bank", "Nepal", "loan")


def test_verb_of_change_links_an_aid_phrase_to_its_sum() -> None:
    text = "Overall Dutch climate finance to Asia dropped to €400 million in 2022."
    r = by_amount(text)["€400 million"]
    assert (r["donor"], r["recipient"], r["purpose"], r["period"]) == (
        "Dutch",
        "Asia",
        "climate finance",
        "2022",
    )


def test_market_with_goods_words_and_import_period_after_the_source() -> None:
    (r,) = [
        r
        for r in records("Norway is the biggest source of EU gas imports.")
        if r["type"] == "supply"
    ]
    assert (r["supplier"], r["recipient"], r["goods"]) == ("Norway", "EU", ["gas"])
    text = "Japan imported 2 million tonnes a year of wheat from Australia in 2021."
    (r,) = [r for r in records(text) if r["type"] == "supply"]
    assert (r["supplier"], r["recipient"], r["period"]) == ("Australia", "Japan", "2021")


def test_provided_x_with_a_sum_and_a_list_tail_needs_a_real_coordinator() -> None:
    got = by_amount("Australia has provided Fiji with A$40 million in disaster relief since 2020.")
    r = next(iter(got.values()))
    assert (r["donor"], r["recipient"], r["purpose"]) == ("Australia", "Fiji", "disaster relief")
    # "for" ends in "or" but coordinates nothing: the recipient stops at the comma
    text = "The bank approved a $900 million loan to Ghana, the largest ever for a borrower."
    assert by_amount(text)["$900 million"]["recipient"] == "Ghana"

"""Issue 12: supply and aid records beside a claim's figures."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import reference_text
from workbench.extraction import extract


def records(text: str, published: dt.date | None = None) -> list[dict]:
    return [r for c in extract(text, published).claims for r in c.records]


@pytest.fixture(scope="module")
def reference() -> list[dict]:
    return records(reference_text(), dt.date(2024, 5, 1))


def test_reference_supply_record(reference) -> None:
    supply = [r for r in reference if r["type"] == "supply"]
    assert supply == [
        {
            "type": "supply",
            "supplier": "China",
            "recipient": "Moscow",
            "goods": [
                "machine tools",
                "microelectronics",
                "nitrocellulose",
                "other dual-use items",
            ],
            "measure": "top supplier",
            "period": None,
        }
    ]


def test_reference_aid_records_are_parts_of_the_package(reference) -> None:
    aid = [(r["amount"], r["recipient"], r["part_of"]) for r in reference if r["type"] == "aid"]
    assert aid == [
        ("$61 billion", "Ukraine", "$95-billion"),
        ("$8 billion", "Taiwan and other countries in Asia", "$95-billion"),
        ("over $25 billion", "Israel", "$95-billion"),
    ]
    for r in reference:
        if r["type"] == "aid":
            assert r["donor"] is None and r["period"] is None  # the text does not say


def test_supply_with_a_share_a_recipient_and_a_year() -> None:
    [r] = records("Brazil supplied about 70% of Egypt's soybean imports in 2022.")
    assert r == {
        "type": "supply",
        "supplier": "Brazil",
        "recipient": "Egypt",
        "goods": ["soybean"],
        "measure": "about 70%",
        "period": "2022",
    }


def test_supplier_rank_with_a_list_of_goods_and_a_recipient() -> None:
    [r] = records("Chile is the largest exporter of copper, lithium and salmon to Japan.")
    assert (r["supplier"], r["recipient"], r["goods"], r["measure"]) == (
        "Chile",
        "Japan",
        ["copper", "lithium", "salmon"],
        "largest exporter",
    )


def test_aid_with_donor_purpose_and_recipient() -> None:
    [r] = records("Denmark pledged $40 million in humanitarian aid to Chad.")
    assert r == {
        "type": "aid",
        "donor": "Denmark",
        "recipient": "Chad",
        "purpose": "humanitarian aid",
        "goods": [],
        "amount": "$40 million",
        "period": None,
        "part_of": None,
    }


def test_aid_part_of_a_whole_across_sentences() -> None:
    text = (
        "Parliament passed a $12 billion relief package that includes $7 billion for Haiti. "
        "The package also provides $2 billion for school repairs."
    )
    got = [(r["amount"], r["recipient"], r["purpose"], r["part_of"]) for r in records(text)]
    assert got == [
        ("$7 billion", "Haiti", None, "$12 billion"),
        ("$2 billion", None, "school repairs", "$12 billion"),
    ]


def test_a_purchase_is_not_aid() -> None:
    assert records("The studio paid $3 billion for Lumen, its rival.") == []


def test_recipient_stops_before_a_date_or_a_time_clause() -> None:
    [r] = records("Parliament approved $40 billion in aid for Armenia in May 2022.")
    assert (r["donor"], r["recipient"], r["purpose"], r["period"]) == (
        "Parliament",
        "Armenia",
        "aid",
        "2022-05",
    )
    [r] = records("Norway pledged $50 million for Sudan last year.", dt.date(2024, 5, 1))
    assert (r["recipient"], r["period"]) == ("Sudan", "2023")
    [r] = records("The province gave $2 million in relief to farmers during the drought.")
    assert (r["recipient"], r["purpose"]) == ("farmers", "relief")


def test_an_infinitive_after_to_is_not_a_recipient() -> None:
    assert records("Officials may use $700 billion in funding to rescue the lenders.") == []


def test_a_participle_with_to_is_not_a_supply_measure() -> None:
    text = "The deal will see Airbuses delivered to nine carriers across Asia."
    assert [r for r in records(text) if r["type"] == "supply"] == []

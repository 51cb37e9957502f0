# ruff: noqa: E501  (the gold quotes whole sentences of the texts)
"""The hand annotation of the fact-sheet benchmark, written as a fact-checker reads each text.

Run ``python bench/factsheets/gold_spec.py`` to (re)write the ``*.gold.json`` files: each
figure's and sentence's quote is located in the text here (the n-th occurrence when ``nth``
is given), so the offsets in the gold files are computed, never typed by hand.

Conventions are those of ``shared/corpus/`` and PRODUCT.md: money {amount, currency,
qualifier}; percentage {value (a [low, high] list for a range), qualifier}; quantity {value,
unit, qualifier}; date ISO date, month, year or interval; duration ISO 8601; ranking {rank,
scope}; quote {speaker}. ``checkworthy``: sentences a checker wants proposed;
``not_checkworthy``: headings, greetings, opinions, predictions and promises without a figure,
captions without a figure, credit lines; lines in neither list count neither way.
``records``: supply and aid records as PRODUCT.md shapes them (names as the text writes them).
``corrections``: a sentence that corrects an earlier claim, and the claim it corrects.
``speakers``: a quotation's speaker as named in full, with the title the text gives them.
``lead_ins``: a list item and the line that introduces its list.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def money(amount, qualifier=None, currency="USD"):
    return {"amount": float(amount), "currency": currency, "qualifier": qualifier}


def pct(value, qualifier=None):
    return {"value": value, "qualifier": qualifier}


def qty(value, unit, qualifier=None):
    return {"value": value, "unit": unit, "qualifier": qualifier}


def rank(n, scope=None):
    return {"rank": n, "scope": scope} if scope else {"rank": n}


def who(name):
    return {"speaker": name}


DOCS = {
    "security-assistance": {
        "published": "2025-03-14",
        "figures": [
            ("date", "March 14, 2025", "2025-03-14"),
            ("date", "Today", "2025-03-14"),
            ("money", "up to $350 million", money(350e6, "up to")),
            ("ranking", "eleventh drawdown", rank(11, "drawdown of equipment for Moldavia")),
            ("date", "February 2023", "2023-02"),
            ("quantity", "100 grenade launchers", qty(100, "grenade launchers")),
            ("quantity", "5,000 rifles", qty(5000, "rifles")),
            ("quantity", "1,000 pistols", qty(1000, "pistols")),
            ("quantity", "400 machine guns", qty(400, "machine guns")),
            ("quantity", "400 shotguns", qty(400, "shotguns")),
            (
                "quantity",
                "over 20 million rounds",
                qty(20e6, "rounds of small arms ammunition", "over"),
            ),
            ("quantity", "25,000 sets", qty(25000, "sets of body armor")),
            (
                "quantity",
                "70 High Mobility Multipurpose Wheeled Vehicles",
                qty(70, "High Mobility Multipurpose Wheeled Vehicles"),
            ),
            ("date", "January 2023", "2023-01"),
            ("money", "more than $2.1 billion", money(2.1e9, "over")),
            ("money", "$1.4 billion", money(1.4e9)),
            (
                "quantity",
                "nearly 40 million rounds",
                qty(40e6, "rounds of small arms ammunition", "about"),
            ),
            ("quantity", "12 air surveillance radars", qty(12, "air surveillance radars")),
            (
                "quote",
                "“This package meets Moldavia’s most urgent needs on the ground,”",
                who("Celeste Wallander"),
            ),
            ("date", "March 2, 2025", "2025-03-02"),
        ],
        "checkworthy": [
            "Today, the Department of Defense announced a new package of security assistance for the Republic of Moldavia valued at up to $350 million.",
            "This is the eleventh drawdown of equipment from Department of Defense inventories for Moldavia since February 2023.",
            "100 grenade launchers, 5,000 rifles, 1,000 pistols, 400 machine guns, and 400 shotguns;",
            "over 20 million rounds of small arms ammunition;",
            "25,000 sets of body armor; and",
            "70 High Mobility Multipurpose Wheeled Vehicles.",
            "Since January 2023, the United States has committed more than $2.1 billion in security assistance to Moldavia, of which $1.4 billion was provided through drawdowns.",
            "Earlier packages delivered nearly 40 million rounds of small arms ammunition and 12 air surveillance radars.",
            "“This package meets Moldavia’s most urgent needs on the ground,” Assistant Secretary of Defense Celeste Wallander told reporters at the Pentagon.",
        ],
        "not_checkworthy": [
            "FACT SHEET: New Security Assistance for the Republic of Moldavia",
            "The United States will continue to stand with the people of Moldavia for as long as it takes.",
            "Photo by Sgt. Dana Ortiz, U.S. Army",
        ],
        "speakers": [
            ("“This package meets", "Celeste Wallander", "Assistant Secretary of Defense")
        ],
        "lead_ins": [
            ("100 grenade launchers", "The package includes:"),
            ("25,000 sets of body armor", "The package includes:"),
            ("70 High Mobility", "The package includes:"),
        ],
        "records": [
            {
                "type": "aid",
                "donor": "Department of Defense",
                "recipient": "Republic of Moldavia",
                "purpose": "security assistance",
                "amount": "up to $350 million",
                "period": None,
                "part_of": None,
            },
            {
                "type": "aid",
                "donor": "United States",
                "recipient": "Moldavia",
                "purpose": "security assistance",
                "amount": "more than $2.1 billion",
                "period": "2023-01/2025-03-14",
                "part_of": None,
            },
            {
                "type": "aid",
                "donor": "United States",
                "recipient": "Moldavia",
                "purpose": "security assistance",
                "amount": "$1.4 billion",
                "period": "2023-01/2025-03-14",
                "part_of": "more than $2.1 billion",
            },
        ],
    },
    "semiconductors": {
        "published": "2024-08-09",
        "figures": [
            ("date", "August 9, 2024", "2024-08-09"),
            ("money", "$52.7 billion", money(52.7e9)),
            ("money", "$39 billion", money(39e9)),
            ("money", "$2 billion", money(2e9)),
            ("money", "over $400 billion", money(400e9, "over")),
            ("date", "August 9, 2022", "2022-08-09"),
            ("quantity", "four fabs", qty(4, "fabs")),
            ("quantity", "600,000 square feet", qty(600000, "square feet")),
            ("quantity", "2.4 million square feet", qty(2.4e6, "square feet")),
            ("quantity", "four facilities", qty(4, "facilities"), {"optional": True}),
            ("quantity", "6,000 direct manufacturing jobs", qty(6000, "direct manufacturing jobs")),
            (
                "quantity",
                "more than 20,000 construction jobs",
                qty(20000, "construction jobs", "over"),
            ),
            ("date", "Today", "2024-08-09"),
            ("percentage", "about 10%", pct(10, "about")),
            ("percentage", "37%", pct(37)),
            ("date", "1990", "1990"),
            ("percentage", "Between 60% and 70%", pct([60, 70])),
            ("percentage", "18%-22%", pct([18, 22])),
            ("percentage", "roughly three-quarters", pct(75, "about")),
            ("quantity", "more than 600 companies", qty(600, "companies", "over")),
        ],
        "checkworthy": [
            "The CHIPS and Science Act provides $52.7 billion for American semiconductor research, development, manufacturing, and workforce development.",
            "Of that total, $39 billion is set aside for manufacturing incentives, including $2 billion for legacy chips.",
            "Companies have announced over $400 billion in private investment since the law was signed on August 9, 2022.",
            "The new Arizona campus will include four fabs, each 600,000 square feet, totaling 2.4 million square feet across the four facilities.",
            "The project is expected to create 6,000 direct manufacturing jobs and more than 20,000 construction jobs.",
            "Today, the United States produces about 10% of the world’s chips, down from 37% in 1990.",
            "Between 60% and 70% of the funding will go to leading-edge facilities.",
            "Analysts expect the cost of building a fab in the United States to be 18%-22% higher than in Taiwan.",
            "East Asia accounts for roughly three-quarters of global chip manufacturing capacity.",
            "Commerce Secretary Gina Raimondo said the funding had drawn applications from more than 600 companies.",
        ],
        "not_checkworthy": [
            "FACT SHEET: Investing in American Chip Manufacturing",
            "This is the most ambitious industrial policy in a generation.",
            "These investments will make our supply chains stronger and our country safer.",
        ],
        "records": [
            {
                "type": "aid",
                "donor": None,
                "recipient": None,
                "purpose": "manufacturing incentives",
                "amount": "$39 billion",
                "period": None,
                "part_of": "$52.7 billion",
            },
            {
                "type": "aid",
                "donor": None,
                "recipient": None,
                "purpose": "legacy chips",
                "amount": "$2 billion",
                "period": None,
                "part_of": "$39 billion",
            },
        ],
    },
    "trade-remarks": {
        "published": "2024-12-03",
        "figures": [
            ("date", "December 3, 2024", "2024-12-03"),
            ("date", "today", "2024-12-03", {"optional": True}),
            ("percentage", "more than 80%", pct(80, "over")),
            ("percentage", "60%", pct(60)),
            ("date", "last year", "2023"),
            ("percentage", "70%", pct(70)),
            ("percentage", "60%", pct(60)),
            ("percentage", "100%", pct(100)),
            ("date", "September", "2024-09"),
            ("date", "this year", "2024"),
            ("percentage", "about 90%", pct(90, "about")),
            ("date", "2023", "2023"),
            (
                "quote",
                "“We will not stand by while our workers are undercut,”",
                who("Wally Adeyemo"),
            ),
            ("date", "In 2023", "2023"),
            ("money", "$427 billion", money(427e9)),
            ("percentage", "20%", pct(20)),
            ("date", "the previous year", "2022", {"optional": True}),
            ("ranking", "top source of U.S. imports", rank(1, "source of U.S. imports")),
            ("ranking", "first time", rank(1), {"optional": True}),
            ("duration", "two decades", "P20Y"),
        ],
        "checkworthy": [
            "China has used a wide range of non-market practices to dominate global markets for steel, aluminum, and solar panels.",
            "China now produces more than 80% of the world’s solar modules.",
            "Some reports said Chinese exports of electric vehicles rose 60% last year.",
            "It was 70%, not 60%.",
            "Our tariffs on Chinese electric vehicles rose to 100% in September.",
            "The European Union confirms that it will not adopt the same tariff levels this year.",
            "China supplied about 90% of Russia’s microelectronics imports in 2023.",
            "“We will not stand by while our workers are undercut,” U.S. Deputy Treasury Secretary Wally Adeyemo told reporters after the speech.",
            "In 2023, the United States imported $427 billion of goods from China, a drop of 20% from the previous year.",
            "Mexico became the top source of U.S. imports for the first time in two decades.",
        ],
        "not_checkworthy": [
            "Remarks by Deputy Treasury Secretary on Trade with China",
            "Good afternoon.",
            "I want to thank the Chamber of Commerce for hosting us today.",
            "We believe this approach is the right one.",
            "The deal marks a generational modernization of our trade relationship.",
            "Our partners should join us.",
            "Thank you.",
        ],
        "speakers": [("“We will not stand by", "Wally Adeyemo", "U.S. Deputy Treasury Secretary")],
        "corrections": [
            (
                "It was 70%, not 60%.",
                "Some reports said Chinese exports of electric vehicles rose 60% last year.",
            )
        ],
        "records": [
            {
                "type": "supply",
                "supplier": "China",
                "recipient": "Russia",
                "goods": ["microelectronics"],
                "measure": "about 90%",
                "period": "2023",
            },
            {
                "type": "supply",
                "supplier": "China",
                "recipient": "United States",
                "goods": ["goods"],
                "measure": "$427 billion",
                "period": "2023",
            },
            {
                "type": "supply",
                "supplier": "Mexico",
                "recipient": "U.S.",
                "goods": [],
                "measure": "top source of U.S. imports",
                "period": None,
            },
        ],
    },
    "night-strike": {
        "published": "2024-12-18",
        "figures": [
            ("date", "December 18, 2024", "2024-12-18"),
            ("date", "March 11", "2024-03-11"),
            ("date", "1:30 A.M.", {"date": "2024-03-11T01:30"}),
            ("quantity", "Two turbines", qty(2, "turbines")),
            ("quantity", "about 1,200 homes", qty(1200, "homes", "about")),
            ("quote", "“The station is completely destroyed,”", who("Ruslan Kravchenko")),
            ("percentage", "about half", pct(50, "about")),
            ("duration", "three days", "P3D"),
            ("duration", "up to 18 months", {"duration": "P18M", "qualifier": "up to"}),
            ("quantity", "14 attacks", qty(14, "attacks on energy facilities")),
            ("date", "February", "2024-02"),
            ("ranking", "highest monthly total", rank(1, "monthly total this year")),
            ("date", "this year", "2024"),
        ],
        "checkworthy": [
            "Russian missiles struck the Trypilska power plant near Kyiv on March 11, destroying its turbine hall.",
            "The strike began at 1:30 A.M., according to the regional governor.",
            "Two turbines were destroyed and about 1,200 homes lost power, Governor Ruslan Kravchenko said in a statement.",
            "“The station is completely destroyed,” Kravchenko said.",
            "Energy Minister Herman Halushchenko said that the country had lost about half of its generating capacity since the start of the war.",
            "The attack came three days after a similar strike on a plant in the east.",
            "Officials said repairs could take up to 18 months.",
            "The ministry reported 14 attacks on energy facilities in February, the highest monthly total this year.",
        ],
        "not_checkworthy": [
            "Overnight strike hits power plant as talks stall",
            "Rescuers work at the site of the strike in the Kyiv region. (Reuters)",
            "If talks fail tomorrow, the next steps are generally decided by the parliament.",
            "Reuters contributed to this report.",
        ],
        "speakers": [("“The station is completely destroyed,”", "Ruslan Kravchenko", "Governor")],
        "records": [],
    },
    "humanitarian-aid": {
        "published": "2024-06-20",
        "figures": [
            ("date", "June 20, 2024", "2024-06-20"),
            ("money", "nearly $315 million", money(315e6, "about")),
            ("money", "more than $1.6 billion", money(1.6e9, "over")),
            ("date", "October 2022", "2022-10"),
            ("money", "$152 million", money(152e6)),
            ("money", "$88 million", money(88e6)),
            ("money", "$75 million", money(75e6)),
            ("percentage", "About 40%", pct(40, "about")),
            ("percentage", "35%", pct(35)),
            ("percentage", "25%", pct(25)),
            ("quantity", "More than 10 million people", qty(10e6, "people", "over")),
            ("percentage", "roughly a third", pct(100 / 3, "about")),
            (
                "ranking",
                "largest donor of humanitarian assistance to Sudan",
                rank(1, "donor of humanitarian assistance to Sudan"),
            ),
            ("percentage", "Nearly half", pct(50, "about")),
            ("date", "June 19", "2024-06-19"),
        ],
        "checkworthy": [
            "The United States is providing nearly $315 million in new humanitarian assistance for the people of Sudan and neighboring countries.",
            "This brings total U.S. humanitarian assistance for the Sudan crisis to more than $1.6 billion since October 2022.",
            "$152 million for emergency food assistance inside Sudan;",
            "$88 million for refugees in Chad, South Sudan, and Egypt; and",
            "$75 million for health care, clean water, and shelter.",
            "About 40% of the funding will go through the World Food Programme, 35% through UNICEF, and 25% through local partners.",
            "More than 10 million people have fled their homes, roughly a third of them to neighboring countries.",
            "The United States is the largest donor of humanitarian assistance to Sudan.",
            "Nearly half of Sudan’s population faces acute food insecurity.",
            "Administrator Samantha Power announced the funding in Nairobi on June 19.",
        ],
        "not_checkworthy": [
            "FACT SHEET: United States Humanitarian Assistance for Sudan",
            "We urge other donors to match this commitment.",
            "A mother and child wait at a clinic in Adre, Chad.",
            "Credit: USAID",
        ],
        "lead_ins": [
            ("$152 million for emergency", "The new funding includes:"),
            ("$75 million for health", "The new funding includes:"),
        ],
        "records": [
            {
                "type": "aid",
                "donor": "United States",
                "recipient": "people of Sudan and neighboring countries",
                "purpose": "humanitarian assistance",
                "amount": "nearly $315 million",
                "period": None,
                "part_of": None,
            },
            {
                "type": "aid",
                "donor": "U.S.",
                "recipient": "Sudan crisis",
                "purpose": "humanitarian assistance",
                "amount": "more than $1.6 billion",
                "period": "2022-10/2024-06-20",
                "part_of": None,
            },
            {
                "type": "aid",
                "donor": None,
                "recipient": "Sudan",
                "purpose": "emergency food assistance",
                "amount": "$152 million",
                "period": None,
                "part_of": "nearly $315 million",
            },
            {
                "type": "aid",
                "donor": None,
                "recipient": "refugees in Chad, South Sudan, and Egypt",
                "purpose": None,
                "amount": "$88 million",
                "period": None,
                "part_of": "nearly $315 million",
            },
            {
                "type": "aid",
                "donor": None,
                "recipient": None,
                "purpose": "health care, clean water, and shelter",
                "amount": "$75 million",
                "period": None,
                "part_of": "nearly $315 million",
            },
        ],
    },
}


def locate(text: str, quote: str, nth: int = 0, after: int = 0) -> tuple[int, int]:
    """The span of the ``nth`` occurrence of ``quote`` in ``text`` at or after ``after``."""
    pos = after - 1
    for _ in range(nth + 1):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            raise ValueError(f"{quote!r} not found")
    return pos, pos + len(quote)


def build(name: str, spec: dict) -> dict:
    text = (HERE / f"{name}.txt").read_text(encoding="utf-8")
    figures, cursor = [], 0
    for item in spec["figures"]:
        category, quote, value = item[:3]
        opts = item[3] if len(item) > 3 else {}
        # figures are listed in text order: each is searched from the previous one on
        start, end = locate(text, quote, 0, cursor)
        cursor = start + 1
        figures.append(
            {
                "category": category,
                "quote": quote,
                "start": start,
                "end": end,
                "value": value,
                "optional": bool(opts.get("optional")),
            }
        )

    def spans(items):
        out = []
        for s in items:
            a, b = locate(text, s)
            out.append({"contains": s, "start": a, "end": b})
        return out

    gold = {
        "article": f"{name}.txt",
        "metadata": {"published": spec["published"]},
        "notes": [__doc__.split("\n\n", 2)[2].strip()],
        "figures": figures,
        "checkworthy": spans(spec["checkworthy"]),
        "not_checkworthy": spans(spec["not_checkworthy"]),
        "records": spec.get("records", []),
        "corrections": [
            {"claim": spans([a])[0], "corrects": spans([b])[0]}
            for a, b in spec.get("corrections", [])
        ],
        "speakers": [
            {"line": spans([line])[0], "speaker": name_, "role": role}
            for line, name_, role in spec.get("speakers", [])
        ],
        "lead_ins": [
            {"line": spans([line])[0], "lead_in": spans([lead])[0]}
            for line, lead in spec.get("lead_ins", [])
        ],
    }
    for f in figures:
        assert text[f["start"] : f["end"]] == f["quote"]
    return gold


def main() -> None:
    for name, spec in DOCS.items():
        gold = build(name, spec)
        path = HERE / f"{name}.gold.json"
        path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(
            f"{path.name}: {len(gold['figures'])} figures, {len(gold['checkworthy'])} check-worthy"
        )


if __name__ == "__main__":
    main()

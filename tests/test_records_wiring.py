"""Issue 12: supply and aid records travel through the API, the annotated JSON (format
version 2), imports, the CLI's extraction document and the claim panel."""

from __future__ import annotations

import copy
import json

import jsonschema

from workbench import exporters
from workbench.exporters.annotated import VERSION, schema

from .test_export import validate

TEXT = (
    "Aid bill passes\n\n"
    "On March 3, lawmakers approved a $9 billion aid package that includes $5 billion for "
    "Moldova and $3 billion for flood defenses.\n\n"
    "Peru is the largest exporter of blueberries, avocados and asparagus to Canada.\n"
)


def _import(client) -> dict:
    r = client.api("POST", "/api/v1/articles", json={"text": TEXT, "title": "Aid"})
    assert r.status_code == 201, r.get_data(as_text=True)
    return r.get_json()["article"]


def _records(doc: dict) -> list[dict]:
    return [r for c in doc["claims"] for r in c.get("records", [])]


def _exported(app, article_id: int) -> dict:
    with app.app_context():
        result = exporters.prepare(article_id, "annotated-json", config=app.config)
        return json.loads("".join(result.chunks))


def test_the_api_claim_carries_its_records(app, reviewer):
    article = _import(reviewer)
    doc = reviewer.api("GET", f"/api/v1/articles/{article['id']}").get_json()
    aid = [r for r in _records(doc) if r["type"] == "aid"]
    assert [(r["amount"], r["recipient"], r["purpose"], r["part_of"]) for r in aid] == [
        ("$5 billion", "Moldova", None, "$9 billion"),
        ("$3 billion", None, "flood defenses", "$9 billion"),
    ]
    claim = next(c for c in doc["claims"] if c.get("records"))
    one = reviewer.api("GET", f"/api/v1/claims/{claim['id']}").get_json()
    assert one["records"] == claim["records"]
    [supply] = [r for r in _records(doc) if r["type"] == "supply"]
    assert (supply["supplier"], supply["recipient"], supply["goods"]) == (
        "Peru",
        "Canada",
        ["blueberries", "avocados", "asparagus"],
    )


def test_the_export_is_version_2_and_round_trips_records(app, reviewer, editor):
    article = _import(reviewer)
    first = _exported(app, article["id"])
    validate(first)
    assert first["version"] == VERSION == 2
    assert len(_records(first)) == 3
    r = editor.api("POST", "/api/v1/articles?allow_duplicate=1", json=first)
    assert r.status_code == 201, r.get_data(as_text=True)
    second = _exported(app, r.get_json()["article"]["id"])
    assert _records(second) == _records(first)


def test_a_version_1_document_still_imports(app, reviewer, editor):
    article = _import(reviewer)
    doc = _exported(app, article["id"])
    old = copy.deepcopy(doc)
    old["version"] = 1
    for claim in old["claims"]:
        claim.pop("records", None)
        claim.pop("discussion", None)  # version 2 also added the thread (issue 14)
    r = editor.api("POST", "/api/v1/articles?allow_duplicate=1", json=old)
    assert r.status_code == 201, r.get_data(as_text=True)
    again = _exported(app, r.get_json()["article"]["id"])
    assert _records(again) == []  # version 1 had no records; nothing is invented


def test_a_malformed_record_is_refused_with_its_place(app, reviewer, editor):
    article = _import(reviewer)
    doc = _exported(app, article["id"])
    claim = next(c for c in doc["claims"] if c.get("records"))
    claim["records"][0]["secret"] = "x"
    r = editor.api("POST", "/api/v1/articles?allow_duplicate=1", json=doc)
    assert r.status_code == 422, r.get_data(as_text=True)
    body = r.get_json()
    assert body["error"] and "records" in json.dumps(body["errors"])
    claim["records"][0].pop("secret")
    claim["records"] = [claim["records"][0]] * 51
    r = editor.api("POST", "/api/v1/articles?allow_duplicate=1", json=doc)
    assert r.status_code == 422
    assert "at most 50 records" in json.dumps(r.get_json()["errors"])


def test_the_schema_describes_both_record_types():
    validator = jsonschema.Draft202012Validator(schema())
    defs = schema()["$defs"]
    assert validator.is_valid is not None
    types = {variant["properties"]["type"]["const"] for variant in defs["record"]["oneOf"]}
    assert types == {"supply", "aid"}
    assert schema(1)["properties"]["version"]["const"] == 1


def test_the_claim_panel_shows_records(app, reviewer):
    article = _import(reviewer)
    doc = reviewer.api("GET", f"/api/v1/articles/{article['id']}").get_json()
    claim = next(c for c in doc["claims"] if any(r["type"] == "aid" for r in c.get("records", [])))
    page = reviewer.get(f"/claims/{claim['id']}").get_data(as_text=True)
    assert "Supply and aid" in page
    assert "$5 billion to Moldova, part of $9 billion" in page


def test_csv_and_html_report_carry_the_records(app, reviewer):
    article = _import(reviewer)
    url = f"/api/v1/articles/{article['id']}/export"
    sheet = reviewer.get(f"{url}?format=csv").get_data(as_text=True)
    assert "aid: $5 billion to Moldova, part of $9 billion" in sheet
    assert "supply: Peru to Canada (blueberries, avocados, asparagus), largest exporter" in sheet
    page = reviewer.get(f"{url}?format=html").get_data(as_text=True)
    assert "aid: $3 billion for flood defenses, part of $9 billion" in page

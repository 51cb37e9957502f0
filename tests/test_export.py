"""The annotated-JSON export: schema-valid, offsets exact, scoreable by the shared scorer."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema

from workbench import SHARED
from workbench.exporters.annotated import schema

from .conftest import reference_text


def validate(doc: dict) -> None:
    """Validate against the committed schema and check every quote against the text."""
    jsonschema.Draft202012Validator(
        schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(doc)
    text = doc["article"]["text"]
    for claim in doc["claims"]:
        assert claim["quote"] == text[claim["start"] : claim["end"]]
        for figure in claim["figures"]:
            assert figure["text"] == text[figure["start"] : figure["end"]]


def test_schema_is_itself_valid():
    jsonschema.Draft202012Validator.check_schema(schema())


def test_export_download_from_the_article_page(reviewer, article_id):
    r = reviewer.get(f"/articles/{article_id}/export")
    assert r.status_code == 200
    assert "attachment" in r.headers["Content-Disposition"]
    validate(json.loads(r.get_data(as_text=True)))


def test_export_after_review_carries_sources_verdict_and_history(reviewer, editor, article_id):
    doc = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()
    claim = doc["claims"][0]
    cid, v = claim["id"], claim["version"]
    v = reviewer.api(
        "POST",
        f"/api/v1/claims/{cid}/sources",
        json={
            "url": "https://example.org/x",
            "title": "X",
            "stance": "refutes",
            "version": v,
            "excerpt": "<b>not html</b>",
            "published": "2025-01-02",
        },
    ).get_json()["version"]
    v = reviewer.api(
        "PUT",
        f"/api/v1/claims/{cid}/verdict",
        json={"rating": "false", "rationale": "No.", "version": v},
    ).get_json()["version"]
    v = reviewer.api("POST", f"/api/v1/claims/{cid}/submit", json={"version": v}).get_json()[
        "version"
    ]
    editor.api("POST", f"/api/v1/claims/{cid}/approve", json={"version": v})
    doc = reviewer.api(
        "GET", f"/api/v1/articles/{article_id}/export?format=annotated-json"
    ).get_json()
    validate(doc)
    exported = next(c for c in doc["claims"] if c["id"] == cid)
    assert exported["status"] == "approved"
    assert exported["sources"][0]["excerpt"] == "<b>not html</b>"
    assert exported["verdict"]["label"] == "False"
    assert exported["verdict"]["approved_by"] == "eddie"
    assert [h["action"] for h in exported["history"]][-1] == "approve"
    assert doc["history"][0]["action"] == "import"
    assert doc["status"] == ("final" if len(doc["claims"]) == 1 else "draft")


def test_reference_article_export_meets_the_foundation_bar(app, reviewer, tmp_path):
    text = reference_text()
    r = reviewer.api("POST", "/api/v1/articles", json={"text": text})
    assert r.status_code == 201
    doc = r.get_json()
    validate(doc)
    assert doc["article"]["published"] == "2024-05-01"
    assert len(doc["claims"]) >= 15
    path = tmp_path / "export.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    scored = subprocess.run(
        [
            sys.executable,
            str(SHARED / "benchmarks" / "score.py"),
            str(SHARED / "corpus" / "blinken-china-2024.gold.json"),
            str(path),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    scores = json.loads(scored.stdout)["scores"]
    assert scores["all"]["gold"] > 0
    assert scores["checkworthy"]["recall"] is not None

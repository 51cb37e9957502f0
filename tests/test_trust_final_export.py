"""Issue 10 #8: a final export means something: an editor signed it, and the document says
who and when. A reviewer's ordinary export of a fully reviewed article is "complete", not
"final", and differs from the editor's final export."""

# Threat model (docs/threat-model.md): S3.10.

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import jsonschema
import pytest

from workbench.exporters.annotated import schema

from .conftest import Client
from .test_export import validate


def _finish(reviewer: Client, editor: Client, article_id: int) -> None:
    """Approve the first claim, dismiss the rest: every claim done."""
    doc = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()
    first, *rest = doc["claims"]
    for claim in rest:
        r = reviewer.api(
            "POST",
            f"/api/v1/claims/{claim['id']}/dismiss",
            json={"version": claim["version"], "reason": "not a claim"},
        )
        assert r.status_code == 200
    cid = first["id"]
    v = reviewer.api(
        "PUT",
        f"/api/v1/claims/{cid}/verdict",
        json={"rating": "true", "rationale": "Checked.", "version": first["version"]},
    ).get_json()["version"]
    v = reviewer.api("POST", f"/api/v1/claims/{cid}/submit", json={"version": v}).get_json()[
        "version"
    ]
    r = editor.api("POST", f"/api/v1/claims/{cid}/approve", json={"version": v})
    assert r.status_code == 200


def test_an_unsigned_export_of_a_reviewed_article_is_complete_not_final(
    reviewer, editor, article_id
):
    _finish(reviewer, editor, article_id)
    r = reviewer.get(f"/api/v1/articles/{article_id}/export?format=annotated-json")
    doc = json.loads(r.get_data(as_text=True))
    validate(doc)
    assert doc["status"] == "complete" and "final" not in doc
    assert r.headers["X-Export-Status"] == "complete"
    assert "X-Export-Signed-By" not in r.headers
    html = reviewer.get(f"/articles/{article_id}/export?format=html").get_data(as_text=True)
    assert ">complete</span>" in html and "signed by" not in html


def test_a_final_export_is_signed_by_the_editor(reviewer, editor, article_id):
    _finish(reviewer, editor, article_id)
    before = datetime.now(UTC) - timedelta(seconds=1)
    r = editor.get(f"/api/v1/articles/{article_id}/export?final=1")
    assert r.status_code == 200
    final = json.loads(r.get_data(as_text=True))
    validate(final)
    assert final["status"] == "final"
    assert final["final"]["signed_by"] == "eddie"
    signed_at = datetime.fromisoformat(final["final"]["signed_at"])
    assert before <= signed_at <= datetime.now(UTC) + timedelta(seconds=1)
    assert r.headers["X-Export-Status"] == "final"
    assert r.headers["X-Export-Signed-By"] == "eddie"
    plain = reviewer.get(f"/api/v1/articles/{article_id}/export").get_data()
    assert plain != r.get_data()  # no longer byte-identical
    page = editor.get(f"/articles/{article_id}/export?format=html&final=1").get_data(as_text=True)
    assert "final · signed by eddie" in page


def test_the_schema_ties_status_final_to_a_signature():
    validator = jsonschema.Draft202012Validator(schema())
    base = {
        "format": "fact-check-workbench/annotated-article",
        "version": 2,  # the current format (1 is still imported)
        "article": {
            "id": 1,
            "title": "t",
            "byline": None,
            "published": None,
            "source_url": None,
            "text": "x",
            "text_sha256": "0" * 64,
        },
        "claims": [],
    }
    signature = {"signed_by": "eddie", "signed_at": "2026-12-05T10:00:00+00:00"}
    assert validator.is_valid({**base, "status": "final", "final": signature})
    assert not validator.is_valid({**base, "status": "final"})
    assert not validator.is_valid({**base, "status": "complete", "final": signature})
    assert validator.is_valid({**base, "status": "complete"})


@pytest.mark.backends("sqlite")
def test_the_cli_signs_a_final_export_with_an_editor(app, reviewer, editor, article_id, tmp_path):
    _finish(reviewer, editor, article_id)
    runner = app.test_cli_runner()
    out = tmp_path / "final.json"
    result = runner.invoke(
        args=["export", str(article_id), "--final", "--signed-by", "Eddie", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text("utf-8"))
    validate(doc)
    assert doc["status"] == "final" and doc["final"]["signed_by"] == "eddie"
    unsigned = runner.invoke(args=["export", str(article_id), "--final"])
    assert unsigned.exit_code != 0 and "needs --signed-by" in unsigned.output
    by_reviewer = runner.invoke(args=["export", str(article_id), "--final", "--signed-by", "rita"])
    assert by_reviewer.exit_code != 0 and "not an active editor" in by_reviewer.output

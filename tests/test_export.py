"""The annotated-JSON export: schema-valid, offsets exact, scoreable by the shared scorer."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys

import jsonschema
import pytest

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
    # an ordinary export of a fully reviewed article is "complete"; "final" is editor-signed
    assert doc["status"] == ("complete" if len(doc["claims"]) == 1 else "draft")


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


# --- every format, the final flag, and what each format must never let through -----------


def _first_claim(client, article_id) -> dict:
    return client.api("GET", f"/api/v1/articles/{article_id}").get_json()["claims"][0]


def test_final_export_is_refused_with_the_claims_still_pending(reviewer, editor, article_id):
    """Threat S3.10."""
    doc = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()
    for fmt in ("annotated-json", "csv", "html"):
        r = editor.get(f"/api/v1/articles/{article_id}/export?format={fmt}&final=1")
        assert r.status_code == 409
        body = r.get_json()
        assert body["error"] == "conflict"
        assert [p["id"] for p in body["pending"]] == [c["id"] for c in doc["claims"]]
        assert body["pending_total"] == len(doc["claims"])
    page = editor.get(f"/articles/{article_id}/export?format=csv&final=1")
    assert page.status_code == 409
    assert "approved or dismissed" in page.get_data(as_text=True)
    # dismiss all but one, approve that one: now final
    for claim in doc["claims"][1:]:
        r = reviewer.api(
            "POST",
            f"/api/v1/claims/{claim['id']}/dismiss",
            json={"version": claim["version"], "reason": "not a claim"},
        )
        assert r.status_code == 200
    first = doc["claims"][0]
    v = reviewer.api(
        "PUT",
        f"/api/v1/claims/{first['id']}/verdict",
        json={"rating": "true", "rationale": "Checked.", "version": first["version"]},
    ).get_json()["version"]
    v = reviewer.api(
        "POST", f"/api/v1/claims/{first['id']}/submit", json={"version": v}
    ).get_json()["version"]
    assert editor.get(f"/api/v1/articles/{article_id}/export?final=1").status_code == 409
    editor.api("POST", f"/api/v1/claims/{first['id']}/approve", json={"version": v})
    r = editor.get(f"/api/v1/articles/{article_id}/export?final=1")
    assert r.status_code == 200
    final = json.loads(r.get_data(as_text=True))
    validate(final)
    assert final["status"] == "final"
    assert r.headers["X-Export-Status"] == "final"


def test_draft_export_says_draft(reviewer, article_id):
    r = reviewer.get(f"/api/v1/articles/{article_id}/export?format=annotated-json")
    doc = json.loads(r.get_data(as_text=True))
    validate(doc)
    assert doc["status"] == "draft"


def test_unknown_format_is_refused(reviewer, article_id):
    r = reviewer.get(f"/api/v1/articles/{article_id}/export?format=docx")
    assert r.status_code == 422
    assert "claimreview" in r.get_json()["message"]
    assert reviewer.get(f"/articles/{article_id}/export?format=docx").status_code == 400
    assert reviewer.get("/api/v1/articles/999999/export?format=csv").status_code == 404


def test_csv_neutralizes_formulas_and_starts_with_a_bom(app, reviewer, make_user):
    """Threat S3.8."""
    text = '=HYPERLINK("http://evil") said 3 people.\n+1 more, -2 less and @3 at 4 sites.'
    r = reviewer.api("POST", "/api/v1/articles", json={"text": text, "title": "F"})
    article_id = r.get_json()["article"]["id"]
    # reviewer claims starting with each dangerous character
    for start, end in (
        (0, 12),
        (text.index("+1"), text.index("+1") + 7),
        (text.index("-2"), text.index("-2") + 6),
        (text.index("@3"), text.index("@3") + 7),
    ):
        reviewer.api(
            "POST", f"/api/v1/articles/{article_id}/claims", json={"start": start, "end": end}
        )
    r = reviewer.get(f"/api/v1/articles/{article_id}/export?format=csv")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/csv")
    raw = r.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    quotes = [row["quote"] for row in rows]
    assert "'=HYPERLINK(\"" in quotes
    for cell in (c for row in rows for c in row.values()):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert {"'+1 more", "'-2 les", "'@3 at 4"} <= set(quotes)


def test_claimreview_cannot_break_out_of_a_script_element(app, reviewer, editor):
    """Threat S3.8."""
    text = 'He wrote "</script><script>alert(1)</script>" and <!-- 40% of voters & more agreed.'
    r = reviewer.api(
        "POST", "/api/v1/articles", json={"text": text, "title": "</script>", "byline": "<b>X</b>"}
    )
    article_id = r.get_json()["article"]["id"]
    r = reviewer.api(
        "POST", f"/api/v1/articles/{article_id}/claims", json={"start": 0, "end": len(text) - 1}
    )
    claim = r.get_json()
    v = reviewer.api(
        "PUT",
        f"/api/v1/claims/{claim['id']}/verdict",
        json={
            "rating": "unverifiable",
            "rationale": "</script>'\u2028",
            "version": claim["version"],
        },
    ).get_json()["version"]
    v = reviewer.api(
        "POST", f"/api/v1/claims/{claim['id']}/submit", json={"version": v}
    ).get_json()["version"]
    assert (
        editor.api("POST", f"/api/v1/claims/{claim['id']}/approve", json={"version": v}).status_code
        == 200
    )
    r = reviewer.get(f"/api/v1/articles/{article_id}/export?format=claimreview")
    assert r.headers["Content-Type"].startswith("application/ld+json")
    raw = r.get_data(as_text=True)
    for bad in ("<", ">", "&", "'", "\u2028"):
        assert bad not in raw
    graph = [g for g in json.loads(raw)["@graph"] if g["url"].endswith(f"#claim-{claim['id']}")]
    assert len(graph) == 1
    review = graph[0]
    assert review["claimReviewed"].startswith('He wrote "</script><script>')
    assert len(review["claimReviewed"]) <= 75
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Unverifiable",
        "ratingExplanation": "</script>'\u2028",
    }
    assert review["itemReviewed"]["author"]["name"] == "<b>X</b>"


def test_claimreview_publisher_and_urls_come_from_the_config(app, reviewer, editor, article_id):
    """Threat S7.4."""
    app.config.update(
        PUBLISHER_NAME="Example Checks",
        PUBLISHER_URL="https://checks.example/",
        CLAIMREVIEW_URL_TEMPLATE="https://checks.example/a/{article_id}#claim-{claim_id}",
    )
    claim = _first_claim(reviewer, article_id)
    v = reviewer.api(
        "PUT",
        f"/api/v1/claims/{claim['id']}/verdict",
        json={"rating": "false", "rationale": "No.", "version": claim["version"]},
    ).get_json()["version"]
    v = reviewer.api(
        "POST", f"/api/v1/claims/{claim['id']}/submit", json={"version": v}
    ).get_json()["version"]
    editor.api("POST", f"/api/v1/claims/{claim['id']}/approve", json={"version": v})
    graph = json.loads(
        reviewer.get(f"/api/v1/articles/{article_id}/export?format=claimreview").get_data(
            as_text=True
        )
    )["@graph"]
    assert len(graph) == 1  # only the approved claim
    assert graph[0]["author"] == {
        "@type": "Organization",
        "name": "Example Checks",
        "url": "https://checks.example/",
    }
    assert graph[0]["url"] == f"https://checks.example/a/{article_id}#claim-{claim['id']}"
    assert graph[0]["reviewRating"]["ratingValue"] == 1
    app.config["CLAIMREVIEW_URL_TEMPLATE"] = "javascript:alert({claim_id})"
    with pytest.raises(ValueError, match="not an absolute http"):
        reviewer.get(f"/api/v1/articles/{article_id}/export?format=claimreview")


def test_web_annotation_selectors_count_code_points(app, reviewer):
    """Threat S2.9."""
    text = "A😀B: the e\u0301lection cost $3 million 👩‍👩‍👧 in שלום 2024."
    article_id = reviewer.api(
        "POST", "/api/v1/articles", json={"text": text, "title": "U"}
    ).get_json()["article"]["id"]
    start = text.index("$3")
    r = reviewer.api(
        "POST", f"/api/v1/articles/{article_id}/claims", json={"start": start, "end": start + 10}
    )
    assert r.status_code == 201, r.get_data(as_text=True)
    doc = json.loads(
        reviewer.get(f"/api/v1/articles/{article_id}/export?format=webannotation").get_data(
            as_text=True
        )
    )
    sha = hashlib.sha256(text.encode()).hexdigest()
    item = next(i for i in doc["first"]["items"] if i["target"]["selector"][1]["start"] == start)
    quote, position = item["target"]["selector"]
    assert item["target"]["source"] == f"urn:sha256:{sha}"
    assert quote["exact"] == "$3 million" == text[position["start"] : position["end"]]
    assert quote["prefix"] == text[max(0, start - 32) : start]
    assert quote["suffix"] == text[start + 10 : start + 42]
    assert item["creator"]["nickname"] == "rita"
    assert item["motivation"] == "highlighting"


def test_html_report_is_a_standalone_attachment(app, reviewer, editor, article_id):
    """Threat S3.8."""
    claim = _first_claim(reviewer, article_id)
    reviewer.api(
        "POST",
        f"/api/v1/claims/{claim['id']}/sources",
        json={
            "url": "https://example.org/src",
            "title": "<img src=x onerror=alert(1)>",
            "stance": "refutes",
            "version": claim["version"],
        },
    )
    claim = _first_claim(reviewer, article_id)
    reviewer.api(
        "PUT",
        f"/api/v1/claims/{claim['id']}/verdict",
        json={
            "rating": "false",
            "rationale": "**Wrong**: <script>alert(1)</script> [x](javascript:alert(1))",
            "version": claim["version"],
        },
    )
    for url in (
        f"/api/v1/articles/{article_id}/export?format=html",
        f"/articles/{article_id}/export?format=html",
    ):
        r = reviewer.get(url)
        assert r.status_code == 200
        assert r.headers["Content-Disposition"].startswith("attachment;")
        assert r.headers["Content-Type"] == "text/html; charset=utf-8"
        assert "default-src 'self'" in r.headers["Content-Security-Policy"]
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        html = r.get_data(as_text=True)
        lower = html.lower()
        assert "<script" not in lower and "<img" not in lower
        assert 'href="javascript' not in lower
        assert "<strong>Wrong</strong>" in html  # rendered Markdown
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        assert 'src="' not in html and "@import" not in html and "url(" not in html
        claim_ids = [
            c["id"] for c in reviewer.get(f"/api/v1/articles/{article_id}").get_json()["claims"]
        ]
        assert html.count("<mark ") >= 1
        assert all(f'href="#note-{cid}"' in html for cid in claim_ids)
        assert "Verdict: False" in html


def test_cli_export_in_every_format_and_final_refusal(app, reviewer, article_id, tmp_path):
    """Threat S3.10."""
    runner = app.test_cli_runner()
    for fmt in ("annotated-json", "claimreview", "webannotation", "csv", "html"):
        out = tmp_path / f"out.{fmt}"
        result = runner.invoke(args=["export", str(article_id), "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    validate(json.loads((tmp_path / "out.annotated-json").read_text("utf-8")))
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    result = runner.invoke(args=["export", str(article_id), "--final"])
    assert result.exit_code != 0
    assert "approved or dismissed" in result.output


def test_article_page_offers_every_format(reviewer, article_id):
    page = reviewer.get(f"/articles/{article_id}").get_data(as_text=True)
    for fmt in ("annotated-json", "claimreview", "webannotation", "csv", "html"):
        assert f"format={fmt}" in page


def test_only_editors_export_final_versions(reviewer, article_id):
    """Threat S3.10."""
    r = reviewer.get(f"/api/v1/articles/{article_id}/export?final=1")
    assert r.status_code == 403
    assert "only editors export final versions" in r.get_json()["message"]
    assert reviewer.get(f"/articles/{article_id}/export?final=1").status_code == 403


def test_an_export_reads_one_snapshot(app, reviewer, article_id, backend):
    """S3.9: A claim reopened while a final export streams cannot slip into it."""
    from sqlalchemy import text

    from workbench import exporters
    from workbench.db import db

    with app.app_context():
        result = exporters.prepare(article_id, "csv")
        next(iter(result.chunks))
        if backend == "postgresql":
            level = db.session.execute(text("show transaction_isolation")).scalar()
            assert level == "repeatable read"
        else:  # SQLite: one deferred read transaction is a snapshot under WAL
            assert db.session().in_transaction()

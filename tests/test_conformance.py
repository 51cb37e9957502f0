"""Exports checked against material we did not write: the W3C Web Annotation test suite and
the schema.org/Google ClaimReview kit in ../shared/conformance, run as their own programs
on the reference article after a full review."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from workbench import SHARED

from .conftest import reference_text, unavailable

WEB_ANNOTATION_CHECK = SHARED / "conformance" / "web-annotation" / "check.py"
CLAIMREVIEW_CHECK = SHARED / "conformance" / "claimreview" / "check.py"
RATINGS = ["true", "mostly-true", "mixed", "misleading", "mostly-false", "false", "unverifiable"]


def review_everything(reviewer, editor, article_id: int) -> list[dict]:
    """Give every claim a source and a verdict, submit it, and have the editor approve it."""
    doc = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()
    for n, claim in enumerate(doc["claims"]):
        cid, v = claim["id"], claim["version"]
        r = reviewer.api(
            "POST",
            f"/api/v1/claims/{cid}/sources",
            json={
                "url": f"https://example.org/evidence/{n}?q=a&b=</script>",
                "title": f"Evidence {n} </script><!--",
                "publisher": "Example Records",
                "published": "2024-04-30",
                "stance": ["supports", "refutes", "context"][n % 3],
                "version": v,
            },
        )
        assert r.status_code == 201, r.get_data(as_text=True)
        r = reviewer.api(
            "PUT",
            f"/api/v1/claims/{cid}/verdict",
            json={
                "rating": RATINGS[n % len(RATINGS)],
                "rationale": f"Checked against **record {n}**. </script><script>alert(1)</script>",
                "version": r.get_json()["version"],
            },
        )
        assert r.status_code == 200, r.get_data(as_text=True)
        r = reviewer.api(
            "POST", f"/api/v1/claims/{cid}/submit", json={"version": r.get_json()["version"]}
        )
        assert r.status_code == 200, r.get_data(as_text=True)
        r = editor.api(
            "POST", f"/api/v1/claims/{cid}/approve", json={"version": r.get_json()["version"]}
        )
        assert r.status_code == 200, r.get_data(as_text=True)
    return doc["claims"]


@pytest.fixture
def reviewed(app, reviewer, editor, tmp_path):
    """The reference article imported through the API, fully reviewed, exported 5 ways."""
    text = reference_text()
    for tool in (WEB_ANNOTATION_CHECK, CLAIMREVIEW_CHECK):
        if not tool.exists():
            unavailable(f"the conformance kit is missing at {tool}")
    r = reviewer.api(
        "POST",
        "/api/v1/articles",
        json={"text": text, "source_url": "https://www.state.gov/example-remarks"},
    )
    assert r.status_code == 201, r.get_data(as_text=True)
    article_id = r.get_json()["article"]["id"]
    claims = review_everything(reviewer, editor, article_id)
    files = {}
    for fmt, suffix in (
        ("annotated-json", "json"),
        ("claimreview", "claimreview.jsonld"),
        ("webannotation", "annotations.jsonld"),
        ("csv", "csv"),
        ("html", "html"),
    ):
        r = editor.get(f"/api/v1/articles/{article_id}/export?format={fmt}&final=1")
        assert r.status_code == 200, (fmt, r.get_data(as_text=True)[:500])
        assert "attachment" in r.headers["Content-Disposition"]
        path = tmp_path / f"export.{suffix}"
        path.write_bytes(r.get_data())
        files[fmt] = path
    return {"id": article_id, "claims": claims, "files": files, "text": text}


def run_checker(tool, path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(tool), str(path)], capture_output=True, text=True, timeout=600
    )


def test_reference_exports_pass_the_outside_conformance_checkers(reviewed):
    n = len(reviewed["claims"])
    assert n >= 15

    web = run_checker(WEB_ANNOTATION_CHECK, reviewed["files"]["webannotation"])
    assert web.returncode == 0, web.stdout[-3000:] + web.stderr[-2000:]
    assert " 0 failed" in web.stdout.splitlines()[-1]
    collection = json.loads(reviewed["files"]["webannotation"].read_text("utf-8"))
    assert collection["type"] == "AnnotationCollection"
    assert collection["total"] == n
    items = collection["first"]["items"]
    assert len(items) == n
    text = reviewed["text"]
    for item in items:
        quote, position = item["target"]["selector"]
        assert quote["exact"] == text[position["start"] : position["end"]]
        purposes = {b["purpose"] for b in item["body"]}
        assert {"assessing", "linking"} <= purposes

    cr = run_checker(CLAIMREVIEW_CHECK, reviewed["files"]["claimreview"])
    assert cr.returncode == 0, cr.stdout[-3000:] + cr.stderr[-2000:]
    assert " 0 failed" in cr.stdout.splitlines()[-1]
    raw = reviewed["files"]["claimreview"].read_text("utf-8")
    assert "<" not in raw and ">" not in raw and "&" not in raw  # safe inside <script>
    graph = json.loads(raw)["@graph"]
    assert len(graph) == n  # every claim approved
    labels = {g["reviewRating"]["alternateName"] for g in graph}
    assert "Unverifiable" in labels and "False" in labels
    unverifiable = next(g for g in graph if g["reviewRating"]["alternateName"] == "Unverifiable")
    assert "ratingValue" not in unverifiable["reviewRating"]
    false = next(g for g in graph if g["reviewRating"]["alternateName"] == "False")
    assert false["reviewRating"]["ratingValue"] == 1
    assert false["reviewRating"]["bestRating"] == 6
    assert false["itemReviewed"]["appearance"] == "https://www.state.gov/example-remarks"
    assert false["url"].endswith(f"/articles/{reviewed['id']}#claim-{false['url'].split('-')[-1]}")
    assert "</script>" in false["reviewRating"]["ratingExplanation"]


def test_reference_exports_in_the_other_formats(reviewed):
    from .test_export import validate

    n = len(reviewed["claims"])
    doc = json.loads(reviewed["files"]["annotated-json"].read_text("utf-8"))
    validate(doc)
    assert doc["status"] == "final"
    assert all(c["verdict"]["approved_by"] == "eddie" for c in doc["claims"])
    assert all(c["sources"] for c in doc["claims"])

    raw = reviewed["files"]["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == n
    assert all(r["status"] == "approved" and r["approver"] == "eddie" for r in rows)

    html = reviewed["files"]["html"].read_text("utf-8")
    assert html.count('<li id="note-') == n
    assert "<script" not in html.lower()
    assert "&lt;/script&gt;" in html  # the rationale's script tag shown as text
    assert "http://" not in html.split("<body>")[0].replace(
        'content="default-src', ""
    )  # nothing fetched from elsewhere by the head

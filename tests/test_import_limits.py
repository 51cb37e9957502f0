"""One set of limits for every way in (issue 10 #5, #6, #11; issue 9 "one place for field caps"):
an annotated-JSON import is refused (422, nothing written) where a claim made here would be,
pasted text and JSON share one article length limit, and a value the database cannot store
answers 4xx, never 500."""

# Threat model (docs/threat-model.md): S3.5, S3.6, S3.7, S6.6.

from __future__ import annotations

import copy
import hashlib
import io
import json

import pytest
from sqlalchemy.exc import DataError

from workbench import limits
from workbench.db import db
from workbench.models import Article, Hint, Source, User, Verdict

TEXT = (
    "The council approved a $12-million budget on March 1.\n"
    "Le cafe\u0301 coûte 3 €, said the mayor.\n"
    "   \n"
    "It was the largest in history."
)


def claim(start: int, end: int, **extra) -> dict:
    out = {
        "id": start + 1,
        "start": start,
        "end": end,
        "quote": TEXT[start:end],
        "status": "open",
        "version": 1,
        "origin": "reviewer",
        "kinds": [],
        "assignee": None,
        "dismiss_reason": None,
        "figures": [],
        "hints": [],
        "sources": [],
        "verdict": None,
        "history": [],
    }
    out.update(extra)
    return out


def document(*claims: dict, text: str = TEXT) -> dict:
    return {
        "format": "fact-check-workbench/annotated-article",
        "version": 1,
        "status": "draft",
        "article": {
            "id": 1,
            "title": "Budget",
            "byline": None,
            "published": None,
            "source_url": None,
            "text": text,
            "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        },
        "claims": list(claims),
        "history": [],
    }


FIRST = (0, TEXT.index("\n"))


def refused(app, client, doc_or_body, needle: str) -> None:
    before = _articles(app)
    if isinstance(doc_or_body, str):
        r = client.api(
            "POST", "/api/v1/articles", data=doc_or_body, content_type="application/json"
        )
    else:
        r = client.api("POST", "/api/v1/articles", json=doc_or_body)
    assert r.status_code == 422, r.get_data(as_text=True)[:2000]
    body = r.get_json()
    assert any(needle in e for e in body.get("errors", [body["message"]])), body
    assert _articles(app) == before  # nothing half-written


def _articles(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(Article.id)))


def test_a_well_formed_document_imports(app, reviewer):
    r = reviewer.api("POST", "/api/v1/articles", json=document(claim(*FIRST)))
    assert r.status_code == 201, r.get_data(as_text=True)


# --- the claim limits of services.claims (issue 10 #11) -----------------------------------


def test_a_claim_longer_than_the_claim_cap_is_refused(app, reviewer):
    text = "word " * (limits.MAX_CLAIM_CHARS // 5 + 10) + "end."
    doc = document(
        {
            **claim(0, 0),
            "end": limits.MAX_CLAIM_CHARS + 4,
            "quote": text[: limits.MAX_CLAIM_CHARS + 4],
        },
        text=text,
    )
    refused(app, reviewer, doc, f"at most {limits.MAX_CLAIM_CHARS} characters")


def test_a_white_space_claim_is_refused(app, reviewer):
    blank = TEXT.index("   ")
    refused(app, reviewer, document(claim(blank, blank + 3)), "only white space")


def test_a_claim_ending_inside_a_grapheme_is_refused(app, reviewer):
    accent = TEXT.index("\u0301")  # the combining accent after "cafe"
    refused(app, reviewer, document(claim(accent - 4, accent)), "inside a character")


# --- page bombs (issue 10 #5) ------------------------------------------------------------


def _figures(n: int) -> list[dict]:
    at = TEXT.index("$12")
    return [
        {
            "category": "money",
            "start": at,
            "end": at + 3,
            "text": "$12",
            "value": {"amount": 12, "currency": "USD", "qualifier": "exact"},
        }
    ] * n


def test_more_figures_than_the_cap_are_refused(app, reviewer):
    refused(
        app,
        reviewer,
        document(claim(*FIRST, figures=_figures(limits.MAX_FIGURES_PER_CLAIM + 1))),
        f"at most {limits.MAX_FIGURES_PER_CLAIM} figures",
    )
    r = reviewer.api(
        "POST",
        "/api/v1/articles",
        json=document(claim(*FIRST, figures=_figures(limits.MAX_FIGURES_PER_CLAIM))),
    )
    assert r.status_code == 201  # the cap itself is allowed


def test_more_claims_inside_one_claim_than_the_cap_are_refused(app, reviewer):
    words = "Ab " * (limits.MAX_CLAIMS_INSIDE_CLAIM + 5) + "end."
    inside = [claim(3 * i, 3 * i + 2) for i in range(limits.MAX_CLAIMS_INSIDE_CLAIM + 1)]
    for c in inside:
        c["quote"] = words[c["start"] : c["end"]]
    outer = {**claim(0, 0), "end": len(words), "quote": words}
    refused(app, reviewer, document(outer, *inside, text=words), "claims lie inside it")
    r = reviewer.api("POST", "/api/v1/articles", json=document(outer, *inside[:-1], text=words))
    assert r.status_code == 201, r.get_data(as_text=True)[:500]


# --- values no column can hold (issue 10 #6) -----------------------------------------------


def test_a_number_past_float_range_is_refused(app, reviewer):
    doc = document(claim(*FIRST, figures=_figures(1)))
    body = json.dumps(doc).replace('"amount": 12', '"amount": 1e400')
    assert "1e400" in body
    refused(app, reviewer, body, "not a finite number")


def test_a_hint_kind_longer_than_its_column_is_refused(app, reviewer):
    hint = {"kind": "k" * (limits.HINT_KIND_CHARS + 1), "ok": False, "message": "check"}
    refused(app, reviewer, document(claim(*FIRST, hints=[hint])), ".kind: at most 40")


def test_a_version_at_the_integer_ceiling_is_refused(app, reviewer):
    refused(app, reviewer, document(claim(*FIRST, version=2**31 - 1)), ".version: at most")
    r = reviewer.api(
        "POST", "/api/v1/articles", json=document(claim(*FIRST, version=limits.MAX_CLAIM_VERSION))
    )
    assert r.status_code == 201
    c = r.get_json()["claims"][0]
    r = reviewer.api(  # and the claim still takes changes
        "POST", f"/api/v1/claims/{c['id']}/dismiss", json={"version": c["version"], "reason": "x"}
    )
    assert r.status_code == 200, r.get_data(as_text=True)


def signed_in(app, make_user):
    from tests.conftest import Client

    make_user("rita", "reviewer")
    client = Client(app)
    assert client.login("rita").status_code == 302
    return client


def test_a_database_value_error_answers_422_not_500(app, make_user):
    @app.get("/api/v1/_test_data_error")
    def _raise():
        raise DataError("INSERT ...", {}, Exception("value too long for type character(40)"))

    @app.get("/_test_data_error")
    def _raise_page():
        raise DataError("INSERT ...", {}, Exception("numeric field overflow"))

    reviewer = signed_in(app, make_user)
    r = reviewer.get("/api/v1/_test_data_error")
    assert r.status_code == 422
    assert r.get_json()["error"] == "invalid"
    r = reviewer.get("/_test_data_error")
    assert r.status_code == 422
    assert "does not fit its field" in r.get_data(as_text=True)


@pytest.mark.backends("postgresql")
def test_a_real_out_of_range_value_on_postgresql_answers_422(app, make_user):
    @app.get("/api/v1/_test_out_of_range")
    def _overflow():
        db.session.execute(db.text("SELECT CAST(:v AS integer)"), {"v": 2**40})
        return "unreachable"

    reviewer = signed_in(app, make_user)
    r = reviewer.get("/api/v1/_test_out_of_range")
    assert r.status_code == 422, r.get_data(as_text=True)
    assert reviewer.api("GET", "/api/v1/articles").status_code == 200  # the session recovered


# --- one article length for every path (issue 10 #11) -------------------------------------


def test_pasted_text_and_json_share_the_article_length_limit(app, reviewer):
    app.config["MAX_ARTICLE_CHARS"] = 1000
    long = "A sentence about the budget. " * 50  # 1,450 characters
    r = reviewer.api("POST", "/api/v1/articles", json={"text": long})
    assert r.status_code == 413, r.get_data(as_text=True)
    r = reviewer.post("/articles/new", data={"text": long})
    assert r.status_code == 413
    text = long.strip()
    refused(app, reviewer, document(text=text), "longer than 1,000 characters")
    upload = {"file": (io.BytesIO(long.encode()), "long.txt")}
    r = reviewer.api("POST", "/api/v1/articles", data=upload, content_type="multipart/form-data")
    assert r.status_code == 413
    assert _articles(app) == 0


def test_the_default_limit_is_the_same_for_every_path():
    from workbench import config, ingest

    assert config.DEFAULTS["MAX_ARTICLE_CHARS"] == ingest.MAX_TEXT_CHARS
    assert ingest.MAX_TEXT_CHARS == limits.MAX_ARTICLE_CHARS


def test_columns_and_forms_use_the_limits():
    from workbench.web.forms import ImportForm, SourceForm

    assert Hint.__table__.c.kind.type.length == limits.HINT_KIND_CHARS
    assert Source.__table__.c.title.type.length == limits.SOURCE_TITLE_CHARS
    assert Verdict.__table__.c.rating.type.length == limits.RATING_CHARS
    assert User.__table__.c.username.type.length == limits.USERNAME_CHARS
    for form, field, cap in (
        (ImportForm, "title", limits.ARTICLE_TITLE_CHARS),
        (SourceForm, "excerpt", limits.EXCERPT_CHARS),
    ):
        validators = getattr(form, field).kwargs["validators"]
        assert any(getattr(v, "max", None) == cap for v in validators)


# --- one import_file() for the page, the CLI and the API (issue 9) -------------------------


def test_the_api_takes_a_multipart_file_as_the_page_does(app, reviewer):
    doc = document(claim(*FIRST))
    upload = {"file": (io.BytesIO(json.dumps(doc).encode()), "export.json")}
    r = reviewer.api("POST", "/api/v1/articles", data=upload, content_type="multipart/form-data")
    assert r.status_code == 201, r.get_data(as_text=True)
    assert r.get_json()["claims"][0]["origin"] == "imported"
    text = {
        "file": (io.BytesIO(b"The port handled 3 million containers in 2023."), "port.txt"),
        "title": "Port",
    }
    r = reviewer.api("POST", "/api/v1/articles", data=text, content_type="multipart/form-data")
    assert r.status_code == 201, r.get_data(as_text=True)
    assert r.get_json()["article"]["title"] == "Port"
    bad = copy.deepcopy(doc)
    bad["claims"][0]["quote"] += "!"
    upload = {"file": (io.BytesIO(json.dumps(bad).encode()), "bad.json")}
    r = reviewer.api("POST", "/api/v1/articles", data=upload, content_type="multipart/form-data")
    assert r.status_code == 422
    assert any("differs from article.text" in e for e in r.get_json()["errors"])
    r = reviewer.api("POST", "/api/v1/articles", data={}, content_type="multipart/form-data")
    assert r.status_code == 422
    exe = {"file": (io.BytesIO(b"MZ"), "tool.exe")}
    r = reviewer.api("POST", "/api/v1/articles", data=exe, content_type="multipart/form-data")
    assert r.status_code == 415


def test_page_cli_and_api_all_go_through_import_file(monkeypatch, app, reviewer, tmp_path):
    from workbench.services import imports

    calls = []
    real = imports.import_file

    def spy(*args, **kwargs):
        calls.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(imports, "import_file", spy)
    import workbench.web.api as api
    import workbench.web.article_pages as pages

    monkeypatch.setattr(api, "import_file", spy)
    monkeypatch.setattr(pages, "import_file", spy)
    body = b"The port handled 3 million containers in 2023."
    reviewer.post(
        "/articles/new",
        data={"file": (io.BytesIO(body), "a.txt")},
        content_type="multipart/form-data",
    )
    reviewer.api(
        "POST",
        "/api/v1/articles?allow_duplicate=1",
        data={"file": (io.BytesIO(body + b" Twice."), "b.txt")},
        content_type="multipart/form-data",
    )
    path = tmp_path / "c.txt"
    path.write_bytes(body + b" Thrice.")
    make = app.test_cli_runner().invoke(args=["import", str(path), "--as", "rita"])
    assert make.exit_code == 0, make.output
    assert calls == ["a.txt", "b.txt", "c.txt"]


def test_a_figure_bomb_is_refused_before_the_schema_reads_it(app, reviewer, monkeypatch):
    """30,000 figures on one claim (issue 10 #5) took the schema validator 20 s to read: the
    size check must refuse it before the validator is ever asked."""
    import jsonschema

    asked = []
    real = jsonschema.Draft202012Validator.iter_errors

    def counting(self, instance, *args, **kwargs):
        asked.append(type(instance).__name__)
        return real(self, instance, *args, **kwargs)

    monkeypatch.setattr(jsonschema.Draft202012Validator, "iter_errors", counting)
    doc = document(claim(*FIRST, figures=_figures(30_000)))
    refused(app, reviewer, doc, "at most 500 figures")
    assert asked == []
    # and a document of ordinary size does reach the validator (the spy works)
    refused(app, reviewer, document(claim(*FIRST, figures=_figures(501))), "at most 500 figures")
    small = document(claim(*FIRST, figures=_figures(3)))
    reviewer.api("POST", "/api/v1/articles", json=small)
    assert asked

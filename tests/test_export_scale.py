"""Exports stream from a fixed number of queries: 10 claims or 200, the same SQL count."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from contextlib import contextmanager
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event, insert

from workbench.db import db
from workbench.models import Article, Claim, Event, Figure, Hint, Source, User, Verdict

FORMATS = ["annotated-json", "claimreview", "webannotation", "csv", "html"]


def make_article(app, claims: int) -> int:
    """An article with ``claims`` claims, each with a figure, hint, source, verdict and event."""
    sentence = "The city spent $4 million on 12 bridges in 2023. "
    text = sentence * claims
    now = datetime(2024, 5, 1, 12, tzinfo=UTC)
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == "eddie"))
        rita = db.session.scalar(db.select(User).where(User.username == "rita"))
        article = Article(
            title=f"{claims} claims",
            text=text.strip(),
            text_sha256=hashlib.sha256(text.strip().encode()).hexdigest(),
            created_by_id=user.id,
        )
        db.session.add(article)
        db.session.flush()
        claim_rows = [
            {
                "article_id": article.id,
                "start_offset": i * len(sentence),
                "end_offset": i * len(sentence) + len(sentence) - 1,
                "status": "approved" if i % 2 else "submitted",
                "origin": "extracted",
                "kinds": ["spending"],
                "version": 4,
                "created_at": now,
                "updated_at": now,
            }
            for i in range(claims)
        ]
        ids = [row.id for row in db.session.execute(insert(Claim).returning(Claim.id), claim_rows)]
        ids.sort()
        db.session.execute(
            insert(Figure),
            [
                {
                    "claim_id": cid,
                    "category": "money",
                    "start_offset": i * len(sentence) + 15,
                    "end_offset": i * len(sentence) + 25,
                    "text": "$4 million",
                    "value": {"amount": 4_000_000, "currency": "USD", "qualifier": "exact"},
                }
                for i, cid in enumerate(ids)
            ],
        )
        db.session.execute(
            insert(Hint),
            [{"claim_id": c, "kind": "year", "ok": True, "message": "ok"} for c in ids],
        )
        db.session.execute(
            insert(Source),
            [
                {
                    "claim_id": c,
                    "url": f"https://example.org/{c}",
                    "title": "Budget",
                    "publisher": "City",
                    "excerpt": "",
                    "accessed": date(2024, 5, 2),
                    "stance": "supports",
                    "created_by_id": rita.id,
                    "created_at": now,
                }
                for c in ids
            ],
        )
        db.session.execute(
            insert(Verdict),
            [
                {
                    "claim_id": c,
                    "rating": "mostly-true" if i % 3 else "unverifiable",
                    "rationale": "See the *budget*.",
                    "author_id": rita.id,
                    "created_at": now,
                    "updated_at": now,
                    "submitted_at": now,
                    "approved_by_id": user.id if i % 2 else None,
                    "approved_at": now if i % 2 else None,
                }
                for i, c in enumerate(ids)
            ],
        )
        db.session.execute(
            insert(Event),
            [
                {
                    "article_id": article.id,
                    "claim_id": c,
                    "actor_id": rita.id,
                    "action": "submit",
                    "detail": {"from": "open", "to": "submitted"},
                    "at": now,
                }
                for c in ids
            ],
        )
        db.session.commit()
        return article.id


@contextmanager
def counted(app):
    statements: list[str] = []

    def listen(_conn, _cursor, statement, *_args):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", listen)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listen)


def export(client, article_id: int, fmt: str) -> bytes:
    response = client.get(f"/api/v1/articles/{article_id}/export?format={fmt}")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.is_streamed
    return response.get_data()


def count_items(fmt: str, body: bytes) -> int:
    text = body.decode("utf-8")
    if fmt == "annotated-json":
        return len(json.loads(text)["claims"])
    if fmt == "claimreview":
        return len(json.loads(text)["@graph"])
    if fmt == "webannotation":
        return len(json.loads(text)["first"]["items"])
    if fmt == "csv":
        return len(list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))) - 1
    return text.count('<li id="note-')


@pytest.mark.parametrize("fmt", FORMATS)
def test_query_count_does_not_grow_with_claims(app, reviewer, editor, fmt):
    """Threat S8.4."""
    small, large = make_article(app, 10), make_article(app, 200)
    export(reviewer, small, fmt)  # warm up: sessions, user loading
    counts, sizes = {}, {}
    for article_id, n in ((small, 10), (large, 200)):
        with counted(app) as statements:
            body = export(reviewer, article_id, fmt)
        counts[n] = len(statements)
        sizes[n] = count_items(fmt, body)
    assert counts[10] == counts[200], counts
    expected = {10: 5, 200: 100} if fmt == "claimreview" else {10: 10, 200: 200}
    assert sizes == expected


def test_web_annotation_of_a_big_article_pages_nothing_into_memory(app, reviewer, editor):
    """Threat S8.4."""
    article_id = make_article(app, 200)
    body = json.loads(export(reviewer, article_id, "webannotation"))
    assert body["total"] == 200
    starts = [i["target"]["selector"][1]["start"] for i in body["first"]["items"]]
    assert starts == sorted(starts)
    # every annotation carries its own claim's sources and verdict (the merge kept them apart)
    for item in body["first"]["items"]:
        claim_id = int(item["id"].rsplit("/", 1)[1])
        links = [b["source"]["id"] for b in item["body"] if b["purpose"] == "linking"]
        assert links == [f"https://example.org/{claim_id}"]

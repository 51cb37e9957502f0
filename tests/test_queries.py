"""The article page and the claim panel cost the same number of SQL queries at any size."""

from __future__ import annotations

import hashlib
import html
import json
import re
from contextlib import contextmanager

from sqlalchemy import event, insert

from workbench.db import db
from workbench.models import Article, Claim, Figure, FigureCategory, Hint, User


def build_article(app, n_claims: int, n_words: int) -> tuple[int, int]:
    """An article of n_words with n_claims claims (each with a figure and a hint), bulk-inserted."""
    words = [f"word{i % 97}" if i % 10 else "$5" for i in range(n_words)]
    text = " ".join(words) + ".\n"
    step = len(text) // n_claims
    with app.app_context():
        user = db.session.scalar(db.select(User).limit(1))
        article = Article(
            title=f"{n_claims} claims",
            text=text,
            text_sha256=hashlib.sha256(text.encode()).hexdigest(),
            created_by_id=user.id,
        )
        db.session.add(article)
        db.session.flush()
        rows = [
            {
                "article_id": article.id,
                "start_offset": i * step,
                "end_offset": i * step + max(2, step // 2),
                "status": "open",
                "origin": "extracted",
                "kinds": ["statistic"],
                "version": 1,
                "assignee_id": user.id if i % 3 == 0 else None,
            }
            for i in range(n_claims)
        ]
        db.session.execute(insert(Claim), rows)
        ids = db.session.scalars(
            db.select(Claim.id).where(Claim.article_id == article.id).order_by(Claim.id)
        ).all()
        db.session.execute(
            insert(Figure),
            [
                {
                    "claim_id": cid,
                    "category": FigureCategory.money,
                    "start_offset": rows[i]["start_offset"],
                    "end_offset": rows[i]["start_offset"] + 1,
                    "text": text[rows[i]["start_offset"]],
                    "value": {"amount": 5},
                }
                for i, cid in enumerate(ids)
            ],
        )
        db.session.execute(
            insert(Hint),
            [{"claim_id": cid, "kind": "weekday", "ok": False, "message": "x"} for cid in ids],
        )
        db.session.commit()
        return article.id, ids[len(ids) // 2]


@contextmanager
def count_queries(app):
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def listener(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def _cost(app, client, url: str) -> int:
    client.get(url)  # warm caches (session user, templates)
    with count_queries(app) as statements:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(statements)


def test_pages_cost_the_same_queries_for_10_and_1000_claims(app, reviewer):
    """Threat S8.3."""
    small, small_claim = build_article(app, 10, 400)
    big, big_claim = build_article(app, 1000, 20_000)
    pages = {
        "article": ("/articles/{a}", "/articles/{a}"),
        "article with panel": ("/articles/{a}/claims/{c}", "/articles/{a}/claims/{c}"),
        "panel": ("/claims/{c}/panel", "/claims/{c}/panel"),
        "claim page": ("/claims/{c}", "/claims/{c}"),
    }
    report = {}
    for name, (url, _) in pages.items():
        few = _cost(app, reviewer, url.format(a=small, c=small_claim))
        many = _cost(app, reviewer, url.format(a=big, c=big_claim))
        report[name] = (few, many)
    print("queries (10 claims, 1000 claims):", report)
    assert all(few == many for few, many in report.values()), report
    # 12, plus one for the claim's discussion (its state and the reader's mark in one query;
    # a thread without comments costs nothing more).
    assert report["panel"][1] <= 13, report


def test_big_article_page_lists_every_claim(app, reviewer):
    """Every claim is highlighted; the list comes with its first items as HTML and the rest as
    compact rows for the page script (or all as HTML with ?all=1, for browsers without script)."""
    from workbench.web.article_pages import LIST_FIRST

    big, _ = build_article(app, 1000, 20_000)
    page = reviewer.get(f"/articles/{big}").get_data(as_text=True)
    assert page.count('class="fig fig-money"') == 1000
    assert len(re.findall(r'<li data-claim="\d+"', page)) == LIST_FIRST
    rows = json.loads(html.unescape(re.search(r"data-rest='([^']*)'", page).group(1)))
    assert len(rows) == 1000 - LIST_FIRST
    ids = re.findall(r'<li data-claim="(\d+)"', page) + [str(r["id"]) for r in rows]
    assert len(set(ids)) == 1000
    assert (rows[0]["status"], rows[0]["kinds"]) == ("open", ["statistic"])
    assert rows[0]["warnings"] == ["x"]  # the failed hint, shown as a warning
    assert f'href="/articles/{big}?all=1"' in page
    whole = reviewer.get(f"/articles/{big}?all=1").get_data(as_text=True)
    assert len(re.findall(r'<li data-claim="\d+"', whole)) == 1000 and "data-rest" not in whole


def test_a_short_article_page_lists_all_its_claims_at_once(app, reviewer):
    small, _ = build_article(app, 10, 400)
    page = reviewer.get(f"/articles/{small}").get_data(as_text=True)
    assert len(re.findall(r'<li data-claim="\d+"', page)) == 10 and "data-rest" not in page

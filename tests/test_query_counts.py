"""Every read route runs a fixed number of SQL queries: the same with 10 claims in 1 article
as with 1,000 claims in one article among 1,000 (issue 13). A claim read runs at most three.

The data is bulk-inserted (Core inserts, then the search index rebuilt) so that the big case
stays quick; queries are counted with a `before_cursor_execute` listener on the engine, from
the start of the request to the last byte of its (possibly streamed) body."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert

from tests.conftest import TEST_PASSWORD
from tests.test_queries import count_queries
from workbench import services
from workbench.db import db
from workbench.models import (
    Article,
    Claim,
    Event,
    Figure,
    FigureCategory,
    Hint,
    Role,
    Source,
    User,
    Verdict,
)
from workbench.services import accounts, queries, search

NOW = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


def _user_id(name: str) -> int:
    return db.session.scalar(db.select(User.id).where(User.username == name))


def _article_rows(n: int, first: int, creator: int) -> list[dict]:
    rows = []
    for i in range(first, first + n):
        text = f"Filler article {i}: the council spent $5 million on {i} roads in 2024.\n"
        rows.append(
            {
                "title": f"Article {i}",
                "text": text,
                "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
                "created_by_id": creator,
                "import_notes": [],
            }
        )
    return rows


def add_article(n_claims: int, people: list[int], editor: int, tag: str) -> tuple[int, list[int]]:
    """An article with n_claims claims, each with a figure, a hint, a source, a history row
    and a verdict (a third assigned, a third of the verdicts submitted so that the editor has
    approvals waiting), the assignees and authors taken in turn from ``people`` (so that a
    lazy load per person would show). Bulk inserts; returns the ids."""
    words = [f"w{i % 89}" if i % 10 else "$5" for i in range(max(40, n_claims * 20))]
    text = f"{tag} " + " ".join(words) + ".\n"
    article_id = db.session.execute(
        insert(Article).returning(Article.id),
        [
            {
                "title": f"{n_claims} claims ({tag})",
                "text": text,
                "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
                "created_by_id": editor,
                "import_notes": [],
            }
        ],
    ).scalar_one()
    step = len(text) // n_claims
    spans = [(i * step, i * step + max(2, step // 2)) for i in range(n_claims)]
    db.session.execute(
        insert(Claim),
        [
            {
                "article_id": article_id,
                "start_offset": s,
                "end_offset": e,
                "status": "submitted" if i % 3 == 1 else "open",
                "origin": "extracted",
                "kinds": ["statistic"],
                "version": 1,
                "assignee_id": people[i % len(people)] if i % 3 == 0 else None,
            }
            for i, (s, e) in enumerate(spans)
        ],
    )
    ids = list(
        db.session.scalars(
            db.select(Claim.id).where(Claim.article_id == article_id).order_by(Claim.id)
        )
    )
    db.session.execute(
        insert(Figure),
        [
            {
                "claim_id": cid,
                "category": FigureCategory.money,
                "start_offset": spans[i][0],
                "end_offset": spans[i][0] + 1,
                "text": text[spans[i][0]],
                "value": {"amount": 5},
            }
            for i, cid in enumerate(ids)
        ],
    )
    db.session.execute(
        insert(Hint), [{"claim_id": c, "kind": "weekday", "ok": False, "message": "x"} for c in ids]
    )
    db.session.execute(
        insert(Source),
        [
            {
                "claim_id": c,
                "url": f"https://stats.example/{c}",
                "title": "Stats",
                "publisher": "Office",
                "excerpt": "5 million",
                "published": date(2024, 1, 2),
                "accessed": date(2026, 1, 2),
                "stance": "supports",
                "created_by_id": people[i % len(people)],
            }
            for i, c in enumerate(ids)
        ],
    )
    db.session.execute(
        insert(Verdict),
        [
            {
                "claim_id": c,
                "rating": "true",
                "rationale": "The office says so.",
                "author_id": people[i % len(people)],
                "submitted_at": NOW if i % 3 == 1 else None,
            }
            for i, c in enumerate(ids)
        ],
    )
    db.session.execute(
        insert(Event),
        [
            {
                "actor_id": people[i % len(people)],
                "article_id": article_id,
                "claim_id": c,
                "action": "verdict",
                "detail": {"after": {"rating": "true"}},
                "at": NOW,
            }
            for i, c in enumerate(ids)
        ],
    )
    return article_id, ids


def grow(app, n_articles: int, n_claims: int, tag: str, people: int = 1) -> tuple[int, int]:
    """Add one article of n_claims claims, and n_articles - 1 others with one claim each (so
    that the dashboard has claims to count everywhere), its work shared between rita and
    people - 1 other reviewers; returns (the article, a claim in its middle)."""
    with app.app_context():
        reviewer, editor = _user_id("rita"), _user_id("eddie")
        team = [reviewer]
        for n in range(1, people):
            team.append(services.create_user(f"{tag}{n}", TEST_PASSWORD, Role.reviewer).id)
        others = n_articles - 1
        if others:
            db.session.execute(insert(Article), _article_rows(others, 10_000, editor))
            new = db.session.scalars(
                db.select(Article.id).where(Article.title.like("Article %"))
            ).all()
            db.session.execute(
                insert(Claim),
                [
                    {
                        "article_id": a,
                        "start_offset": 0,
                        "end_offset": 7,
                        "status": "open",
                        "origin": "extracted",
                        "kinds": ["statistic"],
                        "version": 1,
                    }
                    for a in new
                ],
            )
        article_id, ids = add_article(n_claims, team, editor, tag)
        db.session.commit()
        search.rebuild_index()
        return article_id, ids[len(ids) // 2]


def read_routes(a: int, c: int) -> dict[str, str]:
    """Every read route, for article a and its claim c."""
    routes = {
        "dashboard": "/",
        "dashboard page 2": "/?page=2",
        "article page": f"/articles/{a}",
        "article page with panel": f"/articles/{a}/claims/{c}",
        "claim panel": f"/claims/{c}/panel",
        "claim page": f"/claims/{c}",
        "search page": "/search?q=million",
        "search page by figure": "/search?figure=money&min=1&person=rita",
        "api article list": "/api/v1/articles",
        "api article list page 2": "/api/v1/articles?page=2&limit=20",
        "api article": f"/api/v1/articles/{a}",
        "api claim": f"/api/v1/claims/{c}",
        "api claim list": "/api/v1/claims",
        "api my claims": "/api/v1/claims?assignee=me",
        "api claims by name": "/api/v1/claims?assignee=rita&status=open",
        "api submitted claims": "/api/v1/claims?status=submitted&sort=updated",
        "api article's claims": f"/api/v1/claims?article={a}",
        "api search": "/api/v1/search?q=million",
    }
    for fmt in ("annotated-json", "claimreview", "webannotation", "csv", "html"):
        routes[f"api export {fmt}"] = f"/api/v1/articles/{a}/export?format={fmt}"
        routes[f"page export {fmt}"] = f"/articles/{a}/export?format={fmt}"
    return routes


def cost(app, client, url: str) -> int:
    """The queries one GET runs, after a first GET has warmed caches (session user, templates)."""
    client.get(url).get_data()
    with count_queries(app) as statements:
        response = client.get(url)
        response.get_data()  # a streamed body runs its queries while it is read
    assert response.status_code == 200, (url, response.status_code)
    return len(statements)


def costs(app, who, routes: dict[str, str]) -> dict[str, int]:
    return {name: cost(app, who, url) for name, url in routes.items()}


def test_every_read_route_costs_the_same_at_10_and_1000_claims_1_and_1000_articles(
    app, reviewer, editor, monkeypatch
):
    # A session's last-seen time is stamped at most once a minute (one UPDATE): held off here,
    # so that a slow machine crossing the minute mid-test does not count it against a route.
    monkeypatch.setattr(accounts, "TOUCH_EVERY", timedelta(days=1))
    small_article, small_claim = grow(app, 1, 10, "small")
    few = costs(app, reviewer, read_routes(small_article, small_claim))
    few_editor = {"editor dashboard": cost(app, editor, "/")}
    big_article, big_claim = grow(app, 1000, 1000, "big", people=8)
    many = costs(app, reviewer, read_routes(big_article, big_claim))
    many_editor = {"editor dashboard": cost(app, editor, "/")}
    report = {name: (few[name], many[name]) for name in few}
    report.update({name: (few_editor[name], many_editor[name]) for name in few_editor})
    print("queries (10 claims in 1 article, 1000 claims among 1000 articles):", report)
    changed = {name: counts for name, counts in report.items() if counts[0] != counts[1]}
    assert changed == {}, changed
    # A request has a fixed overhead (the session's user, its sign-in row): a claim read adds
    # at most three queries to it; the dashboard seven (queue, approvals and their count, the
    # article total, a page of articles and its claim counts, and the discussion queue of
    # issue 14: unread comments and mentions in one UNION ALL, plus one naming the claims
    # only when some are unread).
    overhead = cost(app, reviewer, "/api/v1/openapi.json")
    assert report["api claim"][1] - overhead <= 3, (overhead, report)
    assert report["editor dashboard"][1] - overhead <= 7, (overhead, report)


def test_a_claim_reads_in_three_queries_without_the_article_text(app, reviewer, editor):
    _article, claim_id = grow(app, 1, 10, "three")
    with app.app_context(), count_queries(app) as statements:
        doc = queries.claim_document(claim_id)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == len(statements) - statements.count("BEGIN IMMEDIATE") == 3, statements
    # The article's text is only ever an argument of substr(): never a selected column.
    mentions = [s.count("article.text") for s in selects]
    assert mentions == [s.count("substr(article.text") for s in selects], selects
    assert sum(mentions) == 1
    assert doc["quote"] and doc["figures"] and doc["hints"] and doc["sources"]
    assert doc["verdict"]["author"] == "rita" and doc["history"][0]["actor"] == "rita"


def test_the_quote_is_cut_by_code_points_by_the_database(app, reviewer):
    """SQL substr counts characters on both backends, as the offsets do: an astral emoji and
    a combining accent before the span do not shift the quote."""
    text = "Caf\u0065\u0301 \U0001f600 says the budget rose 12% in 2024.\n"
    r = reviewer.api("POST", "/api/v1/articles", json={"text": text, "title": "Quote"})
    assert r.status_code == 201, r.get_json()
    claims = r.get_json()["claims"]
    assert claims
    for claim in claims:
        one = reviewer.api("GET", f"/api/v1/claims/{claim['id']}").get_json()
        assert one["quote"] == text[one["start"] : one["end"]] == claim["quote"]


def test_the_dashboard_and_the_article_list_page(app, reviewer, editor):
    grow(app, 120, 3, "pages")
    first = reviewer.get("/").get_data(as_text=True)
    assert first.count('<td><a href="/articles/') == queries.PAGE_SIZE
    assert 'rel="next" href="/?page=2"' in first and 'rel="prev"' not in first
    last = reviewer.get("/?page=3").get_data(as_text=True)
    assert last.count('<td><a href="/articles/') == 120 - 2 * queries.PAGE_SIZE
    assert 'rel="prev" href="/?page=2"' in last and 'rel="next"' not in last
    assert reviewer.get("/?page=0").status_code == 400
    assert reviewer.get("/?page=x").status_code == 400

    body = reviewer.api("GET", "/api/v1/articles").get_json()
    assert set(body) >= {"items", "total", "limit", "offset"}  # the shape it always had
    assert (body["total"], body["limit"], body["offset"], body["page"]) == (120, 50, 0, 1)
    assert body["prev"] is None and body["next"] == "/api/v1/articles?limit=50&offset=50"
    seen = [a["id"] for a in body["items"]]
    while body["next"]:
        body = reviewer.api("GET", body["next"]).get_json()
        seen += [a["id"] for a in body["items"]]
    assert len(seen) == len(set(seen)) == 120 and seen == sorted(seen, reverse=True)
    assert body["page"] == 3 and body["prev"] == "/api/v1/articles?limit=50&offset=50"
    by_page = reviewer.api("GET", "/api/v1/articles?page=2&limit=50").get_json()
    assert [a["id"] for a in by_page["items"]] == seen[50:100]
    both = reviewer.api("GET", "/api/v1/articles?page=2&offset=5")
    assert both.status_code == 422 and both.get_json()["error"] == "invalid"


def test_the_claim_list_pages_keep_their_filters(app, reviewer, editor):
    article_id, _ = grow(app, 1, 30, "claims")
    url = f"/api/v1/claims?article={article_id}&limit=20"
    body = reviewer.api("GET", url).get_json()
    assert (body["total"], len(body["items"]), body["page"]) == (30, 20, 1)
    assert body["next"] == f"/api/v1/claims?article={article_id}&limit=20&offset=20"
    rest = reviewer.api("GET", body["next"]).get_json()
    assert len(rest["items"]) == 10 and rest["next"] is None
    assert all(c["assignee"] in (None, "rita") for c in body["items"] + rest["items"])

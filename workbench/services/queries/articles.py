"""Reads about articles: the dashboard, the article list and the article page's claims."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import defer

from ...db import db
from ...models import Article, Claim, ClaimStatus, Figure, FigureCategory, Hint, User
from ..common import get_article
from .people import everyone

#: Articles per page on the dashboard and, by default, in the API's article list.
PAGE_SIZE = 50


@dataclass
class ArticlePage:
    """One page of the article list, newest first, and its claims counted by status."""

    articles: list[Article]
    progress: dict[int, dict[str, int]]  # article id -> status -> count, this page's only
    page: int  # from 1
    pages: int  # at least 1
    total: int

    @property
    def previous(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None


def dashboard(page: int = 1, per_page: int = PAGE_SIZE) -> ArticlePage:
    """One page of articles, newest first, with their claims counted by status: three
    queries (the count, the page, the counts of its claims) whatever the number of articles."""
    total, articles = article_page(per_page, (max(page, 1) - 1) * per_page)
    pages = max(1, -(-total // per_page))
    ids = [a.id for a in articles]
    progress: dict[int, dict[str, int]] = {}
    counts = db.session.execute(  # run on an empty page too: the same queries for every page
        db.select(Claim.article_id, Claim.status, db.func.count(Claim.id))
        .where(Claim.article_id.in_(ids))
        .group_by(Claim.article_id, Claim.status)
    ).all()
    for article_id, status, n in counts:
        progress.setdefault(article_id, {})[status.value] = n
    return ArticlePage(articles, progress, max(page, 1), pages, total)


def article_page(limit: int, offset: int) -> tuple[int, list[Article]]:
    """The number of articles and one page of them, newest (highest id) first, without their
    texts (deferred: a list never shows them). Two queries."""
    total = db.session.scalar(db.select(db.func.count(Article.id)))
    rows = db.session.scalars(
        db.select(Article)
        .options(defer(Article.text, raiseload=True))
        .order_by(Article.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return total, list(rows)


@dataclass(slots=True)
class FigureMark:
    """A figure as the article text marks it."""

    category: FigureCategory
    start_offset: int
    end_offset: int


@dataclass(slots=True)
class HintLine:
    """A hint as the claims list shows it (warnings only are listed)."""

    ok: bool
    message: str


@dataclass(slots=True)
class ClaimLine:
    """What the article page shows of a claim: read from rows, not mapped objects."""

    id: int
    start_offset: int
    end_offset: int
    status: ClaimStatus
    kinds: list[str]
    assignee_id: int | None
    figures: list[FigureMark] = field(default_factory=list)
    hints: list[HintLine] = field(default_factory=list)


@dataclass
class ArticleBundle:
    """An article with what its page shows of every claim, in a fixed number of queries."""

    article: Article
    claims: list[ClaimLine]
    users: dict[int, User]


def load_article(article_id: int) -> ArticleBundle:
    """Load an article and, for its page, every claim in text order with figures and hints.

    Plain rows, not ORM objects: building 1,000 mapped claims with their collections took most
    of the 1,000-claim page's server time. Sources, verdicts and history belong to the claim
    panel and are loaded for the one claim it shows (queries.claim_panel).
    """
    article = get_article(article_id)
    claims = [
        ClaimLine(*row)
        for row in db.session.execute(
            db.select(
                Claim.id,
                Claim.start_offset,
                Claim.end_offset,
                Claim.status,
                Claim.kinds,
                Claim.assignee_id,
            )
            .where(Claim.article_id == article_id)
            .order_by(Claim.start_offset, Claim.end_offset, Claim.id)
        )
    ]
    by_id = {c.id: c for c in claims}
    in_article = Claim.article_id == article_id
    for claim_id, *mark in db.session.execute(
        db.select(Figure.claim_id, Figure.category, Figure.start_offset, Figure.end_offset)
        .join(Claim)
        .where(in_article)
        .order_by(Figure.start_offset, Figure.id)
    ):
        if line := by_id.get(claim_id):  # on PostgreSQL each query sees the latest commits:
            line.figures.append(FigureMark(*mark))  # a claim added since the first is skipped
    for claim_id, *hint in db.session.execute(
        db.select(Hint.claim_id, Hint.ok, Hint.message)
        .join(Claim)
        .where(in_article)
        .order_by(Hint.id)
    ):
        if line := by_id.get(claim_id):
            line.hints.append(HintLine(*hint))
    users = everyone()
    return ArticleBundle(article, claims, users)

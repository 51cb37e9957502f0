"""Search across articles: claims, quotes, sources and rationales by words, and by figure.

One interface over two engines: PostgreSQL full-text search (`tsv @@ websearch_to_tsquery`,
a GIN index) and SQLite FTS5 (`claim_fts MATCH`). The index is derived data: every commit
that touched a claim, its verdict, sources or figures rewrites that claim's `claim_search` row
and `figure_key` rows in the same transaction (a session hook, so no write path can skip it:
pages, API, import and CLI all commit through the session). `rebuild()` redoes it all, for
rows written outside the ORM (bulk loads).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    Float,
    Numeric,
    Text,
    and_,
    cast,
    column,
    delete,
    event,
    exists,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
    table,
    update,
)
from sqlalchemy.orm import Session

from ..db import db
from ..errors import Invalid
from ..models import (
    FIGURE_RANGE,
    Article,
    Claim,
    ClaimSearch,
    ClaimStatus,
    Figure,
    FigureKey,
    Source,
    User,
    Verdict,
)
from .common import commit

MAX_QUERY_CHARS = 500
MAX_TERMS = 32
MAX_PER_PAGE = 100
MAX_PAGE = 1000
RANKED_WINDOW = 1000
CATEGORIES = ("money", "percentage", "quantity", "date", "ranking")
PARAMETERS = (
    "q",
    "status",
    "kind",
    "person",
    "article",
    "figure",
    "min",
    "max",
    "unit",
    "from",
    "to",
    "page",
    "per_page",
)
_TOUCHED = "search_touched"
_BATCH = 500


# --- keeping the index current ----------------------------------------------------------------


@event.listens_for(Session, "before_flush")
def _note_touched(session: Session, _context, _instances) -> None:
    """Remember which claims this flush changes (objects: new claims have no id yet)."""
    touched = session.info.setdefault(_TOUCHED, [])
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Claim | Verdict | Source | Figure):
            touched.append(obj)


@event.listens_for(Session, "before_commit")
def _reindex_touched(session: Session) -> None:
    if not session.info.get(_TOUCHED):
        return
    session.flush()
    touched = session.info.pop(_TOUCHED, [])
    ids: set[int] = set()
    for obj in touched:
        if isinstance(obj, Claim):
            cid = obj.id
        else:
            cid = obj.claim_id if obj.claim_id is not None else getattr(obj.claim, "id", None)
        if cid is not None:
            ids.add(cid)
    if ids:
        reindex(session, sorted(ids))


@event.listens_for(Session, "after_rollback")
def _forget_touched(session: Session) -> None:
    session.info.pop(_TOUCHED, None)


def reindex(session: Session, claim_ids: list[int]) -> None:
    """Rewrite the search rows of these claims (deleted claims lose theirs)."""
    for at in range(0, len(claim_ids), _BATCH):
        ids = claim_ids[at : at + _BATCH]
        session.execute(delete(ClaimSearch).where(ClaimSearch.claim_id.in_(ids)))
        session.execute(delete(FigureKey).where(FigureKey.claim_id.in_(ids)))
        rows = _search_rows(session, ids)
        if rows:
            session.execute(insert(ClaimSearch), rows)
            if session.get_bind().dialect.name == "postgresql":
                session.execute(
                    update(ClaimSearch)
                    .where(ClaimSearch.claim_id.in_(ids))
                    .values(tsv=func.to_tsvector("english", ClaimSearch.body))
                )
        keys = _figure_rows(session, ids)
        if keys:
            session.execute(insert(FigureKey), keys)


def rebuild(session: Session) -> int:
    """Rebuild the whole index; returns the number of claims indexed."""
    session.execute(delete(ClaimSearch))
    session.execute(delete(FigureKey))
    ids = list(session.scalars(select(Claim.id).order_by(Claim.id)))
    reindex(session, ids)
    return len(ids)


def rebuild_index() -> int:
    """The workflow verb behind `workbench search-index`: rebuild and commit."""
    count = rebuild(db.session)
    commit()
    return count


def _search_rows(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    quote = func.substr(Article.text, Claim.start_offset + 1, Claim.end_offset - Claim.start_offset)
    base = session.execute(
        select(Claim.id, Claim.article_id, quote, Claim.dismiss_reason, Verdict.rationale)
        .join(Article, Article.id == Claim.article_id)
        .outerjoin(Verdict, Verdict.claim_id == Claim.id)
        .where(Claim.id.in_(ids))
    ).all()
    extra: dict[int, list[str]] = {}
    for cid, title, publisher, excerpt, url in session.execute(
        select(Source.claim_id, Source.title, Source.publisher, Source.excerpt, Source.url).where(
            Source.claim_id.in_(ids)
        )
    ):
        extra.setdefault(cid, []).extend((title, publisher or "", excerpt or "", url))
    for cid, value in session.execute(
        select(Figure.claim_id, Figure.value).where(
            Figure.claim_id.in_(ids), Figure.category == "quote"
        )
    ):
        speaker = (value or {}).get("speaker")
        if isinstance(speaker, str):
            extra.setdefault(cid, []).append(speaker)
    return [
        {
            "claim_id": cid,
            "article_id": aid,
            "body": "\n".join(
                part for part in (text, reason or "", rationale or "", *extra.get(cid, [])) if part
            ),
        }
        for cid, aid, text, reason, rationale in base
    ]


def _figure_rows(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    rows = []
    for cid, category, value in session.execute(
        select(Figure.claim_id, Figure.category, Figure.value).where(
            Figure.claim_id.in_(ids), Figure.category.in_(CATEGORIES)
        )
    ):
        key = figure_key(str(category), value or {})
        if key is not None:
            rows.append({"claim_id": cid, "category": str(category), **key})
    return rows


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if abs(number) < 1e300 else None


_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _date_bounds(text: str) -> tuple[str, str] | None:
    """ISO date, reduced precision or interval → (first day, last day) as ISO strings."""
    parts = text.split("/", 1)
    found = [_DATE.match(p.strip()) for p in parts]
    if not all(found):
        return None
    low, high = found[0], found[-1]
    y, m, d = low.groups()
    start = f"{y}-{m or '01'}-{d or '01'}"
    y, m, d = high.groups()
    end = f"{y}-{m or '12'}-{d or '31'}"
    return start, end


def figure_key(category: str, value: dict[str, Any]) -> dict[str, Any] | None:
    """The searchable form of one figure's value, or None if it has nothing to search by."""
    key: dict[str, Any] = {
        "low": None,
        "high": None,
        "unit": None,
        "date_low": None,
        "date_high": None,
    }
    if category == "date":
        bounds = _date_bounds(str(value.get("date") or ""))
        if bounds is None:
            return None
        key["date_low"], key["date_high"] = bounds
        return key
    if category == "money":
        low, high, unit = value.get("amount"), value.get("amount_max"), value.get("currency")
    elif category == "ranking":
        low, high, unit = value.get("rank"), None, value.get("scope")
    else:
        low, high, unit = value.get("value"), value.get("value_max"), value.get("unit")
        if category == "percentage":
            unit = "%"
    low = _number(low)
    if low is None:
        return None
    high = _number(high)
    key["low"], key["high"] = low, high if high is not None and high >= low else low
    key["unit"] = str(unit)[:100] if unit else None
    return key


# --- asking it ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """What a search asks for; `parse_query` builds it from request arguments."""

    words: str = ""
    status: ClaimStatus | None = None
    kind: str | None = None
    person: str | None = None
    article_id: int | None = None
    category: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    unit: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1
    per_page: int = 20

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.words,
                self.status,
                self.kind,
                self.person,
                self.article_id,
                self.category,
                self.minimum is not None,
                self.maximum is not None,
                self.unit,
                self.date_from,
                self.date_to,
            )
        )


@dataclass(frozen=True)
class Hit:
    claim_id: int
    article_id: int
    article_title: str
    quote: str
    status: str
    kinds: list[str]
    rating: str | None

    def as_data(self) -> dict[str, Any]:
        return {
            "claim": self.claim_id,
            "article": self.article_id,
            "article_title": self.article_title,
            "quote": self.quote,
            "status": self.status,
            "kinds": self.kinds,
            "rating": self.rating,
        }


@dataclass(frozen=True)
class Page:
    query: Query
    hits: list[Hit]
    has_more: bool


def _one(args: Any, name: str) -> str | None:
    values = args.getlist(name) if hasattr(args, "getlist") else [args.get(name)]
    values = [v for v in values if v is not None]
    if len(values) > 1:
        raise Invalid(f"give {name} once", fields={name: "repeated"})
    value = values[0].strip() if values else ""
    return value or None


def _as_float(text: str | None, name: str) -> float | None:
    if text is None:
        return None
    cleaned = text.replace(",", "").replace("_", "")
    try:
        number = float(cleaned)
    except ValueError:
        raise Invalid(f"{name} must be a number", fields={name: "not a number"}) from None
    if number != number or abs(number) > 1e300:
        raise Invalid(f"{name} is out of range", fields={name: "out of range"})
    return number


def _as_int(text: str | None, name: str, low: int, high: int, default: int | None) -> int | None:
    if text is None:
        return default
    if not text.isdigit() or not low <= int(text[:12]) <= high:
        raise Invalid(f"{name} is a whole number from {low} to {high}", fields={name: "invalid"})
    return int(text)


def _as_date(text: str | None, name: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Invalid(f"{name} is a date like 2024-04-24", fields={name: "invalid"}) from None


def parse_query(args: Any) -> Query:
    """A Query from request arguments (a MultiDict or a dict); bad values raise Invalid."""
    unknown = sorted(str(name)[:40] for name in args if name not in PARAMETERS)
    if unknown:
        raise Invalid(
            f"unknown search parameter: {', '.join(unknown[:5])} (known: {', '.join(PARAMETERS)})"
        )
    words = _one(args, "q") or ""
    if len(words) > MAX_QUERY_CHARS:
        raise Invalid(f"the search is longer than {MAX_QUERY_CHARS} characters")
    status = _one(args, "status")
    if status is not None and status not in {s.value for s in ClaimStatus}:
        raise Invalid(
            f"status is one of {', '.join(s.value for s in ClaimStatus)}",
            fields={"status": "unknown"},
        )
    category = _one(args, "figure")
    if category is not None and category not in CATEGORIES:
        raise Invalid(f"figure is one of {', '.join(CATEGORIES)}", fields={"figure": "unknown"})
    query = Query(
        words=words,
        status=ClaimStatus(status) if status else None,
        kind=(_one(args, "kind") or None),
        person=_one(args, "person"),
        article_id=_as_int(_one(args, "article"), "article", 1, 2**31 - 1, None),
        category=category,
        minimum=_as_float(_one(args, "min"), "min"),
        maximum=_as_float(_one(args, "max"), "max"),
        unit=_one(args, "unit"),
        date_from=_as_date(_one(args, "from"), "from"),
        date_to=_as_date(_one(args, "to"), "to"),
        page=_as_int(_one(args, "page"), "page", 1, MAX_PAGE, 1) or 1,
        per_page=_as_int(_one(args, "per_page"), "per_page", 1, MAX_PER_PAGE, 20) or 20,
    )
    if query.kind is not None and len(query.kind) > 40:
        raise Invalid("kind is at most 40 characters", fields={"kind": "too long"})
    if query.unit is not None and len(query.unit) > 100:
        raise Invalid("unit is at most 100 characters", fields={"unit": "too long"})
    if query.person is not None and len(query.person) > 64:
        raise Invalid("person is a user name", fields={"person": "too long"})
    if (query.minimum is not None or query.maximum is not None or query.unit) and not (
        query.category and query.category != "date"
    ):
        raise Invalid("min, max and unit need figure=money, percentage, quantity or ranking")
    if (query.date_from or query.date_to) and query.category not in (None, "date"):
        raise Invalid("from and to search date figures: use figure=date or leave figure out")
    return query


def _fts_terms(words: str) -> str | None:
    """SQLite FTS5: every word must appear (quoted, so no query syntax reaches FTS5)."""
    terms = re.findall(r"\w+", words)[:MAX_TERMS]
    return " ".join(f'"{t}"' for t in terms) or None


def search(query: Query) -> Page:
    """One page of matching claims: newest first, or with words, best first among the
    RANKED_WINDOW newest matches (ranking every match of a common word across a million
    claims would cost seconds; filters apply before the window, so none is missed)."""
    session = db.session
    postgres = session.get_bind().dialect.name == "postgresql"
    base = select(Claim.id.label("id"))
    if query.person:  # the only filter that reads the verdict
        base = base.outerjoin(Verdict, Verdict.claim_id == Claim.id)
    matching = _filters(base, query, postgres)
    if matching is None:
        return Page(query, [], False)
    rank = None
    if query.words and postgres:
        tsquery = func.websearch_to_tsquery("english", query.words)
        window = (
            matching.join(ClaimSearch, ClaimSearch.claim_id == Claim.id)
            .where(ClaimSearch.tsv.op("@@")(tsquery))
            .add_columns(func.ts_rank(ClaimSearch.tsv, tsquery).label("score"))
        )
        rank = "desc"
    elif query.words:
        terms = _fts_terms(query.words)
        if terms is None:
            return Page(query, [], False)
        fts = table("claim_fts", column("rowid"), column("rank"))
        matches = (
            select(fts.c.rowid.label("claim_id"), fts.c.rank.label("score"))
            .where(literal_column("claim_fts").op("MATCH")(terms))
            .subquery()
        )
        window = matching.join(matches, matches.c.claim_id == Claim.id).add_columns(matches.c.score)
        rank = "asc"  # FTS5's rank is bm25 negated: lower is better
    else:
        window = matching
    picked = window.order_by(Claim.id.desc())
    if rank is not None:
        picked = picked.limit(RANKED_WINDOW)
    picked = picked.subquery()
    order = [picked.c.id.desc()]
    if rank == "desc":
        order.insert(0, picked.c.score.desc())
    elif rank == "asc":
        order.insert(0, picked.c.score.asc())
    # The page is chosen on ids (and scores) alone; only its rows are then joined to their
    # article for the quote, so a page costs the same whatever the size of the window.
    offset = (query.page - 1) * query.per_page
    page = (
        select(picked.c.id, func.row_number().over(order_by=order).label("place"))
        .order_by(*order)
        .offset(offset)
        .limit(query.per_page + 1)
        .subquery()
    )
    length = Claim.end_offset - Claim.start_offset
    quote = func.substr(
        Article.text,
        Claim.start_offset + 1,
        func.least(length, 400) if postgres else func.min(length, 400),
    )
    stmt = (
        select(
            Claim.id,
            Claim.article_id,
            Article.title,
            quote,
            Claim.status,
            Claim.kinds,
            Verdict.rating,
        )
        .join(page, page.c.id == Claim.id)
        .join(Article, Article.id == Claim.article_id)
        .outerjoin(Verdict, Verdict.claim_id == Claim.id)
    )
    rows = session.execute(stmt.order_by(page.c.place)).all()
    hits = [
        Hit(cid, aid, title, text, str(status), list(kinds or []), rating)
        for cid, aid, title, text, status, kinds, rating in rows[: query.per_page]
    ]
    return Page(query, hits, len(rows) > query.per_page)


def _filters(stmt, query: Query, postgres: bool = False):
    if query.status is not None:
        stmt = stmt.where(Claim.status == query.status)
    if query.article_id is not None:
        stmt = stmt.where(Claim.article_id == query.article_id)
    if query.kind:
        # Kinds are a JSON list of labels ("aid amount", "supplier or trade"): match the
        # whole label as a JSON string, so labels with spaces work.
        stmt = stmt.where(
            func.lower(_json_text(Claim.kinds)).contains(_json_label(query.kind), autoescape=True)
        )
    if query.person:
        user_id = db.session.scalar(
            select(User.id).where(User.username == query.person.strip().casefold())
        )
        if user_id is None:
            return None
        stmt = stmt.where(
            or_(
                Claim.assignee_id == user_id,
                Verdict.author_id == user_id,
                Verdict.approved_by_id == user_id,
                exists().where(Source.claim_id == Claim.id, Source.created_by_id == user_id),
            )
        )
    if query.category:
        conditions = [FigureKey.claim_id == Claim.id, FigureKey.category == query.category]
        conditions += _amount_conditions(query, postgres)
        if query.unit:
            conditions.append(func.lower(FigureKey.unit) == query.unit.casefold())
        conditions += _date_conditions(query)
        stmt = stmt.where(exists().where(and_(*conditions)))
    elif query.date_from or query.date_to:
        conditions = [FigureKey.claim_id == Claim.id, FigureKey.category == "date"]
        stmt = stmt.where(exists().where(and_(*conditions, *_date_conditions(query))))
    return stmt


def _amount_conditions(query: Query, postgres: bool) -> list:
    """Figures whose interval [low, high] overlaps [min, max]. On PostgreSQL as a range
    overlap, which the GiST index ix_figure_key_range answers (two one-sided comparisons on
    btree indexes would scan most of the table: nearly every figure is below a large max)."""
    if query.minimum is None and query.maximum is None:
        return []
    if postgres:
        wanted = func.numrange(
            cast(literal(query.minimum, Float), Numeric),
            cast(literal(query.maximum, Float), Numeric),
            literal_column("'[]'"),
        )
        return [
            FigureKey.low.is_not(None),
            FigureKey.high.is_not(None),
            FIGURE_RANGE.op("&&")(wanted),
        ]
    conditions = []
    if query.minimum is not None:
        conditions.append(FigureKey.high >= query.minimum)
    if query.maximum is not None:
        conditions.append(FigureKey.low <= query.maximum)
    return conditions


def _date_conditions(query: Query) -> list:
    conditions = []
    if query.date_from:
        conditions.append(FigureKey.date_high >= query.date_from.isoformat())
    if query.date_to:
        conditions.append(FigureKey.date_low <= query.date_to.isoformat())
    return conditions


def _json_text(column):
    return cast(column, Text)


def _json_label(kind: str) -> str:
    return json.dumps(kind.strip().casefold())

"""Import an annotated-JSON document: the article with its claims, figures, hints, sources,
verdicts and states, in one transaction, or nothing at all with the list of what is wrong.

The document is checked whole before anything is written: the committed JSON Schema, then
what a schema cannot say (canonical text, its sha256, offsets inside the text, every quote
and figure text equal to ``text[start:end]``, ratings on the scale, source URLs, dates,
states that agree with the verdict), and the limits every other way in keeps
(workbench.limits: claim length, white space, grapheme boundaries, figures per claim, claims
inside a claim, versions, field lengths).

People in the file are provenance, never accounts: nobody here becomes the author, approver
or assignee of something they did not do in this workbench. The importer is recorded as the
verdict's author (they brought it in); the names in the file are kept in the claim's
``import`` history event, which the exports carry. An approval in the file is either
recorded as approved by the importer (four-eyes off) or, since four-eyes forbids the
importer to approve what they are the author of, not carried over: the claim comes in
submitted, for another editor to approve here. The history event says which.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from typing import Any

import jsonschema
from sqlalchemy import bindparam

from .. import limits as L
from .. import strict_json
from ..config import setting
from ..db import db, utcnow
from ..errors import Forbidden, Invalid
from ..exporters.annotated import FORMAT, VERSION, VERSIONS, schema
from ..ingest import IngestError, canonicalize
from ..models import (
    Article,
    Claim,
    ClaimOrigin,
    ClaimStatus,
    EventAction,
    Figure,
    FigureCategory,
    Hint,
    Source,
    Stance,
    User,
    Verdict,
)
from ..ratings import scale_by_slug
from ..urls import BadURL, validate_source_url
from .articles import DuplicateArticle
from .claims import splits_cluster
from .comments import check_discussion, import_discussion, link_replies
from .common import commit, flush, four_eyes, record

MAX_ERRORS = 100


class DocumentInvalid(Invalid):
    """The document cannot be imported; ``extra["errors"]`` lists every problem found."""

    def __init__(self, errors: list[str]) -> None:
        shown = errors[:MAX_ERRORS]
        more = f" (first {MAX_ERRORS} listed)" if len(errors) > MAX_ERRORS else ""
        super().__init__(
            f"the annotated-JSON document was not imported: {len(errors)} error(s){more}; "
            f"first: {shown[0] if shown else '?'}"
        )
        self.errors = shown
        self.extra = {"errors": shown}


def is_document(data: Any) -> bool:
    """Whether a parsed JSON value says it is an annotated-article document."""
    return isinstance(data, dict) and data.get("format") == FORMAT


def _path(parts) -> str:
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def schema_errors(doc: Any) -> list[str]:
    """Every place the document breaks the committed JSON Schema."""
    version = doc.get("version") if isinstance(doc, dict) else None
    validator = jsonschema.Draft202012Validator(
        schema(version if version in VERSIONS else VERSION),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{_path(e.absolute_path)}: {e.message[:300]}" for e in errors[: MAX_ERRORS + 1]]


def _datetime(value: str | None, where: str, errors: list[str]) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        errors.append(f"{where}: {value!r} is not an ISO 8601 date-time")
        return None
    if parsed.tzinfo is None:
        errors.append(f"{where}: {value!r} has no time zone")
        return None
    return parsed


def _date(value: str | None, where: str, errors: list[str]) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(f"{where}: {value!r} is not a date YYYY-MM-DD")
        return None


def unstorable_values(doc: Any) -> list[str]:
    """Values no database column can hold: NUL (PostgreSQL refuses it), lone surrogates, and
    numbers past float range (``1e400`` reads as infinity, which JSON cannot write back)."""
    errors: list[str] = []
    stack: list[tuple[tuple, Any]] = [((), doc)]
    while stack and len(errors) <= MAX_ERRORS:
        where, value = stack.pop()
        if isinstance(value, str):
            errors.extend(f"{_path(where)}: {why}" for why in _unstorable_string(value))
        elif isinstance(value, float) and not math.isfinite(value):
            errors.append(f"{_path(where)}: {value!r} is not a finite number")
        elif isinstance(value, dict):
            stack.extend(((*where, k), v) for k, v in value.items())
            stack.extend(((*where, k), k) for k in value)
        elif isinstance(value, list):
            stack.extend(((*where, i), v) for i, v in enumerate(value))
    return sorted(errors)


unstorable_strings = unstorable_values  # its former name


def _unstorable_string(value: str) -> list[str]:
    found = []
    if "\x00" in value:
        found.append("contains a NUL character (U+0000)")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        found.append("contains a lone surrogate (U+D800-U+DFFF)")
    return found


# --- checks: the whole document, before anything is written -----------------------------


def check_document(doc: Any) -> list[str]:
    """Every error that would stop the import ([] when the document can be imported)."""
    errors = oversized_lists(doc) or schema_errors(doc) or unstorable_values(doc)
    if errors:
        return errors
    text = doc["article"]["text"]
    errors = _check_text(text)
    if errors:
        return errors  # offsets into a text that is not canonical mean nothing
    errors = _check_article(doc["article"])
    claims = doc["claims"]
    if len(claims) > L.MAX_CLAIMS_PER_ARTICLE:
        return [*errors, f"$.claims: an article holds at most {L.MAX_CLAIMS_PER_ARTICLE} claims"]
    scale = scale_by_slug()
    seen: dict[tuple[int, int], int] = {}
    for i, c in enumerate(claims):
        where, span = f"$.claims[{i}]", (c["start"], c["end"])
        if span in seen:
            errors.append(f"{where}: claims[{seen[span]}] already covers [{span[0]}, {span[1]})")
        seen.setdefault(span, i)
        errors += _check_claim(where, c, text, scale)
        if len(errors) > MAX_ERRORS:
            return errors
    return errors + _check_nesting(claims)


def oversized_lists(doc: Any) -> list[str]:
    """Counts over the caps, found before the JSON Schema reads every item (30,000 figures
    took the schema validator 20 s): claims per article, figures, hints, sources per claim."""
    claims = doc.get("claims") if isinstance(doc, dict) else None
    if not isinstance(claims, list):
        return []
    if len(claims) > L.MAX_CLAIMS_PER_ARTICLE:
        return [f"$.claims: an article holds at most {L.MAX_CLAIMS_PER_ARTICLE} claims"]
    caps = (
        ("figures", L.MAX_FIGURES_PER_CLAIM),
        ("hints", L.MAX_HINTS_PER_CLAIM),
        ("sources", L.MAX_SOURCES_PER_CLAIM),
        ("records", L.MAX_RECORDS_PER_CLAIM),
    )
    errors = []
    for i, c in enumerate(claims):
        for key, cap in caps:
            items = c.get(key) if isinstance(c, dict) else None
            if isinstance(items, list) and len(items) > cap:
                errors.append(f"$.claims[{i}].{key}: a claim holds at most {cap} {key}")
        thread = c.get("discussion") if isinstance(c, dict) else None
        items = thread.get("comments") if isinstance(thread, dict) else None
        if isinstance(items, list) and len(items) > L.MAX_COMMENTS_PER_CLAIM:
            errors.append(
                f"$.claims[{i}].discussion.comments: a thread holds at most "
                f"{L.MAX_COMMENTS_PER_CLAIM} comments"
            )
    return errors[:MAX_ERRORS]


def max_article_chars() -> int:
    """The longest article text, pasted, uploaded or imported as JSON (MAX_ARTICLE_CHARS)."""
    return int(setting("MAX_ARTICLE_CHARS") or L.MAX_ARTICLE_CHARS)


def _check_text(text: str) -> list[str]:
    """Canonical (so offsets survive) and within the one article length limit."""
    try:
        if canonicalize(text) != text:
            return [
                "$.article.text: not in canonical form (line breaks, control characters or "
                "surrounding blank space); offsets would not survive"
            ]
    except IngestError as exc:
        return [f"$.article.text: {exc.message}"]
    limit = max_article_chars()
    if len(text) > limit:
        return [f"$.article.text: longer than {limit:,} characters"]
    return []


def _check_article(art: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    if hashlib.sha256(art["text"].encode("utf-8")).hexdigest() != art["text_sha256"]:
        errors.append("$.article.text_sha256: does not match the sha256 of article.text")
    _date(art["published"], "$.article.published", errors)
    if art["source_url"] is not None:
        try:
            validate_source_url(art["source_url"])
        except BadURL as exc:
            errors.append(f"$.article.source_url: {exc}")
    return errors


def _check_claim(where: str, c: dict[str, Any], text: str, scale: dict) -> list[str]:
    """One claim, against the limits a claim made here keeps."""
    errors = _check_span(where, c, text)
    errors += _check_figures(where, c["figures"], text)
    errors += _check_sizes(where, c)
    for j, s in enumerate(c["sources"][: L.MAX_SOURCES_PER_CLAIM]):
        errors += _check_source(f"{where}.sources[{j}]", s)
    errors += check_discussion(f"{where}.discussion", c.get("discussion"))
    return errors + _check_verdict(where, c["verdict"], c["status"], scale)


def _check_span(where: str, c: dict[str, Any], text: str) -> list[str]:
    """Inside the text, equal to its quote, and a span services.claims would accept."""
    start, end, n = c["start"], c["end"], len(text)
    if not 0 <= start < end <= n:
        return [f"{where}: span [{start}, {end}) is not inside the text (0..{n})"]
    if c["quote"] != text[start:end]:
        return [f"{where}.quote: differs from article.text[{start}:{end}]"]
    errors = []
    if end - start > L.MAX_CLAIM_CHARS:
        errors.append(f"{where}: a claim spans at most {L.MAX_CLAIM_CHARS} characters")
    if not text[start:end].strip():
        errors.append(f"{where}: a claim cannot be only white space")
    for name, at in (("start", start), ("end", end)):
        if splits_cluster(text, at):
            errors.append(
                f"{where}.{name}: offset {at} falls inside a character (a letter with its "
                "accent, an emoji sequence or a flag)"
            )
    return errors


def _check_figures(where: str, figures: list[dict[str, Any]], text: str) -> list[str]:
    if len(figures) > L.MAX_FIGURES_PER_CLAIM:
        return [f"{where}.figures: a claim holds at most {L.MAX_FIGURES_PER_CLAIM} figures"]
    errors, n = [], len(text)
    for j, f in enumerate(figures):
        fs, fe = f["start"], f["end"]
        if not 0 <= fs < fe <= n:
            errors.append(f"{where}.figures[{j}]: span [{fs}, {fe}) is not inside the text")
        elif f["text"] != text[fs:fe]:
            errors.append(f"{where}.figures[{j}].text: differs from article.text[{fs}:{fe}]")
    return errors


def _check_sizes(where: str, c: dict[str, Any]) -> list[str]:
    """Counts and lengths a column or a page must hold (workbench.limits)."""
    errors = []
    over = [
        (c["version"] > L.MAX_CLAIM_VERSION, f".version: at most {L.MAX_CLAIM_VERSION}"),
        (len(c["hints"]) > L.MAX_HINTS_PER_CLAIM, f".hints: at most {L.MAX_HINTS_PER_CLAIM}"),
        (
            len(c["sources"]) > L.MAX_SOURCES_PER_CLAIM,
            f".sources: at most {L.MAX_SOURCES_PER_CLAIM}",
        ),
        (
            len(c.get("kinds") or []) > L.MAX_KINDS_PER_CLAIM,
            f".kinds: at most {L.MAX_KINDS_PER_CLAIM}",
        ),
        (
            len(c.get("dismiss_reason") or "") > L.NOTE_CHARS,
            f".dismiss_reason: at most {L.NOTE_CHARS} characters",
        ),
    ]
    errors += [where + what for bad, what in over if bad]
    for j, kind in enumerate(c.get("kinds") or []):
        if len(kind) > L.KIND_CHARS:
            errors.append(f"{where}.kinds[{j}]: at most {L.KIND_CHARS} characters")
    for j, h in enumerate(c["hints"][: L.MAX_HINTS_PER_CLAIM]):
        if len(h["kind"]) > L.HINT_KIND_CHARS:
            errors.append(f"{where}.hints[{j}].kind: at most {L.HINT_KIND_CHARS} characters")
        if len(h["message"]) > L.HINT_MESSAGE_CHARS:
            errors.append(f"{where}.hints[{j}].message: at most {L.HINT_MESSAGE_CHARS} characters")
    return errors


def _check_source(where: str, s: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    try:
        validate_source_url(s["url"])
    except BadURL as exc:
        errors.append(f"{where}.url: {exc}")
    if not s["title"].strip():
        errors.append(f"{where}.title: a source needs a title")
    _date(s["published"], f"{where}.published", errors)
    _date(s["accessed"], f"{where}.accessed", errors)
    return errors


def _check_verdict(where: str, v: dict[str, Any] | None, status: str, scale: dict) -> list[str]:
    """A rating on the scale, dates, and a status that agrees with the verdict."""
    errors: list[str] = []
    if v is not None:
        if v["rating"] not in scale:
            errors.append(f"{where}.verdict.rating: {v['rating']!r} is not one of {list(scale)}")
        if len(v["rationale"]) > L.RATIONALE_CHARS:
            errors.append(f"{where}.verdict.rationale: at most {L.RATIONALE_CHARS} characters")
        _datetime(v["submitted_at"], f"{where}.verdict.submitted_at", errors)
        _datetime(v["approved_at"], f"{where}.verdict.approved_at", errors)
        if (v["approved_at"] is None) != (v["approved_by"] is None):
            errors.append(f"{where}.verdict: approved_by and approved_at go together")
    if status in ("submitted", "approved") and v is None:
        errors.append(f"{where}.status: a {status} claim needs a verdict")
    if v is not None and (status == "approved") != (v["approved_at"] is not None):
        errors.append(
            f"{where}.status: {status} disagrees with the verdict's approval "
            f"(approved_at {v['approved_at']!r})"
        )
    return errors


def _check_nesting(claims: list[dict[str, Any]]) -> list[str]:
    """At most MAX_CLAIMS_INSIDE_CLAIM claims inside any one claim's span.

    Counted in O(n log n): claims by decreasing start, each end added to a Fenwick tree over
    the distinct ends; a claim's count is the number of ends <= its own among claims starting
    at or after it, less itself.
    """
    ends = sorted({c["end"] for c in claims})
    rank = {e: i + 1 for i, e in enumerate(ends)}
    tree = [0] * (len(ends) + 1)
    order = sorted(range(len(claims)), key=lambda i: -claims[i]["start"])
    errors: list[str] = []
    for _, same_start in groupby(order, key=lambda i: claims[i]["start"]):
        group = list(same_start)
        for i in group:
            _fenwick_add(tree, rank[claims[i]["end"]])
        for i in group:
            inside = _fenwick_sum(tree, rank[claims[i]["end"]]) - 1
            if inside > L.MAX_CLAIMS_INSIDE_CLAIM and len(errors) < MAX_ERRORS:
                errors.append(
                    f"$.claims[{i}]: {inside} claims lie inside it; "
                    f"at most {L.MAX_CLAIMS_INSIDE_CLAIM}"
                )
    return sorted(errors)


def _fenwick_add(tree: list[int], at: int) -> None:
    while at < len(tree):
        tree[at] += 1
        at += at & -at


def _fenwick_sum(tree: list[int], at: int) -> int:
    total = 0
    while at > 0:
        total += tree[at]
        at -= at & -at
    return total


# --- import: the checked document, written in one transaction ---------------------------

APPROVAL_DROPPED = "not carried over (four-eyes: the importer is the verdict's author here)"
APPROVAL_BY_IMPORTER = "recorded as approved by the importer (four-eyes is off)"


def import_document(actor: User, doc: Any, *, allow_duplicate: bool = False) -> Article:
    """Recreate the article of an annotated-JSON document; all of it or nothing."""
    errors = check_document(doc)
    if errors:
        raise DocumentInvalid(errors)
    _authorize(actor, doc["claims"])
    if not allow_duplicate:
        _refuse_duplicate(doc["article"]["text_sha256"])
    article = _new_article(actor, doc)
    rows = [_new_claim(actor, article, c) for c in doc["claims"]]
    flush()
    for r in rows:
        r.discussion = link_replies(r.discussion)
    _keep_versions(rows)
    _record_import(actor, article, doc, rows)
    commit()
    return article


def _authorize(actor: User, claims: list[dict[str, Any]]) -> None:
    """Approval is an editor's signature; a file that breaks four-eyes on its face is refused."""
    approved = [c for c in claims if c["status"] == "approved"]
    if approved and not actor.is_editor:
        raise Forbidden("only editors may import approved claims; ask an editor to import it")
    for c in approved:
        v = c["verdict"]
        if v["approved_by"] == v["author"] and four_eyes():
            raise Forbidden(
                f"claim {c['id']}: the four-eyes rule forbids an approval by the verdict's "
                f"author ({v['author']})"
            )


def _refuse_duplicate(sha256: str) -> None:
    existing = db.session.scalar(db.select(Article).where(Article.text_sha256 == sha256).limit(1))
    if existing is not None:
        raise DuplicateArticle(existing)


def _new_article(actor: User, doc: dict[str, Any]) -> Article:
    art = doc["article"]
    article = Article(
        title=(art["title"] or "Untitled article")[: L.ARTICLE_TITLE_CHARS],
        byline=(art["byline"] or None) and art["byline"][: L.BYLINE_CHARS],
        published=_date(art["published"], "", []),
        source_url=art["source_url"],
        text=art["text"],
        text_sha256=art["text_sha256"],
        import_notes=[
            f"imported from an annotated-JSON document (article {art['id']}, {doc['status']})"
        ],
        created_by=actor,
    )
    db.session.add(article)
    return article


def _new_claim(actor: User, article: Article, c: dict[str, Any]) -> _Imported:
    """The claim with its figures, hints and sources; its verdict signed by the importer."""
    claim = Claim(
        article=article,
        start_offset=c["start"],
        end_offset=c["end"],
        status=ClaimStatus(c["status"]),
        origin=ClaimOrigin.imported,
        kinds=list(c.get("kinds") or []),
        dismiss_reason=c.get("dismiss_reason"),
        records=[dict(r) for r in c.get("records") or []],
    )
    claim.figures = [_figure(f) for f in c["figures"]]
    claim.hints = [Hint(kind=h["kind"], ok=h["ok"], message=h["message"]) for h in c["hints"]]
    claim.sources = [_source(actor, s) for s in c["sources"]]
    approval = None
    if c["verdict"] is not None:
        claim.verdict, claim.status, approval = _verdict(actor, c["verdict"], claim.status)
    db.session.add(claim)
    thread = import_discussion(claim, c.get("discussion"))
    return _Imported(claim, c, _people_of(c), approval, thread)


def _figure(f: dict[str, Any]) -> Figure:
    return Figure(
        category=FigureCategory(f["category"]),
        start_offset=f["start"],
        end_offset=f["end"],
        text=f["text"],
        value=dict(f["value"]),
    )


def _source(actor: User, s: dict[str, Any]) -> Source:
    return Source(
        url=validate_source_url(s["url"]),
        title=s["title"].strip()[: L.SOURCE_TITLE_CHARS],
        publisher=s["publisher"].strip()[: L.PUBLISHER_CHARS],
        published=_date(s["published"], "", []),
        excerpt=s["excerpt"][: L.EXCERPT_CHARS],
        accessed=_date(s["accessed"], "", []) or date.today(),
        stance=Stance(s["stance"]),
        created_by_id=actor.id,
    )


def _verdict(
    actor: User, v: dict[str, Any], status: ClaimStatus
) -> tuple[Verdict, ClaimStatus, str | None]:
    """The verdict as the importer brought it in: their name as author, and an approval in the
    file either theirs (four-eyes off) or not carried over (the claim stays submitted)."""
    verdict = Verdict(
        rating=v["rating"],
        rationale=v["rationale"],
        author_id=actor.id,
        submitted_at=_datetime(v["submitted_at"], "", []),
    )
    if status is not ClaimStatus.approved:
        return verdict, status, None
    if four_eyes():
        return verdict, ClaimStatus.submitted, APPROVAL_DROPPED
    verdict.approved_by_id, verdict.approved_at = actor.id, utcnow()
    return verdict, status, APPROVAL_BY_IMPORTER


@dataclass
class _Imported:
    """One claim being imported: its row, its part of the document, the people it names."""

    claim: Claim
    doc: dict[str, Any]
    people: dict[str, str]
    approval: str | None
    discussion: dict[str, Any] | None = None  # the thread's provenance (services.comments)


def _people_of(c: dict[str, Any]) -> dict[str, str]:
    """Who the file says assigned, wrote and approved the claim: provenance, not accounts."""
    v = c["verdict"] or {}
    named = {
        "assignee": c.get("assignee"),
        "author": v.get("author"),
        "submitted_at": v.get("submitted_at"),
        "approved_by": v.get("approved_by"),
        "approved_at": v.get("approved_at"),
    }
    return {key: value for key, value in named.items() if value is not None}


def _keep_versions(rows: list[_Imported]) -> None:
    """Keep each claim's version (the ORM starts new rows at 1)."""
    versions = [{"cid": r.claim.id, "v": r.doc["version"]} for r in rows if r.doc["version"] != 1]
    if versions:
        table = Claim.__table__
        db.session.execute(
            table.update().where(table.c.id == bindparam("cid")).values(version=bindparam("v")),
            versions,
        )


def _record_import(actor: User, article: Article, doc: dict[str, Any], rows: list[_Imported]):
    """One history event per claim (with the file's people and what became of an approval)
    and one for the article; the article's import notes say it in words."""
    for r in rows:
        detail: dict[str, Any] = {
            "from_claim": r.doc["id"],
            "origin": r.doc["origin"],
            "version": r.doc["version"],
            "history": r.doc["history"],
        }
        if r.people:
            detail["people"] = r.people
        if r.approval:
            detail["approval"] = r.approval
        if r.discussion:
            detail["discussion"] = r.discussion
        record(actor, article, r.claim, EventAction.import_, detail)
    dropped = sum(r.approval == APPROVAL_DROPPED for r in rows)
    article.import_notes = [*article.import_notes, *_notes(actor, rows, dropped)]
    record(
        actor,
        article,
        None,
        EventAction.import_,
        {
            "format": FORMAT,
            "from_article": doc["article"]["id"],
            "status": doc["status"],
            "claims": len(rows),
            "approvals_not_carried_over": dropped,
            "history": doc.get("history", []),
        },
    )


def _notes(actor: User, rows: list[_Imported], dropped: int) -> list[str]:
    notes = []
    names = sorted({n for r in rows for k, n in r.people.items() if not k.endswith("_at")})
    if names:
        notes.append(
            f"people named in the file ({', '.join(names)}) are kept in each claim's history; "
            f"verdicts are recorded as brought in by {actor.username}"
        )
    if dropped:
        notes.append(
            f"{dropped} approval(s) not carried over (four-eyes): those claims are submitted, "
            "for another editor to approve here"
        )
    return notes


def import_bytes(actor: User, data: bytes, *, allow_duplicate: bool = False) -> Article:
    """Import a ``.json`` file: strict JSON (as the API parses it), then the document."""
    value = strict_json.loads(data[3:] if data.startswith(b"\xef\xbb\xbf") else data)
    if not is_document(value):
        raise DocumentInvalid([f'$.format: not "{FORMAT}"; this is not an annotated-JSON export'])
    return import_document(actor, value, allow_duplicate=allow_duplicate)

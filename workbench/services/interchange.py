"""Import an annotated-JSON document: the article with its claims, figures, hints, sources,
verdicts and states, in one transaction, or nothing at all with the list of what is wrong.

The document is checked whole before anything is written: the committed JSON Schema, then
what a schema cannot say (canonical text, its sha256, offsets inside the text, every quote
and figure text equal to ``text[start:end]``, ratings on the scale, source URLs, dates,
states that agree with the verdict). People are matched by username; a name with no
account here is recorded as the importing user, and the original name is kept in the
claim's ``import`` history event (with the claim's original id, origin and history).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any

import jsonschema
from sqlalchemy import bindparam

from .. import strict_json
from ..config import setting
from ..db import db
from ..errors import Forbidden, Invalid
from ..exporters.annotated import FORMAT, schema
from ..ingest import IngestError, canonicalize
from ..models import (
    Article,
    Claim,
    ClaimOrigin,
    ClaimStatus,
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
from .articles import MAX_CLAIMS_PER_ARTICLE, DuplicateArticle
from .common import commit, flush, record

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
    validator = jsonschema.Draft202012Validator(
        schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
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


def unstorable_strings(doc: Any) -> list[str]:
    """Strings no database column can hold: NUL (PostgreSQL refuses it) or lone surrogates."""
    errors: list[str] = []
    stack: list[tuple[tuple, Any]] = [((), doc)]
    while stack and len(errors) <= MAX_ERRORS:
        where, value = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                errors.append(f"{_path(where)}: contains a NUL character (U+0000)")
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                errors.append(f"{_path(where)}: contains a lone surrogate (U+D800-U+DFFF)")
        elif isinstance(value, dict):
            stack.extend(((*where, k), v) for k, v in value.items())
            stack.extend(((*where, k), k) for k in value)
        elif isinstance(value, list):
            stack.extend(((*where, i), v) for i, v in enumerate(value))
    return sorted(errors)


def check_document(doc: Any) -> list[str]:
    """Every error that would stop the import ([] when the document can be imported)."""
    errors = schema_errors(doc)
    if errors:
        return errors
    errors = unstorable_strings(doc)
    if errors:
        return errors
    art = doc["article"]
    text = art["text"]
    try:
        if canonicalize(text) != text:
            errors.append(
                "$.article.text: not in canonical form (line breaks, control characters or "
                "surrounding blank space); offsets would not survive"
            )
    except IngestError as exc:
        errors.append(f"$.article.text: {exc.message}")
        return errors
    limit = int(setting("MAX_ARTICLE_CHARS") or 2_000_000)
    if len(text) > limit:
        errors.append(f"$.article.text: longer than {limit:,} characters")
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != art["text_sha256"]:
        errors.append("$.article.text_sha256: does not match the sha256 of article.text")
    _date(art["published"], "$.article.published", errors)
    if art["source_url"] is not None:
        try:
            validate_source_url(art["source_url"])
        except BadURL as exc:
            errors.append(f"$.article.source_url: {exc}")
    claims = doc["claims"]
    if len(claims) > MAX_CLAIMS_PER_ARTICLE:
        errors.append(f"$.claims: an article holds at most {MAX_CLAIMS_PER_ARTICLE} claims")
        return errors
    scale = scale_by_slug()
    n = len(text)
    seen: dict[tuple[int, int], int] = {}
    for i, c in enumerate(claims):
        where = f"$.claims[{i}]"
        start, end = c["start"], c["end"]
        if (start, end) in seen:
            errors.append(f"{where}: claims[{seen[start, end]}] already covers [{start}, {end})")
        seen.setdefault((start, end), i)
        if not 0 <= start < end <= n:
            errors.append(f"{where}: span [{start}, {end}) is not inside the text (0..{n})")
        elif c["quote"] != text[start:end]:
            errors.append(f"{where}.quote: differs from article.text[{start}:{end}]")
        for j, f in enumerate(c["figures"]):
            fs, fe = f["start"], f["end"]
            if not 0 <= fs < fe <= n:
                errors.append(f"{where}.figures[{j}]: span [{fs}, {fe}) is not inside the text")
            elif f["text"] != text[fs:fe]:
                errors.append(f"{where}.figures[{j}].text: differs from article.text[{fs}:{fe}]")
        for j, s in enumerate(c["sources"]):
            try:
                validate_source_url(s["url"])
            except BadURL as exc:
                errors.append(f"{where}.sources[{j}].url: {exc}")
            if not s["title"].strip():
                errors.append(f"{where}.sources[{j}].title: a source needs a title")
            _date(s["published"], f"{where}.sources[{j}].published", errors)
            _date(s["accessed"], f"{where}.sources[{j}].accessed", errors)
        v, status = c["verdict"], c["status"]
        if v is not None:
            if v["rating"] not in scale:
                errors.append(
                    f"{where}.verdict.rating: {v['rating']!r} is not one of {list(scale)}"
                )
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


def import_document(actor: User, doc: Any, *, allow_duplicate: bool = False) -> Article:
    """Recreate the article of an annotated-JSON document; all of it or nothing."""
    errors = check_document(doc)
    if errors:
        raise DocumentInvalid(errors)
    if not actor.is_editor and any(c["status"] == "approved" for c in doc["claims"]):
        # Approval is an editor's signature: a reviewer cannot bring one in from a file.
        raise Forbidden("only editors may import approved claims; ask an editor to import it")
    art = doc["article"]
    if not allow_duplicate:
        existing = db.session.scalar(
            db.select(Article).where(Article.text_sha256 == art["text_sha256"]).limit(1)
        )
        if existing is not None:
            raise DuplicateArticle(existing)
    names = _people(doc)
    users = {
        u.username: u for u in db.session.scalars(db.select(User).where(User.username.in_(names)))
    }
    unmatched: set[str] = set()

    def person(name: str | None, *, default: User | None) -> User | None:
        if name is None:
            return None
        user = users.get(name)
        if user is None:
            unmatched.add(name)
            return default
        return user

    notes = [f"imported from an annotated-JSON document (article {art['id']}, {doc['status']})"]
    article = Article(
        title=(art["title"] or "Untitled article")[:500],
        byline=(art["byline"] or None) and art["byline"][:300],
        published=_date(art["published"], "", []),
        source_url=art["source_url"],
        text=art["text"],
        text_sha256=art["text_sha256"],
        import_notes=notes,
        created_by=actor,
    )
    db.session.add(article)
    rows: list[tuple[Claim, dict[str, Any], dict[str, Any]]] = []
    for c in doc["claims"]:
        claim = Claim(
            article=article,
            start_offset=c["start"],
            end_offset=c["end"],
            status=ClaimStatus(c["status"]),
            origin=ClaimOrigin.imported,
            kinds=list(c.get("kinds") or []),
            dismiss_reason=c.get("dismiss_reason"),
        )
        missing: dict[str, str] = {}
        assignee = c.get("assignee")
        if assignee is not None:
            claim.assignee = person(assignee, default=None)
            if claim.assignee is None:
                missing["assignee"] = assignee
        claim.figures = [
            Figure(
                category=FigureCategory(f["category"]),
                start_offset=f["start"],
                end_offset=f["end"],
                text=f["text"],
                value=dict(f["value"]),
            )
            for f in c["figures"]
        ]
        claim.hints = [Hint(kind=h["kind"], ok=h["ok"], message=h["message"]) for h in c["hints"]]
        claim.sources = [
            Source(
                url=validate_source_url(s["url"]),
                title=s["title"].strip()[:500],
                publisher=s["publisher"].strip()[:300],
                published=_date(s["published"], "", []),
                excerpt=s["excerpt"][:20_000],
                accessed=_date(s["accessed"], "", []) or date.today(),
                stance=Stance(s["stance"]),
                created_by_id=actor.id,
            )
            for s in c["sources"]
        ]
        v = c["verdict"]
        if v is not None:
            author = person(v["author"], default=actor) or actor
            approver = person(v["approved_by"], default=actor)
            # Four eyes as the document states them; unknown names map to the importing editor.
            if v["approved_by"] is not None and v["approved_by"] == v["author"] and _four_eyes():
                raise Forbidden(
                    f"claim {c['id']}: the four-eyes rule forbids an approval by the verdict's "
                    f"author ({v['author']})"
                )
            for key, name, user in (
                ("author", v["author"], author),
                ("approved_by", v["approved_by"], approver),
            ):
                if name is not None and (user is None or user.username != name):
                    missing[key] = name
            claim.verdict = Verdict(
                rating=v["rating"],
                rationale=v["rationale"],
                author_id=author.id,
                submitted_at=_datetime(v["submitted_at"], "", []),
                approved_by_id=approver.id if approver is not None else None,
                approved_at=_datetime(v["approved_at"], "", []),
            )
        db.session.add(claim)
        rows.append((claim, c, missing))
    flush()
    # Keep each claim's version (the ORM starts new rows at 1).
    versions = [{"cid": claim.id, "v": c["version"]} for claim, c, _ in rows if c["version"] != 1]
    if versions:
        table = Claim.__table__
        db.session.execute(
            table.update().where(table.c.id == bindparam("cid")).values(version=bindparam("v")),
            versions,
        )
    for claim, c, missing in rows:
        detail: dict[str, Any] = {
            "from_claim": c["id"],
            "origin": c["origin"],
            "version": c["version"],
            "history": c["history"],
        }
        if missing:
            detail["unmatched"] = missing
        record(actor, article, claim, "import", detail)
    if unmatched:
        article.import_notes = [
            *notes,
            "recorded as the importing user (no such account here): "
            + ", ".join(sorted(unmatched)),
        ]
    record(
        actor,
        article,
        None,
        "import",
        {
            "format": FORMAT,
            "from_article": art["id"],
            "status": doc["status"],
            "claims": len(rows),
            "history": doc.get("history", []),
        },
    )
    commit()
    return article


def import_bytes(actor: User, data: bytes, *, allow_duplicate: bool = False) -> Article:
    """Import a ``.json`` file: strict JSON (as the API parses it), then the document."""
    value = strict_json.loads(data[3:] if data.startswith(b"\xef\xbb\xbf") else data)
    if not is_document(value):
        raise DocumentInvalid([f'$.format: not "{FORMAT}"; this is not an annotated-JSON export'])
    return import_document(actor, value, allow_duplicate=allow_duplicate)


def _people(doc: dict[str, Any]) -> set[str]:
    names = set()
    for c in doc["claims"]:
        if c.get("assignee"):
            names.add(c["assignee"])
        v = c["verdict"]
        if v is not None:
            names.update(n for n in (v["author"], v["approved_by"]) if n)
    return names


def _four_eyes() -> bool:
    return bool(setting("FOUR_EYES", True))

"""W3C Web Annotation JSON-LD: an AnnotationCollection with one Annotation per claim.

Each annotation targets the article (its source URL, or ``urn:sha256:<text_sha256>`` when
it has none) through a TextQuoteSelector (exact, and 32 code points of prefix and suffix)
and a TextPositionSelector (code points of the canonical text, end exclusive). Bodies:
the verdict (purpose ``assessing``) and its rationale (``commenting``), each source
(``linking``) and each kind of claim (``tagging``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from .source import ExportArticle, ExportClaim

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_SPAN = 32
GENERATOR = {"type": "Software", "name": "Fact-check Workbench"}
ENGINE = {"type": "Software", "name": "Fact-check Workbench claim engine"}


def when(value: datetime | None) -> str | None:
    """An RFC 3339 UTC date-time with seconds."""
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def target_source(article: ExportArticle) -> str:
    url = article.source_url
    if url and urlsplit(url).scheme in ("http", "https") and not any(c.isspace() for c in url):
        return url
    return f"urn:sha256:{article.text_sha256}"


def _person(user: Any, username: str | None) -> dict[str, Any] | None:
    if user is None and username is None:
        return None
    person: dict[str, Any] = {"type": "Person", "nickname": username or user.username}
    if user is not None and user.display_name:
        person["name"] = user.display_name
    return person


def annotation(article: ExportArticle, claim: ExportClaim, base_url: str) -> dict[str, Any]:
    """One claim as a W3C Annotation: its id (the claim's API URL under ``base_url``), its
    motivation (``assessing`` once a verdict exists, else ``highlighting``), dates, creator,
    bodies (see :func:`bodies`) and the target selecting its span of the article text."""
    doc = claim.doc
    out: dict[str, Any] = {
        "id": f"{base_url.rstrip('/')}/api/v1/claims/{doc['id']}",
        "type": "Annotation",
        "motivation": "assessing" if doc["verdict"] is not None else "highlighting",
        "created": when(claim.created_at),
        "modified": when(claim.updated_at),
        "generator": GENERATOR,
    }
    creator = _creator(article, claim)
    if creator is not None:
        out["creator"] = creator
    found = bodies(claim)
    if found:
        out["body"] = found
    out["target"] = target(article, doc["start"], doc["end"])
    return out


def _creator(article: ExportArticle, claim: ExportClaim) -> dict[str, Any] | None:
    """Who added the claim; the claim engine for an extracted one; else nobody said."""
    if claim.creator is not None:
        return _person(article.users_by_name().get(claim.creator), claim.creator)
    if claim.doc["origin"] == "extracted":
        return ENGINE
    return None


def bodies(claim: ExportClaim) -> list[dict[str, Any]]:
    """The verdict (``assessing``) and its rationale (``commenting``), each source
    (``linking``) and each kind of claim (``tagging``), in that order."""
    doc = claim.doc
    out = _verdict_bodies(claim)
    for source in doc["sources"]:
        out.append(
            {
                "type": "SpecificResource",
                "purpose": "linking",
                "source": {"id": source["url"], "type": "Text", "title": source["title"]},
            }
        )
    for kind in doc["kinds"]:
        out.append({"type": "TextualBody", "purpose": "tagging", "value": kind})
    return out


def _verdict_bodies(claim: ExportClaim) -> list[dict[str, Any]]:
    verdict = claim.doc["verdict"]
    if verdict is None:
        return []
    assessing: dict[str, Any] = {
        "type": "TextualBody",
        "purpose": "assessing",
        "value": verdict["label"],
        "format": "text/plain",
    }
    author = _person(claim.verdict_author, verdict["author"])
    if author:
        assessing["creator"] = author
    out = [assessing]
    if verdict["rationale"].strip():
        out.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": verdict["rationale"],
                "format": "text/markdown",
            }
        )
    return out


def target(article: ExportArticle, start: int, end: int) -> dict[str, Any]:
    """The article (see :func:`target_source`) and the span [start, end) of its text, by
    quote with context and by position in code points."""
    text = article.text
    return {
        "type": "SpecificResource",
        "source": target_source(article),
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": text[start:end],
                "prefix": text[max(0, start - CONTEXT_SPAN) : start],
                "suffix": text[end : end + CONTEXT_SPAN],
            },
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    }


def stream(article: ExportArticle, claims: Iterable[ExportClaim], base_url: str) -> Iterator[str]:
    """The AnnotationCollection, its one embedded page streamed one annotation at a time."""
    base = base_url.rstrip("/")
    collection_id = f"{base}/api/v1/articles/{article.id}/export?format=webannotation"
    head = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": article.title,
        "total": article.total,
        "generator": GENERATOR,
        "generated": when(datetime.now(UTC)),
    }
    page = {"id": collection_id + "&page=0", "type": "AnnotationPage", "startIndex": 0}
    top = json.dumps(head, ensure_ascii=False)
    yield top[:-1] + ', "first": ' + json.dumps(page, ensure_ascii=False)[:-1] + ', "items": ['
    for n, claim in enumerate(claims):
        item = json.dumps(annotation(article, claim, base), ensure_ascii=False)
        yield ("\n" if n == 0 else ",\n") + item
    yield "\n]}}\n"

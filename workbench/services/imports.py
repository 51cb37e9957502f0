"""One way in for a file or pasted text: decide which importer takes it, with one set of limits.

The upload page, ``flask import`` (the CLI) and ``POST /api/v1/articles`` all call
:func:`import_file` for a file and :func:`import_text` for text, so a file is read the same
way whichever door it comes through: an annotated-JSON export (``.json`` or a JSON content
type) is recreated with its review (services.interchange); a ``.txt``, ``.md`` or ``.html``
file is read as an article and its claims are proposed by the engine (services.articles).
"""

from __future__ import annotations

from datetime import date
from pathlib import PurePath

from ..errors import ingest_failure
from ..ingest import IngestError, ingest_text, ingest_upload
from ..models import Article, User
from .articles import import_article
from .interchange import import_bytes, max_article_chars

JSON_SUFFIXES = frozenset({".json"})
JSON_TYPES = frozenset({"application/json"})


def is_annotated_json(filename: str | None, content_type: str | None = None) -> bool:
    """Whether a file goes to the annotated-JSON importer: by its suffix, else its type."""
    suffix = PurePath(filename or "").suffix.lower()
    if suffix:
        return suffix in JSON_SUFFIXES
    return (content_type or "").split(";")[0].strip().lower() in JSON_TYPES


def import_file(
    actor: User,
    data: bytes,
    filename: str | None,
    content_type: str | None = None,
    *,
    title: str | None = None,
    byline: str | None = None,
    published: date | str | None = None,
    source_url: str | None = None,
    allow_duplicate: bool = False,
) -> Article:
    """Import one file; the metadata given overrides what is detected (text and HTML only:
    an annotated-JSON export carries its own)."""
    if is_annotated_json(filename, content_type):
        return import_bytes(actor, data, allow_duplicate=allow_duplicate)
    try:
        doc = ingest_upload(
            data,
            filename or "",
            content_type,
            title=title,
            byline=byline,
            published=published,
            source_url=source_url,
            max_chars=max_article_chars(),
        )
    except IngestError as exc:
        raise ingest_failure(exc) from None
    return import_article(actor, doc, allow_duplicate=allow_duplicate)


def import_text(
    actor: User,
    text: str,
    *,
    is_html: bool = False,
    title: str | None = None,
    byline: str | None = None,
    published: date | str | None = None,
    source_url: str | None = None,
    allow_duplicate: bool = False,
) -> Article:
    """Import pasted text or HTML, under the same article length limit as a file."""
    try:
        doc = ingest_text(
            text,
            is_html=is_html,
            title=title,
            byline=byline,
            published=published,
            source_url=source_url,
            max_chars=max_article_chars(),
        )
    except IngestError as exc:
        raise ingest_failure(exc) from None
    return import_article(actor, doc, allow_duplicate=allow_duplicate)

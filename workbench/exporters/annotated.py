"""The annotated-article JSON document (format version 1) and its JSON Schema."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from .. import document
from ..document import FORMAT, VERSION, extraction_document
from .source import ExportArticle, ExportClaim

__all__ = ["FORMAT", "VERSION", "extraction_document", "schema", "stream"]
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "annotated-article.v1.json"


@cache
def schema() -> dict[str, Any]:
    """The committed JSON Schema of the document."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def head(article: ExportArticle) -> dict[str, Any]:
    """Everything of the document but its claims.

    "status" is "final" only for an export an editor signed ("final": who and when),
    "complete" when every claim is approved or dismissed but nobody signed, else "draft"."""
    signature = article.signature() if article.final else None
    return document.head(
        article, status=article.status, signature=signature, history=article.history
    )


def stream(article: ExportArticle, claims: Iterable[ExportClaim]) -> Iterator[str]:
    """The annotated-JSON document as text chunks, one claim at a time (UTF-8, not ASCII)."""
    top = json.dumps(head(article), ensure_ascii=False)
    yield top[:-1] + ', "claims": ['
    for n, claim in enumerate(claims):
        yield ("\n" if n == 0 else ",\n") + json.dumps(claim.doc, ensure_ascii=False)
    yield "\n]}\n"

"""The annotated-article JSON document (format version 2) and its JSON Schema.

Version 2 adds ``claims[].records`` (supply and aid records) and ``claims[].discussion``
(the claim's discussion thread, exported here only); version 1 documents, which have
neither, are still imported and validated against their own schema."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from .. import document
from ..document import FORMAT, VERSION, extraction_document
from .source import ExportArticle, ExportClaim

__all__ = ["FORMAT", "VERSION", "VERSIONS", "extraction_document", "schema", "stream"]
#: Versions an import accepts, each described by its own committed schema.
VERSIONS = (1, 2)
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
SCHEMA_PATH = SCHEMA_DIR / f"annotated-article.v{VERSION}.json"


@cache
def schema(version: int = VERSION) -> dict[str, Any]:
    """The committed JSON Schema of the document (of an earlier format version when asked)."""
    if version not in VERSIONS:
        version = VERSION
    path = SCHEMA_DIR / f"annotated-article.v{version}.json"
    return json.loads(path.read_text(encoding="utf-8"))


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

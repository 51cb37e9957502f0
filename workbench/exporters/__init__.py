"""Views of one annotated article, every one streamed from the same model.

``prepare(article_id, fmt)`` loads what the export needs up front (and refuses a final
export while claims are pending), then ``Export.chunks`` yields the text: the API, the
article page and the CLI all write those chunks as they come.

| format | what |
|---|---|
| ``annotated-json`` | the primary document, described by ``schemas/annotated-article.v2.json`` |
| ``claimreview`` | schema.org ClaimReview JSON-LD, one per approved claim |
| ``webannotation`` | W3C Web Annotation AnnotationCollection, one annotation per claim |
| ``csv`` | one row per claim, UTF-8 with BOM, formulas neutralized |
| ``html`` | standalone annotated report (inline CSS, no scripts), served as attachment |
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from . import annotated, claimreview, report, tabular, webannotation
from .source import (
    ExportArticle,
    FinalRefused,
    UnsignedFinal,
    iter_claims,
    iter_spans,
    open_article,
)


@dataclass(frozen=True)
class Format:
    name: str
    mimetype: str
    extension: str
    label: str


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("annotated-json", "application/json", "json", "Annotated JSON"),
        Format("claimreview", "application/ld+json", "claimreview.jsonld", "ClaimReview JSON-LD"),
        Format(
            "webannotation",
            'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
            "annotations.jsonld",
            "W3C Web Annotation",
        ),
        Format("csv", "text/csv; charset=utf-8", "csv", "CSV (spreadsheet)"),
        Format("html", "text/html; charset=utf-8", "report.html", "HTML report"),
    )
}

DEFAULT_BASE_URL = "http://localhost:5000/"


class UnknownFormat(ValueError):
    pass


@dataclass
class Export:
    article: ExportArticle
    format: Format
    chunks: Iterator[str]

    @property
    def filename(self) -> str:
        return f"article-{self.article.id}.{self.format.extension}"


def prepare(
    article_id: int,
    fmt: str,
    *,
    final: bool = False,
    signed_by: str | None = None,
    config: Mapping[str, Any] | None = None,
    base_url: str | None = None,
) -> Export:
    """Check the format, load the article (NotFound, FinalRefused) and set up the stream.

    ``final`` asks for a final export, signed by ``signed_by`` (the editor's user name; the
    caller checks the role): refused unless every claim is approved or dismissed.

    The base of exported links (ids of annotations, default ClaimReview URLs) is
    ``config["PUBLIC_URL"]`` when set, else ``base_url`` (the request's root URL, which comes
    from the Host header: set PUBLIC_URL or TRUSTED_HOSTS in production), else localhost."""
    form = FORMATS.get(fmt)
    if form is None:
        raise UnknownFormat(f"unknown format {fmt!r}; available: {', '.join(FORMATS)}")
    config = config or {}
    base = str(config.get("PUBLIC_URL") or base_url or DEFAULT_BASE_URL)
    settings = claimreview.Settings(config, base) if fmt == "claimreview" else None
    article = open_article(article_id, final=final, signed_by=signed_by)
    if fmt == "annotated-json":
        chunks = annotated.stream(article, iter_claims(article, discussion=True))
    elif fmt == "claimreview":
        chunks = claimreview.stream(article, iter_claims(article), settings)
    elif fmt == "webannotation":
        chunks = webannotation.stream(article, iter_claims(article), base)
    elif fmt == "csv":
        chunks = tabular.stream(article, iter_claims(article))
    else:
        chunks = report.stream(article, lambda: iter_spans(article), lambda: iter_claims(article))
    return Export(article, form, chunks)


__all__ = [
    "FORMATS",
    "Export",
    "FinalRefused",
    "Format",
    "UnknownFormat",
    "UnsignedFinal",
    "prepare",
]

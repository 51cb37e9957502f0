"""Serve an export as a streamed download (used by the API and the article page)."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Response, stream_with_context

from ..exporters import Export


def _encoded(chunks: Iterator[str]) -> Iterator[bytes]:
    for chunk in chunks:
        yield chunk.encode("utf-8")


def download(export: Export) -> Response:
    """A streamed attachment: the database is read while the body is written."""
    response = Response(
        stream_with_context(_encoded(export.chunks)),
        mimetype=export.format.mimetype.split(";")[0],
        headers={"Content-Disposition": f'attachment; filename="{export.filename}"'},
    )
    response.headers["Content-Type"] = export.format.mimetype
    article = export.article
    response.headers["X-Export-Status"] = article.status
    if article.final:
        response.headers["X-Export-Signed-By"] = article.signed_by
        response.headers["X-Export-Signed-At"] = article.signed_at.isoformat()
    return response

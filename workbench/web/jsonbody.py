"""JSON request bodies: the media type, then the one strict reader (workbench.strict_json)."""

from __future__ import annotations

from typing import Any

from ..errors import WorkbenchError
from ..strict_json import loads


class UnsupportedMediaType(WorkbenchError):
    code, status = "unsupported_media_type", 415


def parse(body: bytes, content_type: str | None) -> Any:
    """Parse a request body as strict UTF-8 JSON or raise a 4xx WorkbenchError."""
    mimetype = (content_type or "").split(";", 1)[0].strip().lower()
    if mimetype != "application/json":
        raise UnsupportedMediaType("send the body as Content-Type: application/json")
    return loads(body)

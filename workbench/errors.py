"""Domain errors that services raise and the web layer turns into 4xx answers."""

from __future__ import annotations

from typing import Any


class WorkbenchError(Exception):
    """Base class: a code for the JSON error shape, an HTTP status and a human message."""

    code = "bad_request"
    status = 400

    def __init__(self, message: str, *, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class Invalid(WorkbenchError):
    code, status = "invalid", 422


class NotFound(WorkbenchError):
    code, status = "not_found", 404


class Forbidden(WorkbenchError):
    code, status = "forbidden", 403


class Conflict(WorkbenchError):
    """The change was made against an old version, or the state does not allow it."""

    code, status = "conflict", 409

    def __init__(self, message: str, *, current: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.current = current


class TooLarge(WorkbenchError):
    code, status = "too_large", 413


class UnsupportedType(WorkbenchError):
    code, status = "unsupported_type", 415


def ingest_failure(exc: Exception) -> WorkbenchError:
    """The 4xx answer for an article the importer refused (IngestError carries a code)."""
    kind = {"too-large": TooLarge, "unsupported-type": UnsupportedType}.get(
        getattr(exc, "code", ""), Invalid
    )
    return kind(str(exc))

"""Strict JSON: one reader for request bodies and uploaded files, refusing what browsers would
not send (duplicate keys, NaN, deep nesting, a BOM, lone surrogates, huge integers). Pure."""

from __future__ import annotations

import json
from typing import Any

from .errors import WorkbenchError

MAX_JSON_DEPTH = 64


class BadJSON(WorkbenchError):
    code, status = "bad_json", 400


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise BadJSON(f"duplicate key {key!r} in JSON object")
        out[key] = value
    return out


def _no_constants(name: str) -> Any:
    raise BadJSON(f"{name} is not a JSON number")


def _too_deep(raw: str) -> bool:
    """Cheap pre-scan so deeply nested input never reaches the recursive parser."""
    depth = 0
    in_string = escaped = False
    for ch in raw:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        elif ch in "]}":
            depth -= 1
    return False


def loads(body: bytes) -> Any:
    """Parse bytes as strict UTF-8 JSON or raise BadJSON (a 400)."""
    try:
        raw = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadJSON("the body is not UTF-8") from None
    if raw.startswith("\ufeff"):
        raise BadJSON("the body starts with a byte-order mark; send plain UTF-8")
    if _too_deep(raw):
        raise BadJSON(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        value = json.loads(raw, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise BadJSON(
            f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except ValueError as exc:  # e.g. integers beyond the int-to-str digit limit
        raise BadJSON(f"unreadable JSON: {exc}") from None
    _reject_surrogates(value)
    return value


def _reject_surrogates(value: Any) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise BadJSON("the JSON holds a lone surrogate (\\ud800-\\udfff)") from None
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)

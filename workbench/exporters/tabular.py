"""CSV: one row per claim, UTF-8 with a byte-order mark (spreadsheets read it as UTF-8).

Cells that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from .source import ExportArticle, ExportClaim
from .webannotation import when

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = (
    "claim_id",
    "start",
    "end",
    "quote",
    "status",
    "origin",
    "kinds",
    "figures",
    "records",
    "rating",
    "rating_label",
    "rationale",
    "source_urls",
    "author",
    "submitted_at",
    "approver",
    "approved_at",
    "dismiss_reason",
    "created_at",
    "updated_at",
)


def neutralize(value: Any) -> Any:
    """Defuse a text cell a spreadsheet would evaluate; numbers pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def record_line(r: dict[str, Any]) -> str:
    """One supply or aid record as a short line ("aid: $61 billion to Ukraine, part of ...")."""
    goods = ", ".join(r.get("goods") or [])
    if r.get("type") == "supply":
        line = f"supply: {r.get('supplier') or '?'} to {r.get('recipient') or '?'}"
        line += f" ({goods})" if goods else ""
        line += f", {r['measure']}" if r.get("measure") else ""
    else:
        line = f"aid: {r.get('amount') or '?'}"
        for key, word in (("donor", "from"), ("recipient", "to"), ("purpose", "for")):
            line += f" {word} {r[key]}" if r.get(key) else ""
        line += f" ({goods})" if goods else ""
        line += f", part of {r['part_of']}" if r.get("part_of") else ""
    return line + (f", {r['period']}" if r.get("period") else "")


def row(claim: ExportClaim) -> list[Any]:
    doc = claim.doc
    verdict = doc["verdict"] or {}
    cells: list[Any] = [
        doc["id"],
        doc["start"],
        doc["end"],
        doc["quote"],
        doc["status"],
        doc["origin"],
        "; ".join(doc["kinds"]),
        "; ".join(f"{f['category']}: {f['text']}" for f in doc["figures"]),
        "; ".join(record_line(r) for r in doc.get("records", [])),
        verdict.get("rating", ""),
        verdict.get("label", ""),
        verdict.get("rationale", ""),
        "\n".join(s["url"] for s in doc["sources"]),
        verdict.get("author") or "",
        verdict.get("submitted_at") or "",
        verdict.get("approved_by") or "",
        verdict.get("approved_at") or "",
        doc["dismiss_reason"] or "",
        when(claim.created_at),
        when(claim.updated_at),
    ]
    return [neutralize(c) for c in cells]


def stream(article: ExportArticle, claims: Iterable[ExportClaim]) -> Iterator[str]:
    """The header and one row per claim, as text chunks (CRLF line ends, RFC 4180)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    yield BOM + buffer.getvalue()
    for claim in claims:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row(claim))
        yield buffer.getvalue()

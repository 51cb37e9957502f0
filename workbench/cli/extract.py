"""`workbench extract`: claims of a file as annotated JSON, with no app and no database.

Kept free of Flask and SQLAlchemy so that it starts fast (a cold start is most of its time on
a short file)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("dates are written YYYY-MM-DD") from None


def _dump(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False)


@click.command("extract")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True), required=False)
@click.option("--published", help="publication date YYYY-MM-DD (default: detected)")
@click.option(
    "--jsonl",
    "jsonl",
    type=click.Path(dir_okay=False, allow_dash=True),
    help='read {"text", "published"} per line, write one document per line',
)
@click.option("--indent", type=int, default=None, help="pretty-print with this indent")
def extract_command(file: str | None, published: str | None, jsonl: str | None, indent) -> None:
    """Print the claims of FILE as annotated JSON, without touching any database."""
    from ..document import extraction_document
    from ..extraction import extract
    from ..ingest import IngestError, ingest_text, ingest_upload

    if (file is None) == (jsonl is None):
        raise click.UsageError("give FILE or --jsonl FILE")
    if jsonl is not None:
        with click.open_file(jsonl, encoding="utf-8") as fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    text = item["text"]
                    when = _date(item.get("published"))
                except (ValueError, KeyError, TypeError, click.BadParameter) as exc:
                    raise click.ClickException(f"line {n}: {exc}") from None
                doc = extraction_document(text, extract(text, when), published=when)
                click.echo(_dump(doc))
        return
    try:
        if file == "-":
            doc_in = ingest_text(sys.stdin.read(), published=_date(published))
        else:
            path = Path(file)
            doc_in = ingest_upload(path.read_bytes(), path.name, published=_date(published))
    except (OSError, IngestError) as exc:
        raise click.ClickException(str(exc)) from None
    result = extract(doc_in.text, doc_in.published)
    doc = extraction_document(
        doc_in.text,
        result,
        published=doc_in.published,
        title=doc_in.title,
        byline=doc_in.byline,
        source_url=doc_in.source_url,
    )
    click.echo(json.dumps(doc, ensure_ascii=False, indent=indent))

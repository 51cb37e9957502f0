"""The annotated HTML report: one standalone file, inline CSS, no scripts, no outside requests.

The article text comes first with every claim highlighted (overlapping claims show the
innermost one) and a note mark (the claim's id) where the claim ends; the notes follow
with status, verdict, rationale (Markdown through ``sanitize.render_markdown``) and sources.
Both parts are streamed: the text from a light span query (a sweep over claim starts with
a heap of open ends), the notes from the claim iterator.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime

from markupsafe import Markup, escape

from ..sanitize import TooLong, render_markdown
from ..wording import figure_words, hint_text
from .claimreview import _http_url
from .source import ExportArticle, ExportClaim
from .tabular import record_line

FLUSH_CHARS = 32_000

# The file carries its own policy: nothing may load or run even where it is opened.
META_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

CSS = """
:root { --ink: #1d1d1f; --muted: #5b5b66; --line: #d7d7de; }
* { box-sizing: border-box; }
body { font: 16px/1.6 Georgia, 'Times New Roman', serif; color: var(--ink); margin: 0 auto;
       max-width: 46rem; padding: 2rem 1.25rem 4rem; }
header h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .4rem; }
.meta, .small { color: var(--muted); font: .85rem/1.5 system-ui, sans-serif; }
.badge { display: inline-block; border: 1px solid var(--line); border-radius: 3px;
         padding: 0 .35rem; font: .75rem/1.5 system-ui, sans-serif; text-transform: uppercase; }
.article { white-space: pre-wrap; overflow-wrap: anywhere; margin: 1.5rem 0 2rem; }
mark { background: #fff1a8; color: inherit; border-bottom: 2px solid #d4b300; padding: 0 1px; }
mark.st-approved { background: #d8f3dc; border-color: #2d6a4f; }
mark.st-submitted { background: #dbe7ff; border-color: #3454d1; }
mark.st-returned { background: #ffe0cc; border-color: #c2571a; }
mark.st-dismissed { background: #ececef; border-color: #9a9aa5; }
sup.ref a { font: .7rem system-ui, sans-serif; text-decoration: none; color: #3454d1; }
h2 { font: 600 1.1rem system-ui, sans-serif; border-top: 1px solid var(--line);
     padding-top: 1rem; }
ol.notes { padding-left: 1.6rem; }
ol.notes > li { margin: 0 0 1.4rem; break-inside: avoid; page-break-inside: avoid; }
blockquote { margin: .2rem 0 .5rem; padding-left: .8rem; border-left: 3px solid var(--line);
             font-style: italic; }
.verdict { font: 600 .95rem system-ui, sans-serif; }
.rationale p { margin: .3rem 0; }
ul.sources { margin: .3rem 0; padding-left: 1.2rem; font-size: .9rem; }
a { color: #1f4fbf; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  ul.sources a[href]::after { content: " <" attr(href) ">"; font-size: .8em;
                               color: var(--muted); word-break: break-all; }
  a { color: inherit; }
}
"""


def _article_text(text: str, spans: Iterable[tuple[int, int, int, str]]) -> Iterator[str]:
    """The text with <mark>s and note references; spans come sorted by (start, end, id).

    Notes are labelled with the claim's id, as the workbench names claims ("Claim 12"); marks
    for claims ending at the same place share one superscript, separated by commas."""
    pos = 0
    stack: list[tuple[int, str]] = []  # (claim id, status) by start: innermost last
    ends: list[tuple[int, int]] = []  # heap of (end, claim id)
    ended: set[int] = set()

    def segment(a: int, b: int) -> str:
        if a >= b:
            return ""
        while stack and stack[-1][0] in ended:
            ended.discard(stack.pop()[0])
        chunk = escape(text[a:b])
        if not stack:
            return str(chunk)
        cid, status = stack[-1]
        return f'<mark class="st-{status}" title="claim {cid}">{chunk}</mark>'

    def advance(to: int) -> Iterator[str]:
        nonlocal pos
        while ends and ends[0][0] <= to:
            at = ends[0][0]
            yield segment(pos, at)
            pos = at
            closing = []
            while ends and ends[0][0] == at:
                closing.append(heapq.heappop(ends)[1])
            ended.update(closing)
            refs = ",".join(
                f'<a id="ref-{cid}" href="#note-{cid}">{cid}</a>' for cid in sorted(closing)
            )
            yield f'<sup class="ref">{refs}</sup>'
        yield segment(pos, to)
        pos = to

    for cid, start, end, status in spans:
        yield from advance(start)
        stack.append((cid, status))
        heapq.heappush(ends, (end, cid))
    yield from advance(len(text))


def _note(claim: ExportClaim) -> str:
    doc = claim.doc
    cid = int(doc["id"])
    verdict = doc["verdict"]
    parts = [
        f'<li id="note-{cid}" value="{cid}"><blockquote>{escape(doc["quote"])}</blockquote>',
        f'<div class="small"><span class="badge">{escape(doc["status"])}</span> '
        f'<a href="#ref-{cid}">back to the text</a>',
    ]
    if doc["kinds"]:
        parts.append(" · " + escape(", ".join(doc["kinds"])))
    parts.append("</div>")
    figures = doc.get("figures") or []
    if figures:
        said = "; ".join(
            f"{escape(f['text'])} — {escape(figure_words(f['category'], f['value']))}"
            for f in figures
            if f["category"] != "quote"
        )
        if said:
            parts.append(f'<p class="small figures">Figures: {said}</p>')
    warnings = [h for h in doc.get("hints") or [] if not h["ok"]]
    for h in warnings:
        parts.append(f'<p class="small hint">⚠ {escape(hint_text(h["message"]))}</p>')
    if verdict is None:
        parts.append('<p class="small">No verdict yet.</p>')
    else:
        parts.append(f'<p class="verdict">Verdict: {escape(verdict["label"])}</p>')
        if verdict["rationale"].strip():
            try:
                rationale = render_markdown(verdict["rationale"])
            except TooLong:
                rationale = Markup("<p>") + escape(verdict["rationale"]) + Markup("</p>")
            parts.append(f'<div class="rationale">{rationale}</div>')
        who = []
        if verdict["author"]:
            who.append(f"written by {escape(verdict['author'])}")
        if verdict["approved_by"]:
            who.append(
                f"approved by {escape(verdict['approved_by'])} "
                f"on {escape((verdict['approved_at'] or '')[:10])}"
            )
        if who:
            parts.append(f'<p class="small">{"; ".join(who)}</p>')
    if doc["dismiss_reason"]:
        parts.append(f'<p class="small">Dismissed: {escape(doc["dismiss_reason"])}</p>')
    for record in doc.get("records", []):
        parts.append(f'<p class="small record">{escape(record_line(record))}</p>')
    if doc["sources"]:
        parts.append('<ul class="sources">')
        for s in doc["sources"]:
            title = escape(s["title"] or s["url"])
            link = (
                f'<a href="{escape(s["url"])}" rel="noopener noreferrer">{title}</a>'
                if _http_url(s["url"])
                else f"{title} ({escape(s['url'])})"
            )
            extra = ", ".join(str(escape(x)) for x in (s["publisher"], s["published"]) if x)
            parts.append(
                f"<li>{link}{' — ' + extra if extra else ''} "
                f'<span class="small">({escape(s["stance"])})</span></li>'
            )
        parts.append("</ul>")
    parts.append("</li>")
    return "".join(parts)


def _buffered(chunks: Iterator[str]) -> Iterator[str]:
    buffer: list[str] = []
    size = 0
    for chunk in chunks:
        buffer.append(chunk)
        size += len(chunk)
        if size >= FLUSH_CHARS:
            yield "".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer)


def stream(
    article: ExportArticle,
    spans: Callable[[], Iterable[tuple[int, int, int, str]]],
    claims: Callable[[], Iterable[ExportClaim]],
) -> Iterator[str]:
    """The whole report as text chunks; ``spans`` and ``claims`` are opened when reached."""
    return _buffered(_parts(article, spans, claims))


def _parts(article, spans, claims) -> Iterator[str]:
    title = escape(article.title)
    status = article.status
    if article.final:
        status += f" · signed by {article.signed_by}, {article.signed_at:%Y-%m-%d %H:%M UTC}"
    meta = [x for x in (article.byline, article.published and article.published.isoformat()) if x]
    yield (
        '<!DOCTYPE html>\n<html lang="und"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{META_CSP}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title} — fact-check report</title><style>{CSS}</style></head><body>"
        f"<header><h1>{title}</h1>"
        f'<p class="meta">{escape(" · ".join(meta))}</p>'
    )
    if article.source_url:
        url = escape(article.source_url)
        link = (
            f'<a href="{url}" rel="noopener noreferrer">{url}</a>'
            if _http_url(article.source_url)
            else url
        )
        yield f'<p class="meta">Source: {link}</p>'
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    yield (
        f'<p class="meta"><span class="badge">{status}</span> '
        f"{article.done} of {article.total} claims approved or dismissed · "
        f"report generated {generated}</p></header>"
        '<main><div class="article" dir="auto">'
    )
    yield from _article_text(article.text, spans())
    yield '</div><h2>Notes</h2><ol class="notes">'
    for claim in claims():
        yield _note(claim)
    yield (
        "</ol></main>"
        f'<footer class="small">Text fingerprint sha256 {escape(article.text_sha256)}</footer>'
        "</body></html>\n"
    )

"""The one place that turns untrusted markup into something safe: Markdown to HTML, HTML to text.

Only this module imports bleach and the Markdown renderer, and only `render_markdown`
produces `Markup` from user content. bleach is in maintenance-only mode (6.4 is its last
release), so its allow-lists are kept deliberately small: no svg, math, raw-text elements,
`style` attributes or images, which every known mutation-XSS bypass needs.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from bleach.html5lib_shim import Filter
from bleach.sanitizer import Cleaner
from markdown_it import MarkdownIt
from markupsafe import Markup


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Elements a rendered rationale may contain (everything CommonMark produces except img).
ALLOWED_TAGS = _names("a blockquote br code em h1 h2 h3 h4 h5 h6 hr li ol p pre strong ul")

#: Attributes per element; rel and target on links are added by `_LinkFilter`, not allowed in.
ALLOWED_ATTRIBUTES: dict[str, list[str]] = {"a": ["href", "title"], "ol": ["start"]}

#: URL schemes a rendered link may use; relative links are dropped too (see `_allow_attribute`).
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

#: Elements that must never be allowed: each is an ingredient of a known mXSS bypass.
FORBIDDEN_TAGS = _names(
    "svg math style title textarea noscript xmp iframe noembed noframes plaintext script img"
)

#: Longest Markdown source `render_markdown` accepts, in code points.
MAX_MARKDOWN_CHARS = 20_000

LINK_REL = "noopener noreferrer nofollow"

# Bidi embeddings/overrides/isolates (Trojan Source) and zero-width characters.
_INVISIBLE = re.compile("[\u200b-\u200d\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
_JOINERS = frozenset("\u200c\u200d")


class TooLong(ValueError):
    """Raised when Markdown source exceeds MAX_MARKDOWN_CHARS."""


def _allow_attribute(tag: str, name: str, value: str) -> bool:
    if name == "href":
        scheme, sep, _ = value.partition(":")
        return bool(sep) and scheme.lower() in ALLOWED_PROTOCOLS
    return name in ALLOWED_ATTRIBUTES.get(tag, ())


class _LinkFilter(Filter):
    """Adds rel/target to every link with an href; unwraps links left without one."""

    def __iter__(self) -> Iterator[dict[str, Any]]:
        open_links: list[bool] = []
        for token in super().__iter__():
            kind = token["type"]
            if kind in ("StartTag", "EmptyTag") and token["name"] == "a":
                attrs = dict(token.get("data") or {})
                keep = (None, "href") in attrs
                open_links.append(keep)
                if not keep:
                    continue
                attrs[(None, "rel")] = LINK_REL
                attrs[(None, "target")] = "_blank"
                token = {**token, "data": attrs}
            elif kind == "EndTag" and token["name"] == "a" and open_links and not open_links.pop():
                continue
            yield token


_local = threading.local()  # bleach's Cleaner keeps parser state: one per thread


def _cleaner() -> Cleaner:
    if not hasattr(_local, "cleaner"):
        _local.cleaner = Cleaner(
            tags=ALLOWED_TAGS,
            attributes=_allow_attribute,
            protocols=ALLOWED_PROTOCOLS,
            strip=True,
            strip_comments=True,
            filters=[_LinkFilter],
        )
    return _local.cleaner


# html=False escapes raw HTML; images become plain links so nothing loads from a tracker.
_markdown = MarkdownIt("commonmark", {"html": False}).disable("image")


def _show_invisible(match: re.Match[str]) -> str:
    char = match.group()
    if char in _JOINERS:
        # ZWJ/ZWNJ are legitimate inside emoji sequences and Indic/Persian words.
        text, start, end = match.string, match.start(), match.end()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if ord(before) > 0x7F and ord(after) > 0x7F and not (before + after).isspace():
            return char
    return f"\u27e8U+{ord(char):04X}\u27e9"


def show_invisible(text: str) -> str:
    """Replace bidi controls and zero-width characters with a visible ⟨U+XXXX⟩ marker."""
    return _INVISIBLE.sub(_show_invisible, text)


def render_markdown(source: str) -> Markup:
    """Render user Markdown (a verdict rationale) to allow-listed HTML, safe in element content."""
    if len(source) > MAX_MARKDOWN_CHARS:
        raise TooLong(
            f"Text is {len(source):,} characters long; the limit is {MAX_MARKDOWN_CHARS:,}."
        )
    html = _cleaner().clean(_markdown.render(source))
    return Markup(show_invisible(html))


# --- HTML to article text -------------------------------------------------------------
#
# html.parser.HTMLParser in the Python we run (3.11.7) rescans the rest of the document for
# every unterminated construct, which is quadratic (300 kB of `<a x='` took 150 s). So the
# page is tokenized here with a small HTML5-style scanner that only moves forward: each
# construct is found with one str.find or anchored regex match, EOF inside a tag or comment
# drops the rest (as browsers do), and no tree is built, so nesting depth costs nothing.

#: Elements removed together with everything inside them.
SKIPPED_ELEMENTS = _names(
    "script style template noscript svg math iframe object nav footer aside form button"
    " select textarea noembed noframes canvas audio video dialog"
)
#: Elements whose boundaries separate paragraphs (a blank line).
PARAGRAPH_ELEMENTS = _names(
    "address article blockquote center details div dl fieldset figcaption figure h1 h2 h3 h4"
    " h5 h6 header hgroup hr main ol p pre section summary table ul"
)
#: Elements whose boundaries end a line without a blank line.
LINE_ELEMENTS = _names("br li tr dt dd caption legend")
#: <meta> names/properties kept in `HtmlText.meta` (lowercased), plus "canonical" from <link>.
META_KEYS = _names(
    "og:title og:url og:description og:site_name twitter:title description author"
    " article:author article:published_time article:modified_time datepublished date pubdate"
    " publish-date parsely-pub-date byl"
)

_RAW_TEXT = _names("script style xmp iframe noembed noframes noscript")
_ESCAPABLE_RAW_TEXT = frozenset({"title", "textarea"})
_FOREIGN = frozenset({"svg", "math"})  # the only places a self-closing flag counts
_HEAD_ELEMENTS = _names("html head meta link title base body")
_MAX_META_CHARS = 2_000
_MAX_JSON_LD_CHARS = 1_000_000

_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_SPACE = re.compile(r"[ \t\n\r\f]*")
_SPACE_OR_SLASH = re.compile(r"[ \t\n\r\f/]*")
_TAG_NAME = re.compile(r"[^ \t\n\r\f/>]*")
_ATTR_NAME = re.compile(r"[^ \t\n\r\f/>][^ \t\n\r\f/=>]*")
_BARE_VALUE = re.compile(r"[^ \t\n\r\f>]*")
_raw_end_cache: dict[str, re.Pattern[str]] = {}


@dataclass(frozen=True, slots=True)
class HtmlText:
    """Article text reduced from an HTML page, with its <title> and interesting meta tags."""

    text: str
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    headline: str | None = None  # the first <h1>


Attrs = list[tuple[str, str]]


def _collapse(value: str) -> str:
    return _HTML_SPACE.sub(" ", value).strip()


def _read_tag(html: str, pos: int) -> tuple[str, Attrs, bool, int] | None:
    """Read a tag from its name at `pos`: (name, attrs, self_closing, end), or None at EOF."""
    match = _TAG_NAME.match(html, pos)
    name, pos = match.group().lower(), match.end()
    attrs: Attrs = []
    while True:
        pos = _SPACE_OR_SLASH.match(html, pos).end()
        if pos >= len(html):
            return None
        if html[pos] == ">":
            return name, attrs, html[pos - 1] == "/", pos + 1
        match = _ATTR_NAME.match(html, pos)
        attr, pos = match.group().lower(), match.end()
        after = _SPACE.match(html, pos).end()
        value = ""
        if html.startswith("=", after):
            pos = _SPACE.match(html, after + 1).end()
            quote = html[pos : pos + 1]
            if quote in ("'", '"'):
                close = html.find(quote, pos + 1)
                if close < 0:
                    return None
                value, pos = html[pos + 1 : close], close + 1
            else:
                match = _BARE_VALUE.match(html, pos)
                value, pos = match.group(), match.end()
        attrs.append((attr, unescape(value) if "&" in value else value))


def _raw_end(tag: str) -> re.Pattern[str]:
    if tag not in _raw_end_cache:
        _raw_end_cache[tag] = re.compile(rf"</{tag}(?=[ \t\n\r\f/>]|\Z)", re.IGNORECASE)
    return _raw_end_cache[tag]


class _TextExtractor:
    """Turns tokens into lines of text; keeps only counters and the output."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self._h1 = 0  # 0 before the first <h1>, 1 inside it, 2 after it
        self.meta: dict[str, str] = {}
        self.json_ld: list[str] = []
        self._json_chars = self._title_chars = 0
        self._skip_tag: str | None = None
        self._skip_depth = 0
        self._capture_json = False
        self._in_head = False
        self._in_title = False
        self._pre_depth = 0
        self._pre_fresh = False
        self._pending_break = 0  # 0 none, 1 newline, 2 blank line
        self._pending_space = False
        self._at_line_start = True

    def feed(self, html: str) -> None:
        """Tokenize the whole document in one forward pass."""
        pos, end = 0, len(html)
        while pos < end:
            lt = html.find("<", pos)
            if lt < 0:
                self.handle_data(unescape(html[pos:]))
                return
            if lt > pos:
                self.handle_data(unescape(html[pos:lt]))
            following = html[lt + 1 : lt + 3]
            if following[:1].isascii() and following[:1].isalpha():
                tag = _read_tag(html, lt + 1)
                if tag is None:
                    return
                name, attrs, self_closing, pos = tag
                self.handle_starttag(name, attrs, self_closing)
                if name in _RAW_TEXT or name in _ESCAPABLE_RAW_TEXT or name == "plaintext":
                    found = None if name == "plaintext" else _raw_end(name).search(html, pos)
                    stop = found.start() if found else end
                    text = html[pos:stop]
                    self.handle_data(unescape(text) if name in _ESCAPABLE_RAW_TEXT else text)
                    pos = stop
            elif following[:1] == "/" and following[1:].isascii() and following[1:].isalpha():
                tag = _read_tag(html, lt + 2)
                if tag is None:
                    return
                self.handle_endtag(tag[0])
                pos = tag[3]
            elif html.startswith("<!--", lt):
                if html.startswith((">", "->"), lt + 4):
                    pos = html.index(">", lt + 4) + 1
                    continue
                close = html.find("-->", lt + 4)
                if close < 0:
                    return
                pos = close + 3
            elif following[:1] in ("!", "?", "/"):
                # Doctype, CDATA, processing instruction, `</>` or `</3`: skipped to the next ">".
                close = html.find(">", lt + 2)
                if close < 0:
                    return
                pos = close + 1
            else:
                self.handle_data("<")
                pos = lt + 1

    # Output -------------------------------------------------------------------------
    def _break(self, size: int) -> None:
        if self.out:
            self._pending_break = max(self._pending_break, size)
        self._pending_space = False

    def _emit(self, text: str) -> None:
        if self._pending_break:
            last = self.out[-1]
            # A <pre> that ended with its own newline already began the break.
            trailing = len(last) - len(last.rstrip("\n")) if last.endswith("\n") else 0
            self.out.append("\n" * max(0, self._pending_break - trailing))
            self._pending_break = 0
            self._at_line_start = True
        elif self._pending_space and not self._at_line_start:
            self.out.append(" ")
        self._pending_space = False
        self.out.append(text)
        self._at_line_start = text.endswith("\n")

    # Token handlers -----------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: Attrs, self_closing: bool) -> None:
        """Open an element; only svg/math honour a self-closing flag, as in browsers."""
        closed = self_closing and tag in _FOREIGN
        if self._skip_tag is not None:
            self._skip_depth += tag == self._skip_tag and not closed
            return
        if tag in SKIPPED_ELEMENTS:
            if not closed:
                self._skip_tag, self._skip_depth = tag, 1
                self._capture_json = tag == "script" and any(
                    k == "type" and v.strip().lower() == "application/ld+json" for k, v in attrs
                )
            return
        if tag in ("meta", "link"):
            self._read_meta(tag, attrs)
        elif tag not in _HEAD_ELEMENTS:
            # Like a browser: content outside the head's vocabulary implicitly opens the body.
            self._in_head = False
        if tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        elif tag == "title":
            self._in_title = True
        elif tag == "pre":
            self._pre_depth += 1
            self._pre_fresh = True
        elif tag == "h1" and self._h1 == 0:
            self._h1 = 1
        if tag == "br":
            if self.out:
                self._pending_break = min(2, self._pending_break + 1)
            self._pending_space = False
        elif tag in PARAGRAPH_ELEMENTS:
            self._break(2)
        elif tag in LINE_ELEMENTS:
            self._break(1)
        elif tag in ("td", "th"):
            self._pending_space = True

    def handle_endtag(self, tag: str) -> None:
        """Close an element."""
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth -= 1
                if self._skip_depth == 0:
                    self._skip_tag = None
                    self._capture_json = False
            return
        if tag == "head":
            self._in_head = False
        elif tag == "title":
            self._in_title = False
        elif tag == "pre" and self._pre_depth:
            self._pre_depth -= 1
        elif tag == "h1" and self._h1 == 1:
            self._h1 = 2
        if tag in PARAGRAPH_ELEMENTS:
            self._break(2)
        elif tag in LINE_ELEMENTS and tag != "br":
            self._break(1)
        elif tag in ("td", "th"):
            self._pending_space = True

    def handle_data(self, data: str) -> None:
        """Add text (entities already decoded), collapsing whitespace outside <pre>."""
        if self._skip_tag is not None:
            if self._capture_json and self._json_chars < _MAX_JSON_LD_CHARS:
                self.json_ld.append(data)
                self._json_chars += len(data)
            return
        if self._in_title:
            if self._title_chars < _MAX_META_CHARS:
                self.title_parts.append(data)
                self._title_chars += len(data)
            return
        if self._in_head or not data:
            return
        if self._h1 == 1 and len(self.h1_parts) < 100:
            self.h1_parts.append(data[:_MAX_META_CHARS])
        if self._pre_depth:
            if self._pre_fresh and data.startswith(("\r\n", "\n")):
                # HTML drops one newline directly after <pre>.
                data = data[2:] if data.startswith("\r\n") else data[1:]
            self._pre_fresh = False
            if data:
                self._pending_space = False
                self._emit(data)
            return
        if _HTML_SPACE.match(data):
            self._pending_space = True
        words = _HTML_SPACE.sub(" ", data).strip(" ")
        if words:
            self._emit(words)
            if _HTML_SPACE.match(data, len(data) - 1):
                self._pending_space = True

    def _read_meta(self, tag: str, attrs: Attrs) -> None:
        values = dict(attrs)
        if tag == "link":
            rels = values.get("rel", "").lower().split()
            key, content = ("canonical" if "canonical" in rels else ""), values.get("href", "")
        else:
            name = values.get("property") or values.get("name") or values.get("itemprop") or ""
            key, content = name.strip().lower(), values.get("content", "")
        if key and (key in META_KEYS or key == "canonical") and key not in self.meta:
            content = _collapse(content[:_MAX_META_CHARS])
            if content:
                self.meta[key] = content


def _json_ld_meta(blocks: list[str]) -> dict[str, str]:
    """Pull headline, datePublished and author from schema.org JSON-LD blocks."""
    found: dict[str, str] = {}
    for block in blocks:
        try:
            data = json.loads(block)
        except (ValueError, RecursionError):
            continue
        pending: list[Any] = [data]
        for _ in range(1_000):  # bounded walk, no recursion
            if not pending:
                break
            item = pending.pop()
            if isinstance(item, list):
                pending.extend(reversed(item))
                continue
            if not isinstance(item, dict):
                continue
            if isinstance(item.get("@graph"), list):
                pending.extend(reversed(item["@graph"]))
            for source, key in (("headline", "ld:headline"), ("datePublished", "ld:datepublished")):
                value = item.get(source)
                if isinstance(value, str) and key not in found:
                    found[key] = _collapse(value[:_MAX_META_CHARS])
            author = item.get("author")
            if isinstance(author, list) and author:
                author = author[0]
            if isinstance(author, dict):
                author = author.get("name")
            if isinstance(author, str) and "ld:author" not in found:
                found["ld:author"] = _collapse(author[:_MAX_META_CHARS])
    return {k: v for k, v in found.items() if v}


def html_to_text(html: str) -> HtmlText:
    """Reduce an HTML page to its article text: one line per block, non-content removed."""
    extractor = _TextExtractor()
    extractor.feed(html)
    meta = {**_json_ld_meta(extractor.json_ld), **extractor.meta}
    title = _collapse("".join(extractor.title_parts)) or None
    headline = _collapse("".join(extractor.h1_parts))[:_MAX_META_CHARS] or None
    return HtmlText("".join(extractor.out), title, meta, headline)

"""Uploaded bytes or pasted text to the canonical article text and its metadata.

The canonical text is fixed here, once, before any offset exists: newlines normalized to
"\\n", control characters removed, leading/trailing blank lines stripped. Nothing else is
changed (no Unicode normalization, trailing spaces kept), so offsets (code points, end
exclusive) refer to the text as received after these steps.
"""

from __future__ import annotations

import codecs
import datetime
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import TYPE_CHECKING

from workbench.limits import ARTICLE_TITLE_CHARS, MAX_ARTICLE_CHARS
from workbench.urls import BadURL, validate_source_url

if TYPE_CHECKING:  # the HTML reader (bleach, html5lib) loads only for HTML input
    from workbench.sanitize import HtmlText

#: Longest canonical text accepted, in code points (the same for every import path).
MAX_TEXT_CHARS = MAX_ARTICLE_CHARS
#: Longest raw input (HTML markup included) accepted: 4 x max_chars, to bound parsing work.
MAX_SOURCE_CHARS = 4 * MAX_TEXT_CHARS
#: Largest upload accepted: 8 x max_chars bytes (UTF-16 takes two bytes per character).
MAX_UPLOAD_BYTES = 8 * MAX_TEXT_CHARS

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Python codec names we decode when declared. Latin-1 and ASCII labels mean windows-1252,
# as in the WHATWG Encoding Standard; UTF-7 and friends are deliberately absent.
_LEGACY_CODECS = frozenset(
    ["utf-8", "cp1252", "koi8-r", "koi8-u", "mac-roman", "shift_jis", "euc_jp", "gbk"]
    + ["gb18030", "big5", "euc_kr", "tis-620"]
    + [f"cp{n}" for n in range(1250, 1259)]
    + [f"iso8859-{n}" for n in range(2, 17)]
)
_CODEC_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252", "gb2312": "gbk"}

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I
)
_PARAM_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
_HTML_START = re.compile(r"<(?:!doctype[ \t\r\n\f]+html|html)(?:[ \t\r\n\f>]|\Z)")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")


class IngestError(ValueError):
    """Input that cannot become an article; `message` is for the user, `code` for the status."""

    def __init__(self, message: str, code: str = "invalid-text") -> None:
        super().__init__(message)
        self.message = message
        self.code = code  # invalid-text, invalid-encoding, unsupported-type, too-large, empty


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from uploaded bytes and what was done to get it."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Ingested:
    """An article ready to store: canonical text, detected or given metadata, import notes."""

    text: str
    title: str | None
    byline: str | None
    published: datetime.date | None
    source_url: str | None
    sha256: str
    notes: tuple[str, ...] = ()


# --- Canonical text -------------------------------------------------------------------


def _reject_surrogates(text: str) -> None:
    found = _SURROGATE.search(text)
    if found:
        raise IngestError(
            f"The text contains an invalid character (an unpaired UTF-16 surrogate, "
            f"U+{ord(found.group()):04X}) at position {found.start()}."
        )


def _canonical(text: str) -> tuple[str, list[str]]:
    _reject_surrogates(text)
    notes = []
    if text.startswith("\ufeff"):
        text = text[1:]
        notes.append("removed a byte-order mark")
    text, breaks = _LINE_BREAKS.subn("\n", text)
    if breaks:
        notes.append(f"normalized {breaks} line break(s) (CRLF, CR, U+2028/2029 and the like)")
    text, controls = _CONTROLS.subn("", text)
    if controls:
        notes.append(f"removed {controls} control character(s)")
    text = _LEADING_BLANK_LINES.sub("", text).rstrip()
    if not text:
        raise IngestError("The text is empty.", "empty")
    return text, notes


def canonicalize(text: str) -> str:
    """Fix the canonical form of article text that all offsets refer to."""
    return _canonical(text)[0]


# --- Bytes to text --------------------------------------------------------------------


def _codec(label: str) -> str | None:
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    name = _CODEC_ALIASES.get(name, name)
    return name if name in _LEGACY_CODECS else None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _suffix(filename: str | None) -> str:
    return PurePath(filename or "").suffix.lower()


def decode_bytes(
    data: bytes, *, filename: str | None = None, content_type: str | None = None
) -> Decoded:
    """Decode an upload: BOM, then an HTML <meta> charset, then the content type, then UTF-8."""
    label = f"The file “{filename}”" if filename else "The upload"
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"{label} starts with a {encoding.upper()} byte-order mark but is not valid "
                    f"{encoding.upper()} (byte {exc.start}).",
                    "invalid-encoding",
                ) from None
            return Decoded(text, encoding, (f"decoded as {encoding} (byte-order mark)",))

    declared: list[tuple[str, str]] = []
    head = data[:2048]
    if _suffix(filename) in HTML_SUFFIXES or b"<" in head:
        found = _META_CHARSET.search(head)
        if found:
            declared.append((found.group(1).decode("ascii"), "<meta> charset"))
    if content_type:
        found = _PARAM_CHARSET.search(content_type)
        if found:
            declared.append((found.group(1), "content type"))

    notes = []
    for charset, where in declared:
        encoding = _codec(charset)
        if encoding is None:
            notes.append(f"ignored unsupported charset {charset!r} declared in the {where}")
            continue
        if encoding != "utf-8" and not data.isascii() and _is_utf8(data):
            # Pages often keep an old charset label after being re-saved as UTF-8; real
            # legacy text almost never forms valid multi-byte UTF-8 sequences.
            notes.append(f"ignored charset {charset!r} declared in the {where}: bytes are UTF-8")
            break
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding == "utf-8":
                break  # the standard message below explains it best
            text = data.decode(encoding, errors="replace")
            notes.append(f"replaced undecodable bytes with U+FFFD (first at byte {exc.start})")
        notes.append(f"decoded as {encoding} (declared in the {where})")
        return Decoded(text, encoding, tuple(notes))

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{label} is not valid UTF-8 (invalid byte at position {exc.start}). "
            "Save it as UTF-8 and upload it again, or declare its encoding "
            '(e.g. <meta charset="windows-1252"> in an HTML file).',
            "invalid-encoding",
        ) from None
    notes.append("decoded as utf-8")
    return Decoded(text, "utf-8", tuple(notes))


def looks_like_html(text: str) -> bool:
    """Whether text starts like an HTML document (<!doctype html> or <html>)."""
    start = text[:1024].lstrip(" \t\r\n\f\ufeff").lower()
    if start.startswith("<?xml"):
        start = start[start.find(">") + 1 :].lstrip()
    return bool(_HTML_START.match(start))


# --- Metadata -------------------------------------------------------------------------

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATES = (
    re.compile(
        rf"(?<![\w-]){_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)",
        re.I,
    ),
    re.compile(
        rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})(?!\d)",
        re.I,
    ),
    re.compile(r"(?<!\d)(?P<year>\d{4})([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?!\d)"),
)
_DATE_LABEL = re.compile(
    r"^(?:originally\s+|first\s+)?(?P<label>published|posted|updated|last\s+updated|date)\b", re.I
)
_BY_LINE = re.compile(
    r"^(?:by|written\s+by|words\s+by|reporting\s+by|author:)\s+(?P<name>\S.*)$", re.I
)
_BYLINE_END = re.compile(
    r"(?:\s+(?:[|•·—–]|-\s|published\b|updated\b|posted\b)|,\s*(?=[^,]*\d)).*$", re.I
)
_NAME_WORD = re.compile(
    r"^(?:[^\W\d_][^\W\d_'’.-]*(?:['’.-][^\W\d_]*)*\.?|de|da|del|der|di|van|von|le|la|al|bin|and)$"
)
_NOT_HEADLINE_END = re.compile(r"[.:;,][”\"’')\]]*$")
_SENTENCE_END = re.compile(r"[.!?][”\"’')\]]*$")
_MARKDOWN_WRAP = re.compile(r"^#{1,6}\s+|\s+#+$|^[*_]{1,3}|[*_]{1,3}$")
_MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec"
_HEAD_LINES = 15


@dataclass(frozen=True, slots=True)
class Metadata:
    """Title, byline, publication date and source URL found in an article, any of them None."""

    title: str | None = None
    byline: str | None = None
    published: datetime.date | None = None
    source_url: str | None = None


def parse_date(value: str) -> datetime.date | None:
    """Find a calendar date in text: "May 1, 2024", "Jan. 31, 2024", "1 May 2024", "2024-05-01"."""
    value = value[:200]
    for pattern in _DATES:
        for found in pattern.finditer(value):
            month = found.group("month")
            number = int(month) if month.isdigit() else _MONTHS.index(month[:3].lower()) // 3 + 1
            try:
                return datetime.date(int(found.group("year")), number, int(found.group("day")))
            except ValueError:
                continue
    return None


def _is_name(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= 5
        and len(line) <= 60
        and line[0].isupper()
        and all(_NAME_WORD.match(w) for w in words)
    )


def _is_headline(line: str) -> bool:
    return (
        3 <= len(line.split()) <= 30
        and len(line) <= 250
        and not _NOT_HEADLINE_END.search(line)
        and not line.lower().startswith(("http://", "https://", "www."))
    )


def _is_prose(line: str) -> bool:
    """A paragraph of running text: a long enough line that ends like a sentence."""
    return len(line.split()) >= 8 and bool(_SENTENCE_END.search(line))


def _clean_byline(name: str) -> str | None:
    name = _BYLINE_END.sub("", name).strip(" ,")
    plausible = name[:1].isupper() and len(name.split()) <= 12 and not re.search(r"\d", name)
    return name[:200] if plausible else None


def detect_metadata(text: str) -> Metadata:
    """Guess title, byline and publication date from the first lines of article text."""
    lines: list[str] = []
    for raw in text.split("\n", 200)[:200]:
        line = _MARKDOWN_WRAP.sub("", raw[:1000].strip()).strip()
        if line:
            lines.append(line[:500])
        if len(lines) == _HEAD_LINES:
            break

    date_at, published, rank = None, None, 9
    by_at, byline = None, None
    for i, line in enumerate(lines):
        label = _DATE_LABEL.match(line)
        bare = len(line) <= 60 and len(line.split()) <= 9
        if (label or bare) and (when := parse_date(line)):
            # Prefer "Published", then a bare date line, then "Updated".
            this = 2 if label and "updated" in label.group("label").lower() else (0 if label else 1)
            if this < rank:
                date_at, published, rank = i, when, this
        # A sentence ("By April, the council had ...") ends like one; a byline does not.
        sentence = len(line) > 120 or re.search(r"\w\w[.!?][”\"’']?$", line)
        if by_at is None and not sentence and (found := _BY_LINE.match(line)):
            byline = _clean_byline(found.group("name"))
            by_at = i if byline else None

    anchors = [i for i in (by_at, date_at) if i is not None]
    # A title comes before the body: a headline-like line after the first paragraph of prose
    # is a subheading (fact sheets have many), never the title of a text pasted without one.
    body_at = next((i for i, line in enumerate(lines) if _is_prose(line)), len(lines))
    candidates = [
        i
        for i, line in enumerate(lines[:body_at])
        if i not in anchors and _is_headline(line)
    ]
    before = [i for i in candidates if not anchors or i < min(anchors)]
    title_at = (before or candidates or [None])[0]

    if byline is None:
        # A name alone on the line after the headline, or just before or after the date.
        near = [] if title_at is None else [title_at + 1]
        near += [] if date_at is None else [date_at - 1, date_at + 1]
        for i in near:
            if 0 <= i < len(lines) and i != title_at and _is_name(lines[i]):
                byline = lines[i]
                break
    title = lines[title_at] if title_at is not None else None
    return Metadata(title=title, byline=byline, published=published)


def metadata_from_html(page: HtmlText) -> Metadata:
    """Pick title, byline, date and canonical URL from an HTML page's meta tags, <h1>, <title>."""
    meta, title, site = page.meta, page.title, page.meta.get("og:site_name")
    if title and site:
        for sep in (" | ", " - ", " – ", " — "):
            title = title.removesuffix(sep + site)
    headline = (meta.get("og:title") or meta.get("ld:headline") or meta.get("twitter:title")) or (
        page.headline or title
    )
    byline = None
    for key in ("author", "ld:author", "byl", "article:author"):
        value = meta.get(key, "")
        if value and not value.lower().startswith(("http://", "https://")):
            byline = _clean_field(re.sub(r"^by\s+", "", value, flags=re.I), 200)
            break
    published = None
    for key in ("article:published_time", "ld:datepublished", "datepublished", "pubdate"):
        if key in meta and (published := parse_date(meta[key])):
            break
    if published is None:
        for key in ("publish-date", "parsely-pub-date", "date"):
            if key in meta and (published := parse_date(meta[key])):
                break
    url = meta.get("canonical") or meta.get("og:url")
    try:
        url = validate_source_url(url) if url else None
    except BadURL:
        url = None  # a page's own bad link is dropped, not an error for the importer
    return Metadata(_clean_field(headline, ARTICLE_TITLE_CHARS), byline, published, url)


# --- Putting it together --------------------------------------------------------------


def _parse_published(value: datetime.date | str | None) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value.date() if isinstance(value, datetime.datetime) else value
    if not value.strip():
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise IngestError(f"Unrecognized publication date {value[:40]!r}; use YYYY-MM-DD.")
    return parsed


def _clean_field(value: str | None, limit: int) -> str | None:
    if value is None:
        return None
    _reject_surrogates(value)
    value = " ".join(_CONTROLS.sub("", value).split())[:limit]
    return value or None


def _source_url(value: str | None) -> str | None:
    """An explicit article link must be a plain http(s) URL (it is rendered as a link)."""
    if value is None or not value.strip():
        return None
    try:
        return validate_source_url(value)
    except BadURL as exc:
        raise IngestError(f"Source URL: {exc}.") from None


def ingest_text(
    text: str,
    *,
    is_html: bool = False,
    title: str | None = None,
    byline: str | None = None,
    published: datetime.date | str | None = None,
    source_url: str | None = None,
    max_chars: int = MAX_TEXT_CHARS,
) -> Ingested:
    """Turn pasted text or HTML into an article; explicit metadata overrides detection."""
    if len(text) > 4 * max_chars:
        raise IngestError(f"The input is too long (limit {max_chars:,} characters).", "too-large")
    _reject_surrogates(text)
    notes: list[str] = []
    detected = Metadata()
    if is_html:
        from workbench.sanitize import html_to_text

        page = html_to_text(text)
        detected = metadata_from_html(page)
        text = page.text
        notes.append("converted HTML to text")
    text, canonical_notes = _canonical(text)
    notes.extend(canonical_notes)
    if len(text) > max_chars:
        raise IngestError(
            f"The text has {len(text):,} characters; the limit is {max_chars:,}.", "too-large"
        )
    from_text = detect_metadata(text)
    title = _clean_field(title, ARTICLE_TITLE_CHARS) or detected.title or from_text.title
    byline = _clean_field(byline, 200) or detected.byline or from_text.byline
    when = _parse_published(published) or detected.published or from_text.published
    source_url = _source_url(source_url) or detected.source_url
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Ingested(text, title, byline, when, source_url, sha, tuple(notes))


def ingest_upload(
    data: bytes,
    filename: str,
    content_type: str | None = None,
    *,
    title: str | None = None,
    byline: str | None = None,
    published: datetime.date | str | None = None,
    source_url: str | None = None,
    max_chars: int = MAX_TEXT_CHARS,
) -> Ingested:
    """Turn an uploaded .txt, .md or .html file into an article."""
    if len(data) > 8 * max_chars:
        raise IngestError(f"The file is too large (limit {8 * max_chars:,} bytes).", "too-large")
    suffix = _suffix(filename)
    mime = (content_type or "").split(";")[0].strip().lower()
    if suffix and suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise IngestError(
            f"Unsupported file type “{suffix}”: upload a .txt, .md or .html file.",
            "unsupported-type",
        )
    decoded = decode_bytes(data, filename=filename, content_type=content_type)
    is_html = (
        suffix in HTML_SUFFIXES
        or (not suffix and mime == "text/html")
        or looks_like_html(decoded.text)
    )
    if not suffix and not is_html and mime not in ("text/plain", "text/markdown"):
        raise IngestError(
            "Unsupported file type: upload a .txt, .md or .html file.", "unsupported-type"
        )
    result = ingest_text(
        decoded.text,
        is_html=is_html,
        title=title,
        byline=byline,
        published=published,
        source_url=source_url,
        max_chars=max_chars,
    )
    return replace(result, notes=decoded.notes + result.notes)

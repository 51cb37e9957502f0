"""Import: bytes and pasted text to canonical text and metadata (threats S2.6-S2.11)."""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path

import pytest

from workbench.ingest import (
    IngestError,
    canonicalize,
    decode_bytes,
    detect_metadata,
    ingest_text,
    ingest_upload,
    looks_like_html,
    parse_date,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "workbench" / "demo" / "sample-article.txt"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"{SHARED} is absent")


# --- canonical text --------------------------------------------------------------------


def test_line_endings_are_normalized():
    """Threat S2.9."""
    assert canonicalize("a\r\nb\rc\u2028d\u2029e\nf") == "a\nb\nc\nd\ne\nf"


def test_nul_and_other_controls_are_removed_but_tab_and_newline_kept():
    """Threat S2.6."""
    assert canonicalize("a\x00b\x07c\td\x1be\x7ff\x9bg\nh") == "abc\tdefg\nh"


def test_lone_surrogate_is_rejected():
    """Threat S2.8."""
    with pytest.raises(IngestError, match="surrogate"):
        canonicalize("fine \ud800 text")
    with pytest.raises(IngestError):
        ingest_text("<p>x\udfff</p>", is_html=True)


def test_text_is_kept_as_received_otherwise():
    # No NFC: "e" + combining acute stays two code points; trailing spaces and nbsp stay.
    text = "Cafe\u0301 \xa0 \nline two  \n\tindented"
    assert canonicalize(text) == text


def test_leading_and_trailing_blank_lines_are_stripped():
    assert canonicalize("\ufeff\n  \n\nTitle\n\nBody.\n\n \n") == "Title\n\nBody."


@pytest.mark.parametrize("blank", ["", "   ", "\n\r\n\t\n", "\x00\x01"])
def test_empty_text_is_rejected(blank):
    with pytest.raises(IngestError) as caught:
        canonicalize(blank)
    assert caught.value.code == "empty"


# --- decoding --------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-8-sig", "utf-32"])
def test_byte_order_marks_decide_the_encoding(codec):
    """Threat S2.8."""
    text = "Blinken’s “visit” — 5 €"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    decoded = decode_bytes(data, filename="a.txt", content_type=None)
    assert decoded.text == text
    assert any("byte-order mark" in note for note in decoded.notes)


def test_windows_1252_declared_in_meta():
    """Threat S2.8."""
    data = (
        b'<html><head><meta charset="windows-1252"><title>caf\xe9</title></head>'
        b"<body><p>\x93Quoted\x94 \x96 caf\xe9</p></body></html>"
    )
    decoded = decode_bytes(data, filename="page.html", content_type="text/html")
    assert decoded.encoding == "cp1252"
    assert "\u201cQuoted\u201d \u2013 café" in decoded.text
    assert any("<meta>" in note for note in decoded.notes)


def test_latin1_label_in_http_equiv_means_windows_1252():
    """Threat S2.8."""
    data = (
        b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>\x93x\x94</p>'
    )
    assert "\u201cx\u201d" in decode_bytes(data, filename="a.htm", content_type=None).text


def test_charset_from_content_type():
    """Threat S2.8."""
    decoded = decode_bytes(
        "naïve".encode("cp1252"), filename="a.txt", content_type="text/plain; charset=windows-1252"
    )
    assert decoded.text == "naïve"


def test_declared_legacy_charset_is_ignored_for_valid_utf8():
    """Threat S2.8."""
    data = '<meta charset="iso-8859-1"><p>café “x”</p>'.encode()
    decoded = decode_bytes(data, filename="a.html", content_type=None)
    assert "café “x”" in decoded.text
    assert decoded.encoding == "utf-8"


def test_invalid_utf8_is_rejected_with_a_clear_message():
    """Threat S2.8."""
    with pytest.raises(IngestError, match="not valid UTF-8.*Save it as UTF-8") as caught:
        decode_bytes(b"caf\xe9 au lait", filename="notes.txt", content_type=None)
    assert "notes.txt" in caught.value.message
    assert caught.value.code == "invalid-encoding"
    assert not isinstance(caught.value, UnicodeDecodeError)


def test_invalid_utf8_declared_as_utf8_is_rejected():
    """Threat S2.8."""
    with pytest.raises(IngestError, match="not valid UTF-8"):
        decode_bytes(b'<meta charset="utf-8"><p>\xff</p>', filename="a.html", content_type=None)


def test_broken_utf16_after_bom_is_rejected():
    """Threat S2.8."""
    with pytest.raises(IngestError, match="UTF-16"):
        decode_bytes(b"\xff\xfe\x00\xd8", filename="a.txt", content_type=None)


def test_unknown_or_dangerous_declared_charsets_are_ignored():
    """Threat S2.8."""
    decoded = decode_bytes(
        b"+ADw-script+AD4-", filename=None, content_type="text/plain; charset=utf-7"
    )
    assert decoded.text == "+ADw-script+AD4-"
    assert any("utf-7" in note for note in decoded.notes)


# --- kinds and caps --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "content_type"),
    [("a.pdf", None), ("a.svg", "image/svg+xml"), ("a.docx", None), ("noext", "image/png")],
)
def test_unsupported_file_types_are_rejected(filename, content_type):
    """Threat S2.11."""
    with pytest.raises(IngestError) as caught:
        ingest_upload(b"Some words here", filename, content_type)
    assert caught.value.code == "unsupported-type"


def test_html_is_detected_by_content():
    """Threat S2.11."""
    assert looks_like_html("\ufeff  <!DOCTYPE html><p>x")
    assert looks_like_html("<?xml version='1.0'?>\n<html lang=en>")
    assert not looks_like_html("<htmlish> text")
    assert not looks_like_html("The <html> tag")
    doc = ingest_upload(b"<!doctype html><title>T</title><p>Body text.</p>", "page.txt")
    assert doc.text == "Body text."


def test_markdown_and_extensionless_text_uploads():
    doc = ingest_upload(b"# A Headline For Markdown\n\nBody.", "story.md")
    assert doc.title == "A Headline For Markdown"
    assert ingest_upload(b"Plain body.", "pasted", "text/plain").text == "Plain body."


def test_size_caps():
    """Threat S2.7."""
    with pytest.raises(IngestError) as caught:
        ingest_text("word " * 30, max_chars=100)
    assert caught.value.code == "too-large"
    with pytest.raises(IngestError):
        ingest_upload(b"x" * 1000, "a.txt", max_chars=100)
    assert ingest_text("<p>" + "x" * 90 + "</p>" * 50, is_html=True, max_chars=100).text


# --- whole imports ---------------------------------------------------------------------


def test_ingest_text_hashes_the_canonical_text_and_records_notes():
    doc = ingest_text("Line one\r\nLine\x00 two")
    assert doc.text == "Line one\nLine two"
    assert doc.sha256 == hashlib.sha256(doc.text.encode()).hexdigest()
    assert len(doc.notes) == 2


def test_the_same_article_pasted_twice_has_the_same_hash():
    """Threat S3.11."""
    assert ingest_text("A\r\nB").sha256 == ingest_text("A\nB\n").sha256


def test_html_upload_excludes_script_contents_and_keeps_captions():
    """Threat S2.10."""
    data = (
        b"<!doctype html><html><head><title>Fallback title</title><script>var x = 1;</script>"
        b"<style>p{}</style></head><body><h1>The Headline Of The Page</h1>"
        b"<p>By Jane Doe</p><p>Text <script>alert(1)</script>here.</p>"
        b'<img src=x onerror="alert(1)" alt="alt text">'
        b"<figure><figcaption>A caption (Image: Agency)</figcaption></figure></body></html>"
    )
    doc = ingest_upload(data, "page.html", "text/html")
    assert (
        doc.text
        == "The Headline Of The Page\n\nBy Jane Doe\n\nText here.\n\nA caption (Image: Agency)"
    )
    assert doc.title == "The Headline Of The Page"  # the <h1> beats <title>, og:title beats both
    assert doc.byline == "Jane Doe"
    assert "converted HTML to text" in doc.notes


def test_html_meta_detection():
    html = (
        "<html><head><title>Ignored | The Daily</title>"
        '<meta property="og:site_name" content="The Daily">'
        '<meta property="og:title" content="Council Approves the Plan">'
        '<meta name="author" content="By Jane Doe">'
        '<meta property="article:published_time" content="2024-05-01T23:30:00-04:00">'
        '<link rel="canonical" href="https://daily.example/plan"></head>'
        "<body><p>Published: June 2, 2024</p><p>Body.</p></body></html>"
    )
    doc = ingest_text(html, is_html=True)
    assert (doc.title, doc.byline, doc.published, doc.source_url) == (
        "Council Approves the Plan",
        "Jane Doe",
        datetime.date(2024, 5, 1),
        "https://daily.example/plan",
    )


def test_html_title_without_meta_drops_the_site_name_only_when_known():
    page = (
        '<title>Story | The Daily</title><meta property="og:site_name" content="The Daily"><p>x</p>'
    )
    assert ingest_text(page, is_html=True).title == "Story"


def test_non_http_canonical_url_is_not_used():
    """Threat S2.12."""
    page = '<link rel="canonical" href="javascript:alert(1)"><p>x</p>'
    assert ingest_text(page, is_html=True).source_url is None


def test_explicit_arguments_override_detection():
    doc = ingest_text(
        "Detected Headline Goes Here\nBy Jane Doe\nPublished: May 1, 2024\n\nBody.",
        title="  Given   title ",
        byline="Desk",
        published="2024-06-02",
        source_url="https://example.org/a",
    )
    assert (doc.title, doc.byline, doc.published, doc.source_url) == (
        "Given title",
        "Desk",
        datetime.date(2024, 6, 2),
        "https://example.org/a",
    )
    assert ingest_text("Body.", published=datetime.date(2024, 1, 2)).published == datetime.date(
        2024, 1, 2
    )
    with pytest.raises(IngestError, match="publication date"):
        ingest_text("Body.", published="soon")


# --- metadata detection ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("May 1, 2024", (2024, 5, 1)),
        ("Jan. 31, 2024", (2024, 1, 31)),
        ("Sept. 3, 2023", (2023, 9, 3)),
        ("1 May 2024", (2024, 5, 1)),
        ("Wednesday, 24th April 2024", (2024, 4, 24)),
        ("2024-05-01T10:00:00Z", (2024, 5, 1)),
        ("Posted on 2024/05/01", (2024, 5, 1)),
        ("February 30, 2024", None),
        ("May 2024", None),
        ("05/01/2024", None),  # ambiguous day/month order: not guessed
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == (datetime.date(*expected) if expected else None)


@pytest.mark.parametrize(
    ("text", "title", "byline", "published"),
    [
        (
            "Truth, Inspiration, Hope.\n\nA Headline About Things\n\n"
            "Jane Doe\nPublished: May 1, 2024\n",
            "A Headline About Things",
            "Jane Doe",
            (2024, 5, 1),
        ),
        (
            "A Headline About Things\nBy Jane Doe and John Roe | Staff\nUpdated: Jan. 2, 2024\n"
            "Published May 1, 2024\n\nBody.",
            "A Headline About Things",
            "Jane Doe and John Roe",
            (2024, 5, 1),
        ),
        (
            "## A Headline About Things\n\nPosted on 2024-05-01\nMary-Jane O'Neil\n\nBody.",
            "A Headline About Things",
            "Mary-Jane O'Neil",
            (2024, 5, 1),
        ),
        (
            "Council Votes On the Flood Plan\nBy Jane Doe, Reuters, May 1, 2024 10:02 AM\n\nBody.",
            "Council Votes On the Flood Plan",
            "Jane Doe, Reuters",
            (2024, 5, 1),
        ),
        (
            "By April, the council had spent $2 million on studies.\nIt did not say why.",
            None,
            None,
            None,
        ),
        (  # a fact sheet pasted without its title: its subheadings are not titles
            "Today the department announced $250 million in new assistance for the region.\n"
            "The package includes the following items:\n"
            "Strengthening Regional Supply Chains\n"
            "120 generators and 40 water purification units;\n",
            None,
            None,
            None,
        ),
        (  # a title, a lead paragraph, then subheadings
            "FACT SHEET: New Assistance for Flood Recovery in the Delta Region\n"
            "March 4, 2025\n"
            "Today the department announced $250 million in new assistance for the region.\n"
            "Rebuilding Levees and Pumping Stations\n",
            "FACT SHEET: New Assistance for Flood Recovery in the Delta Region",
            None,
            (2025, 3, 4),
        ),
    ],
)
def test_detect_metadata_from_text(text, title, byline, published):
    found = detect_metadata(text)
    assert found.title == title
    assert found.byline == byline
    assert found.published == (datetime.date(*published) if published else None)


@needs_shared
def test_reference_article_metadata_and_text_are_kept():
    raw = (SHARED / "corpus" / "blinken-china-2024.txt").read_bytes()
    gold = json.loads((SHARED / "corpus" / "blinken-china-2024.gold.json").read_text("utf-8"))
    doc = ingest_upload(raw, "blinken-china-2024.txt", "text/plain")
    assert doc.text == raw.decode("utf-8")  # gold offsets refer to the file as supplied
    expected = gold["metadata"]
    assert doc.title == expected["title"]
    assert doc.byline == expected["byline"]
    assert doc.published == datetime.date.fromisoformat(expected["published"])


def test_sample_article_metadata():
    doc = ingest_upload(SAMPLE.read_bytes(), SAMPLE.name)
    assert (
        doc.title
        == "Calloway Council Approves $4.2-Billion Flood Defense Plan After Marathon Session"
    )
    assert doc.byline == "Maren Ostrowski"
    assert doc.published == datetime.date(2025, 3, 14)
    assert 600 <= len(doc.text.split()) <= 900
    assert doc.text.endswith("Staff writers contributed to this report.")

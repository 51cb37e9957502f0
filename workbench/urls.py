"""Source URL validation: http(s) only, parsed once, no hidden characters."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from .confusables import deceptive_label

MAX_URL_LENGTH = 2048


class BadURL(ValueError):
    """A URL we refuse to store, with a message a reviewer can act on."""


def validate_source_url(raw: str) -> str:
    """Return the URL cleaned of surrounding blanks, or raise BadURL saying why."""
    url = raw.strip(" \t\n\r\f\v\x00")
    if not url:
        raise BadURL("the URL is empty")
    if len(url) > MAX_URL_LENGTH:
        raise BadURL(f"the URL is longer than {MAX_URL_LENGTH} characters")
    for ch in url:
        # Control, format (zero-width, bidi) and space characters hide what a link really is.
        if unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Cs"):
            raise BadURL(f"the URL contains a hidden or space character (U+{ord(ch):04X})")
    if "\\" in url:
        raise BadURL("the URL contains a backslash")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise BadURL(f"the URL cannot be read: {exc}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise BadURL("only http:// and https:// URLs can be sources")
    if not parts.hostname:
        raise BadURL("the URL has no host name")
    if parts.username is not None or parts.password is not None:
        raise BadURL("the URL must not contain a user name or password")
    if port == 0:
        raise BadURL("the URL has an invalid port")
    return url


def deceptive_host(url: str) -> str | None:
    """The host as punycode when a label of it mixes scripts or imitates Latin letters
    (https://pаypal.com with a Cyrillic "а"), else None: what a reviewer should be shown."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    if host.isascii() or not any(deceptive_label(label) for label in host.split(".")):
        return None
    labels = []
    for label in host.split("."):
        try:
            labels.append(label.encode("idna").decode("ascii"))
        except UnicodeError:
            labels.append("xn--" + label.encode("punycode").decode("ascii"))
    return ".".join(labels)

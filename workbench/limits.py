"""Every field length and size cap, defined once. Pure: no Flask, no SQLAlchemy.

The models size their columns from these, the forms validate with them, and every write
path (the services, pasted text, uploads and annotated-JSON imports) checks the same
numbers, so a value one path accepts is never refused, or truncated, by another.
"""

from __future__ import annotations

# --- people -----------------------------------------------------------------------------
USERNAME_CHARS = 64
DISPLAY_NAME_CHARS = 128
PASSWORD_CHARS = 1024
TOKEN_NAME_CHARS = 100
USER_AGENT_CHARS = 300

# --- articles ---------------------------------------------------------------------------
#: Longest canonical article text, in code points: pasted text, uploads and JSON imports alike
#: (the MAX_ARTICLE_CHARS setting defaults to it).
MAX_ARTICLE_CHARS = 2_000_000
ARTICLE_TITLE_CHARS = 500
BYLINE_CHARS = 300
URL_CHARS = 2048

# --- claims -----------------------------------------------------------------------------
MAX_CLAIMS_PER_ARTICLE = 5000
#: Longest claim span, in code points.
MAX_CLAIM_CHARS = 5000
#: Figures one claim may carry (the engine truncates, an import over it is refused).
MAX_FIGURES_PER_CLAIM = 500
#: Claims one claim's span may contain (an import over it is refused).
MAX_CLAIMS_INSIDE_CLAIM = 100
#: Highest claim version an import may bring: room for a billion more changes, never the
#: 32-bit ceiling (2**31 - 1) where the next change would overflow.
MAX_CLAIM_VERSION = 2**30
KIND_CHARS = 40
MAX_KINDS_PER_CLAIM = 20
HINT_KIND_CHARS = 40
HINT_MESSAGE_CHARS = 1000
MAX_HINTS_PER_CLAIM = 100

# --- sources, verdicts and notes --------------------------------------------------------
SOURCE_TITLE_CHARS = 500
PUBLISHER_CHARS = 300
EXCERPT_CHARS = 20_000
MAX_SOURCES_PER_CLAIM = 200
#: Supply and aid records on one claim (the JSON Schema says the same: maxItems 50).
MAX_RECORDS_PER_CLAIM = 50
RATING_CHARS = 40
RATIONALE_CHARS = 20_000
NOTE_CHARS = 4000

# --- history ----------------------------------------------------------------------------
EVENT_ACTION_CHARS = 40

# --- discussion threads (issue 14) --------------------------------------------------------
#: Longest comment, in code points (Markdown source; rendered by sanitize.render_markdown,
#: whose own cap is larger).
COMMENT_CHARS = 10_000
#: Comments one claim's thread may hold (a service refusal and an import check alike).
MAX_COMMENTS_PER_CLAIM = 1000
#: Distinct people one comment may @mention; further @names stay plain text.
MAX_MENTIONS_PER_COMMENT = 20
#: A name a file says wrote an imported comment (kept as provenance, never an account).
COMMENT_AUTHOR_NAME_CHARS = 128

"""Workflow verbs, the only code that commits. Views call these; each takes the acting user."""

from . import (
    comments,  # noqa: F401 - the discussion threads (services.comments)
    search,  # noqa: F401 - registers the hooks that keep the search index current
)
from .accounts import create_user, normalize_username, set_password
from .articles import MAX_CLAIMS_PER_ARTICLE, DuplicateArticle, import_article, update_article
from .claims import MAX_CLAIM_CHARS, adjust_span, create_claim, merge, split
from .common import discard_changes, get_article, get_claim
from .queries import ArticleBundle, load_article
from .review import MOVES, add_source, assign, move, save_verdict
from .sources import check_source_url, delete_source, get_source, source_warnings, update_source

__all__ = [
    "MAX_CLAIMS_PER_ARTICLE",
    "MAX_CLAIM_CHARS",
    "MOVES",
    "ArticleBundle",
    "DuplicateArticle",
    "add_source",
    "assign",
    "check_source_url",
    "adjust_span",
    "create_claim",
    "create_user",
    "delete_source",
    "discard_changes",
    "get_article",
    "get_claim",
    "get_source",
    "import_article",
    "load_article",
    "merge",
    "move",
    "normalize_username",
    "save_verdict",
    "set_password",
    "source_warnings",
    "split",
    "update_article",
    "update_source",
]

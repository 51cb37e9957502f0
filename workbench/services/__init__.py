"""Workflow verbs, the only code that commits. Views call these; each takes the acting user."""

from .accounts import create_user, normalize_username, set_password
from .articles import MAX_CLAIMS_PER_ARTICLE, DuplicateArticle, import_article, update_article
from .claims import MAX_CLAIM_CHARS, create_claim
from .common import ArticleBundle, get_article, get_claim, load_article
from .review import MOVES, add_source, move, save_verdict

__all__ = [
    "MAX_CLAIMS_PER_ARTICLE",
    "MAX_CLAIM_CHARS",
    "MOVES",
    "ArticleBundle",
    "DuplicateArticle",
    "add_source",
    "create_claim",
    "create_user",
    "get_article",
    "get_claim",
    "import_article",
    "load_article",
    "move",
    "normalize_username",
    "save_verdict",
    "set_password",
    "update_article",
]

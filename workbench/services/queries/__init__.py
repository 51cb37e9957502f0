"""The read side: every query the pages and the API run, beside the write services.

Views call these and only these to read; the write verbs (services) stay the only code that
commits. Each function states what it returns and runs a fixed number of queries."""

from .approvals import awaiting_approval, awaiting_approval_count, return_notes
from .articles import (
    PAGE_SIZE,
    ArticleBundle,
    ArticlePage,
    ClaimLine,
    article_page,
    dashboard,
    load_article,
)
from .claims import (
    CLAIM_SORTS,
    ClaimPanel,
    ClaimSearch,
    claim_document,
    claim_history,
    claim_panel,
    find_claim,
    my_queue,
    next_claim,
    people_of,
    search_claims,
)
from .comments import discussion_queue, unread_totals
from .people import assignable_users, everyone, people, user_named

__all__ = [
    "CLAIM_SORTS",
    "PAGE_SIZE",
    "ArticleBundle",
    "ArticlePage",
    "ClaimLine",
    "ClaimPanel",
    "ClaimSearch",
    "article_page",
    "assignable_users",
    "awaiting_approval",
    "awaiting_approval_count",
    "claim_document",
    "claim_history",
    "claim_panel",
    "dashboard",
    "discussion_queue",
    "everyone",
    "find_claim",
    "load_article",
    "my_queue",
    "next_claim",
    "people",
    "people_of",
    "return_notes",
    "search_claims",
    "unread_totals",
    "user_named",
]

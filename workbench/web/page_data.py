"""What templates and page scripts get from Python rather than re-encoding it: the moves and
edits a user may make on a claim, and the URLs the scripts call (filled, or as templates with
`{name}` placeholders)."""

from __future__ import annotations

from typing import Any

from flask import Flask, url_for
from flask_login import current_user

from .. import wording
from ..models import Claim
from ..services.review import MOVES, Permitted, permitted

# Stand-ins for path parameters left open in a URL template: integers (so that `<int:...>`
# routes build), each written nowhere else in a URL, below the 32-bit id ceiling.
_PLACEHOLDER_BASE = 1_987_654_321


def url_template(endpoint: str, *open_params: str, **values: Any) -> str:
    """`url_for(endpoint, **values)` with `{name}` left in place of each open parameter, for
    the page script to fill in (api.js fillUrl): the route map stays the only source of URLs."""
    marks = {name: _PLACEHOLDER_BASE + i for i, name in enumerate(open_params)}
    url = url_for(endpoint, **values, **marks)
    for name, mark in marks.items():
        if url.count(str(mark)) != 1:
            raise ValueError(f"cannot leave {name} open in a URL of {endpoint}")
        url = url.replace(str(mark), "{" + name + "}")
    return url


def claim_urls(claim: Claim) -> dict[str, Any]:
    """The JSON API and fragment URLs the claim panel's script calls for this claim."""
    return {
        "panel": url_for("review.panel", claim_id=claim.id),
        "claim": url_for("api.patch_claim", claim_id=claim.id),
        "verdict": url_for("api.put_verdict", claim_id=claim.id),
        "sources": url_for("api.add_source", claim_id=claim.id),
        "check_source": url_for("api.check_source", claim_id=claim.id),
        "split": url_for("api.split_claim", claim_id=claim.id),
        "merge": url_for("api.merge_claim", claim_id=claim.id),
        "preview": url_for("api.preview"),
        "moves": {
            action: url_for("api.move", claim_id=claim.id, action=action) for action in MOVES
        },
    }


def page_urls(article_id: int | None = None) -> dict[str, str]:
    """URLs of the article page (or, without an article, the standalone claim page)."""
    urls = {"panel": url_template("review.panel", "claim_id")}
    if article_id is not None:
        urls |= {
            "article": url_for("articles.show", article_id=article_id),
            "claim_page": url_template("articles.show", "claim_id", article_id=article_id),
            "create_claim": url_for("api.create_claim", article_id=article_id),
        }
    return urls


def permitted_here(claim: Claim) -> Permitted:
    """What the signed-in user may do with the claim (services.review.permitted)."""
    return permitted(claim, current_user)


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(figure_words=wording.figure_words, hint_text=wording.hint_text)
    app.jinja_env.globals.update(
        event_words=wording.event_words,
        permitted=permitted_here,
        claim_urls=claim_urls,
        page_urls=page_urls,
        url_template=url_template,
    )

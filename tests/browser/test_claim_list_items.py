"""The claims list's items are one Jinja macro (articles/_claim_item.html): the ones the page
script adds later, from the server's rows and the macro's <template>, read exactly like the
ones the server renders."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import update

from workbench.db import db
from workbench.models import Article, Claim, Hint

from .test_reviewer_workbench import real_errors, sign_in

pytestmark = pytest.mark.browser

ITEMS = "els => els.map(e => e.outerHTML)"
TRICKY = '<"{id}&>'  # markup, a quote, an ampersand and a placeholder in a claim's words


@pytest.fixture
def people(make_user):
    make_user("rita", "reviewer")


def _long_article(app) -> tuple[int, list[int]]:
    """200 claims whose quotes are long enough to be cut; in the part built by the script,
    a claim without kinds, one with two warnings and one whose words look like markup."""
    from ..test_queries import build_article

    article_id, _ = build_article(app, 200, 12_000)
    with app.app_context():
        ids = list(
            db.session.scalars(
                db.select(Claim.id)
                .where(Claim.article_id == article_id)
                .order_by(Claim.start_offset, Claim.id)
            )
        )
        db.session.execute(update(Claim).where(Claim.id == ids[100]).values(kinds=[]))
        db.session.add(Hint(claim_id=ids[101], kind="weekday", ok=False, message="second"))
        db.session.add(Hint(claim_id=ids[101], kind="weekday", ok=True, message="fine"))
        article = db.session.get(Article, article_id)
        start = db.session.get(Claim, ids[120]).start_offset + 2
        article.text = article.text[:start] + TRICKY + article.text[start + len(TRICKY) :]
        db.session.commit()
    return article_id, ids


def test_items_added_by_the_script_have_the_markup_the_server_renders(
    app, people, live_server, page
):
    from workbench.web.article_pages import LIST_FIRST

    article_id, ids = _long_article(app)
    sign_in(page, live_server, "rita")
    page.goto(f"{live_server}/articles/{article_id}?all=1")  # every item rendered by the server
    rendered = page.locator("#claim-list > li").evaluate_all(ITEMS)
    page.goto(f"{live_server}/articles/{article_id}")  # the first items, then the script's
    page.wait_for_selector(".workbench[data-list=complete]", state="attached")
    built = page.locator("#claim-list > li").evaluate_all(ITEMS)
    assert len(rendered) == len(built) == 200
    assert built[:LIST_FIRST] == rendered[:LIST_FIRST]
    for i in range(LIST_FIRST, 200):
        assert built[i] == rendered[i], i
    # What the comparison covers: cut quotes, optional parts, text that looks like markup.
    item = page.locator(f'#claim-list li[data-claim="{ids[120]}"]')
    expect(item.locator(".quote")).to_contain_text(TRICKY)
    assert item.locator(".quote").inner_text().endswith("...")
    assert page.locator(f'#claim-list li[data-claim="{ids[100]}"] .kinds').count() == 0
    expect(page.locator(f'#claim-list li[data-claim="{ids[101]}"] .hint-warning')).to_have_text(
        ["⚠ x", "⚠ second"]
    )
    assert page.locator(f'#claim-list li[data-claim="{ids[102]}"] .assignee').count() == 1
    assert page.locator(f'#claim-list li[data-claim="{ids[103]}"] .assignee').count() == 0
    assert real_errors(page) == []


def test_a_status_change_redraws_the_badge_from_the_same_template(app, people, live_server, page):
    article_id, ids = _long_article(app)
    sign_in(page, live_server, "rita")
    page.goto(f"{live_server}/articles/{article_id}/claims/{ids[150]}")
    page.wait_for_selector(".workbench[data-list=complete]", state="attached")
    panel = page.locator("#claim-panel")
    panel.locator("summary", has_text="Dismiss").click()
    panel.get_by_label("Reason").fill("an opinion")
    panel.get_by_role("button", name="Dismiss").click()
    expect(page.locator("#workbench-status")).to_have_text("Claim dismissed.")
    item = page.locator(f'#claim-list li[data-claim="{ids[150]}"]')
    expect(item).to_have_attribute("data-status", "dismissed")
    expect(item.locator(".badge")).to_have_text("dismissed")
    expect(item.locator(".badge")).to_have_class("badge status-dismissed")
    assert real_errors(page) == []

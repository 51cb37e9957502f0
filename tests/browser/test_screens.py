"""Screens in Chromium (issue 11): the Kind filter, figure colours, the layout from 390 px up,
overlaps and span tools, the claims search and its filters in the address, and axe-core."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .test_reviewer_workbench import api, csrf, import_article, open_article, real_errors, sign_in

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("WORKBENCH_SCREENSHOTS", "/tmp/workbench-shots"))

AID = (
    "Aid report\n"
    "Congress passed a $95-billion aid package for Ukraine on April 24, 2024, "
    "after months of delay.\n"
    "The council approved a $12-million budget on March 1, 2023, its largest ever.\n"
    "The mayor said 40 new homes will be built by 2026.\n"
)

# Elements of the page (header included) whose right edge passes the viewport's.
TOO_WIDE = """w => [...document.querySelectorAll('body *')]
  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > w + 1; })
  .map(e => e.tagName + '.' + e.className + '#' + e.id).slice(0, 8)"""


@pytest.fixture
def users(make_user):
    make_user("rita", "reviewer")
    make_user("eddie", "editor")


def _aid(page, base) -> int:
    r = page.request.post(
        f"{base}/api/v1/articles",
        data={"text": AID, "title": "Aid"},
        headers={"X-CSRFToken": csrf(page)},
    )
    assert r.status == 201, r.text()
    return r.json()["article"]["id"]


def _claims(page, base, article_id) -> list[dict]:
    doc = api(page, "GET", f"{base}/api/v1/articles/{article_id}").json()
    return sorted(doc["claims"], key=lambda c: (c["start"], c["end"]))


# --- defect 5 -------------------------------------------------------------------------------


def test_kind_filter_finds_kinds_whose_names_hold_spaces(users, live_server, page):
    sign_in(page, live_server, "rita")
    article_id = _aid(page, live_server)
    open_article(page, live_server, article_id)
    items = page.locator("#claim-list > li")
    total = items.count()
    assert total == 3
    for kind, expected in (("aid amount", 2), ("date or event", 3), ("statistic", 1)):
        page.get_by_label("Kind").select_option(kind)
        expect(page.locator("#claim-list > li:not([hidden])")).to_have_count(expected)
        expect(page.locator(".filter-count")).to_have_text(f"Showing {expected} of {total}")
    assert real_errors(page) == []


# --- defect 7 -------------------------------------------------------------------------------


def test_figures_are_underlined_in_their_category_colour(users, live_server, page):
    sign_in(page, live_server, "rita")
    article_id = _aid(page, live_server)
    open_article(page, live_server, article_id)
    colour = "e => getComputedStyle(e).borderBottomColor"
    money = page.locator("#article-text mark.fig-money").first
    date = page.locator("#article-text mark.fig-date").first
    expect(money).to_be_visible()
    assert money.evaluate(colour) == "rgb(27, 127, 59)"
    assert date.evaluate(colour) == "rgb(179, 89, 0)"
    # not the text colour the underline shorthand falls back to
    assert money.evaluate("e => getComputedStyle(e).color") != money.evaluate(colour)


# --- defect 6 -------------------------------------------------------------------------------


def _fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(TOO_WIDE, width) == []


@pytest.mark.parametrize("width", [360, 390])
def test_small_screens_fit_text_first_and_the_claim_opens_as_a_sheet(
    users, live_server, page, width
):
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, live_server, "rita")
    article_id = _aid(page, live_server)
    claims = _claims(page, live_server, article_id)
    signout = page.locator("header.top").get_by_role("button", name="Sign out", exact=True)
    for path in ("/", "/articles/new", "/search", "/settings/tokens", f"/articles/{article_id}"):
        page.goto(live_server + path)
        _fits(page, width)
        box = signout.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, path
    open_article(page, live_server, article_id)
    text = page.locator("#article-text")
    # Text first; the claims list behind a button.
    assert text.bounding_box()["y"] < 650  # on the first screen, under the title and tools
    expect(page.locator("#claim-list")).to_be_hidden()
    toggle = page.get_by_role("button", name="Claims list")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#claim-list")).to_be_visible()
    assert page.locator("#claim-list").bounding_box()["y"] < 300
    page.get_by_role("button", name="Close list").click()
    expect(page.locator("#claim-list")).to_be_hidden()
    # Tapping a claim in the text brings its panel into view, over the text.
    second = claims[1]["id"]
    page.locator(f"#article-text a.claim[data-claim='{second}']").first.click()
    panel = page.locator("#claim-panel")
    expect(panel.locator(f"#claim-heading-{second}")).to_be_visible()
    expect(panel.locator(f"#claim-heading-{second}")).to_be_in_viewport()
    box = panel.bounding_box()
    assert box["y"] < 800 and box["y"] + box["height"] > 0
    _fits(page, width)
    # The claim tapped stays visible above the sheet.
    claim_box = page.locator(f"#article-text a.claim[data-claim='{second}']").first.bounding_box()
    sheet_top = page.locator("#claim-sheet").bounding_box()["y"]
    assert 0 <= claim_box["y"] < sheet_top
    # Choosing from the list closes the list and opens that claim's sheet.
    toggle.click()
    page.locator(f"#claim-list a[data-claim='{claims[2]['id']}']").click()
    expect(page.locator("#claim-list")).to_be_hidden()
    expect(panel.locator(f"#claim-heading-{claims[2]['id']}")).to_be_in_viewport()
    page.get_by_role("button", name="Hide claim").click()
    expect(panel).to_be_hidden()
    assert real_errors(page) == []


@pytest.mark.parametrize("width", [390, 1440])
def test_screenshots_of_article_dashboard_and_search(users, live_server, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "rita")
    article_id = _aid(page, live_server)
    claims = _claims(page, live_server, article_id)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(live_server + "/")
    _fits(page, width)
    page.screenshot(path=str(SHOTS / f"dashboard-{width}.png"), full_page=True)
    page.goto(live_server + "/search?q=%2495+billion")
    _fits(page, width)
    page.screenshot(path=str(SHOTS / f"search-page-{width}.png"), full_page=True)
    open_article(page, live_server, article_id, claims[0]["id"])
    page.wait_for_selector(f"#claim-heading-{claims[0]['id']}")
    expect(page.locator(f"#claim-heading-{claims[0]['id']}")).to_be_in_viewport()
    _fits(page, width)
    if width >= 1440:  # three columns: list, text, panel side by side
        list_box = page.locator("#claim-list").bounding_box()
        text_box = page.locator("#article-text").bounding_box()
        panel_box = page.locator("#claim-panel").bounding_box()
        assert list_box["x"] < text_box["x"] < panel_box["x"]
    page.screenshot(path=str(SHOTS / f"article-claim-open-{width}.png"))


# --- defect 13 ------------------------------------------------------------------------------


def test_restoring_a_merged_claim_warns_of_the_overlap(users, live_server, page):
    sign_in(page, live_server, "rita")
    article_id = _aid(page, live_server)
    first, second = _claims(page, live_server, article_id)[:2]
    r = api(
        page,
        "POST",
        f"{live_server}/api/v1/claims/{first['id']}/merge",
        {"next": second["id"], "version": first["version"], "next_version": second["version"]},
    )
    assert r.status == 200, r.text()
    open_article(page, live_server, article_id, second["id"])
    panel = page.locator("#claim-panel")
    warning = panel.locator(".overlap-warning")
    expect(warning).to_contain_text(
        f"Restoring this claim would make it overlap claim {first['id']}"
    )
    panel.get_by_role("button", name="Restore").click()
    expect(panel.locator(".claim-detail")).to_have_attribute("data-status", "open")
    expect(panel.locator(".overlap-warning")).to_contain_text(
        f"This claim overlaps claim {first['id']}"
    )


def test_extending_a_span_stops_at_the_next_claim(users, live_server, page):
    sign_in(page, live_server, "rita")
    article_id = import_article(page, live_server)["article"]["id"]
    doc = api(page, "GET", f"{live_server}/api/v1/articles/{article_id}").json()
    text = doc["article"]["text"]
    made = []
    for phrase in ("The word A😀B", "appeared in the"):
        start = len(text[: text.index(phrase)])
        r = api(
            page,
            "POST",
            f"{live_server}/api/v1/articles/{article_id}/claims",
            {"start": start, "end": start + len(phrase)},
        )
        assert r.status == 201, r.text()
        made.append(r.json())
    left = made[0]
    open_article(page, live_server, article_id, left["id"])
    panel = page.locator("#claim-panel")
    panel.get_by_role("button", name="Extend end ▶").click()
    expect(page.get_by_text(f"the span would run into claim {made[1]['id']}")).to_be_visible()
    after = api(page, "GET", f"{live_server}/api/v1/claims/{left['id']}").json()
    assert (after["start"], after["end"]) == (left["start"], left["end"])


def test_claims_search_ignores_hyphens_and_filters_survive_a_reload(users, live_server, page):
    sign_in(page, live_server, "rita")
    article_id = _aid(page, live_server)
    claims = _claims(page, live_server, article_id)
    open_article(page, live_server, article_id)
    page.get_by_label("Search claims").fill("$95 billion")
    shown = page.locator("#claim-list > li:not([hidden])")
    expect(shown).to_have_count(1)
    expect(shown.first).to_contain_text("$95-billion")
    page.get_by_label("Kind").select_option("aid amount")
    expect(shown).to_have_count(1)
    assert "q=%2495+billion" in page.url or "q=%2495%20billion" in page.url
    page.reload()
    page.wait_for_selector(".workbench[data-ready]")
    expect(page.get_by_label("Search claims")).to_have_value("$95 billion")
    expect(page.get_by_label("Kind")).to_have_value("aid amount")
    expect(shown).to_have_count(1)
    # Opening a claim keeps the filters in the address.
    shown.first.locator("a").click()
    page.wait_for_url(f"**/articles/{article_id}/claims/{claims[0]['id']}?*")
    page.reload()
    page.wait_for_selector(".workbench[data-ready]")
    expect(page.get_by_label("Search claims")).to_have_value("$95 billion")
    expect(shown).to_have_count(1)
    assert real_errors(page) == []

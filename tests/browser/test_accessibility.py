"""axe-core (bundled with axe-playwright-python: no network) on every page type and state:
no serious or critical violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .test_reviewer_workbench import api, open_article, sign_in
from .test_screens import _aid, _claims

pytestmark = pytest.mark.browser


def _problems(page, where: str) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{where}: {v['id']} ({v['impact']}) {v['help']} at "
        + ", ".join(str(n["target"]) for n in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [390, 1440])
def test_no_serious_or_critical_axe_violation_on_any_page(make_user, live_server, page, width):
    make_user("rita", "reviewer")
    page.set_viewport_size({"width": width, "height": 900})
    found: list[str] = []
    page.goto(f"{live_server}/login")
    found += _problems(page, "sign-in")
    sign_in(page, live_server, "rita")
    article_id = _aid(page, live_server)
    claim = _claims(page, live_server, article_id)[2]
    found += _problems(page, "dashboard")
    for path, name in (
        ("/articles/new", "import"),
        ("/settings/tokens", "settings"),
        ("/search", "search"),
        ("/search?q=billion&figure=money", "search results"),
    ):
        page.goto(live_server + path)
        found += _problems(page, name)
    open_article(page, live_server, article_id, claim["id"])
    page.wait_for_selector(f"#claim-heading-{claim['id']}")
    found += _problems(page, "article, claim open")
    # The conflict view: someone else saved a verdict since the panel was loaded.
    r = api(
        page,
        "PUT",
        f"{live_server}/api/v1/claims/{claim['id']}/verdict",
        {"rating": "false", "rationale": "Their text", "version": claim["version"]},
    )
    assert r.status == 200, r.text()
    panel = page.locator("#claim-panel")
    panel.get_by_label("Rating").select_option("true")
    panel.get_by_label("Rationale").fill("My text")
    panel.get_by_role("button", name="Save verdict").click()
    expect(panel.locator(".conflict")).to_be_visible()
    found += _problems(page, "conflict view")
    # The printable HTML report is a download: shown as it is, axe run on it.
    report = page.request.get(f"{live_server}/articles/{article_id}/export?format=html")
    assert report.status == 200
    page.set_content(report.text())
    found += _problems(page, "export report")
    assert found == []
    # axe really ran: a page with an unlabelled image is flagged.
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"></main></html>')
    assert any("image-alt" in p for p in _problems(page, "probe"))

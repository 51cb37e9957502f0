"""Load a 10-claim and a 1,000-claim article in Chromium: time to interactive, time to open.

usage: python bench/browser_pages.py [--runs 5]

Builds both articles in a temporary SQLite database (claims bulk-inserted), serves the app
on loopback and drives Debian's Chromium through Playwright. It measures; it never asserts.

Both times are taken inside the page, so that Playwright's own work (its actionability
checks walk the DOM, which grows with the number of claims) is not counted as ours:
- time to interactive: navigation start to the moment article.js sets data-ready="true";
- open a claim: a click on the sixth item of the claims list to the first frame painted
  after the claim panel is in place (data-ready="panel"); "panel request" is the part of
  it spent fetching the panel fragment from the server.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from tests.test_queries import build_article  # noqa: E402
from workbench import create_app, services  # noqa: E402
from workbench.db import db  # noqa: E402
from workbench.models import Role  # noqa: E402

PASSWORD = "correct horse battery staple"
# Navigation Timing: time to the first byte (mostly the server), then to DOMContentLoaded
# (parsing the HTML and running the module scripts, which set data-ready).
NAVIGATION = """() => {
  const n = performance.getEntriesByType("navigation")[0];
  return {server: n.responseStart, parsed: n.domContentLoadedEventEnd - n.responseStart};
}"""


# Installed before any page script: note when the workbench says it is ready.
READY_WATCH = """
new MutationObserver((_, observer) => {
  const root = document.querySelector(".workbench");
  if (root && root.dataset.ready === "true" && window.__readyAt === undefined) {
    window.__readyAt = performance.now();
    observer.disconnect();
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-ready"]});
"""

# Click the nth list item, wait for the panel, then for the next painted frame.
OPEN_CLAIM = """async (n) => {
  const root = document.querySelector(".workbench");
  const link = document.querySelectorAll("#claim-list li a")[n];
  performance.clearResourceTimings();
  const t0 = performance.now();
  const shown = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (root.dataset.ready === "panel") { observer.disconnect(); resolve(); }
    });
    observer.observe(root, {attributes: true, attributeFilter: ["data-ready"]});
  });
  link.click();
  await shown;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const total = performance.now() - t0;
  const fetch = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/panel"));
  return {open: total, request: fetch ? fetch.responseEnd - fetch.startTime : NaN};
}"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite",
            "SECRET_KEY": "bench-" + "k" * 40,
            "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        }
    )
    with app.app_context():
        db.create_all()
        services.create_user("bench", PASSWORD, Role.reviewer)
    articles = {
        "10 claims": build_article(app, 10, 400),
        "1000 claims": build_article(app, 1000, 20_000),
    }
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    results: dict[str, dict[str, list[float]]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        page.goto(f"{base}/login")
        page.get_by_label("Username").fill("bench")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base}/")
        page.add_init_script(READY_WATCH)
        for name, (article_id, _) in articles.items():
            tti, open_ms, request, first_byte, parsed = [], [], [], [], []
            for _ in range(args.runs + 1):  # the first run warms caches
                page.goto(f"{base}/articles/{article_id}")
                page.wait_for_selector(".workbench[data-ready=true]", state="attached")
                tti.append(page.evaluate("window.__readyAt"))
                nav = page.evaluate(NAVIGATION)
                first_byte.append(nav["server"])
                parsed.append(nav["parsed"])
                # let the page settle (the rest of a long list is built when idle)
                page.wait_for_selector(".workbench[data-list=complete]", state="attached")
                page.wait_for_timeout(200)
                opened = page.evaluate(OPEN_CLAIM, 5)
                open_ms.append(opened["open"])
                request.append(opened["request"])
            results[name] = {
                "tti": tti[1:],
                "open": open_ms[1:],
                "request": request[1:],
                "server": first_byte[1:],
                "parsed": parsed[1:],
            }
        browser.close()
    server.shutdown()
    med = {name: {k: statistics.median(v) for k, v in r.items()} for name, r in results.items()}
    for name, m in med.items():
        print(
            f"{name:12s} time to interactive {m['tti']:7.1f} ms"
            f"   open a claim {m['open']:6.1f} ms   (median of {args.runs})"
        )
        print(
            f"{'':12s}   of which: first byte {m['server']:6.1f} ms,"
            f" HTML parsed and scripts run {m['parsed']:6.1f} ms;"
            f" panel request {m['request']:6.1f} ms"
        )
    small, big = med["10 claims"], med["1000 claims"]
    print(
        f"1000-claim page / 10-claim page: time to interactive {big['tti'] / small['tti']:.2f}x"
        f" (target: within 5x), open a claim {big['open'] / small['open']:.2f}x"
        " (target: flat)"
    )


if __name__ == "__main__":
    main()

"""Load a 10-claim and a 1,000-claim article in Chromium: time to interactive, time to open.

usage: python bench/browser_pages.py [--runs 5]

Builds both articles in a temporary SQLite database (claims bulk-inserted), serves the app
on loopback and drives Debian's Chromium through Playwright. It measures; it never asserts.
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
        for name, (article_id, _) in articles.items():
            tti, open_ms, first_byte, parsed = [], [], [], []
            for _ in range(args.runs + 1):  # the first run warms caches
                page.goto(f"{base}/articles/{article_id}")
                page.wait_for_selector(".workbench[data-ready=true]", state="attached")
                tti.append(page.evaluate("performance.now()"))
                nav = page.evaluate(NAVIGATION)
                first_byte.append(nav["server"])
                parsed.append(nav["parsed"])
                link = page.locator("#claim-list li a").nth(5)
                t0 = page.evaluate("performance.now()")
                link.click()
                page.wait_for_selector(".workbench[data-ready=panel]", state="attached")
                open_ms.append(page.evaluate("performance.now()") - t0)
            results[name] = {
                "tti": tti[1:],
                "open": open_ms[1:],
                "server": first_byte[1:],
                "parsed": parsed[1:],
            }
        browser.close()
    server.shutdown()
    for name, r in results.items():
        print(
            f"{name:12s} time to interactive {statistics.median(r['tti']):7.1f} ms"
            f"   open a claim {statistics.median(r['open']):6.1f} ms   (median of {args.runs})"
        )
        print(
            f"{'':12s}   of which: first byte {statistics.median(r['server']):6.1f} ms,"
            f" HTML parsed and scripts run {statistics.median(r['parsed']):6.1f} ms"
        )
    small, big = results["10 claims"], results["1000 claims"]
    ratio = statistics.median(big["tti"]) / statistics.median(small["tti"])
    print(f"1000-claim page / 10-claim page: {ratio:.2f}x (target: within 5x)")


if __name__ == "__main__":
    main()

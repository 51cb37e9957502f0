"""Issue 11: the claim panel, the HTML report and the reviewer's queue say figures, hints and
history in words (workbench.wording), never as JSON."""

from __future__ import annotations

import re

from workbench.db import db
from workbench.models import Hint

AID = (
    "Aid report\n"
    "Congress passed a $95-billion aid package for Ukraine on Wednesday, April 24, 2024, "
    "after about 40% of members had doubted it.\n"
)


def _claim(client) -> tuple[int, dict]:
    r = client.api("POST", "/api/v1/articles", json={"text": AID, "title": "Aid"})
    assert r.status_code == 201, r.get_data(as_text=True)
    article_id = r.get_json()["article"]["id"]
    claims = client.get(f"/api/v1/articles/{article_id}").get_json()["claims"]
    return article_id, next(c for c in claims if "$95-billion" in c["quote"])


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_panel_says_figures_and_history_in_words(reviewer):
    article_id, claim = _claim(reviewer)
    url = f"/api/v1/claims/{claim['id']}/verdict"
    r = reviewer.api(
        "PUT",
        url,
        json={"rating": "mostly-false", "rationale": "It's", "version": claim["version"]},
    )
    assert r.status_code == 200, r.get_data(as_text=True)
    r = reviewer.api(
        "PUT",
        url,
        json={"rating": "false", "rationale": "Biden's bill", "version": r.get_json()["version"]},
    )
    assert r.status_code == 200
    html = reviewer.get(f"/claims/{claim['id']}/panel").get_data(as_text=True)
    text = _text(html)
    assert "$95 billion (USD)" in text
    assert "24 April 2024 (Wednesday)" in text
    assert "about 40%" in text
    assert "saved a verdict: Mostly false → False" in text
    history = html[html.index('class="history"') :]
    assert "{" not in _text(history) and "\\u0027" not in history and "&#34;amount" not in html
    assert '"amount"' not in html and "&#34;" not in history


def test_panel_and_list_name_hint_figures_by_text_not_offset(reviewer, app):
    article_id, claim = _claim(reviewer)
    with app.app_context():  # a hint stored by an older engine, with offsets in it
        db.session.add(
            Hint(
                claim_id=claim["id"],
                kind="restated-quantity",
                ok=False,
                message="'$95-billion' (at 28) and 'about 40%' (at 100): not the same figure.",
            )
        )
        db.session.commit()
    for url in (f"/claims/{claim['id']}/panel", f"/articles/{article_id}"):
        text = _text(reviewer.get(url).get_data(as_text=True))
        assert "“$95-billion” and “about 40%”: not the same figure." in text, url
        assert "(at 28)" not in text


def test_report_says_figures_in_words(reviewer):
    article_id, _ = _claim(reviewer)
    html = reviewer.get(f"/api/v1/articles/{article_id}/export?format=html").get_data(as_text=True)
    notes = _text(html[html.index("<main>") :])
    assert "$95-billion — $95 billion (USD)" in notes
    assert "24 April 2024 (Wednesday)" in notes
    assert "&quot;amount" not in html and '"amount"' not in html


def test_the_reviewers_queue_shows_the_editors_return_note(reviewer, editor):
    _, claim = _claim(reviewer)
    cid = claim["id"]
    r = reviewer.api(
        "PUT",
        f"/api/v1/claims/{cid}/verdict",
        json={"rating": "false", "rationale": "No.", "version": claim["version"]},
    )
    r = reviewer.api(
        "POST", f"/api/v1/claims/{cid}/submit", json={"version": r.get_json()["version"]}
    )
    assert r.status_code == 200, r.get_data(as_text=True)
    r = editor.api(
        "POST",
        f"/api/v1/claims/{cid}/return",
        json={"note": "Cite the bill's text.", "version": r.get_json()["version"]},
    )
    assert r.status_code == 200, r.get_data(as_text=True)
    html = reviewer.get("/").get_data(as_text=True)
    queue = html[html.index('class="my-queue"') : html.index("</section>")]
    assert f'data-claim="{cid}"' in queue
    assert "Editor's note:" in _text(queue) or "Editor&#39;s note:" in queue
    assert "Cite the bill&#39;s text." in queue

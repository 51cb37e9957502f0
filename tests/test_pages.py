"""Server-rendered pages: dashboard and queue, article and claim pages, import, assignment."""

from __future__ import annotations

import html
import io
import re

import pytest

from .conftest import SAMPLE_TEXT, Client


def _claims(client: Client, article_id: int, at_least: int = 0) -> list[dict]:
    """The article's claims; with at_least, reviewer claims are added over single words first
    (so the tests do not depend on how many claims the engine proposes)."""
    doc = client.api("GET", f"/api/v1/articles/{article_id}").get_json()
    words = iter(re.finditer(r"[A-Za-z]{4,}", doc["article"]["text"]))
    while len(doc["claims"]) < at_least:
        word = next(words)
        client.api(
            "POST",
            f"/api/v1/articles/{article_id}/claims",
            json={"start": word.start(), "end": word.end()},
        )  # 409 when taken: next word
        doc = client.api("GET", f"/api/v1/articles/{article_id}").get_json()
    return doc["claims"]


def _claim(client: Client, claim_id: int) -> dict:
    return client.api("GET", f"/api/v1/claims/{claim_id}").get_json()


def _ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def _verdict(client: Client, claim: dict, rationale: str = "Checked.") -> int:
    url = f"/api/v1/claims/{claim['id']}"
    v = _ok(
        client.api(
            "PUT",
            f"{url}/verdict",
            json={"rating": "true", "rationale": rationale, "version": claim["version"]},
        )
    )["version"]
    return _ok(client.api("POST", f"{url}/submit", json={"version": v}))["version"]


def _section(page: str, cls: str) -> str:
    match = re.search(rf'<section class="{cls}".*?</section>', page, re.S)
    assert match, f"no section .{cls}"
    return match.group(0)


def _queue_ids(client: Client) -> set[int]:
    section = _section(client.get("/").get_data(as_text=True), "my-queue")
    return {int(i) for i in re.findall(r'<li data-claim="(\d+)"', section)}


@pytest.fixture
def otto(app, make_user) -> Client:
    make_user("otto", "reviewer")
    client = Client(app)
    assert client.login("otto").status_code == 302
    return client


def _assign(editor: Client, claim: dict, who: str | None) -> dict:
    body = {"assignee": who, "version": _claim(editor, claim["id"])["version"]}
    return _ok(editor.api("PATCH", f"/api/v1/claims/{claim['id']}", json=body))


# --- dashboard -----------------------------------------------------------------------------


def test_dashboard_counts_claims_per_status_with_a_progress_bar(reviewer, article_id):
    claims = _claims(reviewer, article_id, at_least=3)
    first, second = claims[0], claims[1]
    _ok(
        reviewer.api(
            "POST",
            f"/api/v1/claims/{first['id']}/dismiss",
            json={"version": first["version"], "reason": "context"},
        )
    )
    _verdict(reviewer, second)
    other = _ok(
        reviewer.api(
            "POST",
            "/api/v1/articles",
            json={"text": "Published: May 2, 2024\nNothing else.", "title": "Quiet"},
        ),
        201,
    )
    page = reviewer.get("/").get_data(as_text=True)
    n_open = len(claims) - 2
    row = re.search(rf'<tr>\s*<td><a href="/articles/{article_id}">Budget</a>.*?</tr>', page, re.S)
    row = row.group(0)
    label = re.search(r'class="progress" role="img" aria-label="([^"]+)"', row).group(1)
    assert label == f"{len(claims)} claims, {n_open} open, 1 submitted, 1 dismissed"
    bar = r'<span class="bar status-(\w+)" data-share="([\d.]+)" title="\w+: (\d+)"'
    bars = re.findall(bar, row)
    assert [(s, int(n)) for s, _, n in bars] == [
        ("open", n_open),
        ("submitted", 1),
        ("dismissed", 1),
    ]
    assert sum(float(share) for _, share, _ in bars) == pytest.approx(100, abs=0.2)
    assert f"open {n_open} · submitted 1 · dismissed 1" in html.unescape(row)
    # An article whose claims are all open: the legend has no dangling separator.
    quiet = re.search(
        rf'<tr>\s*<td><a href="/articles/{other["article"]["id"]}">.*?</tr>', page, re.S
    ).group(0)
    n_quiet = len(other["claims"])
    assert re.search(r"<small>([^<]*)</small>\s*</td>\s*</tr>", quiet).group(1) == (
        f"open {n_quiet}" if n_quiet else ""
    )
    assert f'href="/articles/{other["article"]["id"]}"' in page  # every article is listed


def test_my_queue_lists_my_assignments_and_my_returned_verdicts_only(
    app, reviewer, editor, otto, article_id
):
    c = _claims(reviewer, article_id, at_least=5)
    _assign(editor, c[0], "rita")  # mine
    _assign(editor, c[1], "otto")  # someone else's
    # Returned on a verdict rita wrote: hers, even unassigned.
    v = _verdict(reviewer, c[2])
    _ok(
        editor.api(
            "POST",
            f"/api/v1/claims/{c[2]['id']}/return",
            json={"version": v, "note": "More sources."},
        )
    )
    # Returned on otto's verdict: not hers.
    v = _verdict(otto, c[3])
    _ok(
        editor.api(
            "POST",
            f"/api/v1/claims/{c[3]['id']}/return",
            json={"version": v, "note": "More sources."},
        )
    )
    # Assigned to rita but dismissed: done, not in the queue.
    _assign(editor, c[4], "rita")
    cur = _claim(reviewer, c[4]["id"])
    _ok(
        reviewer.api(
            "POST",
            f"/api/v1/claims/{c[4]['id']}/dismiss",
            json={"version": cur["version"], "reason": "context"},
        )
    )

    assert _queue_ids(reviewer) == {c[0]["id"], c[2]["id"]}
    assert _queue_ids(otto) == {c[1]["id"], c[3]["id"]}
    assert _queue_ids(editor) == set()
    queue = _section(reviewer.get("/").get_data(as_text=True), "my-queue")
    assert "assigned to you" in queue and "returned to you" in queue
    assert f'href="/articles/{article_id}/claims/{c[0]["id"]}"' in queue
    assert "My queue <small>(2)</small>" in queue
    assert "Nothing assigned to you" in _section(editor.get("/").get_data(as_text=True), "my-queue")


# --- the article and claim pages in every status ---------------------------------------------


def _claims_in_every_status(reviewer: Client, editor: Client, article_id: int) -> dict[str, dict]:
    c = _claims(reviewer, article_id, at_least=5)
    out = {"open": c[0]}
    _verdict(reviewer, c[1], "Submitted **text**.")
    out["submitted"] = c[1]
    v = _verdict(reviewer, c[2])
    _ok(
        editor.api(
            "POST",
            f"/api/v1/claims/{c[2]['id']}/return",
            json={"version": v, "note": "Cite the vote."},
        )
    )
    out["returned"] = c[2]
    v = _verdict(reviewer, c[3])
    _ok(editor.api("POST", f"/api/v1/claims/{c[3]['id']}/approve", json={"version": v}))
    out["approved"] = c[3]
    _ok(
        reviewer.api(
            "POST",
            f"/api/v1/claims/{c[4]['id']}/dismiss",
            json={"version": c[4]["version"], "reason": "Just context."},
        )
    )
    out["dismissed"] = c[4]
    return out


EXPECTED = {
    "open": ("Save verdict", "Add source", "Dismiss"),
    "submitted": ("Submitted <strong>text</strong>.",),
    "returned": ("Returned by the editor: Cite the vote.", "Submit verdict"),
    "approved": ("Approved by eddie",),
    "dismissed": ("Dismissed: Just context.", "Restore"),
}
EDITOR_ONLY = {"submitted": ("Approve", "Return"), "approved": ("Reopen",)}


@pytest.mark.parametrize("status", list(EXPECTED))
def test_article_and_claim_pages_render_for_every_status(reviewer, editor, article_id, status):
    claim = _claims_in_every_status(reviewer, editor, article_id)[status]
    assert _claim(reviewer, claim["id"])["status"] == status
    for who in (reviewer, editor):
        for url in (
            f"/articles/{article_id}/claims/{claim['id']}",
            f"/claims/{claim['id']}",
            f"/claims/{claim['id']}/panel",
        ):
            response = who.get(url)
            assert response.status_code == 200, url
            page = response.get_data(as_text=True)
            detail = page[page.index('<section class="claim-detail"') :]
            assert f'data-status="{status}"' in detail
            assert f'<span class="badge status-{status}">{status}</span>' in detail
            for text in EXPECTED[status]:
                assert text in detail, (url, text)
            for text in EDITOR_ONLY.get(status, ()):
                assert (f">{text}</button>" in detail) == (who is editor), (url, text)
            editable = status in ("open", "returned")
            assert ('class="verdict-form"' in detail) == editable
    # The article page lists the claim with its status (its highlight may sit under another).
    page = reviewer.get(f"/articles/{article_id}").get_data(as_text=True)
    assert f'<li data-claim="{claim["id"]}" data-status="{status}"' in page


def test_an_article_page_refuses_a_claim_of_another_article(reviewer, article_id):
    """Threat S4.1."""
    other = reviewer.api(
        "POST", "/api/v1/articles", json={"text": SAMPLE_TEXT + " Again.", "title": "Other"}
    )
    other_id = _ok(other, 201)["article"]["id"]
    claim = _claims(reviewer, other_id, at_least=1)[0]
    response = reviewer.get(f"/articles/{article_id}/claims/{claim['id']}")
    assert response.status_code == 404
    assert f"article {article_id} has no claim {claim['id']}" in response.get_data(as_text=True)
    assert reviewer.get(f"/articles/{other_id}/claims/{claim['id']}").status_code == 200
    assert reviewer.get(f"/articles/{article_id}/claims/2147483647").status_code == 404


def test_a_claim_added_while_the_page_loads_does_not_break_it(
    app, reviewer, article_id, monkeypatch
):
    """On PostgreSQL each of load_article's queries sees the latest commits: a claim (with a
    figure) committed between the claims query and the figures query is left for the next
    load, not a KeyError."""
    from sqlalchemy import insert

    from workbench import services
    from workbench.db import db
    from workbench.models import Claim, Figure, FigureCategory

    real = db.session.execute
    added: list[int] = []

    def execute(statement, *args, **kwargs):
        result = real(statement, *args, **kwargs)
        if not added and str(statement).startswith("SELECT claim.id, claim.start_offset"):
            rows = list(result)
            with db.engine.begin() as other:  # another request commits meanwhile
                claim_id = other.execute(
                    insert(Claim)
                    .values(
                        article_id=article_id,
                        start_offset=0,
                        end_offset=1,
                        status="open",
                        origin="reviewer",
                        kinds=[],
                        version=1,
                    )
                    .returning(Claim.id)
                ).scalar_one()
                other.execute(
                    insert(Figure).values(
                        claim_id=claim_id,
                        category=FigureCategory.quantity,
                        start_offset=0,
                        end_offset=1,
                        text="x",
                        value={},
                    )
                )
            added.append(claim_id)
            return rows
        return result

    with app.test_request_context():
        monkeypatch.setattr(db.session, "execute", execute)
        bundle = services.load_article(article_id)
        monkeypatch.undo()
        assert added and added[0] not in {c.id for c in bundle.claims}
        db.session.rollback()
        again = services.load_article(article_id)
        (new,) = [c for c in again.claims if c.id == added[0]]
        assert [f.category for f in new.figures] == [FigureCategory.quantity]
    assert reviewer.get(f"/articles/{article_id}").status_code == 200


# --- import -----------------------------------------------------------------------------------


def test_import_rejects_an_unsupported_upload_with_a_clear_message(reviewer):
    response = reviewer.post(
        "/articles/new",
        data={"file": (io.BytesIO(b"%PDF-1.7 binary"), "report.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 415
    page = html.unescape(response.get_data(as_text=True))
    assert "Unsupported file type “.pdf”: upload a .txt, .md or .html file." in page
    assert 'class="flash flash-error" role="alert"' in page
    assert "<h1>Import article</h1>" in page  # the form again, to try another file
    assert reviewer.api("GET", "/api/v1/articles").get_json()["total"] == 0


def test_import_rejects_an_empty_submission(reviewer):
    response = reviewer.post("/articles/new", data={"text": "  \n "})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "paste the article text or choose a file" in page
    assert "<h1>Import article</h1>" in page
    assert reviewer.api("GET", "/api/v1/articles").get_json()["total"] == 0


def test_an_imported_duplicate_opens_the_existing_article_with_a_warning(reviewer, article_id):
    response = reviewer.post(
        "/articles/new",
        data={"file": (io.BytesIO(SAMPLE_TEXT.encode()), "budget.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/articles/{article_id}"
    page = reviewer.get(response.headers["Location"]).get_data(as_text=True)
    assert re.search(
        rf'class="flash flash-warning" role="status">this text was already imported as '
        rf"article {article_id}: opened the existing one.</p>",
        page,
    )
    assert reviewer.api("GET", "/api/v1/articles").get_json()["total"] == 1


# --- assignment in the browser without script ------------------------------------------------


def test_editors_see_the_assign_control_and_reviewers_do_not(reviewer, editor, otto, article_id):
    claim = _claims(reviewer, article_id)[0]
    for url in (f"/claims/{claim['id']}", f"/articles/{article_id}/claims/{claim['id']}"):
        page = editor.get(url).get_data(as_text=True)
        form = re.search(r'<form[^>]*class="assign-form.*?</form>', page, re.S).group(0)
        assert f'action="/claims/{claim["id"]}/assign"' in form
        assert re.search(r'<label for="assign-\d+">Assignee</label>', form)
        options = dict(re.findall(r'<option[^>]*value="([^"]*)"[^>]*>([^<]*)</option>', form))
        assert options[""] == "Nobody"
        assert {"rita", "otto", "eddie"} <= set(options)
        assert "assign-form" not in reviewer.get(url).get_data(as_text=True)


def test_an_editor_assigns_by_form_and_the_list_shows_it(reviewer, editor, otto, article_id):
    claim = _claims(reviewer, article_id)[0]
    url = f"/claims/{claim['id']}/assign"
    response = editor.post(url, data={"assignee": "otto", "version": claim["version"]})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/claims/{claim['id']}"
    after = _claim(editor, claim["id"])
    assert after["version"] == claim["version"] + 1
    assert after["history"][-1]["action"] == "assign"
    assert after["history"][-1]["detail"]["after"] == {"assignee": "otto"}
    assert _queue_ids(otto) == {claim["id"]}
    page = editor.get(response.headers["Location"]).get_data(as_text=True)
    assert "Claim assigned to otto." in page
    assert re.search(r'<option selected value="otto">|<option value="otto" selected>', page)
    article = reviewer.get(f"/articles/{article_id}").get_data(as_text=True)
    item = re.search(rf'<li data-claim="{claim["id"]}".*?</li>', article, re.S).group(0)
    assert '<small class="assignee">assigned to otto</small>' in item
    # Back to nobody.
    response = editor.post(url, data={"assignee": "", "version": after["version"]})
    assert response.status_code == 302
    assert _claim(editor, claim["id"])["assignee"] is None
    assert _queue_ids(otto) == set()


def test_reviewers_cannot_assign_by_form(reviewer, otto, article_id):
    """Threat S4.1."""
    claim = _claims(reviewer, article_id)[0]
    response = reviewer.post(
        f"/claims/{claim['id']}/assign", data={"assignee": "otto", "version": claim["version"]}
    )
    assert response.status_code == 403
    assert "only editors may assign claims" in response.get_data(as_text=True)
    after = _claim(reviewer, claim["id"])
    assert after["assignee"] is None and after["version"] == claim["version"]


def test_a_stale_assignment_by_form_is_a_conflict(reviewer, editor, otto, article_id):
    """Threat S4.5."""
    claim = _claims(reviewer, article_id)[0]
    _ok(
        reviewer.api(
            "POST",
            f"/api/v1/claims/{claim['id']}/sources",
            json={
                "url": "https://example.org/a",
                "title": "A",
                "stance": "context",
                "version": claim["version"],
            },
        ),
        201,
    )
    response = editor.post(
        f"/claims/{claim['id']}/assign", data={"assignee": "otto", "version": claim["version"]}
    )
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "the claim changed since you loaded it" in page
    current = _claim(editor, claim["id"])
    assert current["assignee"] is None
    # The form comes back with the choice kept and the current version, so a retry works.
    form = re.search(r'<form[^>]*class="assign-form.*?</form>', page, re.S).group(0)
    assert re.search(r'<option selected value="otto">|<option value="otto" selected>', form)
    assert f'value="{current["version"]}"' in form
    retry = editor.post(
        f"/claims/{claim['id']}/assign", data={"assignee": "otto", "version": current["version"]}
    )
    assert retry.status_code == 302
    assert _claim(editor, claim["id"])["assignee"] == "otto"


def test_an_unknown_assignee_by_form_is_refused(reviewer, editor, article_id):
    claim = _claims(reviewer, article_id)[0]
    response = editor.post(
        f"/claims/{claim['id']}/assign", data={"assignee": "mallory", "version": claim["version"]}
    )
    assert response.status_code == 422
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert _claim(editor, claim["id"])["assignee"] is None

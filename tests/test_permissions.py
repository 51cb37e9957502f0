"""The permission matrix: every route and form × role × own/other's objects gets a fixed answer.

The matrix is checked against `app.url_map`: a new route without a row here fails
`test_every_route_has_a_matrix_row`, so nobody adds an endpoint without deciding who may use it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from workbench import services
from workbench.db import db
from workbench.ingest import ingest_text
from workbench.models import ApiToken, Claim, ClaimStatus, Role, User
from workbench.services import accounts

from .conftest import TEST_PASSWORD, Client
from .helpers import first_claim

ROLES = ("anonymous", "reviewer", "editor", "admin")
ACTOR = {"reviewer": "rita", "editor": "eddie", "admin": "ada"}
OTHER = "otto"  # the owner of "other's" objects: a reviewer
LOGIN = "login"  # expected: a redirect to the sign-in page
CELLS = [("anonymous", "other")] + [
    (role, owner) for role in ROLES[1:] for owner in ("own", "other")
]

_counter = itertools.count()


@dataclass
class World:
    """Objects made for one cell, owned by `owner` (the actor for "own", otto for "other")."""

    app: Any
    owner: str
    extra: dict[str, Any] = field(default_factory=dict)

    def user(self, name: str | None = None) -> User:
        return db.session.scalar(db.select(User).where(User.username == (name or self.owner)))

    def article(self) -> int:
        n = next(_counter)
        text = (
            f"Published: March 3, 2025\nReport number {n}.\n"
            "The council approved a $12-million budget on March 1, its largest ever.\n"
            "It hired 40 new teachers last year, the mayor said.\n"
        )
        article = services.import_article(self.user(), ingest_text(text, title=f"Budget {n}"))
        return article.id

    def claims(self, article_id: int) -> list[Claim]:
        return list(
            db.session.scalars(
                db.select(Claim)
                .where(Claim.article_id == article_id)
                .order_by(Claim.start_offset, Claim.id)
            )
        )

    def claim(self, status: str = "open") -> Claim:
        """A claim of a fresh article brought to `status`, its verdict written by the owner."""
        claim = self.claims(self.article())[0]
        owner = self.user()
        if status == "open":
            return claim
        if status == "dismissed":
            return services.move(owner, claim, "dismiss", claim.version, "opinion")
        services.save_verdict(owner, claim, claim.version, "true", "Minutes confirm it.")
        services.move(owner, claim, "submit", claim.version)
        if status == "submitted":
            return claim
        approver = self.user("olga")  # a second editor, so any owner's verdict can be approved
        services.move(approver, claim, "approve", claim.version)
        assert status == "approved"
        return claim

    def source_claim(self) -> Claim:
        claim = self.claim()
        services.add_source(
            self.user(),
            claim,
            claim.version,
            {"url": "https://example.org/a", "title": "Minutes", "stance": "supports"},
        )
        return claim

    def token(self) -> int:
        token, _secret = accounts.create_token(self.user(), "script")
        return token.id

    def login_session(self) -> int:
        """Another signed-in browser of the owner (not the one making the request)."""
        accounts.start_session(self.user(), "other browser")
        return accounts.list_sessions(self.user())[0].id


@dataclass
class Row:
    """One route (and variant): how to call it and what each role gets."""

    rule: str
    method: str
    call: Callable[[World], dict[str, Any]]
    expect: tuple[Any, Any, Any, Any]  # anonymous, reviewer, editor, admin
    own: dict[str, Any] = field(default_factory=dict)  # role -> answer on own objects
    variant: str = ""

    @property
    def id(self) -> str:
        return f"{self.method} {self.rule} {self.variant}".strip()


def _page(status: int) -> tuple[Any, Any, Any, Any]:
    return (LOGIN, status, status, status)


def _api(status: int) -> tuple[Any, Any, Any, Any]:
    return (401, status, status, status)


def _editor_page() -> tuple[Any, Any, Any, Any]:
    return (LOGIN, 403, 302, 302)


def _editor_api() -> tuple[Any, Any, Any, Any]:
    return (401, 403, 200, 200)


def _c(w: World, status: str = "open") -> Claim:
    return w.claim(status)


def _move(action: str, status: str, api: bool) -> Callable[[World], dict[str, Any]]:
    def call(w: World) -> dict[str, Any]:
        claim = w.claim(status)
        body: dict[str, Any] = {"version": claim.version}
        if action == "return":
            body["note"] = "Cite the minutes."
        if action in ("dismiss", "reopen"):
            body["reason"] = "A reason."
        prefix = "/api/v1" if api else ""
        return {"url": f"{prefix}/claims/{claim.id}/{action}", "body": body}

    return call


STATE_FOR = {
    "submit": "open",  # replaced below: submit needs a verdict
    "approve": "submitted",
    "return": "submitted",
    "dismiss": "open",
    "restore": "dismissed",
    "reopen": "approved",
}


def _submit(api: bool) -> Callable[[World], dict[str, Any]]:
    def call(w: World) -> dict[str, Any]:
        claim = w.claim()
        services.save_verdict(w.user(), claim, claim.version, "false", "No.")
        prefix = "/api/v1" if api else ""
        return {"url": f"{prefix}/claims/{claim.id}/submit", "body": {"version": claim.version}}

    return call


def _split(w: World) -> dict[str, Any]:
    claim = w.claim()
    text = claim.article.text[claim.start_offset : claim.end_offset]
    at = claim.start_offset + text.index(" ", len(text) // 2)
    return {
        "url": f"/api/v1/claims/{claim.id}/split",
        "body": {"at": at, "version": claim.version},
    }


def _merge(w: World) -> dict[str, Any]:
    first, second = w.claims(w.article())[:2]
    return {
        "url": f"/api/v1/claims/{first.id}/merge",
        "body": {"version": first.version, "next": second.id, "next_version": second.version},
    }


def _span(w: World) -> dict[str, Any]:
    claim = w.claim()
    return {
        "url": f"/api/v1/claims/{claim.id}",
        "body": {
            "start": claim.start_offset,
            "end": claim.end_offset - 1,
            "version": claim.version,
        },
    }


def _assign(w: World) -> dict[str, Any]:
    claim = w.claim()
    return {
        "url": f"/api/v1/claims/{claim.id}",
        "body": {"assignee": OTHER, "version": claim.version},
    }


def _source(w: World) -> tuple[int, int]:
    claim = w.source_claim()
    return claim.sources[0].id, claim.version


def _patch_source(w: World) -> dict[str, Any]:
    sid, version = _source(w)
    return {"url": f"/api/v1/sources/{sid}", "body": {"title": "Renamed", "version": version}}


def _delete_source(w: World) -> dict[str, Any]:
    sid, version = _source(w)
    return {"url": f"/api/v1/sources/{sid}", "body": {"version": version}}


SOURCE = {"url": "https://example.org/b", "title": "Report", "stance": "refutes"}
ARTICLE_TEXT = "The city spent $5 million on parks in 2024, officials said. Report {}."

ROWS: list[Row] = [
    # --- pages and forms ---
    Row("/", "GET", lambda w: {"url": "/"}, _page(200)),
    Row("/login", "GET", lambda w: {"url": "/login"}, (200, 302, 302, 302)),
    Row(
        "/login",
        "POST",
        lambda w: {"url": "/login", "form": {"username": w.owner, "password": TEST_PASSWORD}},
        (302, 302, 302, 302),
    ),
    Row("/logout", "POST", lambda w: {"url": "/logout", "form": {}}, _page(302)),
    Row("/articles/new", "GET", lambda w: {"url": "/articles/new"}, _page(200)),
    Row(
        "/articles/new",
        "POST",
        lambda w: {
            "url": "/articles/new",
            "form": {"text": ARTICLE_TEXT.format(next(_counter)), "title": "Parks"},
        },
        _page(302),
    ),
    Row(
        "/articles/<int:article_id>",
        "GET",
        lambda w: {"url": f"/articles/{w.article()}"},
        _page(200),
    ),
    Row(
        "/articles/<int:article_id>/claims/<int:claim_id>",
        "GET",
        lambda w: (c := _c(w)) and {"url": f"/articles/{c.article_id}/claims/{c.id}"},
        _page(200),
    ),
    Row(
        "/articles/<int:article_id>/claims",
        "POST",
        lambda w: {"url": f"/articles/{w.article()}/claims", "form": {"start": 0, "end": 9}},
        _page(302),
    ),
    Row(
        "/articles/<int:article_id>/export",
        "GET",
        lambda w: {"url": f"/articles/{w.article()}/export"},
        _page(200),
    ),
    Row(
        "/articles/<int:article_id>/meta",
        "POST",
        lambda w: {"url": f"/articles/{w.article()}/meta", "form": {"title": "New title"}},
        _page(302),
    ),
    Row("/claims/<int:claim_id>", "GET", lambda w: {"url": f"/claims/{_c(w).id}"}, _page(200)),
    Row(
        "/claims/<int:claim_id>/assign",
        "POST",
        lambda w: (
            (c := _c(w))
            and {
                "url": f"/claims/{c.id}/assign",
                "form": {"assignee": OTHER, "version": c.version},
            }
        ),
        _editor_page(),
    ),
    Row(
        "/claims/<int:claim_id>/panel",
        "GET",
        lambda w: {"url": f"/claims/{_c(w).id}/panel"},
        _page(200),
    ),
    Row(
        "/claims/<int:claim_id>/sources",
        "POST",
        lambda w: (
            (c := _c(w))
            and {"url": f"/claims/{c.id}/sources", "form": {**SOURCE, "version": c.version}}
        ),
        _page(302),
    ),
    Row(
        "/claims/<int:claim_id>/verdict",
        "POST",
        lambda w: (
            (c := _c(w))
            and {
                "url": f"/claims/{c.id}/verdict",
                "form": {"rating": "mixed", "rationale": "Partly.", "version": c.version},
            }
        ),
        _page(302),
    ),
    # --- settings ---
    Row("/settings/tokens", "GET", lambda w: {"url": "/settings/tokens"}, _page(200)),
    Row(
        "/settings/tokens",
        "POST",
        lambda w: {"url": "/settings/tokens", "form": {"name": "ci"}},
        _page(201),
    ),
    Row(
        "/settings/tokens/<int:token_id>/revoke",
        "POST",
        lambda w: {"url": f"/settings/tokens/{w.token()}/revoke", "form": {}},
        _page(404),  # someone else's token does not exist for you
        own={"reviewer": 302, "editor": 302, "admin": 302},
    ),
    Row(
        "/settings/password",
        "POST",
        lambda w: {
            "url": "/settings/password",
            "form": {"current": TEST_PASSWORD, "new": "another long passphrase"},
        },
        _page(302),
    ),
    Row(
        "/settings/sessions/<int:session_id>/end",
        "POST",
        lambda w: {"url": f"/settings/sessions/{w.login_session()}/end", "form": {}},
        _page(404),  # someone else's session does not exist for you
        own={"reviewer": 302, "editor": 302, "admin": 302},
    ),
    Row(
        "/settings/sessions/end",
        "POST",
        lambda w: {"url": "/settings/sessions/end", "form": {}},
        _page(302),
    ),
    Row("/static/<path:filename>", "GET", lambda w: {"url": "/static/css/app.css"}, (200,) * 4),
    Row("/healthz", "GET", lambda w: {"url": "/healthz"}, (200,) * 4),
    Row("/search", "GET", lambda w: {"url": "/search?q=budget"}, _page(200)),
    Row("/api/v1/search", "GET", lambda w: {"url": "/api/v1/search?q=budget"}, _api(200)),
    Row("/readyz", "GET", lambda w: {"url": "/readyz"}, (200,) * 4),
    # --- JSON API ---
    Row("/api/v1/openapi.json", "GET", lambda w: {"url": "/api/v1/openapi.json"}, _api(200)),
    Row("/api/v1/articles", "GET", lambda w: {"url": "/api/v1/articles"}, _api(200)),
    Row(
        "/api/v1/articles",
        "POST",
        lambda w: {
            "url": "/api/v1/articles",
            "body": {"text": ARTICLE_TEXT.format(next(_counter))},
        },
        _api(201),
    ),
    Row(
        "/api/v1/articles/<int:article_id>",
        "GET",
        lambda w: {"url": f"/api/v1/articles/{w.article()}"},
        _api(200),
    ),
    Row(
        "/api/v1/articles/<int:article_id>/claims",
        "POST",
        lambda w: {"url": f"/api/v1/articles/{w.article()}/claims", "body": {"start": 0, "end": 9}},
        _api(201),
    ),
    Row(
        "/api/v1/articles/<int:article_id>/export",
        "GET",
        lambda w: {"url": f"/api/v1/articles/{w.article()}/export"},
        _api(200),
    ),
    Row(
        "/api/v1/claims",
        "GET",
        lambda w: {"url": "/api/v1/claims?assignee=me&status=open"},
        _api(200),
    ),
    Row(
        "/api/v1/claims/<int:claim_id>",
        "GET",
        lambda w: {"url": f"/api/v1/claims/{_c(w).id}"},
        _api(200),
    ),
    Row("/api/v1/claims/<int:claim_id>", "PATCH", _span, _api(200), variant="span"),
    Row("/api/v1/claims/<int:claim_id>", "PATCH", _assign, _editor_api(), variant="assignee"),
    Row("/api/v1/claims/<int:claim_id>/split", "POST", _split, _api(201)),
    Row("/api/v1/claims/<int:claim_id>/merge", "POST", _merge, _api(200)),
    Row(
        "/api/v1/claims/<int:claim_id>/sources",
        "POST",
        lambda w: (
            (c := _c(w))
            and {"url": f"/api/v1/claims/{c.id}/sources", "body": {**SOURCE, "version": c.version}}
        ),
        _api(201),
    ),
    Row(
        "/api/v1/claims/<int:claim_id>/sources/check",
        "GET",
        lambda w: {"url": f"/api/v1/claims/{_c(w).id}/sources/check?url=https://example.org/"},
        _api(200),
    ),
    Row("/api/v1/sources/<int:source_id>", "PATCH", _patch_source, _api(200)),
    Row("/api/v1/sources/<int:source_id>", "DELETE", _delete_source, _api(200)),
    Row(
        "/api/v1/claims/<int:claim_id>/verdict",
        "PUT",
        lambda w: (
            (c := _c(w))
            and {
                "url": f"/api/v1/claims/{c.id}/verdict",
                "body": {"rating": "false", "rationale": "No.", "version": c.version},
            }
        ),
        _api(200),
    ),
    Row(
        "/api/v1/preview",
        "POST",
        lambda w: {"url": "/api/v1/preview", "body": {"markdown": "**x**"}},
        _api(200),
    ),
]


# --- the discussion thread (issue 14): who may read a claim may discuss it; only the
# author edits a comment (admins and editors too are refused on someone else's).
def _commented(w: World) -> tuple[int, int]:
    claim = w.claim()
    comment = services.comments.add_comment(w.user(), claim, "A question about the minutes.")
    return claim.id, comment.id


ROWS += [
    Row(
        "/api/v1/claims/<int:claim_id>/comments",
        "GET",
        lambda w: {"url": f"/api/v1/claims/{_commented(w)[0]}/comments"},
        _api(200),
    ),
    Row(
        "/api/v1/claims/<int:claim_id>/comments",
        "POST",
        lambda w: {"url": f"/api/v1/claims/{_c(w).id}/comments", "body": {"body": "Why?"}},
        _api(201),
    ),
    Row(
        "/api/v1/comments/<int:comment_id>",
        "PATCH",
        lambda w: {"url": f"/api/v1/comments/{_commented(w)[1]}", "body": {"body": "Edited."}},
        (401, 403, 403, 403),
        own={"reviewer": 200, "editor": 200, "admin": 200},
    ),
    Row(
        "/api/v1/claims/<int:claim_id>/comments/resolve",
        "POST",
        lambda w: {"url": f"/api/v1/claims/{_commented(w)[0]}/comments/resolve", "body": {}},
        _api(200),
    ),
    Row("/api/v1/discussions", "GET", lambda w: {"url": "/api/v1/discussions"}, _api(200)),
    Row(
        "/claims/<int:claim_id>/comments",
        "POST",
        lambda w: {"url": f"/claims/{_c(w, 'approved').id}/comments", "form": {"body": "Hm."}},
        _page(302),
    ),
    Row(
        "/claims/<int:claim_id>/comments/resolve",
        "POST",
        lambda w: {"url": f"/claims/{_commented(w)[0]}/comments/resolve", "form": {}},
        _page(302),
    ),
]

# State moves, through the page forms and through the API.
for _api_route in (False, True):
    _rule = (
        "/api/v1/claims/<int:claim_id>/<action>"
        if _api_route
        else "/claims/<int:claim_id>/<any(submit,approve,return,dismiss,restore,reopen):action>"
    )
    _ok = 200 if _api_route else 302
    _anon = 401 if _api_route else LOGIN
    for _action, _state in STATE_FOR.items():
        _call = _submit(_api_route) if _action == "submit" else _move(_action, _state, _api_route)
        if _action in ("approve", "return", "reopen"):
            _expect = (_anon, 403, _ok, _ok)
        else:
            _expect = (_anon, _ok, _ok, _ok)
        # Four eyes: an editor cannot approve a verdict they wrote themselves.
        _own = {"editor": 403, "admin": 403} if _action == "approve" else {}
        ROWS.append(Row(_rule, "POST", _call, _expect, own=_own, variant=_action))


@pytest.fixture
def people(app, make_user):
    for name, role in (
        *((n, r) for r, n in ACTOR.items()),
        (OTHER, "reviewer"),
        ("olga", "editor"),
    ):
        make_user(name, role)


def _send(client: Client, call: dict[str, Any], method: str):
    if "body" in call:
        return client.api(method, call["url"], json=call["body"])
    if "form" in call:
        return client.post(call["url"], call["form"])
    return client.http.open(call["url"], method=method)


def _answer(response) -> Any:
    """The status, or LOGIN for the anonymous wall's redirect (which names where to go next)."""
    response.close()
    if response.status_code == 302 and response.headers["Location"].startswith("/login?next="):
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_permission_matrix(app, people, row: Row):
    """Threat S4.1."""
    wrong = []
    for role, owner in CELLS:
        client = Client(app)
        if role != "anonymous":
            assert client.login(ACTOR[role]).status_code == 302
        owner_name = ACTOR.get(role, OTHER) if owner == "own" else OTHER
        with app.app_context():
            call = row.call(World(app, owner_name))
            db.session.remove()
        expected = row.expect[ROLES.index(role)]
        if owner == "own":
            expected = row.own.get(role, expected)
        got = _answer(_send(client, call, row.method))
        if row.rule == "/settings/password" and role != "anonymous":
            with app.app_context():  # put the password back for the next cell's sign-in
                accounts.set_password(World(app, ACTOR[role]).user(), TEST_PASSWORD)
        if got != expected:
            wrong.append(f"{role}/{owner}: expected {expected}, got {got}")
    assert not wrong, f"{row.id}: " + "; ".join(wrong)


def test_every_route_has_a_matrix_row(app):
    """Threat S4.1."""
    covered = {(r.rule, r.method) for r in ROWS}
    routes = {
        (rule.rule, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    missing = sorted(routes - covered)
    assert not missing, f"routes without a permission-matrix row: {missing}"
    stale = sorted(covered - routes)
    assert not stale, f"matrix rows for routes that no longer exist: {stale}"


def test_matrix_covers_every_state_move():
    """Threat S4.1."""
    variants = {r.variant for r in ROWS if r.rule.endswith("action>")}
    assert variants == set(services.MOVES)


@pytest.mark.parametrize(
    "path",
    [
        "/articles/987654",
        "/claims/987654",
        "/claims/987654/panel",
        "/api/v1/articles/987654",
        "/api/v1/claims/987654",
    ],
)
def test_missing_objects_are_404_for_every_role(app, people, path):
    """Threat S4.1."""
    for name in ACTOR.values():
        client = Client(app)
        client.login(name)
        assert client.get(path).status_code == 404, (name, path)


def test_other_users_token_cannot_be_revoked_and_stays_live(app, people):
    """Threat S4.7."""
    with app.app_context():
        otto = db.session.scalar(db.select(User).where(User.username == OTHER))
        token, _ = accounts.create_token(otto, "otto's script")
        token_id = token.id
    client = Client(app)
    client.login("eddie")
    assert client.post(f"/settings/tokens/{token_id}/revoke", {}).status_code == 404
    with app.app_context():
        assert db.session.get(ApiToken, token_id).revoked_at is None


def test_roles_in_the_matrix_are_all_roles():
    """Threat S4.1."""
    assert set(ROLES[1:]) == {r.value for r in Role}
    assert ClaimStatus.approved.value in STATE_FOR.values()


def test_reviewer_cannot_approve_and_editor_cannot_approve_own(app, make_user, article_id):
    """S4.2: through the API (the page forms are in test_workflow)."""
    make_user("ed", "editor")
    ed = Client(app)
    ed.login("ed")
    claim = first_claim(ed, article_id)
    base = f"/api/v1/claims/{claim['id']}"
    v = ed.api(
        "PUT",
        f"{base}/verdict",
        json={"rating": "true", "rationale": "Checked.", "version": claim["version"]},
    )
    v = ed.api("POST", f"{base}/submit", json={"version": v.json["version"]}).json["version"]
    r = ed.api("POST", f"{base}/approve", json={"version": v})
    assert r.status_code == 403 and "four-eyes" in r.get_json()["message"]
    app.config["FOUR_EYES"] = False
    assert ed.api("POST", f"{base}/approve", json={"version": v}).status_code == 200

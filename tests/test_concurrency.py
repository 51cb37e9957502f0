"""Concurrent editors: every write commits (version + 1, one Event) or answers 409; two editors
approving at once give one approval. On SQLite and on PostgreSQL."""

from __future__ import annotations

import importlib.util
import sys
import threading

import pytest

from workbench import ROOT
from workbench.db import db
from workbench.models import Claim, ClaimStatus, Event

from .conftest import BACKENDS, Client, unavailable

ROOT_BENCH = ROOT / "bench"


def _race(calls):
    """Run the calls at the same moment (a barrier), return their responses in order."""
    barrier = threading.Barrier(len(calls))
    out = [None] * len(calls)

    def run(i, fn):
        barrier.wait()
        out[i] = fn()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def _submitted_claim(reviewer, article_id) -> tuple[int, int]:
    claim = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()["claims"][0]
    cid = claim["id"]
    v = reviewer.api(
        "PUT",
        f"/api/v1/claims/{cid}/verdict",
        json={"rating": "true", "rationale": "Checked.", "version": claim["version"]},
    ).json["version"]
    v = reviewer.api("POST", f"/api/v1/claims/{cid}/submit", json={"version": v}).json["version"]
    return cid, v


def _editors(app, make_user, n: int) -> list[Client]:
    clients = []
    for i in range(n):
        make_user(f"ed{i}", "editor")
        client = Client(app)
        assert client.login(f"ed{i}").status_code == 302
        client.csrf()
        clients.append(client)
    return clients


def test_two_editors_approving_at_once_give_one_approval(app, make_user, reviewer, article_id):
    """Threat S4.6."""
    cid, v = _submitted_claim(reviewer, article_id)
    editors = _editors(app, make_user, 4)
    answers = _race(
        [
            lambda c=c: c.api("POST", f"/api/v1/claims/{cid}/approve", json={"version": v})
            for c in editors
        ]
    )
    codes = sorted(r.status_code for r in answers)
    assert codes == [200, 409, 409, 409], [r.get_json() for r in answers]
    with app.app_context():
        claim = db.session.get(Claim, cid)
        approvals = db.session.scalars(
            db.select(Event).where(Event.claim_id == cid, Event.action == "approve")
        ).all()
        assert claim.status is ClaimStatus.approved and claim.version == v + 1
        assert len(approvals) == 1
        winner = next(r for r in answers if r.status_code == 200).get_json()
        assert claim.verdict.approved_by.username == winner["verdict"]["approved_by"]


def test_approve_racing_a_verdict_edit_lets_exactly_one_win(app, make_user, reviewer, article_id):
    """Threat S4.6."""
    cid, v = _submitted_claim(reviewer, article_id)
    (editor,) = _editors(app, make_user, 1)
    reopen = reviewer.api("POST", f"/api/v1/claims/{cid}/dismiss", json={"version": v})
    assert reopen.status_code == 409  # submitted claims cannot be dismissed: state guard
    answers = _race(
        [
            lambda: editor.api("POST", f"/api/v1/claims/{cid}/approve", json={"version": v}),
            lambda: editor.api(
                "POST", f"/api/v1/claims/{cid}/return", json={"version": v, "note": "No."}
            ),
        ]
    )
    assert sorted(r.status_code for r in answers) == [200, 409]
    with app.app_context():
        actions = db.session.scalars(
            db.select(Event.action).where(Event.claim_id == cid).order_by(Event.id)
        ).all()
    assert actions[:2] == ["verdict", "submit"] and len(actions) == 3
    assert actions[2] in ("approve", "return")


def test_parallel_verdict_saves_never_lose_an_update(app, make_user, article_id, reviewer):
    """Threat S4.5, S4.6."""
    claim = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()["claims"][0]
    cid, v = claim["id"], claim["version"]
    writers = []
    for i in range(6):
        make_user(f"w{i}", "reviewer")
        client = Client(app)
        client.login(f"w{i}")
        client.csrf()
        writers.append(client)
    answers = _race(
        [
            lambda c=c, i=i: c.api(
                "PUT",
                f"/api/v1/claims/{cid}/verdict",
                json={"rating": "false", "rationale": f"writer {i}", "version": v},
            )
            for i, c in enumerate(writers)
        ]
    )
    codes = sorted(r.status_code for r in answers)
    assert codes == [200] + [409] * 5
    for r in answers:
        if r.status_code == 409:
            assert r.get_json()["current"]["version"] == v + 1
    with app.app_context():
        assert db.session.get(Claim, cid).version == v + 1
        n = db.session.scalar(db.select(db.func.count(Event.id)).where(Event.claim_id == cid))
        assert n == 1


def _stress_module():
    spec = importlib.util.spec_from_file_location("bench_stress", ROOT_BENCH / "stress.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_gunicorn_stress_keeps_the_invariants(backend):
    """S4.6: A small version of bench/stress.py: real gunicorn workers, concurrent token clients."""
    stress = _stress_module()
    if backend == "postgresql":
        from sqlalchemy import create_engine, text

        engine = create_engine(stress.POSTGRES_URL)
        try:
            with engine.connect() as conn:
                conn.execute(text("select 1"))
        except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
            unavailable(f"PostgreSQL is not reachable: {exc.__class__.__name__}")
        finally:
            engine.dispose()
    result = stress.run(backend, clients=8, edits=10, claims=3, workers=3)
    assert result.errors == []
    assert result.statuses[500] == 0, result.bodies_500[:3]
    assert result.locked == 0
    assert result.statuses[503] == 0
    assert result.other == 0, result.statuses
    assert sum(result.statuses.values()) == 8 * 10
    assert sum(result.accepted.values()) >= 3  # each claim's first write cannot be stale
    assert result.statuses[200] + result.statuses[201] + result.statuses[409] == 80
    assert result.mismatches == []


def test_concurrent_identical_claims_make_exactly_one(app, reviewer, article_id):
    """S4.6: eight clients create the same span at once."""
    clients = [Client(app) for _ in range(8)]
    for c in clients:
        assert c.login("rita").status_code == 302
    barrier = threading.Barrier(len(clients))
    codes: list[int | str] = []

    def create(client: Client) -> None:
        barrier.wait()
        try:
            r = client.api(
                "POST", f"/api/v1/articles/{article_id}/claims", json={"start": 0, "end": 9}
            )
        except Exception as exc:  # noqa: BLE001 - a crash is a result to report, not to hide
            codes.append(repr(exc))
        else:
            codes.append(r.status_code)

    threads = [threading.Thread(target=create, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes, key=str) == [201] + [409] * 7, codes
    with app.app_context():
        spans = db.session.scalars(
            db.select(Claim).where(
                Claim.article_id == article_id, Claim.start_offset == 0, Claim.end_offset == 9
            )
        ).all()
    assert len(spans) == 1

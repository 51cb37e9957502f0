"""Helpers shared by the feature test files (fixtures live in conftest.py)."""

from __future__ import annotations

from workbench import create_app
from workbench.db import db
from workbench.models import Claim, Event


def first_claim(client, article_id):
    """The article's first claim as the API shows it."""
    return client.api("GET", f"/api/v1/articles/{article_id}").get_json()["claims"][0]


def claim_unchanged(app, claim_id, version):
    """The claim is still at `version` and has no history: a refused change wrote nothing."""
    with app.app_context():
        claim = db.session.get(Claim, claim_id)
        events = db.session.scalar(
            db.select(db.func.count(Event.id)).where(Event.claim_id == claim_id)
        )
        return claim.version == version and events == 0


def own_sqlite_app(tmp_path, **config):
    """An app of its own on a SQLite file in tmp_path (created once, shared by later calls)."""
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path}/own.sqlite",
            "SECRET_KEY": "p" * 40,
            "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
            **config,
        }
    )
    with app.app_context():
        db.create_all()
    return app

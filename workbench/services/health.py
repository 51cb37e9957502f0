"""Readiness: can this process reach its database right now?"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..db import db


def database_ready() -> tuple[bool, str]:
    """Run one trivial query; (True, "ok") or (False, the error's class name) — never raises."""
    try:
        db.session.execute(text("SELECT 1")).scalar_one()
    except SQLAlchemyError as exc:
        return False, exc.__class__.__name__
    finally:
        db.session.rollback()
    return True, "ok"

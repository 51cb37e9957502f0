"""Database base class, naming convention, column types and the extensions' single instances."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import JSON, DateTime, MetaData, event
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base whose constraints get stable names (migrations can alter them)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC datetime on every backend (SQLite stores it naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


#: JSON on every backend, stored as jsonb on PostgreSQL.
JSONValue = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    """The current time, timezone-aware."""
    return datetime.now(UTC)


db = SQLAlchemy(model_class=Base, engine_options={"pool_pre_ping": True})
migrate = Migrate()

_read_only: ContextVar[bool] = ContextVar("read_only", default=False)
#: Whether the current request may write (None outside a request); the web layer installs it.
def _no_request() -> bool | None:
    return None


_request_writes: Callable[[], bool | None] = _no_request


def set_request_writes(probe: Callable[[], bool | None]) -> None:
    """Install the web layer's answer to "may the current request write?"."""
    global _request_writes
    _request_writes = probe


@contextmanager
def read_only() -> Iterator[None]:
    """Mark work outside a request as read-only, so SQLite does not take the write lock."""
    token = _read_only.set(True)
    try:
        yield
    finally:
        _read_only.reset(token)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # We issue BEGIN ourselves (see _sqlite_begin) so that writers can take the lock up front.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn) -> None:
    if conn.dialect.name != "sqlite":
        return
    # A deferred transaction that later writes fails at once with SQLITE_BUSY when another
    # writer holds the lock; BEGIN IMMEDIATE waits for busy_timeout instead. Reads stay deferred.
    in_request = _request_writes()
    writes = in_request if in_request is not None else not _read_only.get()
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

"""Fact-check Workbench: the application factory."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import DEFAULTS

if TYPE_CHECKING:
    from flask import Flask

#: The repository checkout the app runs from (templates/, static/, migrations/ live here).
ROOT = Path(__file__).resolve().parent.parent
#: Outside material (reference article, benchmarks), beside the checkout when present.
SHARED = ROOT.parent / "shared"


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then instance/config.py, then WORKBENCH_* env, then `config`."""
    from flask import Flask

    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=os.environ.get("WORKBENCH_INSTANCE_PATH") or str(ROOT / "instance"),
        instance_relative_config=True,
    )
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("WORKBENCH")
    if config:
        app.config.from_mapping(config)
    _finish_config(app)

    from . import cli, web
    from .db import db, migrate

    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(ROOT / "migrations"), render_as_batch=True, compare_type=True
    )
    web.init_app(app)
    cli.init_app(app)
    proxies = int(app.config.get("PROXIES") or 0)
    if proxies > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Take the client address and scheme from the last `proxies` hops, no further.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    _freeze_once()
    return app


_frozen = False


def _freeze_once() -> None:
    """Move what the process holds once its first app is built (modules, the engine's tables,
    the route map, SQLAlchemy's mappers) out of the garbage collector's reach: a full collection
    no longer walks those ~100,000 objects, which took a third of the 1,000-claim page's server
    time (bench/browser_pages.py). Once per process, so that test runs building many apps do
    not pin each one."""
    global _frozen
    if _frozen:
        return
    import gc

    _frozen = True
    gc.collect()
    gc.freeze()


def _finish_config(app: Flask) -> None:
    """Derive the database URI and secret key; refuse unsafe production settings."""
    url = str(app.config.get("DATABASE_URL") or "")
    if not url:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{Path(app.instance_path) / 'workbench.sqlite'}"
    elif url.startswith(("postgres://", "postgresql://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    app.config.setdefault("SQLALCHEMY_DATABASE_URI", url)
    app.config["SQLALCHEMY_DATABASE_URI"] = url

    for name in ("LOG_JSON", "ACCESS_LOG"):
        if app.config.get(name) is None:
            app.config[name] = bool(app.config["PRODUCTION"])
    if app.config["PRODUCTION"]:
        if len(str(app.config.get("SECRET_KEY") or "")) < 32:
            raise RuntimeError("production needs WORKBENCH_SECRET_KEY of at least 32 characters")
        if app.debug or os.environ.get("FLASK_DEBUG") not in (None, "", "0"):
            raise RuntimeError("refusing to run in production with debug mode on")
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    elif not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))


def _instance_secret(instance: Path) -> str:
    """A random development key kept in the instance folder, so sessions survive restarts."""
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process won the race; use its key
            pass
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32))
    return path.read_text().strip()

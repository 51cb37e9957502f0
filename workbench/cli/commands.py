"""The `workbench` commands that need the app (database, accounts, import, export, demo)."""

from __future__ import annotations

import os
import secrets
import sys
import time
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from .. import ROOT, SHARED
from .extract import extract_command


@click.group("user")
def user_group() -> None:
    """Manage accounts."""


@user_group.command("create")
@click.argument("name")
@click.option("--role", type=click.Choice(["reviewer", "editor", "admin"]), default="reviewer")
@click.option("--display-name", default=None)
@with_appcontext
def user_create(name: str, role: str, display_name: str | None) -> None:
    """Create an account; the password comes from WORKBENCH_PASSWORD or a prompt."""
    from .. import services
    from ..errors import WorkbenchError
    from ..models import Role

    password = os.environ.get("WORKBENCH_PASSWORD") or click.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    try:
        user = services.create_user(name, password, Role(role), display_name)
    except WorkbenchError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"created {user.role.value} {user.username}")


@click.group("token")
def token_group() -> None:
    """Manage personal API tokens."""


@token_group.command("create")
@click.argument("username")
@click.option("--name", default="cli", help="what the token is for")
@with_appcontext
def token_create(username: str, name: str) -> None:
    """Create an API token for USERNAME; the token is printed once, as the last word."""
    from ..errors import WorkbenchError
    from ..services import accounts

    owner = _actor(accounts.normalize_username(username))
    try:
        _token, secret = accounts.create_token(owner, name)
    except WorkbenchError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"API token for {owner.username} (shown once, store it now): {secret}")


@token_group.command("revoke")
@click.argument("username")
@click.argument("token_id", type=int)
@with_appcontext
def token_revoke(username: str, token_id: int) -> None:
    """Revoke USERNAME's token TOKEN_ID."""
    from ..errors import WorkbenchError
    from ..services import accounts

    owner = _actor(accounts.normalize_username(username))
    try:
        accounts.revoke_token(owner, token_id)
    except WorkbenchError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"revoked token {token_id} of {owner.username}")


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--as", "as_user", default=None, help="user recorded as importer (default: first admin/editor)"
)
@click.option("-v", "--verbose", is_flag=True, help="name every file imported, not only failures")
@with_appcontext
def import_command(paths: tuple[str, ...], as_user: str | None, verbose: bool) -> None:
    """Import text or HTML files as articles, with claims proposed; .json files are
    annotated-JSON exports, recreated with their claims, sources, verdicts and states.

    A directory is read recursively (.txt, .md, .html, .htm and .json files). A text
    imported before (same canonical text, by sha256) is skipped, so an interrupted import
    resumes where it stopped when the same command is run again."""
    from .. import services
    from ..errors import WorkbenchError
    from ..services.imports import import_file

    actor = _actor(as_user)
    files = _import_files(paths)
    counts = {"imported": 0, "already there": 0, "failed": 0}
    started = time.perf_counter()
    try:
        with click.progressbar(
            files, label=f"importing {len(files)} file(s)", file=sys.stderr, show_pos=True
        ) as bar:
            for path in bar:
                try:
                    article = import_file(actor, path.read_bytes(), path.name)
                except services.DuplicateArticle as exc:
                    counts["already there"] += 1
                    if verbose:
                        click.echo(f"\n{path}: {exc.message}", err=True)
                    continue
                except (WorkbenchError, OSError) as exc:
                    counts["failed"] += 1
                    click.echo(f"\n{path}: {getattr(exc, 'message', None) or exc}", err=True)
                    for line in (getattr(exc, "errors", None) or [])[:20]:
                        click.echo(f"  {line}", err=True)
                    continue
                counts["imported"] += 1
                if verbose:
                    click.echo(f"\n{path}: article {article.id}, {len(article.claims)} claims")
    except KeyboardInterrupt:
        click.echo(f"\n{_import_summary(counts, started)}", err=True)
        click.echo(
            "interrupted: what was imported is kept; run the same command again to resume "
            "(texts already imported are skipped)",
            err=True,
        )
        sys.exit(130)
    click.echo(_import_summary(counts, started))
    if counts["failed"]:
        raise click.ClickException(f"{counts['failed']} file(s) could not be imported")


IMPORT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".json"})


def _import_files(paths: tuple[str, ...]) -> list[Path]:
    """The files named, and the importable files under each directory named (sorted, so a
    resumed run walks them in the same order); a file named outright is always tried."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in IMPORT_SUFFIXES
                )
            )
        else:
            files.append(path)
    return files


def _import_summary(counts: dict[str, int], started: float) -> str:
    seconds = max(time.perf_counter() - started, 1e-9)
    done = counts["imported"] + counts["already there"]
    return (
        f"imported {counts['imported']}, already there {counts['already there']}, "
        f"failed {counts['failed']} in {seconds:.1f} s "
        f"({counts['imported'] / seconds:.1f} articles/s imported, "
        f"{done / seconds:.1f} files/s read)"
    )


def _actor(name: str | None):
    from ..db import db
    from ..models import Role, User

    query = db.select(User).order_by(User.id)
    if name:
        query = query.where(User.username == name)
    else:
        query = query.where(User.role.in_([Role.admin, Role.editor]))
    user = db.session.scalar(query.limit(1))
    if user is None:
        raise click.ClickException(
            f"no user {name!r}" if name else "create an editor first (workbench user create)"
        )
    return user


@click.command("export")
@click.argument("article_id", type=int)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["annotated-json", "claimreview", "webannotation", "csv", "html"]),
    default="annotated-json",
)
@click.option(
    "--final",
    is_flag=True,
    help="a final export, signed by --signed-by: refused unless every claim is approved or "
    "dismissed",
)
@click.option("--signed-by", "signed_by", help="the editor who signs a final export (user name)")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default="-")
@with_appcontext
def export_command(
    article_id: int, fmt: str, final: bool, signed_by: str | None, output: str
) -> None:
    """Write an article's export to stdout or a file, streamed."""
    from flask import current_app

    from .. import exporters
    from ..db import read_only
    from ..errors import WorkbenchError

    if signed_by:
        if not final:
            raise click.UsageError("--signed-by signs a final export: add --final")
        signer = _actor(signed_by.strip().casefold())
        if not signer.is_editor or not signer.active:
            raise click.ClickException(f"{signer.username!r} is not an active editor")
        signed_by = signer.username
    with read_only():  # a long export must not hold SQLite's write lock
        try:
            result = exporters.prepare(
                article_id, fmt, final=final, signed_by=signed_by, config=current_app.config
            )
        except WorkbenchError as exc:
            for item in (getattr(exc, "extra", None) or {}).get("pending", [])[:50]:
                click.echo(f"  claim {item['id']}: {item['status']}", err=True)
            raise click.ClickException(exc.message) from None
        except exporters.UnsignedFinal:  # complete, but nobody to sign it
            raise click.UsageError("a final export needs --signed-by EDITOR") from None
        with click.open_file(output, "wb") as fh:  # bytes: CSV line ends stay CRLF everywhere
            for chunk in result.chunks:
                fh.write(chunk.encode("utf-8"))


@click.command("search-index")
@with_appcontext
def search_index_command() -> None:
    """Rebuild the search index from the tables (after rows were loaded outside the app)."""
    from ..services import search

    count = search.rebuild_index()
    click.echo(f"indexed {count} claims")


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Create demo accounts (new passwords printed once) and load the demo articles."""
    from .. import services
    from ..db import db
    from ..ingest import ingest_upload
    from ..models import Role, User

    click.echo("Demo accounts (passwords are new each time this runs):")
    accounts = {}
    for name, role in (("reviewer", Role.reviewer), ("editor", Role.editor), ("admin", Role.admin)):
        password = secrets.token_urlsafe(12)
        user = db.session.scalar(db.select(User).where(User.username == name))
        if user is None:
            user = services.create_user(name, password, role, name.title())
        else:
            services.set_password(user, password)
        accounts[name] = user
        click.echo(f"  {name:9} {password}")
    for path in _demo_articles():
        try:
            article = services.import_article(
                accounts["editor"], ingest_upload(path.read_bytes(), path.name)
            )
        except services.DuplicateArticle as exc:
            click.echo(f"{path.name}: already loaded as article {exc.existing.id}")
            continue
        click.echo(f"{path.name}: article {article.id} with {len(article.claims)} proposed claims")


def _demo_articles() -> list[Path]:
    found = sorted((SHARED / "corpus").glob("*.txt")) if (SHARED / "corpus").is_dir() else []
    return found + [ROOT / "workbench" / "demo" / "sample-article.txt"]


def init_app(app: Flask) -> None:
    """Make the same commands available to `flask --app workbench`."""
    for command in (
        extract_command,
        user_group,
        token_group,
        import_command,
        export_command,
        demo_command,
        search_index_command,
    ):
        app.cli.add_command(command)

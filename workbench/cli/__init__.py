"""The `workbench` command: the Flask CLI with the app loaded, plus our own commands.

`workbench extract` needs neither the app nor a database, so it is dispatched before Flask
is imported; every other command goes through Flask's CLI group with the app loaded."""

from __future__ import annotations

import sys
from typing import Any

import click

from .extract import extract_command


def _flask_group() -> click.Group:
    from flask.cli import FlaskGroup

    def create_app():
        from .. import create_app

        return create_app()

    return FlaskGroup(
        name="workbench",
        create_app=create_app,
        add_version_option=False,
        help="Fact-check Workbench. The database comes from WORKBENCH_DATABASE_URL "
        "(default: SQLite).",
    )


class _Entry(click.Group):
    """The console script: `extract` runs at once, the rest through Flask's group."""

    def main(self, args: Any = None, prog_name: str | None = None, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        name = prog_name or "workbench"
        if argv[:1] == ["extract"]:
            return extract_command.main(args=argv[1:], prog_name=f"{name} extract", **extra)
        return _flask_group().main(args=argv, prog_name=name, **extra)


main = _Entry(name="workbench")


def init_app(app) -> None:
    """Make the same commands available to `flask --app workbench` and `workbench`."""
    from .commands import init_app as add_commands

    add_commands(app)

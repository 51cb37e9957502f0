"""The `workbench` command: accounts, import, export, and extraction without a database."""

from __future__ import annotations

import json

import pytest

from workbench.db import db
from workbench.models import Article, User

from .conftest import REFERENCE, SAMPLE_TEXT, unavailable


def test_user_create_reads_the_password_from_the_environment(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["user", "create", "Nora", "--role", "editor"],
        env={"WORKBENCH_PASSWORD": "a long enough passphrase"},
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == "nora"))
        assert user.role.value == "editor"


def test_user_create_refuses_a_duplicate(app, make_user):
    make_user("nora", "editor")
    result = app.test_cli_runner().invoke(
        args=["user", "create", "NORA"], env={"WORKBENCH_PASSWORD": "a long enough passphrase"}
    )
    assert result.exit_code != 0
    assert "already exists" in result.output


def test_import_then_export(app, make_user, tmp_path):
    make_user("nora", "editor")
    good = tmp_path / "budget.txt"
    good.write_text(SAMPLE_TEXT, encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Page</title></head>"
        "<body><p>Prices rose 5% in May 2024.</p></body></html>"
    )
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import", str(good), str(page)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        ids = db.session.scalars(db.select(Article.id).order_by(Article.id)).all()
    assert len(ids) == 2
    out = tmp_path / "out.json"
    result = runner.invoke(args=["export", str(ids[0]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["article"]["text"].startswith("Published: March 3, 2025")


def test_import_reports_bad_files_and_exits_nonzero(app, make_user, tmp_path):
    make_user("nora", "editor")
    bad = tmp_path / "image.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n")
    result = app.test_cli_runner().invoke(args=["import", str(bad)])
    assert result.exit_code != 0
    assert "image.png" in result.output


def test_export_of_unknown_article_fails_cleanly(app):
    result = app.test_cli_runner().invoke(args=["export", "4242"])
    assert result.exit_code != 0
    assert "no article 4242" in result.output


def test_extract_file_needs_no_database(tmp_path):
    from click.testing import CliRunner

    from workbench.cli import main

    path = tmp_path / "a.txt"
    path.write_text(SAMPLE_TEXT, encoding="utf-8")
    env = {"WORKBENCH_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"}
    result = CliRunner().invoke(main, ["extract", str(path)], env=env)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["article"]["published"] == "2025-03-03"
    assert doc["claims"]


def test_extract_jsonl_keeps_order(tmp_path):
    from click.testing import CliRunner

    from workbench.cli import main

    lines = [
        {"text": "Sales rose 5% in 2023.", "published": "2024-01-10"},
        {"text": "No figures here at all", "published": None},
        {"text": "The firm paid $3 billion last October.", "published": "2024-05-01"},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--jsonl", str(src)])
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.output.splitlines()]
    assert [d["article"]["text"] for d in docs] == [x["text"] for x in lines]
    money = [f for c in docs[2]["claims"] for f in c["figures"] if f["category"] == "money"]
    assert money and money[0]["value"]["amount"] == 3_000_000_000


def test_extract_reference_article_detects_its_date():
    from click.testing import CliRunner

    from workbench.cli import main

    if not REFERENCE.exists():
        unavailable("the reference article is missing")
    result = CliRunner().invoke(main, ["extract", str(REFERENCE)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["article"]["published"] == "2024-05-01"
    assert len(doc["claims"]) >= 15


@pytest.mark.backends("sqlite")  # only SQLite has a database-wide write lock
def test_export_leaves_sqlite_writable_while_it_streams(app, make_user, tmp_path):
    """S6.5: A CLI export reads in a deferred transaction: another writer is not locked out."""
    import sqlite3

    from workbench.db import read_only

    make_user("nora", "editor")
    with app.app_context(), read_only():
        db.session.scalar(db.select(User).limit(1))  # opens the export's transaction
        path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
        other = sqlite3.connect(path, timeout=0.1, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # would fail with "database is locked" otherwise
        other.execute("ROLLBACK")
        other.close()
        db.session.rollback()

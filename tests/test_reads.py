"""One room per stage: views read only through the read side, the claim document has one
builder (API, exports, `workbench extract`), and history rows name a known action."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import jsonschema
import pytest

from tests.test_architecture import _lint
from workbench import ROOT
from workbench.db import db
from workbench.exporters.annotated import schema
from workbench.models import Event, EventAction


def test_no_view_module_runs_a_query_itself():
    """Every read goes through workbench.services.queries; every rollback through a service."""
    found = [
        f"{path.name}:{n}"
        for path in sorted((ROOT / "workbench" / "web").glob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\bdb\.(select|session)\b", line)
    ]
    assert found == []


def test_extract_imports_neither_flask_nor_sqlalchemy(tmp_path):
    """`workbench extract` builds its document with the pure builder: no app stack at all."""
    path = tmp_path / "a.txt"
    path.write_text("The city spent $5 million on 12 bridges in 2024.\n", encoding="utf-8")
    probe = (
        "import sys\n"
        "from workbench.cli import main\n"
        f"sys.argv = ['workbench', 'extract', {str(path)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules}"
        " & {'flask', 'sqlalchemy', 'flask_sqlalchemy', 'werkzeug'})\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stderr, result.stderr
    assert '"quote": "' in result.stdout


def test_api_claim_and_exported_claim_are_the_same_object(reviewer, article_id):
    """The API's claim (ORM rows) and the export's claim (streamed rows) share one builder."""
    claim = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()["claims"][0]
    url = f"/api/v1/claims/{claim['id']}"
    version = claim["version"]
    source = {"url": "https://stats.example/a", "title": "Stats", "stance": "supports"}
    r = reviewer.api("POST", f"{url}/sources", json={**source, "version": version})
    assert r.status_code == 201
    version = r.get_json()["version"]
    r = reviewer.api(
        "PUT", f"{url}/verdict", json={"rating": "true", "rationale": "ok", "version": version}
    )
    assert r.status_code == 200
    one = reviewer.api("GET", url).get_json()
    doc = reviewer.api("GET", f"/api/v1/articles/{article_id}/export").get_json()
    exported = next(c for c in doc["claims"] if c["id"] == claim["id"])
    # The export alone carries the claim's discussion thread (issue 14): the same builder,
    # given the thread; the API's claim has its own /comments route.
    assert exported.pop("discussion")["comments"] == [] and "discussion" not in one
    assert {k: v for k, v in one.items() if k != "article_id"} == exported
    assert [h["action"] for h in exported["history"]][-2:] == ["add-source", "verdict"]
    jsonschema.validate(doc, schema())


def test_extraction_document_matches_the_schema():
    from workbench.document import extraction_document
    from workbench.extraction import extract

    text = "The city spent $5 million on 12 bridges in 2024, the mayor said on Monday."
    doc = extraction_document(text, extract(text, None), title="T")
    jsonschema.validate(doc, schema())
    assert list(doc) == ["format", "version", "status", "article", "claims", "history"]
    assert doc["claims"] and doc["claims"][0]["status"] == "open"


def test_history_actions_are_event_actions(app, reviewer, article_id):
    with app.app_context():
        actions = db.session.scalars(db.select(Event.action)).all()
    assert actions and all(isinstance(a, EventAction) for a in actions)
    assert EventAction("return") is EventAction.return_ and EventAction.approve == "approve"


def test_an_unknown_action_is_refused_before_it_is_written(app, article_id):
    from workbench.models import Article
    from workbench.services.common import record

    with app.app_context():
        article = db.session.get(Article, article_id)
        with pytest.raises(ValueError):
            record(None, article, None, "made-up", {})
        db.session.rollback()


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory):
    tree = tmp_path_factory.mktemp("tree")
    shutil.copytree(ROOT / "workbench", tree / "workbench", ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


@pytest.mark.parametrize(
    "planted",
    ["from workbench.db import db", "from sqlalchemy import select", "import flask_sqlalchemy"],
)
def test_a_view_that_opens_the_session_breaks_the_read_side_contract(tree_copy, planted):
    """The import-linter contract behind test_no_view_module_runs_a_query_itself."""
    target = tree_copy / "workbench" / "web" / "api.py"
    before = target.read_text()
    target.write_text(before + f"\n{planted}  # planted\n")
    try:
        result = _lint(tree_copy)
    finally:
        target.write_text(before)
    assert result.returncode != 0
    assert "Views hold no database session" in result.stdout.split("Broken contracts")[-1]

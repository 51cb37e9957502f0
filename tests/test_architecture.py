"""Architecture contracts (pyproject.toml [tool.importlinter]) hold, and each one can fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import ROOT

LINT = Path(sys.executable).with_name("lint-imports")
ENGINE = "The claim engine imports neither"


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT), "--no-cache"], cwd=tree, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def copy_of_tree(tmp_path_factory) -> Path:
    tree = tmp_path_factory.mktemp("tree")
    shutil.copytree(ROOT / "workbench", tree / "workbench", ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_the_contracts_hold_on_the_tree():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "planted", "contract"),
    [
        ("extraction/dates.py", "import flask", ENGINE),
        ("extraction/quotes.py", "from workbench import models", ENGINE),
        ("ingest.py", "from workbench import services", "The pure stages import no web"),
        ("sanitize.py", "import sqlalchemy", "The pure stages import no web"),
        ("services/review.py", "from flask import request", "Only the web layer"),
        ("exporters/csv_rows.py", "from workbench.web import api", "Only the web layer"),
        ("models.py", "from workbench.web import security", "Only the web layer"),
        ("ratings.py", "from workbench.web import forms", "The pure stages import no web"),
    ],
)
def test_a_planted_violation_breaks_its_contract(copy_of_tree, module, planted, contract):
    target = copy_of_tree / "workbench" / module
    before = target.read_text() if target.exists() else None
    target.write_text((before or '"""planted"""\n') + f"\n{planted}  # planted\n")
    try:
        result = _lint(copy_of_tree)
    finally:
        if before is None:
            target.unlink()
        else:
            target.write_text(before)
    assert result.returncode != 0
    # lint-imports lists each broken contract by name after this heading
    assert contract in result.stdout.split("Broken contracts")[-1], result.stdout


def test_a_planted_cycle_breaks_the_acyclic_contract(copy_of_tree):
    target = copy_of_tree / "workbench" / "models.py"
    before = target.read_text()
    target.write_text(before + "\nfrom workbench import services  # planted\n")
    try:
        result = _lint(copy_of_tree)
    finally:
        target.write_text(before)
    assert result.returncode != 0
    assert "No import cycles" in result.stdout.split("Broken contracts")[-1], result.stdout

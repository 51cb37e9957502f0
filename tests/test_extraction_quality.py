"""Quality gate: `workbench extract` output, scored by the shared scorer, meets the targets.

The scorer and the gold annotations are read from ../shared; nothing is copied in.
"""

from __future__ import annotations

import importlib.util
import json

import pytest
from click.testing import CliRunner

from workbench import SHARED
from workbench.cli import main

from .conftest import REFERENCE, REFERENCE_GOLD, unavailable

MEANTIME = SHARED / "benchmarks" / "meantime" / "dev.jsonl"
SCORER = SHARED / "benchmarks" / "score.py"

# Issue targets: F1 per category on MEANTIME, and date value accuracy.
MEANTIME_F1 = {"money": 0.95, "percentage": 0.98, "date": 0.93, "quantity": 0.80, "duration": 0.75}


def _scorer():
    if not SCORER.exists():
        unavailable(f"the shared scorer is missing at {SCORER}")
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reference_article_scores_at_target():
    if not REFERENCE.exists():
        unavailable("the reference article is missing")
    score = _scorer()
    result = CliRunner().invoke(main, ["extract", str(REFERENCE)])
    assert result.exit_code == 0, result.output
    rows, misses = score.score_article(
        json.loads(REFERENCE_GOLD.read_text(encoding="utf-8")), json.loads(result.output)
    )
    assert rows["all"]["f1"] >= 0.95, misses
    assert rows["all"]["value_accuracy"] >= 0.95, misses
    assert rows["checkworthy"] == {"recall": 1.0, "claims_on_furniture": 0}, misses


@pytest.fixture(scope="module")
def meantime_rows():
    if not MEANTIME.exists():
        unavailable(f"MEANTIME is missing at {MEANTIME}")
    score = _scorer()
    result = CliRunner().invoke(main, ["extract", "--jsonl", str(MEANTIME)])
    assert result.exit_code == 0, result.output
    golds = [json.loads(line) for line in MEANTIME.read_text(encoding="utf-8").splitlines()]
    preds = [json.loads(line) for line in result.output.splitlines()]
    rows, _ = score.score_units(golds, preds)
    return rows


@pytest.mark.parametrize("category", sorted(MEANTIME_F1))
def test_meantime_f1_per_category_at_target(meantime_rows, category):
    assert meantime_rows[category]["f1"] >= MEANTIME_F1[category], meantime_rows[category]


def test_meantime_date_values_at_target(meantime_rows):
    assert meantime_rows["date"]["value_accuracy"] >= 0.90, meantime_rows["date"]

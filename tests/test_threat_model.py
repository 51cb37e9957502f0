"""docs/threat-model.md and the tests agree: every threat number a test cites is in the model,
and every threat the model calls defended (or partly defended) is cited by some test."""

from __future__ import annotations

import re

from workbench import ROOT

MODEL = ROOT / "docs" / "threat-model.md"
NUMBER = re.compile(r"\bS\d+\.\d+\b")
ROW = re.compile(r"^\| (S\d+\.\d+) \|.*\| (defended|partial|open) \|$", re.M)


def _entries() -> dict[str, str]:
    return dict(ROW.findall(MODEL.read_text(encoding="utf-8")))


def _cited() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if path.name == "test_threat_model.py":
            continue
        for number in NUMBER.findall(path.read_text(encoding="utf-8")):
            out.setdefault(number, set()).add(path.name)
    return out


def test_every_row_of_the_model_has_a_number_and_a_status():
    numbered = re.findall(r"^\| (S\d+\.\d+) \|", MODEL.read_text(encoding="utf-8"), re.M)
    assert numbered and len(numbered) == len(set(numbered)) == len(_entries())


def test_every_cited_threat_is_in_the_model():
    unknown = {n: files for n, files in _cited().items() if n not in _entries()}
    assert not unknown, f"tests cite threats missing from {MODEL.name}: {unknown}"


def test_every_defended_threat_is_cited_by_a_test():
    cited = _cited()
    bare = [n for n, status in _entries().items() if status in ("defended", "partial")]
    missing = [n for n in bare if n not in cited]
    assert not missing, f"defended in {MODEL.name} but cited by no test: {missing}"

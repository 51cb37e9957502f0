"""The highlighted text of the article page: same pieces as the plain algorithm, in linear work."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pytest

from workbench.highlight import Piece, runs, segments


@dataclass
class F:
    start_offset: int
    end_offset: int
    category: str


@dataclass
class C:
    start_offset: int
    end_offset: int
    status: str = "open"
    figures: list[F] = field(default_factory=list)


def _reference(text, claims):
    """The plain algorithm: every run scans all figures of its claim."""
    out = []
    for run in runs(text, claims):
        if out and out[-1][1] is run.claim and run.claim is not None:
            seg = out[-1]
        else:
            seg = (run.start, run.claim, [])
            out.append(seg)
        end = run.start + len(run.text)
        pos = run.start
        for f in getattr(run.claim, "figures", None) or []:
            a, b = max(f.start_offset, pos), min(f.end_offset, end)
            if a >= b:
                continue
            if a > pos:
                seg[2].append(Piece(text[pos:a], pos))
            seg[2].append(Piece(text[a:b], a, f.category))
            pos = b
        if pos < end:
            seg[2].append(Piece(text[pos:end], pos))
    return [(s, c, p) for s, c, p in out]


@pytest.mark.parametrize("seed", range(300))
def test_pieces_equal_the_plain_algorithm(seed):
    rng = random.Random(seed)
    n = rng.randint(1, 80)
    text = "".join(rng.choice("ab c") for _ in range(n))
    claims = []
    for _ in range(rng.randint(0, 6)):
        a = rng.randint(0, n - 1)
        b = rng.randint(a + 1, n)
        figs = []
        for _ in range(rng.randint(0, 5)):
            fa = rng.randint(a, b - 1)
            figs.append(F(fa, rng.randint(fa + 1, b), rng.choice(["money", "date"])))
        figs.sort(key=lambda f: f.start_offset)
        claims.append(C(a, b, rng.choice(["open", "dismissed", "approved"]), figs))
    got = [(s.start, s.claim, s.pieces) for s in segments(text, claims)]
    assert got == _reference(text, claims)
    assert "".join(p.text for s in segments(text, claims) for p in s.pieces) == text


class Counting(list):
    """A figure list that counts how many figures are read."""

    reads = 0

    def __iter__(self):
        for item in super().__iter__():
            Counting.reads += 1
            yield item


def test_many_figures_cut_by_many_nested_claims_are_read_once():
    """S8.3, S3.5: One open claim with thousands of figures and hundreds of small dismissed
    claims inside it (a page bomb by import; seen with 30,000 and 4,999): each figure is read
    once, not once per run of text between the nested claims."""
    text = "x " * 4_000
    figures = Counting(F(2 * i, 2 * i + 1, "quantity") for i in range(3_000))
    big = C(0, len(text), "open", figures)
    nested = [C(10 * i + 1, 10 * i + 2, "dismissed") for i in range(500)]
    Counting.reads = 0
    out = segments(text, [big, *nested])
    assert Counting.reads <= 3_000
    assert sum(1 for s in out for p in s.pieces if p.category == "quantity") == 3_000

"""A time budget for one extraction, checked in the engine's loops.

``extract(text, published, budget=10)`` gives the engine ten seconds; the stages call
``checkpoint()`` as they go, and past the deadline it raises ``ExtractionBudgetExceeded``
so that no input can hold a worker until its server kills it. The current budget is held
in a context variable, so the stages need no extra argument to reach it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar


class ExtractionBudgetExceeded(Exception):
    """The extraction ran past its time budget; whatever it had found is dropped."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"extraction took longer than its budget of {seconds:g} seconds")
        self.seconds = seconds


class Budget:
    """A deadline ``seconds`` from now; ``check`` raises once it has passed."""

    def __init__(self, seconds: float, clock=time.monotonic) -> None:
        if seconds <= 0:
            raise ValueError("an extraction budget is a positive number of seconds")
        self.seconds = float(seconds)
        self._clock = clock
        self.deadline = clock() + self.seconds
        self.checks = 0  # how often the engine looked at the clock (tests count work by it)

    def check(self) -> None:
        self.checks += 1
        if self._clock() > self.deadline:
            raise ExtractionBudgetExceeded(self.seconds)


_CURRENT: ContextVar[Budget | None] = ContextVar("extraction_budget", default=None)


def checkpoint() -> None:
    """Raise ``ExtractionBudgetExceeded`` if the running extraction is past its budget."""
    budget = _CURRENT.get()
    if budget is not None:
        budget.check()


@contextmanager
def running(budget: Budget | float | None) -> Iterator[Budget | None]:
    """Make ``budget`` (a Budget or seconds; None: no limit) the current one inside the block."""
    if budget is not None and not isinstance(budget, Budget):
        budget = Budget(float(budget))
    token = _CURRENT.set(budget)
    try:
        if budget is not None:
            budget.check()
        yield budget
    finally:
        _CURRENT.reset(token)

"""The claim engine: text and publication date in, claims with figures and hints out."""

from .budget import Budget, ExtractionBudgetExceeded
from .engine import extract

__all__ = ["Budget", "ExtractionBudgetExceeded", "extract"]

"""The claim engine: text and publication date in, claims with figures and hints out."""

from .engine import extract

__all__ = ["extract"]

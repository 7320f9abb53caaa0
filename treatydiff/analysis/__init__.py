"""Position analysis: findings of regression, progress and review (placeholder)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Comparison


def analyse(comparison: Comparison, *, lexicon: Mapping[str, Any] | None = None) -> Comparison:
    """Return ``comparison`` with its findings filled in."""
    return comparison

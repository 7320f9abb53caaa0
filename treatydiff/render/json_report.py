"""JSON renderer (placeholder; the full, schema-backed one comes with the compare engine)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Comparison
    from . import RenderOptions


def render(comparison: Comparison, options: RenderOptions) -> bytes:
    pairs: list[dict[str, Any]] = []
    for pair in comparison.pairs:
        pairs.append({
            "old": {"id": pair.old.id, "label": pair.old.label} if pair.old else None,
            "new": {"id": pair.new.id, "label": pair.new.label} if pair.new else None,
            "kinds": [k.value for k in pair.kinds],
            "similarity": pair.similarity,
            "segments": [{"op": s.op.value, "text": s.text} for s in pair.segments],
        })
    return (json.dumps({"pairs": pairs, "findings": []}, ensure_ascii=False, indent=2) + "\n").encode()

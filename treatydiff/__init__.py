"""treatydiff: compare negotiated treaty drafts round by round.

The library API; the CLI (:mod:`treatydiff.cli`) is a thin shell over it::

    from treatydiff import load_negotiation, compare
    from treatydiff.render import render
    n = load_negotiation(Path("drafts/caucasus-peace"))
    result = compare(n.rounds[-2], n.rounds[-1])
    Path("r8.html").write_bytes(render(result, "html"))

Names are imported on first use (module ``__getattr__``), so ``import treatydiff`` (and with it
``import treatydiff.cli``) does not load the pipeline. Everything not in ``__all__`` is internal
and may move between releases.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> the module that defines it
_EXPORTS: dict[str, str] = {
    # the data model
    **dict.fromkeys(
        (
            "AgreementStatus", "ChangeKind", "ClausePair", "CompareOptions", "Comparison", "Direction",
            "Finding", "Negotiation", "NegotiationInfo", "Op", "Party", "Provision", "ProvisionKind",
            "Round", "RoundInfo", "Segment", "Span",
        ),
        "treatydiff.model",
    ),
    # errors
    **dict.fromkeys(
        (
            "ClauseFileError", "ConfigError", "DraftImportError", "FileFormatError", "InputError",
            "OutputError", "PolicyTripped", "TreatydiffError", "UnsafeInputError", "UsageError",
        ),
        "treatydiff.errors",
    ),
    # formats and import
    "dump_round": "treatydiff.formats.clausefile",
    "load_round": "treatydiff.formats.clausefile",
    "round_from_text": "treatydiff.formats.clausefile",
    "load_negotiation": "treatydiff.formats.negotiation",
    "ImportOptions": "treatydiff.importers",
    "ImportResult": "treatydiff.importers",
    "import_draft": "treatydiff.importers",
    # compare two rounds
    "Settings": "treatydiff.settings",
    "compare": "treatydiff.pipeline",
    # many rounds
    "ClauseHistory": "treatydiff.timeline.history",
    "NegotiationTimeline": "treatydiff.timeline.timeline",
    "build_timeline": "treatydiff.timeline.build",
    "clause_history": "treatydiff.timeline.history",
    "Blame": "treatydiff.timeline.blame",
    "blame": "treatydiff.timeline.blame",
    "SynopsisView": "treatydiff.views.synopsis",
    "synopsis_view": "treatydiff.views.synopsis",
    # bytes (``render()`` itself is :func:`treatydiff.render.render`: the subpackage's name)
    "RenderOptions": "treatydiff.render",
    "build_site": "treatydiff.render.site",
}

__all__ = [
    "AgreementStatus",
    "Blame",
    "ChangeKind",
    "ClauseFileError",
    "ClauseHistory",
    "ClausePair",
    "CompareOptions",
    "Comparison",
    "ConfigError",
    "Direction",
    "DraftImportError",
    "FileFormatError",
    "Finding",
    "ImportOptions",
    "ImportResult",
    "InputError",
    "Negotiation",
    "NegotiationInfo",
    "NegotiationTimeline",
    "Op",
    "OutputError",
    "Party",
    "PolicyTripped",
    "Provision",
    "ProvisionKind",
    "RenderOptions",
    "Round",
    "RoundInfo",
    "Segment",
    "Settings",
    "Span",
    "SynopsisView",
    "TreatydiffError",
    "UnsafeInputError",
    "UsageError",
    "__version__",
    "blame",
    "build_site",
    "build_timeline",
    "clause_history",
    "compare",
    "dump_round",
    "import_draft",
    "load_negotiation",
    "load_round",
    "round_from_text",
    "synopsis_view",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'treatydiff' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:  # the static view of the lazy names above
    from .errors import (
        ClauseFileError,
        ConfigError,
        DraftImportError,
        FileFormatError,
        InputError,
        OutputError,
        PolicyTripped,
        TreatydiffError,
        UnsafeInputError,
        UsageError,
    )
    from .formats.clausefile import dump_round, load_round, round_from_text
    from .formats.negotiation import load_negotiation
    from .importers import ImportOptions, ImportResult, import_draft
    from .model import (
        AgreementStatus,
        ChangeKind,
        ClausePair,
        CompareOptions,
        Comparison,
        Direction,
        Finding,
        Negotiation,
        NegotiationInfo,
        Op,
        Party,
        Provision,
        ProvisionKind,
        Round,
        RoundInfo,
        Segment,
        Span,
    )
    from .pipeline import compare
    from .render import RenderOptions
    from .render.site import build_site
    from .settings import Settings
    from .timeline.blame import Blame, blame
    from .timeline.build import build_timeline
    from .timeline.history import ClauseHistory, clause_history
    from .timeline.timeline import NegotiationTimeline
    from .views.synopsis import SynopsisView, synopsis_view

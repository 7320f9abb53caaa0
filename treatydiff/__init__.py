"""treatydiff: compare negotiated treaty drafts round by round.

The library API; the CLI (:mod:`treatydiff.cli`) is a thin shell over it::

    from treatydiff import load_negotiation, compare
    n = load_negotiation(Path("drafts/caucasus-peace"))
    result = compare(n.rounds[-2], n.rounds[-1])
"""

from __future__ import annotations

from .clausefile import dump_round, load_round, round_from_text
from .compare import compare
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
from .negotiation import load_negotiation

__version__ = "0.1.0"

__all__ = [
    "AgreementStatus",
    "ChangeKind",
    "ClauseFileError",
    "ClausePair",
    "CompareOptions",
    "Comparison",
    "ConfigError",
    "Direction",
    "DraftImportError",
    "FileFormatError",
    "Finding",
    "InputError",
    "Negotiation",
    "NegotiationInfo",
    "Op",
    "OutputError",
    "Party",
    "PolicyTripped",
    "Provision",
    "ProvisionKind",
    "Round",
    "RoundInfo",
    "Segment",
    "Span",
    "TreatydiffError",
    "UnsafeInputError",
    "UsageError",
    "__version__",
    "compare",
    "dump_round",
    "load_negotiation",
    "load_round",
    "round_from_text",
]

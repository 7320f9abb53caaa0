"""What every page calls things: agreement statuses, and one view of a finding.

One table of status names (in a sentence: "agreed ad ref."; as a badge: "Agreed ad ref.") and
one :class:`FindingView` for the compare report's list of findings and a history's entries.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import AgreementStatus

STATUS_TEXT = {
    AgreementStatus.NOT_DISCUSSED: "not discussed",
    AgreementStatus.PROPOSED: "proposed",
    AgreementStatus.AGREED_AD_REFERENDUM: "agreed ad ref.",
    AgreementStatus.AGREED: "agreed",
}
STATUS_LABELS = {status: text[:1].upper() + text[1:] for status, text in STATUS_TEXT.items()}


@dataclass(frozen=True)
class FindingView:
    """A finding as a page shows it; a history entry fills the first five fields, the compare
    report's list of findings all but ``words``."""

    code: str
    direction: str  # css class: regression / progress / review
    explanation: str
    obligated: str  # who bears the obligation (codes in a history, names in the report)
    words: str = ""  # “old” → “new”, in a history entry
    number: int = 0
    href: str = ""
    css: str = ""
    direction_label: str = ""
    code_label: str = ""
    provision: str = ""
    old_words: str = ""
    new_words: str = ""
    favours: str = ""
    rule: str = ""
    finding_id: str = ""
    effect: str = ""  # cost | gain | neutral, with --as
    perspective: str = ""  # "for AM: cost — …", with --as
    review: str = ""  # "dismissed on review: why"

"""Agreement status between two rounds: what was agreed, and what reopened it.

A change to a provision marked agreed (or agreed ad referendum) in the older round is
``agreed-text-reopened`` whatever its wording: once agreed, any substantive edit is the most
serious alarm.  An editorial edit of agreed text is shown for review, not as a regression.
"""

from __future__ import annotations

from ..diff.worddiff import has_substantive_change
from ..model import ClausePair, Direction, Finding
from .explain import quote, where


def _changed_words(pair: ClausePair) -> tuple[str, str]:
    from ..model import Op

    segments = (*pair.segments, *pair.notes_segments)  # footnotes are agreed text too
    old = " ".join(s.text.strip() for s in segments if s.op == Op.DELETE and not s.ignorable)
    new = " ".join(s.text.strip() for s in segments if s.op == Op.INSERT and not s.ignorable)
    return old, new


def _text_changed(pair: ClausePair) -> bool:
    return has_substantive_change(pair.segments) or has_substantive_change(pair.notes_segments)


def _paragraph_changed(pair: ClausePair) -> bool:
    if pair.old is None or pair.new is None:
        return True
    return _text_changed(pair) or any(_paragraph_changed(child) for child in pair.paragraphs)


def status_findings(pair: ClausePair, *, editorial: bool, language: str) -> list[Finding]:
    """Findings from the agreement status of one pair."""
    old, new = pair.old, pair.new
    if old is None:
        return []
    was_agreed = old.status is not None and old.status.is_agreed
    if not was_agreed:  # every finding below is about text agreed in the older round
        return []
    label = where(pair.new_citation or pair.old_citation)
    base = dict(pair_key=pair.key, old_label=pair.old_citation, new_label=pair.new_citation, language=language)
    if new is None:
        return [Finding("agreed-text-reopened", Direction.REGRESSION, old_words=old.text, new_words="", rule="status.agreed-deleted",
                        explanation=f"{pair.old_citation} was {old.status.value if old.status else 'agreed'} and has been deleted: agreed text was reopened.",
                        **base)]  # type: ignore[arg-type]
    if was_agreed and _text_changed(pair):
        old_words, new_words = _changed_words(pair)
        if editorial:
            return [Finding("agreed-text-edited", Direction.REVIEW, old_words=old_words, new_words=new_words, rule="status.agreed-edited",
                            explanation=f"agreed text{label} was edited ({quote(old_words or '…')} → {quote(new_words or '…')}); the change looks editorial, confirm both sides accept it.",
                            **base)]  # type: ignore[arg-type]
        return [Finding("agreed-text-reopened", Direction.REGRESSION, old_words=old_words, new_words=new_words, rule="status.agreed-changed",
                        explanation=f"the text{label} was marked {old.status.value if old.status else 'agreed'} and changed ({quote(old_words or '…')} → {quote(new_words or '…')}): agreed text was reopened.",
                        **base)]  # type: ignore[arg-type]
    now_agreed = new.status is not None and new.status.is_agreed
    if was_agreed and any(_paragraph_changed(child) for child in pair.paragraphs):
        return [Finding("agreed-text-reopened", Direction.REGRESSION, old_words="", new_words="", rule="status.agreed-paragraph-changed",
                        explanation=f"{pair.new_citation} was marked {old.status.value if old.status else 'agreed'} and one of its paragraphs changed: agreed text was reopened.",
                        **base)]  # type: ignore[arg-type]
    if was_agreed and new.status is not None and not now_agreed:
        return [Finding("agreement-withdrawn", Direction.REGRESSION, old_words="", new_words="", rule="status.withdrawn",
                        explanation=f"{pair.new_citation} was {old.status.value if old.status else 'agreed'} and is now {new.status.value}: agreement was withdrawn.",
                        **base)]  # type: ignore[arg-type]
    return []

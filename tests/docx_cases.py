"""The DOCX redline tests' comparison (rounds in tests/data/docx/, findings built here) and helpers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from conftest import run_cli

from treatydiff.formats.clausefile import load_round
from treatydiff.model import (
    BracketTally,
    CompareOptions,
    Comparison,
    Direction,
    Finding,
    NegotiationInfo,
    Party,
    Provision,
    ProvisionKind,
    Round,
    RoundInfo,
    Span,
)
from treatydiff.pipeline import compare
from treatydiff.render.ooxml import Change, CommentEnd, Para, Run
from treatydiff.settings import Settings

PARTIES = (Party("AM", "Republic of Armenia"), Party("AZ", "Republic of Azerbaijan"))
DATA = Path(__file__).resolve().parent / "data" / "docx"
OLD = load_round(DATA / "r1-old.yaml")
NEW = load_round(DATA / "r2-new.yaml")


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words))


def synthetic_comparison() -> Comparison:
    """Renumbered, moved, inserted and deleted articles, split sub-items, and four findings."""
    comparison = compare(OLD, NEW, Settings(options=CompareOptions(analyse=False),
                                            negotiation=NegotiationInfo(title="Test Agreement", parties=PARTIES, illustrative=True)))
    keys = {}
    for pair in comparison.walk():  # whatever the aligner decides, find the pair by either side
        for pid in (pair.old.id if pair.old else None, pair.new.id if pair.new else None):
            keys.setdefault(pid, pair.key)
    a11_old, a11_new = OLD.provisions[1].paragraphs[0].text, NEW.provisions[2].paragraphs[0].text
    findings = (
        Finding(code="obligation-weakened", direction=Direction.REGRESSION, pair_key=keys["a1-1"],
                old_label="1.", new_label="1.", old_words="shall", new_words="should", rule="en.modal.shall>should",
                explanation="'shall' binds; 'should' only recommends.", obligated=("AM", "AZ"),
                old_span=_span(a11_old, "shall"), new_span=_span(a11_new, "should")),
        Finding(code="deadline-extended", direction=Direction.REGRESSION, pair_key=keys["a1-1"],
                old_label="1.", new_label="1.", old_words="30 days", new_words="90 days", rule="en.deadline.longer",
                explanation="The deadline moves from 30 to 90 days.",
                old_span=_span(a11_old, "30 days"), new_span=_span(a11_new, "90 days")),
        Finding(code="commitment-deleted", direction=Direction.REGRESSION, pair_key=keys["a4"],
                old_label="Article 4", new_label=None, old_words="This article will disappear entirely.", new_words="",
                rule="en.provision.deleted", explanation="A whole article is deleted.",
                old_span=Span(0, 4)),
        Finding(code="brackets-closed", direction=Direction.PROGRESS, pair_key=keys["a1-2"],
                old_label="2.", new_label="2.", old_words="[shall][should]", new_words="shall",
                rule="en.brackets.closed", explanation="The bracketed alternative is settled.",
                new_span=_span(NEW.provisions[2].paragraphs[1].text, "shall")),
    )
    return Comparison(
        old_round=comparison.old_round, new_round=comparison.new_round, pairs=comparison.pairs,
        findings=findings, options=comparison.options, negotiation=comparison.negotiation,
        old_brackets=BracketTally(2, 1), new_brackets=BracketTally(0, 0),
    )


def touching_insertions() -> Comparison:
    """Insertions that touch across a paragraph mark in both rounds: a preamble paragraph that
    gains words at its end before one that gains words at its start, and a text that gains
    words at its end before an inserted paragraph.  LibreOffice took each two as one change,
    mark included, and "Reject All" joined the paragraphs ("… apply.Article 2")."""
    preamble = ProvisionKind.PREAMBLE
    old = Round(RoundInfo("Old"), (
        Provision("pre-1", "Preamble, para 1", "Recalling the Charter", kind=preamble),
        Provision("pre-2", "Preamble, para 2", "Desiring peace between their peoples,", kind=preamble),
        Provision("a1", "Article 1", "For the purposes of this Agreement, the definitions of the Convention apply."),
        Provision("a2", "Article 2", "This Agreement enters into force on signature."),
    ))
    new = Round(RoundInfo("New"), (
        Provision("pre-1", "Preamble, para 1", "Recalling the Charter of the United Nations", kind=preamble),
        Provision("pre-2", "Preamble, para 2", "[Strongly] Desiring peace between their peoples,", kind=preamble),
        Provision("a1", "Article 1", "For the purposes of this Agreement, the definitions of the Convention apply. In addition:",
                  paragraphs=(Provision("a1-1", "1.", '"Convention" means the Framework Convention.', kind=ProvisionKind.PARAGRAPH),)),
        Provision("a2", "Article 2", "This Agreement enters into force on signature."),
    ))
    return compare(old, new)


def tracked_change_runs(body: Iterable[Para]) -> int:
    """How many tracked changes a reader sees: maximal runs of one kind of change in text order.

    LibreOffice shows adjacent revisions of the same kind, author and date as one change,
    across paragraph marks too; a comment's end mark closes the change it sits in (comments
    ending at one place close it once).  Moved text stays apart from plain insertions and
    deletions next to it.
    """
    count = 0
    previous = Change.NONE
    after_end = False
    for para in body:
        for item in [*(i for i in para.items if isinstance(i, Run | CommentEnd)), para.mark]:
            if isinstance(item, CommentEnd) and after_end:
                continue  # another comment ending at the same place: LibreOffice splits once
            change = item if isinstance(item, Change) else item.change
            if change is not Change.NONE and change is not previous:
                count += 1
            previous = Change.NONE if isinstance(item, CommentEnd) else change
            after_end = isinstance(item, CommentEnd)
    return count



def normalise(lines: Iterable[str]) -> list[str]:
    """Paragraph texts with runs of whitespace as one space, empty paragraphs dropped."""
    out = [re.sub(r"\s+", " ", line).strip() for line in lines]
    return [line for line in out if line]


def source_redline(folder: Path, old: bytes, new: bytes) -> bytes:
    """``compare OLD.docx NEW.docx -o redline.docx`` run as a user would: the redline on NEW."""
    old_path, new_path, out = folder / "r1-az.docx", folder / "r2-am.docx", folder / "redline.docx"
    old_path.write_bytes(old)
    new_path.write_bytes(new)
    result = run_cli("compare", old_path, new_path, "-o", out)
    assert result.exit_code == 0 and "rebuilt" not in result.stderr, result.stderr
    return out.read_bytes()

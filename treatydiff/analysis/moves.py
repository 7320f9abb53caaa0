"""Sentences that moved: a commitment "deleted" in one place and "added" in another is one
commitment that moved, and only what changed in its words moves a position.

Alignment pairs provisions; when a provision was cut up, merged or re-granulated in a way it
did not recover (a paragraph's second sentence moved into the next article, a subsection
inlined into its parent), the same sentence comes out as a deleted commitment on one side and
an added one on the other.  This pass, run over the findings of the whole comparison, pairs
such sentences by their words (case and spacing aside), drops both findings, and runs the
rules on the two sentences as an aligned pair, so "shall" that became "should" on the way is
still found, and the finding names both places.  A sentence rewritten in other words (too few
of them stand for a moved one) is paired the same way when its frame agrees (see
:mod:`.frames`); then only its duty word's rank is compared.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from ..diff.anchors import MARGIN, SAME_SENTENCE, likeness, likeness_bound, sentence_words
from ..diff.restructure import groups
from ..diff.worddiff import diff_text
from ..model import ChangeKind, ClausePair, Comparison, Finding, Span
from .frames import REWRITTEN, Frame, frame
from .lexicon import Lexicon

# Sentences are compared as alignment's sentence anchors compare them (see :mod:`..diff.anchors`):
# the same likeness, threshold and margin.
# A word found in more than RARE added sentences does not propose candidates.
RARE = 50
# Candidate sentences are found by their rarer words; at most this many are compared with
# each deleted sentence, so the pass stays linear in the number of findings.
CANDIDATES = 8
_COMMITMENTS = ("commitment-deleted", "commitment-added")
_DUTY_CODES = ("obligation-weakened", "obligation-strengthened", "obligation-reversed")


def _pairings(deleted: Sequence[Finding], added: Sequence[Finding], lexicon: Lexicon | None,
              reworked: frozenset[str] = frozenset(), group_of: dict[str, int] | None = None) -> list[tuple[Finding, Finding, bool]]:
    """Deleted and added sentences that are one sentence, each used once, and whether the
    sentence was rewritten (paired by its frame, :mod:`.frames`) rather than moved.

    A pair counts only when it is unambiguous: no other candidate of either sentence comes
    within MARGIN of it.  Drafts written from templates ("The Parties shall take measures to …
    on the basis of the best available science") hold many sentences alike; a moved sentence
    has one counterpart, a templated one many, and those are different commitments.  The
    rivals of a rewritten sentence are every candidate, whatever its frame, except inside one
    split, merged or re-cut group (``group_of``: pair key → group): there the old text stands
    reworded in the group's pieces, and the one sentence of the same frame is its counterpart
    however much boilerplate the group's other duties share with it ("(IV) … You may not
    impose any effective technological measures on the Adaptation that restrict …" is not "You
    may not offer or impose any terms on the Adaptation that restrict …")."""
    added_words = [sentence_words(f.new_words) for f in added]
    added_counts = [Counter(words) for words in added_words]
    index: dict[str, list[int]] = defaultdict(list)
    for i, words in enumerate(added_words):
        for word in set(words):
            index[word].append(i)
    deleted_words = [sentence_words(f.old_words) for f in deleted]
    scores: dict[tuple[int, int], float] = {}
    # Candidates below the likeness of a moved sentence, with the bound of their likeness: a
    # rewritten one may stand among them (read below only when a lexicon gives the frames).
    unlike: dict[tuple[int, int], float] = {}
    for d, words in enumerate(deleted_words):
        if not words:
            continue
        votes: dict[int, int] = defaultdict(int)
        # Rare words vote: "the" is in every sentence, "Larger Work" in two; a word found in
        # more than RARE added sentences tells no sentence from another.
        rare = sorted((w for w in set(words) if len(index.get(w, ())) <= RARE), key=lambda w: (len(index[w]), w))[:12]
        for word in rare:
            for i in index[word]:
                votes[i] += 1
        counts = Counter(words)
        for i in sorted(votes, key=lambda i: (-votes[i], i))[:CANDIDATES]:
            bound = likeness_bound(counts, len(words), added_counts[i], len(added_words[i]))
            if bound < SAME_SENTENCE - MARGIN:
                if lexicon is not None and bound >= REWRITTEN:
                    unlike[(d, i)] = bound
                continue  # not even their words in any order are common enough
            ratio = likeness(words, added_words[i])
            if ratio >= SAME_SENTENCE - MARGIN:
                scores[(d, i)] = ratio
            if lexicon is not None and REWRITTEN <= ratio < SAME_SENTENCE:
                unlike[(d, i)] = bound
    rewritten = _rewritten(deleted, added, deleted_words, added_words, scores, unlike, lexicon, reworked) if lexicon is not None and unlike else set()
    # A sentence that moved word for word elsewhere is not taken for a rewritten one.
    moved = {d for (d, _), r in scores.items() if r >= SAME_SENTENCE}, {i for (_, i), r in scores.items() if r >= SAME_SENTENCE}
    settled = sorted((d, i) for d, i in rewritten if group_of and (home := group_of.get(deleted[d].pair_key)) is not None
                     and group_of.get(added[i].pair_key) == home and d not in moved[0] and i not in moved[1])
    claimed = {d for d, _ in settled}, {i for _, i in settled}
    best_of_old: dict[int, list[float]] = defaultdict(list)
    best_of_new: dict[int, list[float]] = defaultdict(list)
    for (d, i), ratio in scores.items():
        best_of_old[d].append(ratio)
        best_of_new[i].append(ratio)
    out: list[tuple[Finding, Finding, bool]] = [(deleted[d], added[i], True) for d, i in settled]
    for (d, i), ratio in sorted(scores.items(), key=lambda s: (-s[1], s[0])):
        if d in claimed[0] or i in claimed[1]:
            continue
        rivals = sorted(best_of_old[d], reverse=True)[1:2] + sorted(best_of_new[i], reverse=True)[1:2]
        if ratio != max(best_of_old[d]) or ratio != max(best_of_new[i]) or any(r >= ratio - MARGIN for r in rivals):
            continue
        if ratio >= SAME_SENTENCE or (d, i) in rewritten:
            out.append((deleted[d], added[i], ratio < SAME_SENTENCE))
    return out


def _rewritten(deleted: Sequence[Finding], added: Sequence[Finding], deleted_words: Sequence[list[str]], added_words: Sequence[list[str]],
               scores: dict[tuple[int, int], float], unlike: dict[tuple[int, int], float], lexicon: Lexicon,
               reworked: frozenset[str]) -> set[tuple[int, int]]:
    """The candidates of one frame (:mod:`.frames`) that are alike enough for a rewritten
    sentence; their likeness joins ``scores``, with that of every candidate close enough to be
    their rival (whatever its frame: templated drafts hold many sentences of one frame).

    One of the two must stand in a provision ``reworked`` (found on both sides): a sentence of a
    provision deleted whole and one of a provision added whole are in provisions the aligner
    found unrelated, and only a sentence moved word for word overrides it."""
    old_frames: dict[int, Frame | None] = {}
    new_frames: dict[int, Frame | None] = {}
    alike: list[tuple[int, int]] = []
    for (d, i) in unlike:
        if deleted[d].pair_key not in reworked and added[i].pair_key not in reworked:
            continue
        if d not in old_frames:
            old_frames[d] = frame(deleted[d].old_words, lexicon)
        if old_frames[d] is None:
            continue
        if i not in new_frames:
            new_frames[i] = frame(added[i].new_words, lexicon)
        if new_frames[i] == old_frames[d]:
            alike.append((d, i))
    # A frame found twice among either sentence's candidates is a template, or a duty stated
    # twice: no counterpart stands out, and no likeness need be computed.
    olds, news = Counter(d for d, _ in alike), Counter(i for _, i in alike)
    found: set[tuple[int, int]] = set()
    for d, i in alike:
        if olds[d] == 1 and news[i] == 1 and (ratio := scores.get((d, i)) or likeness(deleted_words[d], added_words[i])) >= REWRITTEN:
            scores[(d, i)] = ratio
            found.add((d, i))
    for d, i in sorted(found):
        reach = scores[(d, i)] - MARGIN
        for (e, j), bound in unlike.items():
            if (e == d or j == i) and (e, j) not in scores and bound >= reach:
                scores[(e, j)] = likeness(deleted_words[e], added_words[j])
    return found


def _sentence_pair(gone: Finding, came: Finding, pairs: dict[str, ClausePair], comparison: Comparison) -> ClausePair | None:
    """The two sentences as one aligned pair, on the pair the sentence now stands in."""
    old_home, new_home = pairs.get(gone.pair_key), pairs.get(came.pair_key)
    if old_home is None or new_home is None or old_home.old is None or new_home.new is None:
        return None
    old_text, new_text = gone.old_words, came.new_words
    return dataclasses.replace(
        new_home,
        old=dataclasses.replace(old_home.old, text=old_text, paragraphs=()),
        new=dataclasses.replace(new_home.new, text=new_text, paragraphs=()),
        kinds=(ChangeKind.MODIFIED,),
        segments=diff_text(old_text, new_text, comparison.options),
        heading_segments=(),
        paragraphs=(),
        notes_segments=(),
        old_parent=old_home.old_parent,
    )


def _placed(finding: Finding, gone: Finding, came: Finding) -> Finding:
    """A finding of the sentence pair, placed in the provisions the sentences stand in."""
    moved = gone.pair_key != came.pair_key
    old_span = None
    if finding.old_span is not None and gone.old_span is not None and not moved:
        old_span = Span(finding.old_span.start + gone.old_span.start, finding.old_span.end + gone.old_span.start)
    new_span = None
    if finding.new_span is not None and came.new_span is not None:
        new_span = Span(finding.new_span.start + came.new_span.start, finding.new_span.end + came.new_span.start)
    where = f" (The sentence moved from {gone.old_label} to {came.new_label}.)" if moved and gone.old_label and came.new_label else ""
    return dataclasses.replace(finding, pair_key=came.pair_key, old_label=gone.old_label, new_label=came.new_label,
                               old_span=old_span, new_span=new_span, explanation=finding.explanation + where)


def reconcile_moves(findings: Sequence[Finding], comparison: Comparison, analyse: Callable[[ClausePair], list[Finding]],
                    lexicon: Lexicon | None = None) -> list[Finding]:
    """``findings`` with every moved sentence read as one sentence, not one deleted and one added
    (and, given the ``lexicon``, every commitment rewritten in other words, see :mod:`.frames`)."""
    deleted = [f for f in findings if f.code == "commitment-deleted" and f.old_words and f.old_span is not None]
    added = [f for f in findings if f.code == "commitment-added" and f.new_words and f.new_span is not None]
    if not deleted or not added:
        return list(findings)
    pairs = {p.key: p for p in comparison.walk()}
    replaced: dict[int, list[Finding]] = {}
    dropped: set[int] = set()
    reworked = frozenset(key for key, pair in pairs.items() if pair.old is not None and pair.new is not None)
    group_of = {p.key: n for n, group in enumerate(groups(comparison)) for p in group}
    for gone, came, rewritten in _pairings(deleted, added, lexicon, reworked, group_of):
        pair = _sentence_pair(gone, came, pairs, comparison)
        if pair is None:
            continue
        dropped.add(id(gone))
        dropped.add(id(came))
        # The sentence stands on both sides: only what changed in it speaks.  Rewritten, its
        # other words are too far apart to compare one by one ("Prior to submitting …" → "If
        # you list …" adds no condition): only its duty word's rank does.
        found = analyse(pair)
        replaced[id(came)] = [_placed(f, gone, came) for f in found if (f.code in _DUTY_CODES if rewritten else f.code not in _COMMITMENTS)]
    out: list[Finding] = []
    for finding in findings:
        if id(finding) in replaced:
            out.extend(replaced[id(finding)])
        elif id(finding) not in dropped:
            out.append(finding)
    return out


__all__ = ["likeness", "reconcile_moves", "sentence_words"]  # duties.py reads sentences with the same measure


# A bracket of at least this many words is a proposal of its own: the same one gone from one
# provision and come in another moved with the text ("[Preamble: Parties acknowledge …]").
# Shorter ones ("[shall][should]", "[INDC]") recur all over a draft: each is read where it stands.
MOVED_BRACKET_WORDS = 4
# A moved bracket keeps its opening words and nearly all the rest (a comma or a word edited).
MOVED_BRACKET_LIKENESS = 0.8
_GONE = ("closed", "closed.dropped", "closed.replaced")


def reconcile_moved_brackets(findings: Sequence[Finding]) -> list[Finding]:
    """``findings`` less each bracket closed in one provision (its words gone) and opened with
    nearly the same words in another: one disagreement that moved, neither settled nor new."""
    opened: dict[tuple[str, ...], list[int]] = defaultdict(list)
    words: dict[int, list[str]] = {}
    for i, f in enumerate(findings):
        if f.code == "brackets-opened" and len(mine := sentence_words(f.new_words)) >= MOVED_BRACKET_WORDS:
            words[i] = mine
            opened[tuple(mine[:3])].append(i)
    if not opened:
        return list(findings)
    dropped: set[int] = set()
    for i, f in enumerate(findings):
        if f.code != "brackets-closed" or not f.rule.endswith(_GONE) or len(mine := sentence_words(f.old_words)) < MOVED_BRACKET_WORDS:
            continue
        mates = [j for j in opened.get(tuple(mine[:3]), ())[:CANDIDATES]
                 if j not in dropped and findings[j].pair_key != f.pair_key and likeness(mine, words[j]) >= MOVED_BRACKET_LIKENESS]
        if mates:
            dropped.update((i, mates[0]))
    return [f for i, f in enumerate(findings) if i not in dropped]

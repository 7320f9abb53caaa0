"""Word diffs that stay near linear on long, heavily edited provisions.

diff-match-patch's bisection costs about (edit distance)² / 2 steps of Python, a microsecond
each: on a rewritten 2,000-word definitions article that is seconds.  So the edit distance is
measured first (rapidfuzz, in C, bit-parallel: microseconds) and a provision within
:data:`WHOLE_DISTANCE` edited tokens (nearly every provision, about 30 ms at most) is diffed whole
by the library, exactly as before.  A provision edited more heavily is cut into sentences (and
lines), equal sentences are anchored by a diff of the sentence sequence, the changed sentences
between two anchors are paired by the words they share, and each pair is word-diffed on its own;
a pair of long sentences is cut at its clauses (commas) the same way.  These diffs are
rapidfuzz's longest common subsequence (minimal, like the library's); a pair over
:data:`PAIR_LIMIT` tokens² with no clause to cut at is shown deleted and inserted whole.  Every
step only *chooses* which runs to report, never drops a token: the runs always cover both
texts, so the redline rebuilds them exactly.  The library's semantic cleanup then runs over the
whole provision, as on its own diffs (cleaning pair by pair instead lost findings on real text:
regression precision 0.72 against 0.76, measured with ``bench/accuracy_real.py``).  The limits
count tokens, not time, so the result never depends on machine load.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import Indel

from .dmp import Runs, char_runs, encode, semantic_cleanup

WHOLE_DISTANCE = 250  # tokens inserted or deleted (about 120 words) up to which a provision is diffed whole
PAIR_LIMIT = 4_000_000  # tokens² of one unit against one (2,000 tokens a side)
SENTENCE, CLAUSE = 2, 1  # unit levels: cut after a sentence end or line break, after a comma

_WINDOW = 60  # old units paired at once in a long stretch (see _pairs)
_MIN_SIMILARITY = 0.3  # share of words two sentences must share to be diffed as a pair


def diff_units(old_keys: Sequence[str], new_keys: Sequence[str], old_tokens: Sequence[str], new_tokens: Sequence[str], *, semantic: bool = True) -> Runs:
    """Runs of (op, token count) over both key sequences; the exact tokens say where units end
    (:func:`unit_ends`), read only for a provision too heavily edited to diff whole."""
    old, new = encode(old_keys, new_keys)
    if Indel.distance(old, new, score_cutoff=WHOLE_DISTANCE) <= WHOLE_DISTANCE:
        runs = char_runs(old, new)
        return semantic_cleanup(old, new, runs) if semantic else runs
    runs = _Anchored(old, new, unit_ends(old_tokens), unit_ends(new_tokens)).stretch(0, len(old), 0, len(new), SENTENCE)
    # Cleaned up over the whole provision, as the library's own diff is: a rewritten passage
    # then reads as one deletion and one insertion, which is what the analysis reads too.
    return semantic_cleanup(old, new, fold_small_equalities(runs)) if semantic else runs


_SENTENCE_END = frozenset(".;:!?")


def unit_ends(tokens: Sequence[str]) -> list[int]:
    """For each token, whether a sentence (or line) or a clause ends after it (:data:`SENTENCE`,
    :data:`CLAUSE` or 0); the space after a full stop or comma stays with the unit it ends."""
    levels = [0] * len(tokens)
    previous = ""
    for k, token in enumerate(tokens):
        if token.isspace():
            if "\n" in token or previous in _SENTENCE_END:
                levels[k] = SENTENCE
            elif previous == ",":
                levels[k] = CLAUSE
        previous = token
    return levels


def lcs_runs(old: str, new: str) -> Runs:
    """A minimal diff of two encoded strings (longest common subsequence, rapidfuzz)."""
    runs: Runs = []
    for op in Indel.opcodes(old, new):
        if op.tag == "equal":
            runs.append(("equal", op.src_end - op.src_start))
        else:  # "delete", "insert", or a "replace" of both
            if op.src_end > op.src_start:
                runs.append(("delete", op.src_end - op.src_start))
            if op.dest_end > op.dest_start:
                runs.append(("insert", op.dest_end - op.dest_start))
    return runs


def fold_small_equalities(runs: Runs) -> Runs:
    """Fold each equality no longer than the changes on both sides of it into them.

    The library's semantic cleanup does the same but rescans from the previous equality after
    every fold, which is quadratic on a longest common subsequence of rewritten text (every
    shared "the" and space is an equality).  A stack does it in linear time; the library's
    cleanup then has little left to do."""
    stack: list[list[int]] = []  # [0, equal] or [1, deleted, inserted]
    for op, count in runs:
        if op == "equal":
            stack.append([0, count])
            continue
        if not stack or stack[-1][0] == 0:
            stack.append([1, 0, 0])
        stack[-1][1 if op == "delete" else 2] += count
        # Fold the equality before this change while it is no longer than both neighbours.
        while len(stack) >= 3 and stack[-2][0] == 0 and stack[-3][0] == 1:
            before, equal, after = stack[-3], stack[-2][1], stack[-1]
            if equal > max(before[1], before[2]) or equal > max(after[1], after[2]):
                break
            stack[-3:] = [[1, before[1] + equal + after[1], before[2] + equal + after[2]]]
    out: Runs = []
    for item in stack:
        out.extend([("equal", item[1])] if item[0] == 0 else _whole(item[1], item[2]))
    return out


class _Anchored:
    """One provision's encoded texts and where their units end, diffed stretch by stretch."""

    def __init__(self, old: str, new: str, old_levels: Sequence[int], new_levels: Sequence[int]) -> None:
        self.old, self.new = old, new
        self.old_levels, self.new_levels = old_levels, new_levels

    def stretch(self, a0: int, a1: int, b0: int, b1: int, level: int) -> Runs:
        """Runs for old[a0:a1] against new[b0:b1], cutting at units of ``level`` and finer."""
        if a0 == a1 or b0 == b1:
            return _whole(a1 - a0, b1 - b0)
        old_units = _cuts(self.old_levels, a0, a1, level)
        new_units = _cuts(self.new_levels, b0, b1, level)
        if len(old_units) == 1 and len(new_units) == 1:
            return self._pair(a0, a1, b0, b1, level)  # nothing to anchor at this level
        ua = [self.old[s:e] for s, e in old_units]
        ub = [self.new[s:e] for s, e in new_units]
        unit_runs = lcs_runs(*encode(ua, ub))
        runs: Runs = []
        i = j = 0
        pending_a, pending_b = i, j
        for op, count in [*unit_runs, ("equal", 0)]:
            if op == "equal":
                if pending_a < i or pending_b < j:
                    runs.extend(self._changed(old_units[pending_a:i], new_units[pending_b:j], level))
                if count:
                    runs.append(("equal", old_units[i + count - 1][1] - old_units[i][0]))
                i += count
                j += count
                pending_a, pending_b = i, j
            elif op == "delete":
                i += count
            else:
                j += count
        return runs

    def _changed(self, old_units: Sequence[tuple[int, int]], new_units: Sequence[tuple[int, int]], level: int) -> Runs:
        """Runs for a stretch of changed units between two anchors (either side may be empty)."""
        if not old_units or not new_units:
            return _whole(_span(old_units), _span(new_units))
        if len(old_units) == 1 and len(new_units) == 1:
            (a0, a1), (b0, b1) = old_units[0], new_units[0]
            return self._pair(a0, a1, b0, b1, level)
        pairs = _pairs([self.old[s:e] for s, e in old_units], [self.new[s:e] for s, e in new_units])
        runs: Runs = []
        i = j = 0
        for pi, pj in [*pairs, (len(old_units), len(new_units))]:
            # Units between two pairs share too few words with any other to be diffed: they
            # read as deleted and inserted sentences, not as a salad of common words.
            runs.extend(_whole(_span(old_units[i:pi]), _span(new_units[j:pj])))
            if pi < len(old_units):
                (s, e), (t, u) = old_units[pi], new_units[pj]
                runs.extend(self._pair(s, e, t, u, level))
            i, j = pi + 1, pj + 1
        return runs

    def _pair(self, a0: int, a1: int, b0: int, b1: int, level: int) -> Runs:
        """One unit against one: diffed whole within :data:`PAIR_LIMIT`, else by its finer units."""
        if (a1 - a0) * (b1 - b0) <= PAIR_LIMIT:
            return lcs_runs(self.old[a0:a1], self.new[b0:b1])
        finer = level - 1
        if finer >= CLAUSE and (len(_cuts(self.old_levels, a0, a1, finer)) > 1 or len(_cuts(self.new_levels, b0, b1, finer)) > 1):
            return self.stretch(a0, a1, b0, b1, finer)
        return _whole(a1 - a0, b1 - b0)


def _whole(deleted: int, inserted: int) -> Runs:
    runs: Runs = []
    if deleted:
        runs.append(("delete", deleted))
    if inserted:
        runs.append(("insert", inserted))
    return runs


def _span(units: Sequence[tuple[int, int]]) -> int:
    return units[-1][1] - units[0][0] if units else 0


def _cuts(levels: Sequence[int], start: int, end: int, level: int) -> list[tuple[int, int]]:
    """(start, end) of each unit of ``level`` or coarser in [start, end)."""
    units: list[tuple[int, int]] = []
    begin = start
    for k in range(start, end - 1):
        if levels[k] >= level:
            units.append((begin, k + 1))
            begin = k + 1
    units.append((begin, end))
    return units


def _pairs(old_units: Sequence[str], new_units: Sequence[str]) -> list[tuple[int, int]]:
    """The in-order pairing of old and new units that shares the most words (a weighted longest
    common subsequence over unit similarity); units less alike than :data:`_MIN_SIMILARITY` are
    never paired.

    A stretch of hundreds of rewritten sentences is paired in windows of :data:`_WINDOW` old
    units against the new units in the same proportion of the stretch, so the work stays
    linear in its length (a pair is never sought far from where it stood)."""
    old_sets = [frozenset(u) for u in old_units]
    new_sets = [frozenset(u) for u in new_units]
    n, m = len(old_sets), len(new_sets)
    if n * m <= _WINDOW * _WINDOW:
        return _paired(old_sets, new_sets, 0, 0)
    pairs: list[tuple[int, int]] = []
    for x0 in range(0, n, _WINDOW):
        x1 = min(n, x0 + _WINDOW)
        y0, y1 = x0 * m // n, (x1 * m // n if x1 < n else m)
        pairs.extend(_paired(old_sets[x0:x1], new_sets[y0:y1], x0, y0))
    return pairs


def _paired(old_sets: Sequence[frozenset[str]], new_sets: Sequence[frozenset[str]], x0: int, y0: int) -> list[tuple[int, int]]:
    n, m = len(old_sets), len(new_sets)

    def alike(x: int, y: int) -> float:
        a, b = old_sets[x], new_sets[y]
        return 2 * len(a & b) / (len(a) + len(b))

    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        row, below = score[x], score[x + 1]
        for y in range(m - 1, -1, -1):
            best = below[y] if below[y] >= row[y + 1] else row[y + 1]
            similarity = alike(x, y)
            if similarity >= _MIN_SIMILARITY and below[y + 1] + similarity > best:
                best = below[y + 1] + similarity
            row[y] = best
    pairs: list[tuple[int, int]] = []
    x = y = 0
    while x < n and y < m:
        similarity = alike(x, y)
        if similarity >= _MIN_SIMILARITY and score[x][y] == score[x + 1][y + 1] + similarity:
            pairs.append((x0 + x, y0 + y))
            x += 1
            y += 1
        elif score[x][y] == score[x + 1][y]:
            x += 1
        else:
            y += 1
    return pairs

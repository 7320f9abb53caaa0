"""The words a side's position is measured on: each provision's own text as the analysis reads
it, with editorial differences taken out.

A text is normalised as the analysis normalises it (:func:`~treatydiff.analysis.editorial.normalise`:
case, punctuation, spelling variants, numbers written out), and an edit the analysis calls
editorial only (:func:`~treatydiff.analysis.editorial.editorial_only`: those, and reordered words
with the same rule words) or a cross-reference that follows the renumbering
(:func:`~treatydiff.analysis.references.harmless`) leaves the words as they were the round
before.  So two rounds differ here exactly where their change is one of substance.

Paragraphs keep one *thread* from round to round (through renumbering, moves, splits and
merges), and a provision's words are compared thread by thread: a paragraph moved to another
article, or an article split in two, changes no position.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import ne

from ..analysis import negotiation_language
from ..analysis.editorial import editorial_only, normalise
from ..analysis.lexicon import Lexicon, load_lexicon
from ..analysis.references import Renumbering, harmless, renumbering_of
from ..model import Provision
from ..timeline.timeline import NegotiationTimeline


@dataclass(frozen=True)
class _Leaf:
    thread: str
    words: tuple[str, ...]  # normalised, as of the last change of substance
    text: str  # as written in this round


class PositionTexts:
    """Every provision's own words in every round of ``timeline``, thread by thread."""

    def __init__(self, timeline: NegotiationTimeline, lexicon: Lexicon | None = None) -> None:
        self._timeline = timeline
        self.lexicon = lexicon or load_lexicon(negotiation_language(timeline.negotiation), timeline.negotiation.lexicon)
        self._joined: dict[str, str] = {}  # union-find over threads that a merge joined
        self._rounds: list[dict[str, _Leaf]] = []
        self._renumbered: dict[int, Renumbering] = {}
        self._normalised: dict[str, tuple[str, ...]] = {}  # a changed text is the next round's "before"
        for index in range(len(timeline.rounds)):
            self._rounds.append(self._read_round(index))
        # Every merge is known now: each round's words and texts by thread, read by every cell.
        self._resolved = [{pid: self._thread(leaf.thread) for pid, leaf in leaves.items()} for leaves in self._rounds]
        tables = [self._table(index) for index in range(len(timeline.rounds))]
        self._words = [words for words, _ in tables]
        self._texts = [texts for _, texts in tables]
        self._keys: dict[str, str] = {}
        self._keyed: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def _thread(self, thread: str) -> str:
        while (up := self._joined.get(thread, thread)) != thread:
            thread = up
        return thread

    def _read_round(self, index: int) -> dict[str, _Leaf]:
        timeline = self._timeline
        before = self._rounds[index - 1] if index else {}
        leaves: dict[str, _Leaf] = {}
        for provision in timeline.rounds[index].walk():
            text = provision.text
            sources = [before[link.old_id] for link in timeline.predecessors(index, provision.id) if link.old_id in before]
            if not sources:
                leaves[provision.id] = _Leaf(f"{index}:{provision.id}", self._normal(text), text)
                continue
            thread = self._thread(sources[0].thread)
            for other in sources[1:]:  # a merge: one thread from now on, and in every round before
                joined = self._thread(other.thread)
                if joined != thread:
                    self._joined[joined] = thread
            source = sources[0]
            if len(sources) == 1 and text == source.text and thread == source.thread:
                leaves[provision.id] = source  # unchanged (most provisions of most rounds)
                continue
            if len(sources) == 1 and (text == source.text or self._editorial(index, provision.id, source.text, text)):
                words = source.words
            else:
                words = self._normal(text)
            leaves[provision.id] = _Leaf(thread, words, text)
        return leaves

    def _normal(self, text: str) -> tuple[str, ...]:
        found = self._normalised.get(text)
        if found is None:
            found = self._normalised[text] = tuple(normalise(self.lexicon, text).split()) if text else ()
        return found

    def _editorial(self, index: int, provision_id: str, old: str, new: str) -> bool:
        a, b = self._normal(old), self._normal(new)
        if a == b:
            return True  # as editorial_only() finds first
        # A cross-reference that follows the renumbering changes a number and nothing else; a
        # bracket put on or taken off is a change of substance (harmless() lets brackets pass).
        # Tried before editorial_only()'s reordered words: most edits a renumbering leaves are these.
        differ = list(map(ne, a, b)) if len(a) == len(b) else None  # in C: the words are mostly the same
        if differ is not None and all(x.isdigit() and y.isdigit() for x, y in zip(compress(a, differ), compress(b, differ), strict=True)):
            pair = self._timeline.pair_into(index, provision_id)
            if pair is not None and pair.old is not None and pair.old.text == old and harmless(pair.segments, self._renumbering(index)):
                return True
        return editorial_only(self.lexicon, old, new)

    def _renumbering(self, index: int) -> Renumbering:
        """How comparison ``index - 1`` renumbered articles, as the analysis reads it.

        Only the articles' table: :func:`harmless` looks a number up by the kind word before
        it ("arti", "para": four letters at most), so the analysis's paragraph table (keyed
        "arti-para") could never answer it, and reading it cost a regex per paragraph."""
        found = self._renumbered.get(index)
        if found is None:
            # From the links and the two rounds' labels: decoding every pair of the round to
            # read two labels was a fifth of a warm `positions`.
            timeline = self._timeline
            old_labels = {provision.id: provision.label for provision in timeline.rounds[index - 1].walk()}
            labels = []
            for provision in timeline.rounds[index].provisions:  # document order: a later pair wins, as in the analysis
                link = timeline.link_into(index, provision.id)
                if link is not None and link.old_id in old_labels:
                    labels.append((old_labels[link.old_id], provision.label))
            found = self._renumbered[index] = renumbering_of(labels)
        return found

    def threads(self, index: int, provisions: Iterable[Provision]) -> tuple[str, ...]:
        """The threads of ``provisions`` (articles, with their paragraphs) of round ``index``."""
        resolved = self._resolved[index]
        return tuple(dict.fromkeys(resolved[part.id] for provision in provisions for part in provision.walk()))

    def _table(self, index: int) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
        leaves: dict[str, list[_Leaf]] = {}
        resolved = self._resolved[index]
        for pid, leaf in self._rounds[index].items():  # document order
            leaves.setdefault(resolved[pid], []).append(leaf)
        # One leaf (most threads): its words as they are, the same object while unchanged.
        words = {t: group[0].words if len(group) == 1 else tuple(w for leaf in group for w in leaf.words) for t, group in leaves.items()}
        return words, {t: "\n".join(leaf.text for leaf in group if leaf.text) for t, group in leaves.items()}

    def words_in(self, index: int) -> Mapping[str, tuple[str, ...]]:
        """Each thread's normalised words in round ``index`` (wherever they stand); a thread
        the round does not have is not there."""
        return self._words[index]

    def words(self, index: int, thread: str) -> tuple[str, ...]:
        """The thread's normalised words in round ``index`` (wherever they stand), or none."""
        return self._words[index].get(thread, ())

    def text(self, index: int, thread: str) -> str:
        """The thread's text as written in round ``index``."""
        return self._texts[index].get(thread, "")

    def changed(self, index: int, threads: Sequence[str]) -> tuple[str, ...]:
        """Those of ``threads`` whose words round ``index`` changed in substance."""
        now = self._words[index]
        if index == 0:
            return tuple(t for t in threads if now.get(t, ()))
        before = self._words[index - 1]
        return tuple(t for t in threads if now.get(t, ()) != before.get(t, ()))

    def key(self, word: str) -> str:
        """One written word as the analysis reads it ("Agreement," and "agreement" alike)."""
        found = self._keys.get(word)
        if found is None:
            found = self._keys[word] = normalise(self.lexicon, word)
        return found

    def keys(self, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The written words of ``text`` and each as :meth:`key` reads it.  A changed text is
        read again as the "before" of the round after, hence the memo."""
        found = self._keyed.get(text)
        if found is None:
            words = tuple(text.split())
            found = self._keyed[text] = (words, tuple(map(self.key, words)))
        return found

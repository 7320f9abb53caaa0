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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..analysis import negotiation_language
from ..analysis.editorial import editorial_only, normalise
from ..analysis.lexicon import Lexicon, load_lexicon
from ..analysis.references import Renumbering, harmless, paragraph_renumbering, renumbering
from ..model import ClausePair
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
        for index in range(len(timeline.rounds)):
            self._rounds.append(self._read_round(index))
        self._by_thread: dict[int, dict[str, tuple[tuple[str, ...], str]]] = {}

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
            if len(sources) == 1 and (text == source.text or self._editorial(index, provision.id, source.text, text)):
                words = source.words
            else:
                words = self._normal(text)
            leaves[provision.id] = _Leaf(thread, words, text)
        return leaves

    def _normal(self, text: str) -> tuple[str, ...]:
        return tuple(normalise(self.lexicon, text).split()) if text else ()

    def _editorial(self, index: int, provision_id: str, old: str, new: str) -> bool:
        if editorial_only(self.lexicon, old, new):
            return True
        # A cross-reference that follows the renumbering changes a number and nothing else; a
        # bracket put on or taken off is a change of substance (harmless() lets brackets pass).
        a, b = normalise(self.lexicon, old).split(), normalise(self.lexicon, new).split()
        if len(a) != len(b) or not all(x == y or (x.isdigit() and y.isdigit()) for x, y in zip(a, b, strict=True)):
            return False
        pair = self._timeline.pair_into(index, provision_id)
        return pair is not None and pair.old is not None and pair.old.text == old and harmless(pair.segments, self._renumbering(index))

    def _renumbering(self, index: int) -> Renumbering:
        """How comparison ``index - 1`` renumbered articles and paragraphs, as the analysis reads it."""
        found = self._renumbered.get(index)
        if found is None:
            timeline = self._timeline
            pairs: list[ClausePair] = [p for v in timeline.rounds[index].walk() if (p := timeline.pair_into(index, v.id)) is not None]
            tops = {v.id for v in timeline.rounds[index].provisions}
            table = renumbering(p for p in pairs if p.new is not None and p.new.id in tops)
            table.update(paragraph_renumbering(pairs)[0])
            found = self._renumbered[index] = table
        return found

    def threads(self, index: int, provision_ids: Iterable[str]) -> tuple[str, ...]:
        """The threads of ``provision_ids`` (articles, with their paragraphs) in round ``index``."""
        leaves = self._rounds[index]
        timeline = self._timeline
        out: dict[str, None] = {}
        for pid in provision_ids:
            provision = timeline.provision(index, pid)
            for part in provision.walk() if provision is not None else ():
                out[self._thread(leaves[part.id].thread)] = None
        return tuple(out)

    def _table(self, index: int) -> dict[str, tuple[tuple[str, ...], str]]:
        table = self._by_thread.get(index)
        if table is None:
            leaves: dict[str, list[_Leaf]] = {}
            for leaf in self._rounds[index].values():  # document order
                leaves.setdefault(self._thread(leaf.thread), []).append(leaf)
            # One leaf (most threads): its words as they are, the same object while unchanged.
            table = self._by_thread[index] = {
                t: (group[0].words if len(group) == 1 else tuple(w for leaf in group for w in leaf.words),
                    "\n".join(leaf.text for leaf in group if leaf.text))
                for t, group in leaves.items()
            }
        return table

    def words(self, index: int, thread: str) -> tuple[str, ...]:
        """The thread's normalised words in round ``index`` (wherever they stand), or none."""
        return self._table(index).get(thread, ((), ""))[0]

    def text(self, index: int, thread: str) -> str:
        """The thread's text as written in round ``index``."""
        return self._table(index).get(thread, ((), ""))[1]

    def changed(self, index: int, threads: Sequence[str]) -> tuple[str, ...]:
        """Those of ``threads`` whose words round ``index`` changed in substance."""
        if index == 0:
            return tuple(t for t in threads if self.words(0, t))
        return tuple(t for t in threads if self.words(index, t) != self.words(index - 1, t))

    def key(self, word: str) -> str:
        """One written word as the analysis reads it ("Agreement," and "agreement" alike)."""
        return normalise(self.lexicon, word)

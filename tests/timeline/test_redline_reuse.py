"""Views reuse the comparison's segments and keep the redlines they compute themselves:
nothing re-diffs what the comparison diffed, and a second run diffs nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EXAMPLE
from history_factory import timeline

from treatydiff.diff.worddiff import new_text, old_text
from treatydiff.model import Op, Segment
from treatydiff.timeline import history as history_module
from treatydiff.timeline.compose import composed_text, joined_lines
from treatydiff.timeline.history import provision_history
from treatydiff.timeline.names import ProvisionRef
from treatydiff.timeline.redlines import (
    DiskRedlineStore,
    decode_redline,
    encode_redline,
    redline_key,
)
from treatydiff.usecases import load_timeline
from treatydiff.views.synopsis import synopsis_view

needs_example = pytest.mark.skipif(not (EXAMPLE / "negotiation.yaml").exists(), reason="example negotiation absent")


@pytest.fixture
def diffs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str]]]:
    """Every diff a view computes itself (history's and the synopsis' fallback)."""
    calls: list[tuple[str, str]] = []
    real = history_module.diff_text

    def counting(before: str, after: str, *args: object, **kwargs: object) -> tuple[Segment, ...]:
        calls.append((before, after))
        return real(before, after, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(history_module, "diff_text", counting)
    history_module._diffed.cache_clear()
    yield calls
    history_module._diffed.cache_clear()


def test_a_break_stands_on_a_side_only_between_two_of_its_parts() -> None:
    # an inserted paragraph before two kept ones: the old side starts with the first kept one
    parts = [((Segment(Op.INSERT, "new"),), False, True), ((Segment(Op.EQUAL, "a"),), True, True), ((Segment(Op.EQUAL, "b"),), True, True)]
    joined = joined_lines(parts)
    assert old_text(joined) == "a\nb"
    assert new_text(joined) == "new\na\nb"


def test_every_history_entry_with_one_pair_reuses_its_segments(diffs: list[tuple[str, str]]) -> None:
    t = timeline()
    for index, round_ in enumerate(t.rounds):
        for provision in round_.provisions:
            for entry in provision_history(t, ProvisionRef(index, provision.id)).entries:
                assert old_text(entry.segments) == history_module.version_text(entry.previous)
                assert new_text(entry.segments) == entry.text
    # Only the split and the merge (several versions against one) are diffed by the view, each once.
    assert len(diffs) == len(set(diffs))
    assert all(any(word in b + a for word in ("Withdrawal", "Definitions", "withdraw", "border")) for b, a in diffs)


@needs_example
def test_synopsis_of_consecutive_rounds_diffs_nothing_and_a_second_run_nothing(tmp_path: Path, diffs: list[tuple[str, str]]) -> None:
    t = load_timeline(EXAMPLE)
    names = [r.name for r in t.rounds]
    view = synopsis_view(t, names)
    consecutive = len(diffs)
    cells = sum(1 for row in view.rows for cell in row.cells if cell.changed)
    assert cells > 20 and consecutive <= 2  # the example's one merge, diffed by the view
    store = DiskRedlineStore(tmp_path)
    t = load_timeline(EXAMPLE)
    object.__setattr__(t, "redlines", store)
    diffs.clear()
    first = synopsis_view(t, [names[0], names[-1]])  # skipping rounds: the view diffs the cells
    assert diffs
    diffs.clear()
    assert synopsis_view(t, [names[0], names[-1]]) == first
    assert diffs == []


def test_a_kept_redline_that_does_not_cover_both_texts_is_refused() -> None:
    segments = (Segment(Op.EQUAL, "The Parties "), Segment(Op.DELETE, "shall"), Segment(Op.INSERT, "may"), Segment(Op.EQUAL, " meet."))
    data = encode_redline(segments)
    assert decode_redline(data, "The Parties shall meet.", "The Parties may meet.") == segments
    assert decode_redline(data, "The Parties shall meet!", "The Parties may meet.") is None  # other texts
    assert decode_redline(data, "The Parties shall meet. Longer", "The Parties may meet.") is None
    assert decode_redline(b'{"format":"treatydiff-redline 1","segments":[["=",-3,0]]}', "abc", "abc") is None
    assert decode_redline(b"not json", "a", "b") is None
    assert redline_key("a", "b", history_module.CompareOptions()) != redline_key("ab", "", history_module.CompareOptions())


def test_composed_article_redline_rebuilds_when_paragraphs_were_inserted_first() -> None:
    t = timeline()
    for step in range(len(t.rounds) - 1):
        for pair in t.comparison(step).pairs:
            if pair.old is None or pair.new is None:
                continue
            composed = composed_text(pair)
            if [p.old is None for p in pair.paragraphs][:1] == [True] and old_text(composed) == pair.old.full_text:
                assert new_text(composed) == pair.new.full_text

"""Regressions found by using the terminal summary on real texts (CeCILL, the example's options)."""

from __future__ import annotations

import dataclasses
import re

import pytest

from treatydiff.diff.worddiff import diff_text
from treatydiff.model import Direction, Finding, Op, Provision, ProvisionKind, Round, RoundInfo
from treatydiff.pipeline import compare
from treatydiff.render import RenderOptions, render

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _rounds() -> tuple[Round, Round]:
    old = Round(
        info=RoundInfo(label="Round 1", party="A"),
        provisions=(
            Provision(id="a1", label="Article 1", text="The Parties shall meet."),
            Provision(
                id="a4",
                label="Article 4",
                text="",
                paragraphs=(
                    Provision(id="a4-1", label="4.1.", text="ENTRY INTO FORCE\nThe Agreement enters into force on signature.", kind=ProvisionKind.PARAGRAPH),
                ),
            ),
            Provision(id="a6", label="Article 6", text="The Parties shall not deploy forces of a third country."),
        ),
    )
    new = Round(
        info=RoundInfo(label="Round 2", party="B"),
        provisions=(
            Provision(id="a1", label="Article 1", text="The Parties shall meet."),
            Provision(
                id="a6",
                label="Article 6",
                text="Option 1: The Parties shall not deploy forces of a third country.\nOption 2: The Parties may invite civilian monitors of a third country.",
            ),
            Provision(id="a7", label="Article 7", text="TRANSPORT\nThe Parties shall open transport links.\nThey shall report yearly."),
        ),
    )
    return old, new


def _render(color: bool) -> str:
    old, new = _rounds()
    comparison = compare(old, new)
    return render(comparison, "text", RenderOptions(color=color)).decode("utf-8")


def test_multi_line_added_and_deleted_text_stays_indented_and_marked_line_by_line() -> None:
    lines = _render(color=False).splitlines()
    start = lines.index("Article 7 [added]")
    assert lines[start + 1 : start + 4] == [
        "  ⟦+TRANSPORT+⟧",
        "  ⟦+The Parties shall open transport links.+⟧",
        "  ⟦+They shall report yearly.+⟧",
    ]
    start = lines.index("  4.1. [deleted]")
    assert lines[start + 1 : start + 3] == ["    ⟦-ENTRY INTO FORCE-⟧", "    ⟦-The Agreement enters into force on signature.-⟧"]


def test_an_insertion_across_a_line_break_is_marked_on_each_line() -> None:
    text = _render(color=False)
    assert (
        "  ⟦+Option 1: +⟧The Parties shall not deploy forces of a third country.\n"
        "  ⟦+Option 2: The Parties may invite civilian monitors of a third country.+⟧\n"
    ) in text
    assert "⟦+\n" not in text and "\n-⟧" not in text


@pytest.mark.parametrize(
    ("old", "new", "inserted"),
    [
        # The added option repeats the old text's last words: the insertion is the new line,
        # not "of a third country.\nOption 2: … monitors " cut through both sentences.
        ("forces of a third country.", "forces of a third country.\nOption 2: monitors of a third country.", "\nOption 2: monitors of a third country."),
        ("Alpha beta. Gamma.", "Alpha beta. New beta. Gamma.", " New beta."),
        ("1. The Parties agree.\n2. They meet.", "1. The Parties agree.\n2. They agree.\n2. They meet.", "2. They agree.\n"),
    ],
)
def test_a_lone_insertion_slides_to_a_natural_boundary(old: str, new: str, inserted: str) -> None:
    segments = diff_text(old, new)
    assert [s.text for s in segments if s.op == Op.INSERT] == [inserted]
    assert "".join(s.text for s in segments if s.op != Op.INSERT) == old
    assert "".join(s.text for s in segments if s.op != Op.DELETE) == new


def test_colours_never_span_a_line_break() -> None:
    for line in _render(color=True).splitlines():
        # Every colour opened on a line is reset on it, and no line starts inside a colour.
        opened = [m.group() for m in _ANSI.finditer(line)]
        assert not opened or opened[-1] == "\x1b[0m", repr(line)
    assert _ANSI.sub("", _render(color=True)).count("Option 2:") == 1


def test_a_finding_with_one_side_has_no_dangling_arrow() -> None:
    old, new = _rounds()
    comparison = compare(old, new)
    base = Finding(
        code="commitment-added", direction=Direction.PROGRESS, pair_key=comparison.pairs[-1].key,
        old_label=None, new_label="Article 7", old_words="", new_words="The Parties shall open transport links.",
        rule="test", explanation="a new obligation",
    )
    deleted = dataclasses.replace(base, code="commitment-deleted", direction=Direction.REGRESSION, old_words="forces", new_words="")
    both = dataclasses.replace(base, code="obligation-weakened", old_words="shall", new_words="may")
    comparison = dataclasses.replace(comparison, findings=(base, deleted, both))
    text = render(comparison, "text", RenderOptions()).decode("utf-8")
    assert "\n    ⟦+The Parties shall open transport links.+⟧\n" in text
    assert "\n    ⟦-forces-⟧\n" in text
    assert "\n    ⟦-shall-⟧ → ⟦+may+⟧\n" in text
    assert not re.search(r"→ *$", text, re.M) and not re.search(r"^ *→", text, re.M)

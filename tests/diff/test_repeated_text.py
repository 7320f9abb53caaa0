"""A text repeated word for word in several places (the general provision that closes each
title of an appropriations bill, "Option 2: No text") pairs each copy with the copy where its
neighbours went, not with the first copy of the other draft.  Fixtures are ours; the shape is
that of a US bill whose enrolled version gained a title with its own closing provision."""

from __future__ import annotations

from treatydiff.diff.align import align_rounds
from treatydiff.diff.matching import Side, match
from treatydiff.diff.similarity import Fingerprint, Vocabulary
from treatydiff.model import ChangeKind, CompareOptions, Provision, Round, RoundInfo

OFF = CompareOptions(analyse=False)
CLOSING = "Each amount in this title is designated by the Congress as being for an emergency requirement pursuant to the budget act."
ITEMS = {
    "forests": "For necessary expenses of forest restoration, $10,000,000, to remain available until expended.",
    "floods": "For necessary expenses of flood prevention operations, $25,000,000, to remain available until expended.",
    "ports": "For harbour maintenance and the dredging of federal navigation channels, $40,000,000, to remain available until expended.",
    "parks": "For the repair of national park facilities damaged by hurricanes, $15,000,000, to remain available until expended.",
    "housing": "For emergency housing assistance to families displaced by the storms, $30,000,000, to remain available until expended.",
}


def _unit(title: str, name: str, text: str) -> Provision:
    return Provision(id=f"{title}-{name}", label=f"Title {title}, {name}", text=text)


def _round(label: str, *units: Provision) -> Round:
    return Round(info=RoundInfo(label=label, derived_ids=True), provisions=units)


def test_each_copy_of_a_repeated_provision_stays_with_its_neighbours() -> None:
    old = _round("old", _unit("I", "Forests", ITEMS["forests"]), _unit("I", "Floods", ITEMS["floods"]), _unit("I", "General provision", CLOSING),
                 _unit("II", "Parks", ITEMS["parks"]), _unit("II", "General provision", CLOSING))
    # A title on ports, with its own closing provision, comes in between I and II (numbered II).
    new = _round("new", _unit("I", "Forests", ITEMS["forests"]), _unit("I", "Floods", ITEMS["floods"]), _unit("I", "General provision", CLOSING),
                 _unit("II", "Ports", ITEMS["ports"]), _unit("II", "General provision", CLOSING),
                 _unit("III", "Parks", ITEMS["parks"]), _unit("III", "General provision", CLOSING))
    pairs = align_rounds(old, new, OFF)
    assert [(p.old.label if p.old else None, p.new.label if p.new else None) for p in pairs] == [
        ("Title I, Forests", "Title I, Forests"), ("Title I, Floods", "Title I, Floods"),
        ("Title I, General provision", "Title I, General provision"),
        (None, "Title II, Ports"), (None, "Title II, General provision"),
        ("Title II, Parks", "Title III, Parks"), ("Title II, General provision", "Title III, General provision")]
    assert not [p for p in pairs if ChangeKind.MOVED in p.kinds]


def _side(*texts: str) -> Side:
    vocabulary = Vocabulary()
    return Side([Fingerprint(t, vocabulary) for t in texts], [str(n) for n in range(len(texts))], [str(n) for n in range(len(texts))])


def test_copies_of_one_text_never_cross() -> None:
    # Two copies each side, the unique texts around them shifted: the copies pair in order.
    old = _side(ITEMS["forests"], CLOSING, CLOSING, ITEMS["parks"])
    new = _side(CLOSING, ITEMS["forests"], ITEMS["floods"], ITEMS["housing"], CLOSING, ITEMS["parks"])
    matched = match(old, new, 0.5)
    assert matched[1][0] < matched[2][0]
    assert (matched[0][0], matched[3][0]) == (1, 5)

"""A small negotiation built in code for the history, blame, synopsis and report tests.

Five rounds between AZ and AM, with every kind of identity change the history must follow:

- r2 inserts a new Article 2, so Borders (id ``art-2``) is renumbered Article 2 → Article 3
  and its paragraph 2 changes "thirty days" to "ninety days";
- r3 moves Transport before Borders (Borders becomes Article 4) and adds "fully";
- r4 splits Borders: paragraph 2 becomes its own Article 5 "Withdrawal" (id ``art-5w``), with
  "under international monitoring" added;
- r5 merges Article 1 into the new Definitions article and deletes Transport.

The id-only aligner cannot see the split or the merge, so :func:`timeline` patches those two
comparisons the way the real aligner reports them (split part with ``old=None`` naming its
source in ``related``; merged-away provision with ``new=None`` naming its target).
"""

from __future__ import annotations

from dataclasses import replace

from treatydiff.model import (
    AgreementStatus,
    ChangeKind,
    Comparison,
    Negotiation,
    Party,
    Provision,
    ProvisionKind,
    Round,
    RoundInfo,
)
from treatydiff.pipeline import compare
from treatydiff.timeline.timeline import NegotiationTimeline, timeline_from_comparisons

P1 = "The Parties shall respect each other's sovereignty and territorial integrity."
P2 = "Each Party shall withdraw its armed forces within thirty days."


def _para(pid: str, label: str, text: str) -> Provision:
    return Provision(id=pid, label=label, text=text, kind=ProvisionKind.PARAGRAPH)


def _round(n: int, party: str, provisions: list[Provision]) -> Round:
    info = RoundInfo(label=f"Round {n}", party=party, date=f"2024-0{n}-01", number=n)
    return Round(info=info, provisions=tuple(provisions), name=f"r{n}-{party.lower()}")


def rounds() -> tuple[Round, ...]:
    purpose = Provision(id="art-1", label="Article 1", heading="Purpose", text="This Agreement establishes peace.", status=AgreementStatus.AGREED)
    borders = Provision(id="art-2", label="Article 2", heading="Borders", status=AgreementStatus.PROPOSED,
                        paragraphs=(_para("art-2-1", "1.", P1), _para("art-2-2", "2.", P2)))
    transport = Provision(id="art-3", label="Article 3", heading="Transport", text="The Parties shall open transport links.")
    r1 = _round(1, "AZ", [purpose, borders, transport])

    definitions = Provision(id="art-def", label="Article 2", heading="Definitions", text="For the purposes of this Agreement, 'border' means the state border.")
    borders2 = replace(borders, label="Article 3", paragraphs=(borders.paragraphs[0], _para("art-2-2", "2.", P2.replace("thirty", "ninety"))))
    transport2 = replace(transport, label="Article 4", text="The Parties shall open [all] transport links.")
    r2 = _round(2, "AM", [purpose, definitions, borders2, transport2])

    transport3 = replace(transport2, label="Article 3")
    borders3 = replace(borders2, label="Article 4", paragraphs=(_para("art-2-1", "1.", P1.replace("shall respect", "shall fully respect")), borders2.paragraphs[1]))
    r3 = _round(3, "AZ", [purpose, definitions, transport3, borders3])

    borders4 = replace(borders3, paragraphs=(borders3.paragraphs[0],))
    withdrawal = Provision(id="art-5w", label="Article 5", heading="Withdrawal",
                           text=borders3.paragraphs[1].text.replace("days.", "days under international monitoring."))
    r4 = _round(4, "AM", [purpose, definitions, transport3, borders4, withdrawal])

    definitions5 = replace(definitions, label="Article 1", text="This Agreement establishes peace. For the purposes of this Agreement, 'border' means the state border.")
    r5 = _round(5, "AZ", [definitions5, replace(borders4, label="Article 2"), replace(withdrawal, label="Article 3")])
    return (r1, r2, r3, r4, r5)


def negotiation() -> Negotiation:
    return Negotiation(
        title="Test peace talks",
        parties=(Party("AZ", "Azerbaijan"), Party("AM", "Armenia")),
        rounds=rounds(),
        illustrative=True,
    )


def _patch_split(c: Comparison) -> Comparison:
    pairs = []
    for pair in c.pairs:
        if pair.new is not None and pair.new.id == "art-5w":
            pair = replace(pair, kinds=(ChangeKind.SPLIT,), related=("Article 4",))
        elif pair.new is not None and pair.new.id == "art-2":
            pair = replace(pair, kinds=(*pair.kinds, ChangeKind.SPLIT), related=("Article 5",))
        pairs.append(pair)
    return replace(c, pairs=tuple(pairs))


def _patch_merge(c: Comparison) -> Comparison:
    pairs = []
    for pair in c.pairs:
        if pair.old is not None and pair.old.id == "art-1":
            pair = replace(pair, kinds=(ChangeKind.MERGED,), related=("Article 1",))
        elif pair.new is not None and pair.new.id == "art-def":
            pair = replace(pair, kinds=(*pair.kinds, ChangeKind.MERGED), related=("Article 1",))
        pairs.append(pair)
    return replace(c, pairs=tuple(pairs))


def comparisons(neg: Negotiation) -> tuple[Comparison, ...]:
    rs = neg.rounds
    plain = [compare(rs[i], rs[i + 1]) for i in range(len(rs) - 1)]
    plain[2] = _patch_split(plain[2])
    plain[3] = _patch_merge(plain[3])
    return tuple(plain)


def timeline() -> NegotiationTimeline:
    neg = negotiation()
    return timeline_from_comparisons(neg, comparisons(neg))

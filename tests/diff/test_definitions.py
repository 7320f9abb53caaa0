"""Definitions re-granulated: an inline list in one round, one paragraph per definition in the
next (MPL 1.1 → 2.0).  A new definition speaks of what the old list spoke of, so its words stand
in the old list; its term does not, and it is added, not cut out of the list.  Fixtures are ours."""

from __future__ import annotations

from treatydiff.diff.concordance import Relation, concordance
from treatydiff.diff.definitions import defines_a_new_term
from treatydiff.model import CompareOptions, Provision, ProvisionKind, Round, RoundInfo
from treatydiff.pipeline import compare

COMMISSION = "A joint fisheries commission composed of three members appointed by each State shall meet twice a year in alternating capitals."
DISPUTES = "Any dispute concerning the interpretation of this Agreement shall be settled by consultation, failing which by arbitration at The Hague."
INLINE = ('1.1. "Vessel" means any ship or boat used for commercial fishing in the zone. '
          '1.2. "Catch" means all fish taken by a vessel during one voyage, whether landed or discarded. '
          '1.3. "Zone" means the waters beyond the territorial sea up to the agreed boundary line. '
          '1.4. "Inspector" means an officer appointed by either State to board vessels in the zone.')
NESTED = (
    '"Fishing Vessel" means any boat or ship used in the zone for fishing on a commercial basis.',  # the term grew a word
    '"Catch" means the fish a vessel takes during a voyage, landed or discarded.',
    '"Zone" means the waters from the territorial sea to the agreed boundary line.',
    '"Discard" means fish of the catch taken by a vessel in the zone and not landed.',  # a term the list did not define
)


def _round(label: str, *provisions: Provision) -> Round:
    return Round(info=RoundInfo(label=label), provisions=provisions)


def _drafts() -> tuple[Round, Round]:
    old = _round("old", Provision(id="definitions", label="Article 1", text=f"Definitions {INLINE}"),
                 Provision(id="commission", label="Article 2", text=COMMISSION), Provision(id="disputes", label="Article 3", text=DISPUTES))
    nested = Provision(id="definitions", label="Article 1", text="Definitions", paragraphs=tuple(
        Provision(id=f"definitions-{k}", label=f"{k}.", text=t, kind=ProvisionKind.PARAGRAPH) for k, t in enumerate(NESTED, 1)))
    new = _round("new", nested, Provision(id="commission", label="Article 2", text=COMMISSION),
                 Provision(id="disputes", label="Article 3", text=DISPUTES))
    return old, new


def test_a_definition_of_a_term_the_inline_list_did_not_define_is_added() -> None:
    old, new = _drafts()
    rows = [(r.old, r.new, r.relation) for r in concordance(compare(old, new, options=CompareOptions(analyse=False))).rows]
    assert (("Article 1",), ("Article 1", "Article 1(1)", "Article 1(2)", "Article 1(3)"), Relation.SPLIT) in rows
    assert ((), ("Article 1(4)",), Relation.ADDED) in rows


def test_only_a_definition_against_a_list_of_definitions_is_judged_by_its_term() -> None:
    assert defines_a_new_term('“Discard” refers to fish thrown back.', INLINE)
    assert not defines_a_new_term('"Fishing Vessel" means a boat.', INLINE)  # shares "vessel"
    assert not defines_a_new_term("Fish thrown back are discards.", INLINE)  # no definition
    assert not defines_a_new_term('"Discard" means fish thrown back.', COMMISSION)  # the source defines nothing

"""Articles re-cut (inline lettered items in one round, nested paragraphs in the next) and
reworded, in a licence whose every article speaks of the Licensor, the Licence and the Work:
plain word overlap of the right pair barely beats any other, the rarer words do not.  Fixtures
are ours; the shape is that of a real licence revision (CC BY-SA 3.0 → 4.0)."""

from __future__ import annotations

from treatydiff.diff.align import align_rounds
from treatydiff.diff.restructure import restructure
from treatydiff.diff.whole_articles import Rarity, one_to_one
from treatydiff.model import CompareOptions, Provision, ProvisionKind, Round, RoundInfo

OFF = CompareOptions(analyse=False)
# What every article of each round says, in that round's words.
OLD_BOILERPLATE = (" Nothing in this Article limits the rights of the Licensor, of the author, or of any other person under applicable "
                   "copyright law, moral rights or database rights, in any jurisdiction or territory.")
NEW_BOILERPLATE = ("Except where applicable copyright law, moral rights or database rights require otherwise in some jurisdiction or "
                   "territory, the following applies to the Licensor, to the author, to You and to every other person. ")
GRANT = ("Grant. Subject to this Licence, the Licensor grants You a worldwide, royalty-free licence to reproduce the Work, to translate "
         "the Work and to distribute copies of the Work, in any medium now known or devised later. a. The Licensor waives any royalty "
         "collected by a society. b. The rights above may be exercised in all formats.")
CONDITIONS = ("Conditions. The licence granted by the Licensor is subject to these conditions: a. You must keep intact every copyright "
              "notice of the Work and credit the author by name. b. You may not impose technological measures on the Work that restrict "
              "the recipients of this Licence. c. If the Licensor asks, You must remove the credit from any collection.")
TERMINATION = ("Termination. This Licence and the rights the Licensor granted end automatically when You breach it. a. Persons who "
               "received the Work from You keep their licences while they comply. b. The Licensor may stop distributing the Work at any "
               "time, without withdrawing this Licence.")
CONDITION_ITEMS = (
    "Attribution: You shall retain the copyright notices of the Work and identify its author by name, as the Licensor supplied them.",
    "You shall not apply technological measures that restrict recipients of the Work from exercising the rights this Licence gives.",
    "At the Licensor's request You shall remove that credit, as far as reasonably practicable.",
)
GRANT_ITEMS = (
    "The Licensor grants You a worldwide, royalty-free licence under this Licence to reproduce and distribute the Work, and to translate it.",
    "The Licensor waives the right to collect royalties through any collecting society.",
    "You may exercise these rights in every medium and format, now known or later devised.",
)
TERMINATION_ITEMS = (
    "This Licence ends automatically when You fail to comply with it; the Licensor's other remedies are unaffected.",
    "Recipients of the Work from You keep their rights for as long as they comply.",
    "The Licensor may offer the Work on other terms or stop distributing it at any time; this Licence is not thereby withdrawn.",
)


def _flat(number: int, text: str) -> Provision:
    return Provision(id=f"old-{number}", label=f"Article {number}", text=text + OLD_BOILERPLATE)


def _items(number: int, lead: str, texts: tuple[str, ...]) -> Provision:
    return Provision(id=f"new-{number}", label=f"Section {number}", text=NEW_BOILERPLATE + lead, paragraphs=tuple(
        Provision(id=f"new-{number}-{letter}", label=f"({letter})", text=t, kind=ProvisionKind.PARAGRAPH)
        for letter, t in zip("abc", texts, strict=True)))


def _rounds() -> tuple[Round, Round]:
    old = Round(info=RoundInfo(label="old"), provisions=(_flat(1, GRANT), _flat(2, CONDITIONS), _flat(3, TERMINATION)))
    # The conditions come first now; the grant and termination sections have no text of their own.
    new = Round(info=RoundInfo(label="new"), provisions=(
        _items(1, "Your use of the Work under this Licence is subject to the following conditions.", CONDITION_ITEMS),
        _items(2, "", GRANT_ITEMS), _items(3, "", TERMINATION_ITEMS)))
    return old, new


def test_re_cut_articles_sharing_a_licence_vocabulary_are_each_paired_with_their_successor() -> None:
    pairs = restructure(align_rounds(*_rounds(), OFF), OFF)
    assert [(p.old_citation, p.new_citation) for p in pairs] == [
        ("Article 2", "Section 1"), ("Article 1", "Section 2"), ("Article 3", "Section 3")]


def test_a_word_every_article_uses_weighs_nothing() -> None:
    rarity = Rarity([frozenset({"licensor", "grant"}), frozenset({"licensor", "termination"})])
    assert rarity.weight(frozenset({"licensor"})) < rarity.weight(frozenset({"grant"}))
    assert rarity.dice(frozenset({"licensor", "grant"}), frozenset({"licensor", "termination"})) < 0.5


def test_pairs_are_taken_best_first_and_a_paired_article_is_no_rival() -> None:
    # Old 1 stands nearly as close to new 0 as to new 1; once new 0 has its own predecessor
    # (old 0, clearly), new 0 is no rival and old 1 goes to new 1.
    assert one_to_one({(0, 0): 0.6, (0, 1): 0.1, (1, 0): 0.35, (1, 1): 0.3}) == [(0, 0), (1, 1)]


def test_a_pair_with_a_close_free_rival_is_not_taken() -> None:
    assert one_to_one({(0, 0): 0.4, (0, 1): 0.3}) == []
    assert one_to_one({(0, 0): 0.4, (1, 0): 0.3, (1, 1): 0.05}) == []  # and old 1 is then still no clear match of new 1
    assert one_to_one({(0, 0): 0.15}) == []  # below the bar however alone it is

"""Word lists that are lexicon data, per language: list connectors, plural endings of defined
terms, and the words by which a sentence refers back to an earlier duty."""

from __future__ import annotations

from treatydiff.analysis.carried import item_gap
from treatydiff.analysis.lexicon import list_item_words, load_lexicon
from treatydiff.analysis.renamed import term_key


def test_item_gap_reads_every_lexicons_connectors() -> None:
    assert {"and", "or", "et", "ou", "и", "или"} <= set(list_item_words("connectors"))
    gap = item_gap()
    for between in (", ", " and ", ", or ", " et ", " или ", "; "):
        assert gap.match(between), between
    assert not gap.match(" but ")
    assert not gap.match(" and also ")


def test_term_key_drops_the_lexicons_plural_ending() -> None:
    en = load_lexicon("en")
    assert term_key("Derivative  Works", en) == term_key("derivative work", en) == "derivative work"
    assert term_key("Bus", en) == "bus"  # too short to be read as a plural
    ru = load_lexicon("ru")
    assert term_key("Производные Произведения", ru) == "производные произведения"


def test_refers_back_is_per_language_data() -> None:
    en = load_lexicon("en").refers_back
    assert en is not None
    assert en.search("Such contribution shall be made yearly.")
    assert en.search("A fund provided for under this section shall be audited.")
    assert not en.search("Such as the fund may decide.")
    assert load_lexicon("fr").refers_back is None

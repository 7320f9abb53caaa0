"""The cross-reference mask: its fast pattern masks exactly what the plain one does."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from treatydiff.diff.similarity import _XREF, mask

# The reference pattern as first written: a word boundary, then the words.
_PLAIN = re.compile(
    r"\b(?=[apsc])(?:articles?|paragraphs?|subparagraphs?|sections?|annex(?:es)?|chapters?|parts?)"
    r"\s+(?:\d+(?:\s*(?:bis|ter|quater|quinquies))?|[ivxlc]+\b|[a-z]\b)"
)
_PIECES = ["article", "articles", "annex", "annexes", "paragraph", "subparagraph", "section", "chapter", "part", "parts",
           "xarticle", "_part", "é", "2", "12", "bis", "ter", "quater", "iv", "x", "a", "c", "h", " ", "  ", "\n", "\t", ".", "(", "ß"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=12).map("".join))
def test_masks_what_a_word_boundary_pattern_masks(text: str) -> None:
    folded = text.casefold()
    assert _XREF.sub(" xref ", folded) == _PLAIN.sub(" xref ", folded)


def test_masks_references_not_words_that_contain_them() -> None:
    assert mask("See Article 4 and subparagraph 2 bis of Annex II; apart 3, Section A.") == \
        "see  xref  and  xref  of  xref ; apart 3,  xref ."

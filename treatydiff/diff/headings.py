"""What names a unit inside its text: a paragraph's own heading, a document's title line.

Numbers are reused by renumbering and texts are rewritten; a name a drafter gave a paragraph
("**Accounting**") or a document ("Eclipse Public License - v 1.0") survives both, and says which
unit is which when nothing else does (see :mod:`.align`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from ..model import Provision

# A paragraph that opens with its own heading on a line of its own: "**Accounting**[^10]".
_LEAD = re.compile(r"^\*\*(?P<name>[^*\n]{3,80}?)\*\*(?:\[\^[^\]\n]+\])*[ \t]*(?:\n|$)")
_OPTION_NAME = re.compile(r"^(?:Option|OPTION|Alternative)\b")


def headed(paragraphs: Sequence[Provision], among: set[int]) -> dict[int, str]:
    """Index → heading of those of ``among`` whose heading no other paragraph of the article
    bears ("Option 1:" names an alternative, not a paragraph)."""
    names: dict[int, str] = {}
    count: dict[str, int] = defaultdict(int)
    for n, paragraph in enumerate(paragraphs):
        found = _LEAD.match(paragraph.text)
        if found and not _OPTION_NAME.match(found["name"]):
            name = found["name"].strip().rstrip(":").casefold()
            count[name] += 1
            if n in among:
                names[n] = name
    return {n: name for n, name in names.items() if count[name] == 1}


# A title line: at least three words (one or two, "* TOC", "Annex", stand in too many places)
# and at most eight.
TITLE_LEAST, TITLE_WORDS = 3, 8
_NAME_WORD = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"\w+")


def _spaced(text: str) -> str:
    return " " + " ".join("#" if w.isdigit() else w for w in _TOKEN.findall(text.casefold())) + " "


def title_in(title: str, text: str) -> bool:
    """``title`` is a title line whose words stand in a row in ``text``, numbers aside (a
    version number changes with every release: "- v 1.0" → "- v 2.0")."""
    return TITLE_LEAST <= len(_NAME_WORD.findall(title)) <= TITLE_WORDS and _spaced(title) in _spaced(text)


__all__ = ["headed", "title_in"]

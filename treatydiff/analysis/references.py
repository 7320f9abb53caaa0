"""Cross-references and renumbering: when a changed reference is not a change of reference.

The comparison knows which old provision became which new one, so it knows the renumbering
("Article 3" of the old round is "Article 4" of the new).  A cross-reference updated to follow
it ("Article 3" → "Article 4") still points at the same provision: no finding.  Neither is a
change of punctuation or case ("Article 4 paragraph 1(d)" → "Article 4, paragraph 1(d)").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from ..model import ClausePair, Op, Segment

# "Article 12", "Art. 3", "Статья 5": a kind word and a number, as labels and references write them.
_LABEL = re.compile(r"^\s*(\w+\.?)\s+(\w+(?:\.\w+)*)\s*$")
_REFERENCE = re.compile(r"^(\w+\.?)\s+(\w+(?:\.\w+)*)")
_NOT_WORD = re.compile(r"[\W_]+")

Renumbering = Mapping[tuple[str, str], str]


def _kind(word: str) -> str:
    """"Article", "art.", "articles" → "arti"; "статьей" → "стат": the kind of provision referred to."""
    word = word.casefold().rstrip(".")
    return "arti" if word == "art" else word[:4]


def renumbering(pairs: Iterable[ClausePair]) -> dict[tuple[str, str], str]:
    """(kind, old number) → new number for every top-level provision present in both rounds."""
    return renumbering_of((pair.old.label, pair.new.label) for pair in pairs if pair.old is not None and pair.new is not None)


def renumbering_of(labels: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """:func:`renumbering` from each pair's (old label, new label), in the pairs' order (a
    later pair wins): what a reader of links and rounds needs, without the pairs' text."""
    out: dict[tuple[str, str], str] = {}
    for old_label, new_label in labels:
        old, new = _LABEL.match(old_label), _LABEL.match(new_label)
        if old and new and _kind(old.group(1)) == _kind(new.group(1)):
            out[(_kind(old.group(1)), old.group(2).casefold())] = new.group(2)
            continue
        # Licences number their sections bare ("1.", "12."): a reference names the kind
        # ("Section 1") that the labels leave out.
        bare_old, bare_new = _BARE.match(old_label), _BARE.match(new_label)
        if bare_old and bare_new:
            out[("", bare_old.group(1).casefold())] = bare_new.group(1)
    return out


_BARE = re.compile(r"^\s*§?\s*(\d+[a-z]?)\.?\s*$")


# "Article 9, paragraph 8", "Art. 9(8)": an article and one of its paragraphs.
_ARTICLE_PARAGRAPH = re.compile(r"^(?:article|art\.)\s*(\w+(?:\.\w+)*)\s*(?:,?\s*paragraph\s+|\()(\w+)\)?", re.IGNORECASE)
_PARAGRAPH_NUMBER = re.compile(r"^\(?(\w+)[.)]?$")


def _number(label: str) -> str | None:
    found = _PARAGRAPH_NUMBER.match(label.strip())
    return found.group(1).casefold() if found else None


def paragraph_renumbering(pairs: Iterable[ClausePair]) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], dict[tuple[str, str], str]]]:
    """Renumbered paragraphs: ("arti-para", "9.8") → "13.13" for references that name the
    article, and per (old article, new article) ("para", "8") → "13" for references made from
    inside it ("paragraph 8 of this Article")."""
    named: dict[tuple[str, str], str] = {}
    inside: dict[tuple[str, str], dict[tuple[str, str], str]] = {}
    for pair in pairs:
        if pair.old is None or pair.new is None or pair.old_parent is None or pair.new_parent is None:
            continue
        old_article, new_article = _LABEL.match(pair.old_parent), _LABEL.match(pair.new_parent)
        old_para, new_para = _number(pair.old.label), _number(pair.new.label)
        if not (old_article and new_article and old_para and new_para):
            continue
        a, b = old_article.group(2).casefold(), new_article.group(2).casefold()
        named[("arti-para", f"{a}.{old_para}")] = f"{b}.{new_para}"
        inside.setdefault((a, b), {})[("para", old_para)] = new_para
    return named, inside


def reference_key(text: str) -> str:
    """A reference as compared: case, spacing and punctuation do not count."""
    return _NOT_WORD.sub("", text.casefold())


def same_target(old: str, new: str, renumbered: Renumbering) -> bool:
    """True when reference ``new`` points where ``old`` did: equal but for punctuation, or renumbered."""
    if reference_key(old) == reference_key(new):
        return True
    both = _ARTICLE_PARAGRAPH.match(old), _ARTICLE_PARAGRAPH.match(new)
    if both[0] and both[1]:
        target = renumbered.get(("arti-para", f"{both[0].group(1).casefold()}.{both[0].group(2).casefold()}"))
        if target is not None and target == f"{both[1].group(1).casefold()}.{both[1].group(2).casefold()}":
            return True
    found = _REFERENCE.match(old)
    if found is None:
        return False
    number = found.group(2).casefold()
    target = renumbered.get((_kind(found.group(1)), number), renumbered.get(("", number)))
    if target is None:
        return False
    followed = old[: found.start(2)] + target + old[found.end(2) :]
    return reference_key(followed) == reference_key(new)


def harmless(segments: Sequence[Segment], renumbered: Renumbering) -> bool:
    """True when every change in ``segments`` is punctuation, case or spacing, or a number that
    follows the renumbering right after a kind word ("Article 5" → "Article 6").

    A quick test: such a pair cannot hold a cross-reference that points elsewhere.
    """
    before = ""
    old_piece: list[str] = []
    new_piece: list[str] = []
    for segment in [*segments, Segment(Op.EQUAL, "")]:
        if segment.op == Op.DELETE:
            old_piece.append(segment.text)
            continue
        if segment.op == Op.INSERT:
            new_piece.append(segment.text)
            continue
        if old_piece or new_piece:
            a, b = "".join(old_piece), "".join(new_piece)
            if reference_key(a) != reference_key(b):
                word = re.search(r"(\w+\.?)\s+$", before)
                if word is None or renumbered.get((_kind(word.group(1)), a.strip().casefold())) != b.strip():
                    return False
            old_piece, new_piece = [], []
        before = (before + segment.text)[-40:]
    return True

"""Recognising the numbering and headings drafters type, and counting words.

Shared by the Markdown/text and Word importers so both read "Article 2bis", "ANNEX I",
"Section A.", "2bis.", "Option 1:" the same way and count words the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..model import Provision

# One match per whitespace-separated token holding a letter or digit (one regex pass is
# several times faster than testing each token).
_WORD_TOKEN = re.compile(r"[^\s\w]*\w\S*")
_WORD_CHAR = re.compile(r"\w")


def count_words(text: str | None) -> int:
    """Tokens with a letter or digit: punctuation, bullets and '#' markers are not words."""
    if not text:
        return 0
    return len(_WORD_TOKEN.findall(text))


def round_words(provisions: Iterable[Provision]) -> int:
    """Words of text, headings and notes in a round (labels are numbering, not words)."""
    total = 0
    for top in provisions:
        for provision in top.walk():
            total += count_words(provision.text) + count_words(provision.heading)
            total += count_words(provision.notes)
    return total


# Letter-and-digit pieces of a word, case-folded: how a word read is found again in the round
# ("1.Definitions" read is label "1." plus text "Definitions"; "**Article" is "Article").
_PIECE = re.compile(r"[^\W_]+")
# A bare number ("1.", "(a)", "IV.", "2bis."): importers may relabel it as it displays (a
# Markdown list typed "1.", "1.", "1." reads 1, 2, 3), so it need not be found again.
_BARE_NUMBER = re.compile(r"^[\[(]*(?:\d+(?:\.\d+)*[a-z]*|[ivxlcdm]+|[a-z])[.)\]]+$")


@dataclass(frozen=True)
class WordAccount:
    """Words an importer read, and how many of them the round it built still holds."""

    read: int
    written: int
    missing: tuple[str, ...] = ()  # words read and found nowhere in the round, in order


def account_words(source: Iterable[str], provisions: Iterable[Provision]) -> WordAccount:
    """Count the words read against the round built from them, without asking the builder.

    The structure builder turns numbering into labels and could lose words on the way
    ("TITLE V" labelled "III.V" loses "TITLE") while counting them as numbering, so the count
    is made here from both ends: every word read must be found in the round, in a text,
    heading or note or in a label, by its letter-and-digit pieces.
    """
    lines = list(source)
    kept = [
        text
        for top in provisions
        for provision in top.walk()
        for text in (provision.label, provision.text, provision.heading, provision.notes)
        if text
    ]
    return _account_by_lines(lines, kept) or _account_by_words(lines, kept)


# A whitespace-separated chunk with no letter or digit, between spaces added at both ends.
_NOT_A_WORD = re.compile(r"\s[^\s\w]+(?=\s)")


def _account_by_lines(lines: list[str], kept: list[str]) -> WordAccount | None:
    """The account when every word is found, or None to count word by word.

    Most lines read stand in the round as they were read, or after their first chunk (a
    number that became a label): those are matched as whole lines, and only the rest is
    split into words.  A line matched holds the same chunks on both sides, so taking it from
    both never lets a word that is missing pass (the pieces a bare number leaves out of the
    words wanted stay out of those available too: the check only gets stricter); when the
    rest does not balance, :func:`_account_by_words` decides alone.
    """
    unmatched: Counter[str] = Counter(line.strip() for text in kept for line in text.split("\n"))
    taken = unmatched.get  # a Counter's own lookup calls __missing__ (in Python) for every line it lacks
    read_left: list[str] = []
    for read in lines:
        for line in read.split("\n"):
            key = line.strip()
            if taken(key, 0) > 0:
                unmatched[key] -= 1
                continue
            parts = key.split(None, 1)
            if len(parts) == 2 and taken(parts[1], 0) > 0:
                unmatched[parts[1]] -= 1
                read_left.append(parts[0])
            else:
                read_left.append(key)
    available = _pieces(Counter("\n".join(unmatched.elements()).split()))
    wanted: Counter[str] = Counter()
    for chunk, times in Counter("\n".join(read_left).split()).items():
        folded = chunk.casefold()
        if _BARE_NUMBER.match(folded):
            continue
        for piece in _PIECE.findall(folded):
            wanted[piece] += times
    if any(available[piece] < n for piece, n in wanted.items()):
        return None
    count = _word_chunks(lines)
    return WordAccount(count, count)


# An ASCII character as the count of words sees it: a space (what ``str.split`` splits at, as
# ``\s`` matches it), a word character (``\w``) or punctuation.
_CHUNK_CLASSES = str.maketrans({c: " " if chr(c).isspace() else "w" if chr(c).isalnum() or chr(c) == "_" else "p" for c in range(128)})
# A chunk of punctuation alone, in a text so translated (it starts with a literal: ``re`` skips
# to the next punctuation in C).
_PUNCTUATION_CHUNK = re.compile(r"p(?<= p)p*(?= )")


def _word_chunks(lines: list[str]) -> int:
    """Whitespace-separated chunks holding a letter or digit in ``"\\n".join(lines)``.

    No chunk spans two lines, so lines are counted apart: the ASCII ones (nearly all) as one text
    translated to three classes of character, where chunk starts are found by ``str.count`` and
    chunks of punctuation alone by a pattern with a literal start (five times faster than
    testing every character); the others by splitting them and testing every gap.
    """
    ascii_text = "\n".join(line for line in lines if line.isascii())
    plain = f" {ascii_text} ".translate(_CHUNK_CLASSES)
    count = plain.count(" w") + plain.count(" p") - len(_PUNCTUATION_CHUNK.findall(plain))
    other = "\n".join(line for line in lines if not line.isascii())
    return count + len(other.split()) - len(_NOT_A_WORD.findall(f" {other} "))


def _pieces(chunks: Counter[str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for chunk, times in chunks.items():
        for piece in _PIECE.findall(chunk.casefold()):
            out[piece] += times
    return out


def _account_by_words(lines: list[str], kept: list[str]) -> WordAccount:
    """Every word read looked for in the round, in reading order, to name those missing."""
    # A token read is a whole whitespace-separated chunk holding a letter or digit, and a piece
    # never spans whitespace: so both ends are counted by distinct chunk (a draft repeats few
    # of them many times), split in C, instead of by regex over every character.
    available = _pieces(Counter("\n".join(kept).split()))
    read = {chunk: times for chunk, times in Counter("\n".join(lines).split()).items() if _WORD_CHAR.search(chunk)}
    count = sum(read.values())
    # Each distinct token split once (None for a bare number).
    split: dict[str, tuple[tuple[str, int], ...] | None] = {}
    wanted: Counter[str] = Counter()
    for token, times in read.items():
        folded = token.casefold()
        pieces = None if _BARE_NUMBER.match(folded) else tuple(Counter(_PIECE.findall(folded)).items())
        split[token] = pieces
        for piece, n in pieces or ():
            wanted[piece] += n * times
    if all(available[piece] >= n for piece, n in wanted.items()):
        return WordAccount(count, count)  # every word read is found: none can miss
    tokens = [token for text in lines for token in _WORD_TOKEN.findall(text)]
    missing: list[str] = []
    # Words first: a bare number may have been relabelled and must not take the pieces of a
    # word ("1." read thrice as a list is labelled 1, 2, 3; the "1" of "1.0%" is the text's).
    for token in tokens:
        pieces = split[token]
        if pieces is None:
            continue
        if all(available[piece] >= n for piece, n in pieces):
            for piece, n in pieces:
                available[piece] -= n
        else:
            missing.append(token)
    return WordAccount(len(tokens), len(tokens) - len(missing), tuple(missing))


_SUFFIX = r"(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|nonies|decies|er)"
_NUM = rf"(?:\d+|[IVXLCDM]+)(?:\s?{_SUFFIX}|[A-Za-z](?![A-Za-z]))?"
_SEP = r"(?:\s*[-–—:.]\s*|\s+|$)"
# "Art 143g", "Artikel 5", "§ 5a": German statutes number their articles so.
ARTICLE_RE = re.compile(rf"^(\[?\s*(?:(?:Article|ARTICLE|Artikel|Art\.?)\s+|§\s*)({_NUM})\s*\]?){_SEP}(.*)$", re.S)
ANNEX_RE = re.compile(
    rf"^(\[?\s*(?:Annex|ANNEX|Appendix|APPENDIX|Schedule|SCHEDULE|Exhibit|EXHIBIT)(?:\s+({_NUM}|[A-Z](?![A-Za-z])))?\s*\]?){_SEP}(.*)$",
    re.S,
)
# The instructions after a licence's terms ("How to Apply These Terms to Your New Programs").
APPLY_RE = re.compile(r"^How to [Aa]pply (?:These|these|the|this|This)\b[^.;:,\n]*$")
# A line underlining a plain-text heading ("Exhibit A - Notice" / "------------------").
UNDERLINE_RE = re.compile(r"\n\s*(?:-{3,}|={3,})\s*$")
SECTION_RE = re.compile(
    rf"^(\[?\s*(?:Section|SECTION|Chapter|CHAPTER|Part|PART|Title|TITLE)\s+({_NUM}|[A-Z])\.?\s*\]?){_SEP}(.*)$", re.S
)
# A heading of the "Section 1 – Definitions." family: word, number, a dash (or, before a title in
# capitals, a full stop: "SECTION 5. TITLE"), a short title that may close with a full stop.
# Read as a heading only where a draft uses the form for a run of numbered headings (see
# :mod:`.outline`), so a sentence "Section 3 of this Act …" never is one.
OUTLINE_HEADING_RE = re.compile(
    r"^(?P<label>(?P<word>Article|ARTICLE|Section|SECTION|Chapter|CHAPTER|Part|PART)\s+(?P<number>\d+|[IVXLC]+))"
    r"(?:\s*[-–—]\s*(?P<title>[A-Z(\"“‘][^\n]*?)|\.\s+(?P<caps>[A-Z][^a-z\n]*?))(?P<stop>\.?)$"
)
# An item of such an outline, by its marker: "a.", "1.", "A.", "iii.", "(a)", "1)".
OUTLINE_ITEM_RE = re.compile(r"^\(?(?P<marker>[a-z]{1,4}|[A-Z]|\d{1,3})[.)]\s+(?P<body>\S.*)$", re.S)
LETTERED_RE = re.compile(r"^(\[?([IVXLC]+|[A-Z])\.)\s+(.*)$", re.S)
PREAMBLE_RE = re.compile(r"^\[?\s*(Preamble|PREAMBLE)\s*\]?\s*:?$")
PARAGRAPH_RE = re.compile(
    rf"^(\[?(-?\d+(?:\.\d+)*)({_SUFFIX}|[a-z])?(?:\.|\)|(?<=\.\d)(?=\s)))(?:\s+|(?<=\.)(?=[A-Z‘“\"]))(.*)$", re.S
)
OPTION_RE = re.compile(r"^[\[*_\s]*(?:Option|OPTION|Alternative)\s+[\w.]+[\]*_\s]*:?[\]*_\s]*:?(?:\[\^[^\]]+\]\s*)*$")
OPTION_START = re.compile(r"^[\[*_\s]*((?:Option|OPTION|Alternative)\s+\w+(?:\.\w+)*)")
_WRAP = re.compile(r"^(\*\*|__|\*|_)(.+)\1$", re.S)


def unwrap(text: str) -> str:
    """``**Article 3**`` → ``Article 3``: emphasis around a whole heading is presentation."""
    text = text.strip()
    if text[:1] not in ("*", "_"):
        return text  # nearly every block: no emphasis can open it (and "" cannot be wrapped)
    match = _WRAP.match(text)
    return match.group(2).strip() if match else text


def short_title(rest: str) -> bool:
    return count_words(rest) <= 14 and "\n" not in rest.strip()


def article_line(text: str) -> str | None:
    """What follows the number on a line that is an "Article N" heading by itself ("" for
    "Article 12", "Languages" for "Article 14 - Languages"); None for text, such as a wrapped
    sentence that starts with one ("Article 5 of the Convention applies.")."""
    match = ARTICLE_RE.match(unwrap(text))
    if not match:
        return None
    rest = match.group(3).strip()
    if not rest or (short_title(rest) and not rest.endswith((".", ";", ",", ":")) and not rest[0].islower()):
        return rest
    return None


def heading_line(text: str, following: str | None) -> bool:
    """The line after an "Article N" line is its heading when short, unpunctuated and not the
    first line of a wrapped sentence (whose next line would go on in lower case)."""
    text = unwrap(text)
    if not text or count_words(text) > 10 or text.endswith((".", ";", ",", ":")) or PARAGRAPH_RE.match(text):
        return False
    if not (text[0].isupper() or text[0] in "([{"):
        return False
    return following is None or not following.strip() or not following.strip()[0].islower()


_NOT_SLUG = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=4096)
def slug(text: str) -> str:
    # Cached: every article has its "1.", "2." … and each paragraph's id is made of its slug.
    out = _NOT_SLUG.sub("-", text.lower()).strip("-")
    return out or "x"

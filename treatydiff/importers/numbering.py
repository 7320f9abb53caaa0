"""Word list numbering: the labels a reader sees but the text runs do not contain.

Word keeps "1.", "(a)", "IV." in ``numbering.xml``: each paragraph names a list instance
(``w:num``) and a level; the instance points at an ``w:abstractNum`` whose levels give the
start value, the format (decimal, letter, roman …) and a template such as ``%1.%2``.  This module
replays the counters in document order the way Word does:

* instances of one abstract list share their counters (a list continues across ``w:num``
  elements), unless an instance overrides a level, which makes it a list of its own;
* ``w:startOverride`` restarts a level when its instance is first used;
* a level restarts whenever a higher level advances (or per ``w:lvlRestart``);
* ``w:isLgl`` shows every level of the template as a decimal ("Article 1.2" style).

The module reads lxml elements handed to it and never touches the zip.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: restart after this 1-based level; 0 = never
    legal: bool = False  # w:isLgl
    style: str | None = None  # w:pStyle that carries this level


@dataclass
class _List:
    levels: dict[int, Level]
    counters: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Label:
    """A computed number: its text as displayed, its level and its format."""

    text: str
    level: int
    fmt: str


def _val(element: etree._Element | None, name: str) -> str | None:
    if element is None:
        return None
    child = element.find(W + name)
    return None if child is None else child.get(W + "val")


def _level(element: etree._Element, base: Level | None = None) -> Level:
    base = base or Level()
    start = _val(element, "start")
    restart = _val(element, "lvlRestart")
    legal = element.find(W + "isLgl")
    return Level(
        start=int(start) if start is not None and start.lstrip("-").isdigit() else base.start,
        fmt=_val(element, "numFmt") or base.fmt,
        text=_val(element, "lvlText") if element.find(W + "lvlText") is not None else base.text,  # type: ignore[arg-type]
        restart=int(restart) if restart is not None and restart.isdigit() else base.restart,
        legal=(legal is not None and legal.get(W + "val") not in ("0", "false")) or base.legal,
        style=_val(element, "pStyle") or base.style,
    )


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def roman(value: int) -> str:
    if value <= 0:
        return str(value)
    out = []
    for number, letters in _ROMAN:
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


def letters(value: int) -> str:
    """Word's letter numbering: a … z, then aa … zz, aaa …(not base 26)."""
    if value <= 0:
        return str(value)
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def ordinal(value: int) -> str:
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def format_number(value: int, fmt: str) -> str:
    """One counter in one of Word's formats; unknown formats fall back to decimal."""
    if fmt == "lowerLetter":
        return letters(value)
    if fmt == "upperLetter":
        return letters(value).upper()
    if fmt == "lowerRoman":
        return roman(value)
    if fmt == "upperRoman":
        return roman(value).upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "ordinal":
        return ordinal(value)
    if fmt in ("none", "bullet"):
        return ""
    return str(value)


class Numbering:
    """The numbering definitions of one document, with the running counters."""

    def __init__(self, root: etree._Element | None, style_numbering: dict[str, tuple[str | None, int | None]] | None = None) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.instances: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = {}
        self.style_link: dict[str, str] = {}
        self.style_numbering = style_numbering or {}
        self.lists: dict[str, _List] = {}
        self.used: set[str] = set()
        if root is None:
            return
        for abstract in root.iter(W + "abstractNum"):
            aid = abstract.get(W + "abstractNumId") or ""
            self.abstract[aid] = {int(lvl.get(W + "ilvl") or 0): _level(lvl) for lvl in abstract.findall(W + "lvl")}
            link = _val(abstract, "numStyleLink")
            if link:
                self.style_link[aid] = link
        for num in root.iter(W + "num"):
            nid = num.get(W + "numId") or ""
            aid = _val(num, "abstractNumId") or ""
            overrides: dict[int, Level] = {}
            starts: dict[int, int] = {}
            for override in num.findall(W + "lvlOverride"):
                ilvl = int(override.get(W + "ilvl") or 0)
                start = _val(override, "startOverride")
                if start is not None and start.lstrip("-").isdigit():
                    starts[ilvl] = int(start)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    overrides[ilvl] = _level(lvl)
            self.instances[nid] = (aid, overrides, starts)

    def _levels(self, nid: str, depth: int = 0) -> tuple[str, dict[int, Level]] | None:
        instance = self.instances.get(nid)
        if instance is None:
            return None
        aid, overrides, _starts = instance
        levels = self.abstract.get(aid)
        if levels is not None and not levels and aid in self.style_link and depth < 3:
            # numStyleLink: the definitions live in the list style's own numbering.
            linked = self.style_numbering.get(self.style_link[aid])
            if linked and linked[0]:
                found = self._levels(linked[0], depth + 1)
                if found:
                    aid, levels = found[0], found[1]
        if levels is None:
            return None
        merged = dict(levels)
        merged.update(overrides)
        # Instances of one abstract list share counters (Word continues the list); a
        # startOverride restarts levels when its instance is first used (see label()).
        key = f"abs{aid}"
        return key, merged

    def label(self, nid: str, ilvl: int) -> Label | None:
        """Advance the counters for a paragraph of list ``nid`` at level ``ilvl``."""
        if nid in ("", "0"):
            return None  # numId 0 switches numbering off
        found = self._levels(nid)
        if found is None:
            return None
        key, levels = found
        if ilvl not in levels:
            return None
        state = self.lists.setdefault(key, _List(levels))
        _, _, starts = self.instances[nid]
        if nid not in self.used:
            # The first paragraph of an overriding instance restarts its own level (and the
            # deeper ones); higher levels keep counting, as Word shows them.
            self.used.add(nid)
            for lvl, start in starts.items():
                if lvl >= ilvl:
                    state.counters[lvl] = start - 1
        level = levels[ilvl]
        for higher in range(ilvl):
            # Word counts an unused higher level as started at its start value, so after
            # "(i)" items the first "(a)" item of the same list shows "(b)".
            if higher in levels and higher not in state.counters:
                state.counters[higher] = levels[higher].start
        state.counters[ilvl] = state.counters.get(ilvl, level.start - 1) + 1
        for deeper in list(state.counters):
            if deeper > ilvl:
                restart = levels.get(deeper, Level()).restart
                if restart is None or (restart != 0 and restart - 1 <= ilvl):
                    del state.counters[deeper]
        if level.fmt == "bullet":
            return Label("•" if not level.text.strip() or not level.text.isprintable() or ord(level.text[0]) > 0xF000 else level.text, ilvl, "bullet")
        text = level.text
        for ref in range(9, 0, -1):
            token = f"%{ref}"
            if token not in text:
                continue
            ref_level = levels.get(ref - 1, Level())
            value = state.counters.get(ref - 1, ref_level.start)
            fmt = "decimal" if level.legal else ref_level.fmt
            text = text.replace(token, format_number(value, fmt))
        return Label(text, ilvl, level.fmt)

"""A Word document's paragraph styles: what each one says about numbering and outline level,
and the chain of styles each is based on (read once per style)."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .numbering import W


@dataclass(frozen=True)
class Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None


def attr(element: etree._Element | None, name: str) -> str | None:
    """The ``w:name`` attribute of ``element`` (``None`` for no element)."""
    return None if element is None else element.get(W + name)


def child(element: etree._Element | None, *path: str) -> etree._Element | None:
    """``element.find("a/b")`` for the tags ``a``, ``b``: the first such descendant in document
    order.  A loop over the children is several times faster than lxml's ElementPath, and the
    readers ask it of every paragraph (its ``w:pPr``, its ``w:rPr``, its style)."""
    if element is None:
        return None
    tag, rest = path[0], path[1:]
    if not rest:  # the usual question, asked tens of thousands of times: no recursion
        for node in element:
            if node.tag == tag:
                return node
        return None
    for node in element:
        if node.tag == tag:
            found = child(node, *rest)
            if found is not None:
                return found
    return None


def read_styles(root: etree._Element | None) -> dict[str, Style]:
    """The styles of ``styles.xml`` by id."""
    out: dict[str, Style] = {}
    if root is None:
        return out
    for style in root.iter(W + "style"):
        sid = attr(style, "styleId") or ""
        ppr = style.find(W + "pPr")
        num = ppr.find(W + "numPr") if ppr is not None else None
        ilvl = attr(num.find(W + "ilvl"), "val") if num is not None else None
        outline = attr(ppr.find(W + "outlineLvl"), "val") if ppr is not None else None
        out[sid] = Style(
            name=attr(style.find(W + "name"), "val") or sid,
            based_on=attr(style.find(W + "basedOn"), "val"),
            num_id=attr(num.find(W + "numId"), "val") if num is not None else None,
            ilvl=int(ilvl) if ilvl and ilvl.isdigit() else None,
            outline=int(outline) if outline and outline.isdigit() else None,
        )
    return out


class StyleChains:
    """``chains(style_id)``: the style and those it is based on, nearest first (cached)."""

    def __init__(self, styles: dict[str, Style]) -> None:
        self.styles = styles
        self._chains: dict[str, list[Style]] = {}

    def __call__(self, sid: str | None) -> list[Style]:
        key = sid or ""
        if key not in self._chains:
            self._chains[key] = self._resolve(sid)
        return self._chains[key]

    def _resolve(self, sid: str | None) -> list[Style]:
        chain: list[Style] = []
        while sid and sid in self.styles and len(chain) < 12:
            chain.append(self.styles[sid])
            sid = chain[-1].based_on
        return chain

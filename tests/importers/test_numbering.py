"""Word list numbering: labels computed from numbering.xml as Word displays them."""

from __future__ import annotations

from lxml import etree

from treatydiff.importers.numbering import Numbering, format_number, letters, roman

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def numbering(xml: str) -> Numbering:
    return Numbering(etree.fromstring(f'<w:numbering xmlns:w="{W_NS}">{xml}</w:numbering>'.encode()))


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


LEGAL = (
    '<w:abstractNum w:abstractNumId="0">'
    + lvl(0, "decimal", "%1.")
    + lvl(1, "decimal", "%1.%2")
    + lvl(2, "lowerLetter", "(%3)")
    + lvl(3, "lowerRoman", "(%4)")
    + "</w:abstractNum>"
    + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    + '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
)


def labels(n: Numbering, *paragraphs: tuple[str, int]) -> list[str | None]:
    out = []
    for nid, ilvl in paragraphs:
        label = n.label(nid, ilvl)
        out.append(label.text if label else None)
    return out


def test_formats() -> None:
    assert [letters(i) for i in (1, 26, 27, 28, 53)] == ["a", "z", "aa", "bb", "aaa"]
    assert [roman(i) for i in (1, 4, 9, 14, 40, 1994)] == ["i", "iv", "ix", "xiv", "xl", "mcmxciv"]
    assert format_number(3, "upperRoman") == "III"
    assert format_number(2, "upperLetter") == "B"
    assert format_number(5, "decimalZero") == "05"
    assert format_number(2, "ordinal") == "2nd"
    assert format_number(7, "somethingNew") == "7"


def test_multi_level_legal_numbering_and_restarts_of_deeper_levels() -> None:
    n = numbering(LEGAL)
    assert labels(n, ("1", 0), ("1", 2), ("1", 2), ("1", 3), ("1", 3), ("1", 0), ("1", 1), ("1", 1), ("1", 2)) == [
        "1.", "(a)", "(b)", "(i)", "(ii)", "2.", "2.1", "2.2", "(a)"
    ]


def test_instances_of_one_list_continue_and_start_override_restarts() -> None:
    n = numbering(LEGAL + '<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>')
    assert labels(n, ("1", 0), ("1", 0), ("3", 0), ("2", 0), ("2", 0), ("1", 0)) == ["1.", "2.", "3.", "1.", "2.", "3."]


def test_override_only_restarts_the_level_it_is_first_used_at() -> None:
    # A num with overrides first used for a sub-level leaves the top level counting.
    xml = (
        '<w:abstractNum w:abstractNumId="0">' + lvl(0, "upperRoman", "%1.") + lvl(1, "upperLetter", "%2.") + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="8"><w:abstractNumId w:val="0"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
        '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    )
    n = numbering(xml)
    assert labels(n, ("1", 0), ("1", 0), ("8", 1), ("8", 1), ("1", 0), ("8", 1)) == ["I.", "II.", "A.", "B.", "III.", "A."]


def test_numid_zero_and_unknown_lists_have_no_label() -> None:
    n = numbering(LEGAL)
    assert labels(n, ("0", 0), ("99", 0), ("1", 7)) == [None, None, None]


def test_start_values_legal_style_and_no_restart() -> None:
    xml = (
        '<w:abstractNum w:abstractNumId="0">'
        + lvl(0, "upperRoman", "Article %1", start=3)
        + lvl(1, "lowerLetter", "%1.%2", extra='<w:isLgl/>')
        + lvl(2, "decimal", "%3)", extra='<w:lvlRestart w:val="0"/>')
        + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    n = numbering(xml)
    assert labels(n, ("1", 0), ("1", 1), ("1", 2), ("1", 0), ("1", 1), ("1", 2)) == [
        "Article III", "3.1", "1)", "Article IV", "4.1", "2)"
    ]


def test_unused_higher_level_counts_as_started() -> None:
    # Word shows "(b)" for the first level-2 item after level-3 items of the same list.
    n = numbering(LEGAL)
    assert labels(n, ("1", 0), ("1", 3), ("1", 2)) == ["1.", "(i)", "(b)"]


def test_bullets() -> None:
    xml = '<w:abstractNum w:abstractNumId="0">' + lvl(0, "bullet", "\uf0b7") + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    label = numbering(xml).label("1", 0)
    assert label is not None and label.fmt == "bullet" and label.text == "•"

"""Plain-text licence layouts (written here, not copied from any licence): boxed sections and
appendices after the last numbered section."""

from __future__ import annotations

from pathlib import Path

from treatydiff.importers import ImportResult, import_draft
from treatydiff.importers.plaintext import split_blocks
from treatydiff.model import ProvisionKind

_BOXED = """Example Licence 3.0

1. Grants
---------

1.1. You may copy the Work.

1.2. You may change the Work.

****************************************************
*                                                  *
*  2. No Warranty                                  *
*  --------------                                  *
*                                                  *
*  The Work is provided "as is", without warranty  *
*  of any kind.                                    *
*                                                  *
****************************************************

╔══════════════════════════════════════════════════╗
║  3. No Liability                                 ║
║                                                  ║
║  No author is liable for any damage.             ║
╚══════════════════════════════════════════════════╝

4. Courts
---------

Disputes go to the courts of the author's residence.
"""


def _import(tmp_path: Path, name: str, text: str) -> ImportResult:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = import_draft(path)
    assert result.report.words_in == result.report.words_out
    return result


def test_a_framed_section_opens_a_section(tmp_path: Path) -> None:
    provisions = _import(tmp_path, "boxed.txt", _BOXED).round.provisions
    assert [(p.label, [q.label for q in p.paragraphs]) for p in provisions[1:]] == [
        ("1.", ["1.1.", "1.2."]), ("2.", []), ("3.", []), ("4.", [])
    ]
    assert provisions[2].text.splitlines()[-2:] == ['The Work is provided "as is", without warranty', "of any kind."]
    assert provisions[3].text.splitlines()[-1] == "No author is liable for any damage."
    assert "*" not in provisions[1].paragraphs[-1].text


def test_a_table_is_not_a_box() -> None:
    lines = ["+-------+-------+", "| Party | Seats |", "+-------+-------+"]
    assert [b.text for b in split_blocks(lines, markdown=False)] == ["+-------+-------+", "| Party | Seats |", "+-------+-------+"]


_APPENDICES = """Example Licence 3.0

1. Use
------

You may use the Work.

2. Courts
---------

Disputes go to the courts.

END OF TERMS

How to Apply These Terms to Your Work

Attach the following notice to the Work.

Exhibit A - Notice
------------------

  This Work is subject to the terms of Example Licence 3.0.

APPENDIX: How to apply this licence to your work.

Put the notice in a file.
"""


def test_appendices_after_the_last_section_open_provisions(tmp_path: Path) -> None:
    provisions = _import(tmp_path, "appendices.txt", _APPENDICES).round.provisions
    assert [(p.label, p.kind, p.heading) for p in provisions[1:]] == [
        ("1.", ProvisionKind.SECTION, None),
        ("2.", ProvisionKind.SECTION, None),
        ("How to Apply These Terms to Your Work", ProvisionKind.OTHER, "How to Apply These Terms to Your Work"),
        ("Exhibit A", ProvisionKind.ANNEX, "Notice"),
        ("APPENDIX", ProvisionKind.ANNEX, "How to apply this licence to your work."),
    ]
    assert provisions[2].text.splitlines()[-1] == "END OF TERMS"
    assert provisions[3].text == "Attach the following notice to the Work."
    assert provisions[4].text == "This Work is subject to the terms of Example Licence 3.0."
    assert provisions[5].text == "Put the notice in a file."

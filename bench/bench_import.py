"""How fast does a 300-page Word draft import?  Ours against the floors, side by side.

Builds a deterministic DOCX of about 300 pages (1,000 articles, ~150,000 words: "Article N"
headings, paragraphs numbered by Word automatic numbering restarted in every article, lettered
sub-items, a footnote every tenth paragraph, a table every 25 articles, tracked changes), then
times, median of 3 runs:

* ``lxml parse only``: unzip and parse ``word/document.xml``: the floor for any reader;
* ``python-docx text``: ``Document(path).paragraphs`` text, no numbers, no notes, no tables;
* ``treatydiff import``: labels computed, notes attached, revisions counted, provisions built.

Run: ``python bench/bench_import.py [--articles 1000] [--out bench/results]``.  Target: < 3 s.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import generate_round  # noqa: E402
from treatydiff.importers import import_draft  # noqa: E402

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_FIXED = (2024, 1, 1, 0, 0, 0)


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(content: str, *, style: str | None = None, num: tuple[int, int] | None = None) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    return f"<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>"


def build_docx(articles: int, seed: int = 1) -> tuple[bytes, int]:
    """A deterministic draft; returns the DOCX bytes and its word count."""
    round_ = generate_round(articles, seed)
    body: list[str] = []
    nums: list[str] = []
    notes: list[str] = []
    words = 0
    note_id = 0
    for index, article in enumerate(round_.provisions, start=1):
        body.append(_para(_run(article.label), style="Heading1"))
        if article.heading:
            body.append(_para(_run(article.heading), style="Heading2"))
        # Each article restarts its paragraph numbers: a new list instance with startOverride.
        nums.append(
            f'<w:num w:numId="{index + 1}"><w:abstractNumId w:val="0"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
        for number, paragraph in enumerate(article.paragraphs or (article,), start=1):
            text = paragraph.text
            words += len(text.split())
            content = _run(text)
            if number % 3 == 0:
                head, _, tail = text.partition(" shall ")
                if tail:
                    content = (
                        _run(head + " ")
                        + f'<w:del w:id="{index}{number}" w:author="AM"><w:r><w:delText>shall</w:delText></w:r></w:del>'
                        + f'<w:ins w:id="{index}{number}9" w:author="AZ">{_run("should")}</w:ins>'
                        + _run(" " + tail)
                    )
            if (index + number) % 10 == 0:
                note_id += 1
                content += f'<w:r><w:footnoteReference w:id="{note_id}"/></w:r>'
                notes.append(f'<w:footnote w:id="{note_id}"><w:p>{_run("See decision 1/CP." + str(note_id) + ".")}</w:p></w:footnote>')
            body.append(_para(content, num=(index + 1, 0)))
            if number == 1:
                for item in ("in the short term;", "in the long term."):
                    body.append(_para(_run(item), num=(index + 1, 1)))
        if index % 25 == 0:
            rows = "".join(
                f"<w:tr><w:tc>{_para(_run(f'Party {r}'))}</w:tc><w:tc>{_para(_run(str(r * 7)))}</w:tc></w:tr>"
                for r in range(1, 6)
            )
            body.append(f"<w:tbl><w:tblPr/>{rows}</w:tbl>")
    numbering = (
        f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>'
        "</w:abstractNum>" + "".join(nums) + "</w:numbering>"
    )
    styles = (
        f'<w:styles xmlns:w="{W_NS}">'
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
        "</w:styles>"
    )
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{WML}document.main+xml"/>'
            f'<Override PartName="/word/numbering.xml" ContentType="{WML}numbering+xml"/>'
            f'<Override PartName="/word/styles.xml" ContentType="{WML}styles+xml"/>'
            f'<Override PartName="/word/footnotes.xml" ContentType="{WML}footnotes+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/numbering" Target="numbering.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId3" Type="{REL}/footnotes" Target="footnotes.xml"/>'
            "</Relationships>"
        ),
        "word/document.xml": f'<w:document xmlns:w="{W_NS}"><w:body>{"".join(body)}<w:sectPr/></w:body></w:document>',
        "word/numbering.xml": numbering,
        "word/styles.xml": styles,
        "word/footnotes.xml": f'<w:footnotes xmlns:w="{W_NS}">{"".join(notes)}</w:footnotes>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(parts):
            archive.writestr(zipfile.ZipInfo(name, date_time=_FIXED), parts[name].encode("utf-8"))
    return buffer.getvalue(), words


def _median(action: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    data, words = build_docx(args.articles)
    path = args.out / f"draft-{args.articles}.docx"
    path.write_bytes(data)

    from lxml import etree

    def lxml_only() -> object:
        with zipfile.ZipFile(path) as archive:
            return etree.fromstring(archive.read("word/document.xml"))

    def python_docx() -> object:
        import docx

        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)

    def ours() -> object:
        return import_draft(path)

    result = import_draft(path)
    timings = [("lxml parse only (floor)", _median(lxml_only)), ("python-docx paragraph text", _median(python_docx)), ("treatydiff import", _median(ours))]
    base = timings[-1][1]
    print(f"{path.name}: {len(data) // 1024} KB, {words} words in body paragraphs (~{words // 500} pages at 500 words/page)")
    print(f"report: {'; '.join(result.report.lines())}")
    print()
    print("| reader | median of 3 | vs treatydiff |")
    print("| --- | --- | --- |")
    for name, seconds in timings:
        print(f"| {name} | {seconds:.2f} s | {seconds / base:.2f}× |")
    status = "OK" if base < 3.0 else "SLOW"
    print(f"\ntarget < 3 s for ~300 pages: {status} ({base:.2f} s)")


if __name__ == "__main__":
    main()

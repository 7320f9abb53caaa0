"""Open DOCX redlines in real LibreOffice through UNO and report what a reader would get.

Run with Debian's interpreter (python3-uno works only there), not the project's Python::

    /usr/bin/python3 tests/uno_check.py a.docx [b.docx ...] [--pdf OUT_DIR]

For each file it prints, as one JSON list on stdout: whether it loaded without a repair prompt
(no interaction handler is given, so a file that needs repair fails to load), the paragraph
texts, the tracked changes (type and author) and the comments (author, text and the words
they are anchored on), and the paragraph texts with every change accepted and rejected.

Two ways of accepting and rejecting.  Every file is first loaded without a view
(``XLoadable``); its text portions give LibreOffice's own redline model, from which
``model_accepted`` and ``model_rejected`` follow (text inside a Delete redline dropped, or
inside an Insert redline; a paragraph end inside one joins the paragraphs).  Every file, with
comments or without, is then opened in a hidden frame, where the dispatcher runs
``.uno:AcceptAllTrackedChanges`` and ``.uno:RejectAllTrackedChanges`` (``accepted``/
``rejected``) and ``--pdf DIR`` exports ``DIR/<stem>.pdf``.  (Debian's full
``libreoffice-writer`` is needed for documents with comments: the ``-nogui`` build ships no
Writer ``.ui`` files, and soffice aborts when a view builds a comment window.)

One soffice process serves every file; it runs with a fresh user profile under /tmp and is
ended by this script (terminate, then kill of that one process id if it lingers).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def _props(**values: Any) -> tuple[Any, ...]:
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name = name
        prop.Value = value
        out.append(prop)
    return tuple(out)


class Office:
    """A private headless soffice and its desktop."""

    def __init__(self, timeout: float = 90.0) -> None:
        self.profile = tempfile.mkdtemp(prefix="treatydiff-uno-")
        self.pipe = f"treatydiff_{os.getpid()}"
        soffice = shutil.which("soffice") or "/usr/bin/soffice"
        self.process = subprocess.Popen(
            [
                soffice,
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                "--nodefault",
                "--nolockcheck",
                f"-env:UserInstallation=file://{self.profile}",
                f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + timeout
        while True:
            try:
                context = resolver.resolve(f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.close()
                    raise RuntimeError("soffice did not start") from None
                time.sleep(0.3)
        self.smgr = context.ServiceManager
        self.context = context
        self.desktop = self.smgr.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        self.dispatcher = self.smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)

    def load(self, path: Path) -> Any:
        url = uno.systemPathToFileUrl(str(path.resolve()))
        document = self.desktop.loadComponentFromURL(url, "_blank", 0, _props(Hidden=True, ReadOnly=False))
        if document is None:
            raise RuntimeError(f"LibreOffice could not load {path}")
        return document

    def load_model(self, path: Path) -> Any:
        """The document model alone, without a frame or view (safe with comments)."""
        model = self.smgr.createInstanceWithContext("com.sun.star.text.TextDocument", self.context)
        url = uno.systemPathToFileUrl(str(path.resolve()))
        model.load(_props(URL=url, FilterName="MS Word 2007 XML", Hidden=True))
        return model

    def dispatch(self, document: Any, command: str) -> None:
        frame = document.getCurrentController().getFrame()
        self.dispatcher.executeDispatch(frame, command, "", 0, ())

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.desktop.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def _body_paragraphs(document: Any) -> Any:
    """Body paragraphs in order; tables are skipped (the front matter's summary)."""
    enumeration = document.getText().createEnumeration()
    while enumeration.hasMoreElements():
        element = enumeration.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            yield element


def paragraphs(document: Any) -> list[str]:
    """Body paragraph texts in order."""
    return [element.getString() for element in _body_paragraphs(document)]


def styles(document: Any) -> list[str]:
    """The paragraph style name of each body paragraph, in the order of :func:`paragraphs`."""
    return [str(element.getPropertyValue("ParaStyleName")) for element in _body_paragraphs(document)]


def notes(document: Any) -> list[str]:
    """The text of every footnote, then every endnote."""
    out: list[str] = []
    for collection in (document.getFootnotes(), document.getEndnotes()):
        for n in range(collection.getCount()):
            out.append(collection.getByIndex(n).getString())
    return out


def tables(document: Any) -> list[list[list[str]]]:
    out = []
    for n in range(document.getTextTables().getCount()):
        table = document.getTextTables().getByIndex(n)
        rows = []
        for r in range(table.getRows().getCount()):
            row = []
            for c in range(table.getColumns().getCount()):
                try:
                    row.append(table.getCellByPosition(c, r).getString())
                except Exception:
                    break
            rows.append(row)
        out.append(rows)
    return out


def redlines(document: Any) -> list[dict[str, str]]:
    out = []
    enumeration = document.getRedlines().createEnumeration()
    while enumeration.hasMoreElements():
        redline = enumeration.nextElement()
        out.append({
            "type": str(redline.getPropertyValue("RedlineType")),
            "author": str(redline.getPropertyValue("RedlineAuthor")),
            "moved": bool(_maybe(redline, "RedlineMoved", False)),
        })
    return out


def _maybe(obj: Any, name: str, default: Any) -> Any:
    try:
        return obj.getPropertyValue(name)
    except Exception:
        return default


def comments(document: Any) -> list[dict[str, str]]:
    out = []
    enumeration = document.getTextFields().createEnumeration()
    while enumeration.hasMoreElements():
        field = enumeration.nextElement()
        if field.supportsService("com.sun.star.text.TextField.Annotation"):
            out.append({
                "author": str(field.getPropertyValue("Author")),
                "text": str(field.getPropertyValue("Content")),
                "anchor": field.getAnchor().getString(),
            })
    return out


def model_texts(document: Any) -> tuple[list[str], list[str]]:
    """Paragraph texts with every redline accepted, and with every one rejected."""
    accepted: list[str] = []
    rejected: list[str] = []
    keep_accept: list[str] = []
    keep_reject: list[str] = []
    open_types: list[str] = []
    enumeration = document.getText().createEnumeration()
    while enumeration.hasMoreElements():
        element = enumeration.nextElement()
        if not element.supportsService("com.sun.star.text.Paragraph"):
            continue
        portions = element.createEnumeration()
        while portions.hasMoreElements():
            portion = portions.nextElement()
            kind = portion.getPropertyValue("TextPortionType")
            if kind == "Redline":
                redline_type = str(portion.getPropertyValue("RedlineType"))
                if redline_type not in ("Insert", "Delete"):
                    continue
                if portion.getPropertyValue("IsStart"):
                    open_types.append(redline_type)
                elif redline_type in open_types:
                    open_types.remove(redline_type)
                continue
            text = portion.getString()
            if "Delete" not in open_types:
                keep_accept.append(text)
            if "Insert" not in open_types:
                keep_reject.append(text)
        # A paragraph end inside a deletion (or insertion) goes with it: the paragraphs join.
        if "Delete" not in open_types:
            accepted.append("".join(keep_accept))
            keep_accept = []
        if "Insert" not in open_types:
            rejected.append("".join(keep_reject))
            keep_reject = []
    if keep_accept:
        accepted.append("".join(keep_accept))
    if keep_reject:
        rejected.append("".join(keep_reject))
    return accepted, rejected


def check(office: Office, path: Path, pdf_dir: Path | None) -> dict[str, Any]:
    result: dict[str, Any] = {"file": str(path)}
    try:
        document = office.load_model(path)
    except Exception as exc:
        result["loaded"] = False
        result["error"] = str(exc)
        return result
    result["loaded"] = True
    result["paragraphs"] = paragraphs(document)
    result["tables"] = tables(document)
    result["styles"] = styles(document)
    result["notes"] = notes(document)
    result["redlines"] = redlines(document)
    result["comments"] = comments(document)
    result["model_accepted"], result["model_rejected"] = model_texts(document)
    document.close(True)
    document = office.load(path)
    if pdf_dir is not None:
        pdf = pdf_dir / (path.stem + ".pdf")
        document.storeToURL(uno.systemPathToFileUrl(str(pdf.resolve())), _props(FilterName="writer_pdf_Export"))
        result["pdf"] = str(pdf)
    office.dispatch(document, ".uno:AcceptAllTrackedChanges")
    result["accepted"] = paragraphs(document)
    result["accepted_styles"] = styles(document)
    result["accepted_tables"] = tables(document)
    result["accepted_notes"] = notes(document)
    result["redlines_after_accept"] = document.getRedlines().getCount()
    document.close(True)
    document = office.load(path)
    office.dispatch(document, ".uno:RejectAllTrackedChanges")
    result["rejected"] = paragraphs(document)
    result["rejected_styles"] = styles(document)
    result["rejected_tables"] = tables(document)
    result["rejected_notes"] = notes(document)
    result["redlines_after_reject"] = document.getRedlines().getCount()
    document.close(True)
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--pdf", type=Path, help="also export each file to this folder as PDF")
    args = parser.parse_args(argv)
    office = Office()
    try:
        results = [check(office, path, args.pdf) for path in args.files]
    finally:
        office.close()
    json.dump(results, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

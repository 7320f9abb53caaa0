"""Run tests/uno_check.py (real LibreOffice through UNO) from the test suite, once per run.

UNO needs Debian's /usr/bin/python3, so the check runs in a subprocess; under pytest-xdist the
first worker that asks does the work under a file lock in the run's shared temporary folder and
the others read its results.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

SYSTEM_PYTHON = Path("/usr/bin/python3")
UNO_CHECK = Path(__file__).resolve().parent / "uno_check.py"


def libreoffice_ready() -> bool:
    if shutil.which("soffice") is None or not SYSTEM_PYTHON.exists():
        return False
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True, check=False)
    return probe.returncode == 0


def uno_results(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], list[Path]]) -> dict[str, dict[str, Any]]:
    """``make(folder)`` writes the files to check; their results by file stem, computed once."""
    base = factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        cached = shared / f"{name}.json"
        if not cached.exists():
            folder = shared / name
            folder.mkdir(exist_ok=True)
            files = make(folder)
            pdf = folder / "pdf"
            pdf.mkdir(exist_ok=True)
            run = subprocess.run([str(SYSTEM_PYTHON), str(UNO_CHECK), *map(str, files), "--pdf", str(pdf)],
                                 capture_output=True, text=True, timeout=900, check=False)
            assert run.returncode == 0, run.stderr[-3000:]
            cached.write_text(run.stdout, encoding="utf-8")
        results: list[dict[str, Any]] = json.loads(cached.read_text(encoding="utf-8"))
    return {Path(r["file"]).stem: r for r in results}

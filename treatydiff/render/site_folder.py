"""Writing the negotiation report folder: pages land in a hidden temporary folder beside the
target and are swapped in whole, so a full disk, an error or a kill never leaves a partial or
mixed report, and a folder holding anything but an earlier report is refused.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import Location, OutputError

# What a report folder holds at its top; a folder holding anything else is not replaced.
_SITE_ENTRIES = frozenset({"index.html", "synopsis.html", "assets", "rounds", "provisions"})
_STALE_SECONDS = 600  # a temporary folder untouched this long is a killed run's, not a live one


def write_site(pages: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Write every page (sorted, so runs are reproducible); return the paths.

    The site is built in a hidden temporary folder beside ``out_dir`` and swapped in at the
    end, so a full disk, an error or a kill never leaves a partial or mixed site: ``out_dir``
    holds the previous report or the new one, whole.  The temporary folder is removed on every
    exit Python sees (SIGTERM included); one left by SIGKILL is removed by a later run."""
    check_report_folder(out_dir)
    target = Path(os.path.abspath(out_dir))  # "-o ." has no name to put a sibling beside
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(parent, target.name)
        building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise OutputError(f"cannot create folder: {exc.strerror}", location=Location(parent), fix="check permissions") from None
    try:
        with _terminate_as_interrupt():
            for relative in sorted(pages):
                path = building / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(pages[relative])
            # mkdtemp makes the folder private (0700); a report is a normal folder.
            os.chmod(building, stat.S_IMODE(target.stat().st_mode) if target.is_dir() else 0o777 & ~_umask())
            _swap(building, target)
    except OSError as exc:
        raise OutputError(
            f"cannot write the report: {exc.strerror}",
            location=Location(out_dir),
            fix="check permissions and disk space; the previous report, if any, is unchanged",
        ) from None
    finally:
        shutil.rmtree(building, ignore_errors=True)  # gone already once swapped in
    return [out_dir / relative for relative in sorted(pages)]


def check_report_folder(out_dir: Path) -> None:
    """Refuse a file, or a folder holding anything but an earlier report: it would be lost."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir} exists and is a file: the report is a folder of pages", location=Location(out_dir),
                          fix=f"name a folder with -o, e.g. -o {out_dir.with_suffix('') if out_dir.suffix else out_dir.parent / 'report'}, then open its index.html")
    if not out_dir.exists() and out_dir.suffix.lower() in (".html", ".htm"):
        raise OutputError(f"{out_dir} names a page, but the report is a folder of pages", location=Location(out_dir),
                          fix=f"name a folder with -o, e.g. -o {out_dir.with_suffix('')}, then open its index.html")
    if not out_dir.is_dir():
        return
    try:
        entries = sorted(os.listdir(out_dir))
        index = out_dir / "index.html"
        ours = not entries or (index.is_file() and b'<meta name="generator" content="treatydiff' in index.read_bytes()[:4096])
    except OSError as exc:
        raise OutputError(f"cannot read the folder: {exc.strerror}", location=Location(out_dir), fix="check permissions") from None
    others = [name for name in entries if name not in _SITE_ENTRIES]
    if others or not ours:
        raise OutputError(
            f"the folder holds {others[0]!r}, which is not part of a treatydiff report" if others else "the folder holds a site that treatydiff did not write",
            location=Location(out_dir),
            fix="the report replaces the whole folder: choose a new or empty folder, or move those files out",
        )


def _swap(building: Path, out_dir: Path) -> None:
    """Put ``building`` in ``out_dir``'s place.  Two renames: between them (microseconds) the
    name is missing, never half-written; the old report is removed only once the new one is in."""
    if not out_dir.exists():
        os.rename(building, out_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".old", dir=building.parent))
    os.rename(out_dir, retired)  # onto the empty folder mkdtemp reserved
    try:
        os.rename(building, out_dir)
    except BaseException:
        os.rename(retired, out_dir)  # put the old report back
        raise
    shutil.rmtree(retired, ignore_errors=True)


def _remove_stale(parent: Path, name: str) -> None:
    """Temporary folders of earlier runs that were killed (SIGKILL, power loss)."""
    now = time.time()
    for pattern in (f".{glob.escape(name)}.*.tmp", f".{glob.escape(name)}.*.old"):
        for stale in parent.glob(pattern):
            try:
                if stale.is_dir() and not stale.is_symlink() and now - stale.stat().st_mtime > _STALE_SECONDS:
                    shutil.rmtree(stale, ignore_errors=True)
            except OSError:
                continue


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While the site is written, SIGTERM (``kill``, a CI timeout) interrupts like Ctrl-C, so
    the ``finally`` that removes the temporary folder runs; the default would end the process
    on the spot.  Only the main thread may set handlers; elsewhere nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)

"""Reading and writing files at the edges: clear errors in, atomic writes out."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import FileFormatError, InputError, Location, OutputError, UsageError

# Magic numbers of formats people save drafts in, so a wrong file gets a useful hint.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF"),
    (b"PK\x03\x04", "a zip archive (DOCX/ODT)"),
    (b"\xd0\xcf\x11\xe0", "an old Word .doc (OLE) file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)


def sniff(data: bytes) -> str | None:
    """Name the binary format ``data`` starts with, or ``None``."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    return None


# Drafts and clause files are at most a few megabytes (a Word draft with images some tens); a
# larger input is a mistake or an attack, and reading it would exhaust memory first.
MAX_INPUT_BYTES = 256 * 1024 * 1024


def read_bytes(path: Path) -> bytes:
    """Read a regular file of at most :data:`MAX_INPUT_BYTES`.

    Devices, FIFOs and sockets are refused before reading: ``/dev/zero`` never ends and a FIFO
    blocks forever, whatever a link's name (``draft.md``) says.  The open does not block (a FIFO
    opened for reading waits for a writer otherwise) and the size is checked on the open file,
    so a file swapped after the check cannot slip through."""
    if not path.exists():
        raise InputError(
            "no such file or folder", location=Location(path), fix="check the path and spelling"
        )
    if path.is_dir():
        raise InputError("is a folder, not a file", location=Location(path), fix="name a file")
    try:
        # Checked before opening too: opening some devices alone has effects.
        if not stat.S_ISREG(path.stat().st_mode):
            raise _not_regular(path)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(
            f"cannot read: {exc.strerror}", location=Location(path), fix="check permissions"
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(path)
        limit = MAX_INPUT_BYTES
        if info.st_size > limit:
            raise InputError(
                f"the file is {info.st_size // (1024 * 1024)} MB (limit {limit // (1024 * 1024)} MB)",
                location=Location(path),
                fix="split the draft or check that this is the right file",
            )
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:  # a file that grows while we read still stops at the limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise InputError(
                f"the file is larger than {limit // (1024 * 1024)} MB (the limit)",
                location=Location(path),
                fix="split the draft or check that this is the right file",
            )
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(
            f"cannot read: {exc.strerror}", location=Location(path), fix="check permissions"
        ) from None
    finally:
        os.close(fd)


def _not_regular(path: Path) -> InputError:
    return InputError(
        "not a regular file (a device, FIFO or socket, or a link to one)",
        location=Location(path),
        fix="name a regular file",
    )


def _nul_error(data: bytes, at: int, path: Path | str) -> FileFormatError:
    line = data.count(b"\n", 0, at) + 1
    column = at - (data.rfind(b"\n", 0, at) + 1) + 1
    return FileFormatError(
        "contains a NUL byte (a binary file, or text damaged in transfer)",
        location=Location(path, line, column),
        fix="remove the NUL bytes or re-save the file as UTF-8 text",
    )


def decode_text(data: bytes, path: Path | str) -> str:
    """Decode UTF-8 (a BOM is accepted and dropped); refuse binaries with a hint."""
    kind = sniff(data)
    if kind is not None:
        raise FileFormatError(
            f"this is {kind}, not a text file",
            location=Location(path),
            fix="import Word drafts with `treatydiff import FILE.docx`; convert others to .docx or .txt",
        )
    if b"\x00" in data[:8192]:
        raise FileFormatError(
            "this is a binary file, not text",
            location=Location(path),
            fix="give a UTF-8 text, Markdown, YAML or .docx file",
        )
    # The whole input, not just the sniffed start: a NUL further on would otherwise reach
    # clause files and the HTML.
    nul = data.find(b"\x00", 8192)
    if nul >= 0:
        raise _nul_error(data, nul, path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise FileFormatError(
            f"not UTF-8 (byte 0x{data[exc.start]:02x} cannot be decoded)",
            location=Location(path, line, column),
            fix="re-save the file as UTF-8, e.g. `iconv -f windows-1252 -t utf-8`",
        ) from None
    # Normalise line ends once, here, so every later stage sees "\n" only.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, refusing empty, binary and wrongly encoded files."""
    text = decode_text(read_bytes(path), path)
    if not text or text.isspace():  # not strip(): that copies the whole text to test it
        raise FileFormatError(
            "the file is empty", location=Location(path), fix="fill it in or choose another file"
        )
    return text


def _mode_for(path: Path) -> int:
    """The permissions a plain ``open(path, "w")`` would give: the old file's, else by umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: never a partial file."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(
            "the output folder does not exist",
            location=Location(directory),
            fix="create it first or choose another path",
        )
    if path.is_dir():
        raise OutputError(
            "is a folder, not a file", location=Location(path), fix="name a file inside it, e.g. DIR/report.json"
        )
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(
            f"cannot write in this folder: {exc.strerror}",
            location=Location(directory),
            fix="check permissions or choose another folder",
        ) from None
    try:
        # mkstemp makes the file private (0600); a report or clause file is a normal file,
        # readable as the user's umask (or the file it replaces) says.
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp_name, path)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise OutputError(
            f"cannot write: {exc.strerror}", location=Location(path), fix="check permissions and disk space"
        ) from None
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def _same_file(a: Path, b: Path) -> bool:
    """The same file, however named: one resolved path (symbolic links), or one inode (hard links)."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): not the same file
        return False


def refuse_inputs_as_output(output: Path, inputs: Iterable[Path | str], *, folder: bool = False) -> None:
    """Refuse an output path that is one of the inputs (through links too): writing it would
    replace a draft with its own report.  With ``folder`` (``report -o DIR``, which replaces the
    whole folder) an output folder holding an input is refused as well."""
    target = Path(os.path.realpath(output))
    for item in inputs:
        source = Path(item)
        inside = folder and Path(os.path.realpath(source)).is_relative_to(target)
        if inside or _same_file(output, source):
            raise UsageError(
                f"the output would overwrite the input {source}" if not inside else f"the output folder holds the input {source}",
                location=Location(output),
                fix="choose an output path that is not one of the inputs",
            )

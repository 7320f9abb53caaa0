"""A disk cache of comparisons, so ``report``, ``history``, ``blame`` and ``synopsis`` compare
each pair of consecutive rounds once between them, not once per command.

Entries live in ``$TREATYDIFF_CACHE_DIR`` (else ``$XDG_CACHE_HOME/treatydiff``, else
``~/.cache/treatydiff``), in a folder named after a fingerprint of treatydiff's own code and
rule data: a new version or an edited lexicon never reads an old entry.  Keys hash both drafts,
the options, the parties and the negotiation's lexicon (:func:`treatydiff.timeline.build.comparison_key`).

Entries are data only (JSON), never pickles: whoever can write into the folder could otherwise
run code as the user.  Each entry starts with a header naming its format and the digest of its
inputs, and is validated: on load every type and every provision id against the rounds, and
each pair's segments against the texts they claim to diff when a view first decodes that pair
(a ``history`` touches one pair in a thousand).  An entry that fails either way is removed and
recomputed (a view that met a damaged pair is computed again, every damaged entry compared
anew and the sound ones kept, see :func:`treatydiff.usecases_timeline.on_timeline`), so what is
shown never depends on the cache.
A cache folder that another user owns, or that the group or others may write, is refused
(:class:`treatydiff.errors.CacheError`): a planted entry there could change what is shown.
The cache is otherwise best effort: an unreadable or unwritable entry is recomputed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from functools import cache
from pathlib import Path

from ..collector import collector_paused
from ..errors import CacheError, Location
from ..formats.textio import atomic_write_bytes
from ..model import (
    Comparison,
    Round,
)
from .codec import VERSION, decode_round, encode_round, invalid
from .codec_pairs import CachedPairs, Provisions, encode_comparison
from .redlines import DiskRedlineStore

_CODE_SUFFIXES = (".py", ".yaml", ".yml", ".json")


def default_cache_dir() -> Path:
    explicit = os.environ.get("TREATYDIFF_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "treatydiff"


@cache
def code_fingerprint() -> str:
    """Hash of treatydiff's modules and rule data (not templates: they do not change results)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def checked_folder(folder: Path) -> Path:
    """``folder``, created private (0700) if missing; refused if another user owns it or the
    group or others may write it (anyone who can write there chooses what we read back)."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = folder.stat()
    except OSError as exc:
        raise CacheError(
            f"cannot use the cache folder: {exc.strerror}",
            location=Location(folder),
            fix="set TREATYDIFF_CACHE_DIR to a folder of yours, or pass --no-cache",
        ) from None
    if not stat.S_ISDIR(info.st_mode):
        raise CacheError("the cache folder is not a folder", location=Location(folder), fix="set TREATYDIFF_CACHE_DIR to a folder of yours, or pass --no-cache")
    if info.st_uid != os.getuid():
        raise CacheError(
            f"the cache folder belongs to another user (uid {info.st_uid}); its entries cannot be trusted",
            location=Location(folder),
            fix="set TREATYDIFF_CACHE_DIR to a folder of yours, or pass --no-cache",
        )
    if info.st_mode & 0o022:
        raise CacheError(
            f"the cache folder is writable by other users (mode {stat.S_IMODE(info.st_mode):04o}); its entries cannot be trusted",
            location=Location(folder),
            fix=f"run `chmod go-w {folder}`, set TREATYDIFF_CACHE_DIR to a private folder, or pass --no-cache",
        )
    return folder


def _header(kind: str, digest: str) -> bytes:
    """The first line of an entry: what it is, in which format, and of which inputs."""
    return f"treatydiff-cache {kind} {VERSION} {digest}\n".encode("ascii")


def _body(data: bytes, kind: str, digest: str) -> bytes:
    header = _header(kind, digest)
    if not data.startswith(header):
        invalid("another format, or an entry for other inputs")
    return data[len(header) :]


class DiskComparisonStore:
    """:class:`treatydiff.timeline.build.ComparisonStore` on disk."""

    def __init__(self, folder: Path | None = None) -> None:
        root = checked_folder(folder or default_cache_dir())
        self.folder = checked_folder(root / f"comparisons-{code_fingerprint()}")
        self._tables: dict[int, Provisions] = {}  # id(round) -> its table; the table keeps it alive

    def _provisions(self, round_: Round) -> Provisions:
        table = self._tables.get(id(round_))
        if table is None or table.round is not round_:
            table = self._tables[id(round_)] = Provisions(round_)
        return table

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def redlines(self) -> DiskRedlineStore:
        """Where the views keep the redlines they computed themselves, beside these."""
        return DiskRedlineStore(checked_folder(self.folder.parent / f"redlines-{code_fingerprint()}"))

    def get(self, key: str, old: Round, new: Round) -> CachedPairs | None:
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        with collector_paused():  # see loads: validating makes as many objects as parsing
            try:
                return CachedPairs.load(_body(data, "comparison", key), self._provisions(old), self._provisions(new),
                                        lambda: self._discard(key), lambda comparison: self.put(key, comparison))
            except Exception:  # a damaged, planted or outdated entry is recomputed
                return None

    def _discard(self, key: str) -> None:
        with contextlib.suppress(OSError):  # then it is recomputed on every run, as before
            self._path(key).unlink(missing_ok=True)

    def put(self, key: str, comparison: Comparison) -> None:
        self.put_encoded(key, encode_comparison(comparison))

    def put_encoded(self, key: str, data: bytes) -> None:
        if not data:  # a comparison the format cannot hold: computed on every run
            return
        try:
            atomic_write_bytes(self._path(key), _header("comparison", key) + data)
        except Exception:  # best effort: the result is already computed
            return


# --- parsed rounds ----------------------------------------------------------------------------


class DiskRoundStore:
    """Rounds parsed by an earlier run, keyed by the clause file's path and bytes.

    Parsing a 300-article clause file costs about 0.15 s (YAML), reading it back from here a
    few milliseconds: ``history`` after a ``report`` then reads 50 rounds in a fraction of a
    second.  Entries live beside the comparisons (same folder rules, same code fingerprint, so
    a new treatydiff never reads an old entry), as validated JSON headed by the file's digest;
    best effort like them."""

    def __init__(self, folder: Path | None = None) -> None:
        root = checked_folder(folder or default_cache_dir())
        self.folder = checked_folder(root / f"rounds-{code_fingerprint()}")

    def get(self, digest: str) -> Round | None:
        try:
            data = (self.folder / f"{digest}.json").read_bytes()
        except OSError:
            return None
        with collector_paused():  # see loads
            try:
                return decode_round(_body(data, "round", digest))
            except Exception:  # damaged, planted or outdated: parse the file
                return None

    def put(self, digest: str, round_: Round) -> None:
        try:
            atomic_write_bytes(self.folder / f"{digest}.json", _header("round", digest) + encode_round(round_))
        except Exception:  # best effort: the round is already parsed
            return


def file_digest(path: Path, data: bytes) -> str:
    """A fingerprint of a clause file read as ``data``: its path (a round's name and ``path``
    come from it) and its bytes."""
    return "file-" + hashlib.sha256(str(path).encode("utf-8") + b"\0" + data).hexdigest()


# The formats live in .codec and .codec_pairs; what callers of the cache need is named here.
__all__ = ["CachedPairs", "DiskComparisonStore", "DiskRoundStore", "checked_folder", "code_fingerprint", "decode_round",
           "default_cache_dir", "encode_comparison", "encode_round", "file_digest"]

"""Typed errors, and the one place that maps them to exit codes.

The tree::

    TreatydiffError                 exit 2 (usage or input error)
    ├── InputError                  a file we were asked to read is wrong
    │   ├── FileFormatError         not the kind of file it claims to be (binary, not UTF-8, …)
    │   ├── ClauseFileError         a clause file breaks the format (line/column known)
    │   ├── ConfigError             the negotiation config is wrong
    │   ├── DraftImportError        a draft (.md/.txt/.docx) cannot be imported
    │   └── UnsafeInputError        a DOCX that is a zip bomb, carries a DTD, is encrypted, …
    ├── UsageError                  the command line asks for something impossible
    ├── OutputError                 an output file cannot be written
    └── CacheError                  the cache folder cannot be trusted (another owner, writable by others)
    PolicyTripped                   exit 1: ``--fail-on`` found what it was told to fail on

Every message is one line: what is wrong, where (file, line, column or provision id) and how to
fix it.  The CLI prints ``error: <message>`` and exits with :func:`exit_code_for`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXIT_POLICY = 1
EXIT_INPUT = 2


@dataclass(frozen=True)
class Location:
    """Where in which file a problem sits; every part is optional."""

    path: Path | str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    provision: str | None = None  # provision id or label

    def __str__(self) -> str:
        parts: list[str] = []
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            parts.append(where)
        if self.provision is not None:
            parts.append(f"provision {self.provision!r}")
        return ", ".join(parts)


class TreatydiffError(Exception):
    """Base of every error treatydiff raises on purpose."""

    def __init__(
        self, problem: str, *, location: Location | None = None, fix: str | None = None
    ) -> None:
        self.problem = problem
        self.location = location
        self.fix = fix
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = self.problem
        if self.location is not None and str(self.location):
            text = f"{self.location}: {text}"
        if self.fix:
            text = f"{text} ({self.fix})"
        # One line, always: a newline inside a value must not break the contract.
        return " ".join(text.split())


class InputError(TreatydiffError):
    """A file we were asked to read is wrong."""


class FileFormatError(InputError):
    """The file is not what its name says (binary, wrong encoding, empty, wrong kind)."""


class ClauseFileError(InputError):
    """A clause file breaks format version 1."""


class ConfigError(InputError):
    """The negotiation config is wrong or points at missing rounds."""


class DraftImportError(InputError):
    """A Markdown, text or Word draft cannot be turned into a round."""


class UnsafeInputError(InputError):
    """A file that could harm the reader: zip bomb, DTD/entities, encryption."""


class UsageError(TreatydiffError):
    """The command line asks for something that cannot be done."""


class OutputError(TreatydiffError):
    """An output file cannot be written."""


class CacheError(TreatydiffError):
    """The comparison cache folder is unsafe to read: another user owns it or others may write it."""


class PolicyTripped(Exception):
    """``--fail-on`` found what it was told to fail on; the report was still written."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def exit_code_for(error: BaseException) -> int:
    """The exit status for an error; the single source of truth for the CLI."""
    if isinstance(error, PolicyTripped):
        return EXIT_POLICY
    if isinstance(error, TreatydiffError):
        return EXIT_INPUT
    raise TypeError(f"not a treatydiff error: {type(error).__name__}")

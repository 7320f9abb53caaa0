"""A progress bar for long work, on stderr, and only when stderr is a terminal.

Library functions take a plain ``on_progress(done, total, what)`` callback and never print;
the CLI passes :meth:`ProgressBar.update`.  When stderr is piped or redirected (CI logs,
``2> file``) the bar stays silent, so logs and captured output never fill with carriage returns.
"""

from __future__ import annotations

import sys
from typing import TextIO

from .render.textstyle import terminal_safe


class ProgressBar:
    """``[#####.....] 12/49 compared r13-am`` redrawn in place."""

    def __init__(self, label: str, *, stream: TextIO | None = None, enabled: bool | None = None, width: int = 28) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self._is_terminal() if enabled is None else enabled
        self.width = width
        self._drawn = False

    def _is_terminal(self) -> bool:
        isatty = getattr(self.stream, "isatty", None)
        try:
            return bool(isatty and isatty())
        except ValueError:  # a closed stream
            return False

    def update(self, done: int, total: int, what: str = "") -> None:
        if not self.enabled or total <= 0:
            return
        done = min(max(done, 0), total)
        filled = round(self.width * done / total)
        bar = "#" * filled + "." * (self.width - filled)
        # ``what`` names rounds and provisions, from the drafts: escaped like all terminal text.
        line = terminal_safe(f"{self.label} [{bar}] {done}/{total} {what}")[:120]
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Clear the bar so what follows starts on a clean line."""
        if self.enabled and self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""The one terminal style of every text output (``compare``, ``history``, ``blame``).

Plain, a change reads ``[-deleted-]{+inserted+}``; in colour, deleted text is red and struck
through, inserted text green and underlined (so the two differ without colour vision too).
"""

from __future__ import annotations

RED, GREEN, BOLD, DIM, RESET = "\x1b[31;9m", "\x1b[32;4m", "\x1b[1m", "\x1b[2m", "\x1b[0m"


class Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def deleted(self, text: str) -> str:
        return f"{RED}{text}{RESET}" if self.color else f"[-{text}-]"

    def inserted(self, text: str) -> str:
        return f"{GREEN}{text}{RESET}" if self.color else f"{{+{text}+}}"

    def bold(self, text: str) -> str:
        return f"{BOLD}{text}{RESET}" if self.color else text

    def dim(self, text: str) -> str:
        return f"{DIM}{text}{RESET}" if self.color else text

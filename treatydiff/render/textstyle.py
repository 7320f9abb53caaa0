"""The one terminal style of every text output (``compare``, ``history``, ``blame``).

Plain (piped, or ``--no-color``), a change reads ``⟦-deleted-⟧⟦+inserted+⟧``: white square
brackets, which no draft uses, so a mark is never confused with the UN square brackets of
unagreed text (``[shall][should]``); in colour, deleted text is red and struck through, inserted
text green and underlined (so the two differ without colour vision too).
"""

from __future__ import annotations

import re

RED, GREEN, BOLD, DIM, RESET = "\x1b[31;9m", "\x1b[32;4m", "\x1b[1m", "\x1b[2m", "\x1b[0m"
DEL_OPEN, DEL_CLOSE, INS_OPEN, INS_CLOSE = "⟦-", "-⟧", "⟦+", "+⟧"  # the plain marks
MARKS_HELP = ("Without colour (piped, or --no-color) deletions read ⟦-old-⟧ and insertions ⟦+new+⟧: "
              "white square brackets, never the [ ] of unagreed text.")

# What a terminal acts on instead of showing: C0 controls but line feed and tab (ESC starts
# colour, cursor and title sequences, BEL rings, CR overwrites the line), DEL, the C1 controls
# (U+009B is a one-character CSI on some terminals), and the bidirectional embeddings,
# overrides and isolates, which reorder what is shown so a line can read unlike its words.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with every control character written out (ESC as ``\\x1b``), so treaty text
    can never drive the terminal.  Every writer of terminal text passes the text it did not
    write itself through here, before adding its own colours."""
    return _CONTROL.sub(_escaped, text) if _CONTROL.search(text) else text


class Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    # Each mark escapes what it marks: the text comes from the drafts.
    def deleted(self, text: str) -> str:
        text = terminal_safe(text)
        return f"{RED}{text}{RESET}" if self.color else f"{DEL_OPEN}{text}{DEL_CLOSE}"

    def inserted(self, text: str) -> str:
        text = terminal_safe(text)
        return f"{GREEN}{text}{RESET}" if self.color else f"{INS_OPEN}{text}{INS_CLOSE}"

    def bold(self, text: str) -> str:
        text = terminal_safe(text)
        return f"{BOLD}{text}{RESET}" if self.color else text

    def dim(self, text: str) -> str:
        text = terminal_safe(text)
        return f"{DIM}{text}{RESET}" if self.color else text

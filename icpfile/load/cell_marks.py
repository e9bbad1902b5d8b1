"""The mark `icpfile import` leaves on a draft's line whose value a sheet's cell gave with trouble,
`# ⚠ Sheet1!S7 ICP950 | 证件号码…` (sheets/draft_text.py writes it), read back so that `check`
can name that cell: a sheet-mangled ID (`3.1E+17`, a lost leading 0) is fixed in the sheet, not
only in the draft (#19).

Only a mark in a comment counts: one inside a double-quoted value (a cell's text can hold
`# ⚠ A1 ICP950 |`) is skipped by counting the quotes before it, the last mark of a line wins (the
comment ends the line). Linear: one pass over the lines that hold `⚠`; the cell's name is bounded.
"""

from __future__ import annotations

import re

SIGN = "⚠"
# `# ⚠ ` then the cell (an optional sheet title of at most 80 characters and `!`, then A1…XFD1048576),
# the import's code and the ` |` that starts the schema's comment.
_MARK = re.compile(r"# ⚠ ((?:[^\n!\"]{1,80}!)?[A-Z]{1,3}[1-9][0-9]{0,6}) (ICP9[0-9]{2}) \|")


_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"?')  # a double-quoted scalar, its escapes included


def marks(text: str) -> dict[int, tuple[str, str]]:
    """Line number (1-based) → (cell, code) of each line carrying the import's mark in a comment."""
    found: dict[int, tuple[str, str]] = {}
    if SIGN not in text:
        return found
    for number, line in enumerate(text.split("\n"), start=1):
        if SIGN not in line:
            continue
        quoted = [m.span() for m in _QUOTED.finditer(line)] if '"' in line else []
        at = 0  # both lists run left to right: one pass over each
        for match in _MARK.finditer(line):
            while at < len(quoted) and quoted[at][1] <= match.start():
                at += 1
            if at < len(quoted) and quoted[at][0] <= match.start():
                continue  # inside a value
            found[number] = (match[1], match[2])
    return found

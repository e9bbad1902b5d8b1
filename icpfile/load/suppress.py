"""Inline suppression: `# icpfile: disable=ICP214` silences codes for one line of a draft.

A comment after a value covers that line; a comment alone on its line covers the next line;
`# icpfile: disable-file=ICP214` covers the whole file. Codes may be prefixes (`ICP21`). Problems
with reading the file itself (ICP0xx) cannot be silenced: nothing after them was read.
"""

from __future__ import annotations

import re

from icpfile.records import Record

_DIRECTIVE = re.compile(r"(?:^|\s)#\s*icpfile:\s*(disable|disable-file)=([A-Za-z0-9_, ]+)")


class Suppressions(Record):
    """The codes (or prefixes) silenced per line and for the whole file, as sets: `covers` looks up
    each prefix of the code (at most its length), so a directive of 150,000 codes costs nothing per
    finding (it was a scan of every code for every finding: 39.5 s for a 760 KB draft, T01)."""

    by_line: dict[int, frozenset[str]]
    whole_file: frozenset[str]

    __slots__ = ("by_line", "whole_file")

    def __init__(self, by_line: dict[int, frozenset[str]] | None = None,
                 whole_file: frozenset[str] = frozenset()) -> None:
        self.by_line = {} if by_line is None else by_line
        self.whole_file = whole_file

    def covers(self, code: str, line: int) -> bool:
        if code.startswith("ICP0"):
            return False
        here = self.by_line.get(line)
        if not self.whole_file and not here:
            return False
        for end in range(1, len(code) + 1):
            prefix = code[:end]
            if prefix in self.whole_file or (here is not None and prefix in here):
                return True
        return False


def scan(text: str, text_spans: list[tuple[int, int]] | tuple = ()) -> Suppressions:
    """The directives in a draft's comments (cheap: only lines that mention `icpfile:` are parsed).

    `text_spans` are the (start, end) character offsets of scalars, from the loader: a directive
    inside one (a `remarks: |` block, a quoted string) is text to be submitted, not a comment.
    Lines are counted by LF only, as the loader counts them (U+2028 is not a line break).
    """
    found = Suppressions()
    if "icpfile:" not in text:
        return found
    whole: set[str] = set()
    lines: dict[int, set[str]] = {}
    offset = 0
    for number, line in enumerate(text.split("\n"), 1):
        start, offset = offset, offset + len(line) + 1
        match = _DIRECTIVE.search(line)
        if not match:
            continue
        at = start + match.start()
        if any(low <= at < high for low, high in text_spans):
            continue
        codes = {c.strip().upper() for c in match.group(2).split(",") if c.strip()}
        if match.group(1) == "disable-file":
            whole |= codes
            continue
        target = number + 1 if line[: match.start()].strip() == "" else number
        lines.setdefault(target, set()).update(codes)
    found.whole_file = frozenset(whole)
    found.by_line = {n: frozenset(codes) for n, codes in lines.items()}
    return found

"""Inline suppression: `# icpfile: disable=ICP214` silences codes for one line of a draft.

A comment after a value covers that line; a comment alone on its line covers the next line;
`# icpfile: disable-file=ICP214` covers the whole file. Codes may be prefixes (`ICP21`). Problems
with reading the file itself (ICP0xx) cannot be silenced: nothing after them was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DIRECTIVE = re.compile(r"(?:^|\s)#\s*icpfile:\s*(disable|disable-file)=([A-Za-z0-9_, ]+)")


@dataclass
class Suppressions:
    by_line: dict[int, tuple[str, ...]] = field(default_factory=dict)
    whole_file: tuple[str, ...] = ()

    def covers(self, code: str, line: int) -> bool:
        if code.startswith("ICP0"):
            return False
        prefixes = self.whole_file + self.by_line.get(line, ())
        return any(code.startswith(p) for p in prefixes)


def scan(text: str, text_spans: list[tuple[int, int]] | tuple = ()) -> Suppressions:
    """The directives in a draft's comments (cheap: only lines that mention `icpfile:` are parsed).

    `text_spans` are the (start, end) character offsets of scalars, from the loader: a directive
    inside one (a `remarks: |` block, a quoted string) is text to be submitted, not a comment.
    Lines are counted by LF only, as the loader counts them (U+2028 is not a line break).
    """
    found = Suppressions()
    if "icpfile:" not in text:
        return found
    whole: list[str] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), 1):
        start, offset = offset, offset + len(line) + 1
        match = _DIRECTIVE.search(line)
        if not match:
            continue
        at = start + match.start()
        if any(low <= at < high for low, high in text_spans):
            continue
        codes = tuple(c.strip().upper() for c in match.group(2).split(",") if c.strip())
        if match.group(1) == "disable-file":
            whole.extend(codes)
            continue
        target = number + 1 if line[: match.start()].strip() == "" else number
        found.by_line[target] = found.by_line.get(target, ()) + codes
    found.whole_file = tuple(whole)
    return found

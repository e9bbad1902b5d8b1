"""What a report may echo of user text: no control characters, no forged lines, nothing huge.

Every value a finding echoes (a name, an address, a path) and every reported file path passes
through here, in every output format:

- `escape_controls` turns C0 and C1 controls (ESC, NUL, CR, LF, NEL U+0085 …), DEL, the line and
  paragraph separators U+2028/U+2029, bidirectional overrides/isolates (U+202A–U+202E,
  U+2066–U+2069) and lone surrogates (a non-UTF-8 byte in a file name, as `os.fsdecode` gives it)
  into visible escapes `\\x1b`, `\\u2028`, `\\xff`: a value cannot start a new report line (a
  forged `::warning file=` workflow command), colour the terminal, retitle it, reorder text, or
  make XML or UTF-8 output invalid;
- `shorten` caps one value at `MAX_ECHO` characters (`…` at the end), so a 900 KB name aliased a
  hundred times costs a hundred short lines, not half a gigabyte of report;
- `shown` does both after masking personal data by shape (`icpfile.values.pii.mask_text`);
  `shown_path` and `shown_pointer` mask file paths and JSON pointers the same way;
- `guard_commands` defuses what the GitHub runner would read as a workflow command in any line
  written to a log: the old `##[command]` form anywhere in a line and `::` after leading white
  space (the runner's ActionCommand parser trims the line's start, any Unicode white space, then
  reads `::cmd::`, then looks for `##[` anywhere: actions/runner `ActionCommand.cs`, as the s3
  breaker report quotes it). A character of each is written as an escape of the output's own
  syntax, so the text still reads (and a JSON or XML report still decodes to) the same value;
- `shown_line` is the one treatment of a line for a person (usage errors, `status`, the wizard):
  masked by shape, every control escaped, workflow commands defused.
"""

from __future__ import annotations

import re
from functools import cache

from icpfile.values.pii import mask_text

MAX_ECHO = 80


@cache
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for point in [*range(0x00, 0x20), *range(0x7F, 0xA0)]:
        table[point] = f"\\x{point:02x}"
    for point in [0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF]:
        table[point] = f"\\u{point:04x}"
    for point in range(0xD800, 0xE000):  # lone surrogates: U+DC80–U+DCFF stand for a raw byte
        table[point] = f"\\x{point - 0xDC00:02x}" if 0xDC80 <= point <= 0xDCFF else f"\\u{point:04x}"
    return table


def escape_controls(text: str) -> str:
    """`text` with every control, separator, bidi control and lone surrogate written as an escape."""
    # Every character `_table` escapes is unprintable (Cc, Cf, Cs, Zl, Zp): a printable text has none,
    # and is returned as it is after one C-level pass (`translate` looks each character up in the
    # table: 8 µs a comment line of an imported draft). A str subclass (a YAML plain scalar) is made str.
    if type(text) is str and text.isprintable():
        return text
    return text.translate(_table())


def shown_path(path: str, show_pii: bool = False) -> str:
    """A file path as every report shows it: ID-like and mobile-like digit runs masked by shape
    (`330***********2348-138****8001.yaml`, unless `show_pii`), controls escaped, never shortened.
    A file named after a person's ID number would otherwise print it in every CI log."""
    return escape_controls(path if show_pii else mask_text(path))


def shown_pointer(pointer: str, show_pii: bool = False) -> str:
    """A JSON pointer as reports show it (json/sarif `pointer`, `fullyQualifiedName`): a key that
    is an ID number or a mobile (`/subject/330106198807202348`) is masked like any echoed value."""
    return pointer if show_pii else mask_text(pointer)


def shorten(text: str, limit: int = MAX_ECHO) -> str:
    """At most `limit` characters: the first `limit - 1` and `…` when longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown(text: str, show_pii: bool = False, limit: int | None = MAX_ECHO) -> str:
    """A user value as a report shows it: masked by shape (unless `show_pii`), escaped, shortened
    (unless `limit` is None). Linear in the length of `text`."""
    if limit is not None and len(text) > limit * 4:
        text = text[: limit * 4]  # only the first `limit` characters can show: the rest costs nothing
    value = escape_controls(text if show_pii else mask_text(text))
    return shorten(value, limit) if limit is not None else value


# `##[` anywhere; `::` after the white space a line starts with (a line starts after LF or CR: the
# runner reads lines as .NET's ReadLine does). Each match is one step: linear in the text.
_COMMAND = re.compile(r"##\[|(?:^|(?<=\r))[^\S\r\n]*::", re.MULTILINE)
# The escape of `#` and `:` in each output's syntax: the text reporter's `\xNN`, a JSON string's
# `\u00NN` (`##[` and a line-leading `::` can only sit inside a string there), an XML/HTML reference.
_ESCAPES = {"text": ("\\x23", "\\x3a"), "json": ("\\u0023", "\\u003a"), "xml": ("&#35;", "&#58;")}


def guard_commands(text: str, style: str = "text") -> str:
    """`text` with no line the GitHub runner takes for a workflow command: `##[` becomes `#\\x23[`
    and a line's first `::` after its leading white space `\\x3a:` (`style` "json": `\\u0023`,
    "xml": `&#35;`). Linear in the length of `text`."""
    if "##[" not in text and "::" not in text:
        return text
    hash_, colon = _ESCAPES[style]

    def defuse(match: re.Match[str]) -> str:
        found = match.group(0)
        return f"#{hash_}[" if found == "##[" else f"{found[:-2]}{colon}:"

    return _COMMAND.sub(defuse, text)


def shown_line(text: str, show_pii: bool = False) -> str:
    """One line for a person (a usage error, a `status` line, a wizard line): ID-like and
    mobile-like runs masked by shape (unless `show_pii`), every control, line break and bidi
    control escaped, workflow commands defused; never shortened. Linear."""
    return guard_commands(escape_controls(text if show_pii else mask_text(text)))

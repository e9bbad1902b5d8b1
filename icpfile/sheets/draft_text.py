"""Write an imported draft as YAML with `init`'s comments: every key carries its Chinese title
and help from the schema, and a value the import had trouble with carries the cell and the code
(`# ⚠ Sheet1!D12 ICP950`), so the draft explains itself where the import report is not at hand.

Strings, keys included, are written plain only when they are an identifier YAML reads as that
same text (`name`, `浙江省`), otherwise double-quoted with everything but printable text escaped
(`quoted`): a sheet cell's newline, `: `, `#`, quote, leading `-`, U+2028, BOM or bidi control
cannot end a line, start a key or a comment, or be folded away; loading the draft gives the cell's
value back exactly (`tests/test_sheets_escaping.py`). `13800138000`, `0571-…` and `yes` are always
quoted. A comment echoes only escaped text (`escape_controls`): a key or a sheet's title holding a
line break cannot end the comment line.
"""

from __future__ import annotations

import math
from typing import Any

from icpfile.schema.draft import yaml_comment
from icpfile.values.echo import escape_controls

_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}
HEADER = {"zh": "# icpfile 草稿（格式 1），由 icpfile import 从 {source} 生成。检查：icpfile check <本文件>",
          "en": "# icpfile draft (format 1), written by icpfile import from {source}. Check: icpfile check <this file>"}

Path = tuple[str | int, ...]


# Written as escapes inside double quotes, though YAML would take some of them raw: line breaks
# (U+0085, U+2028, U+2029 end a line for YAML 1.1 readers), the BOM, bidi controls (a draft read in
# an editor must show what it holds), and everything outside YAML's printable set.
_BIDI = frozenset((0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)))


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar that every YAML reader loads back as `text`."""
    if text.isprintable() and '"' not in text and "\\" not in text:  # all verbatim: one C-level pass (#19)
        return f'"{text}"'
    out = ['"']
    for char in text:
        point = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif (0x20 <= point <= 0x7E or (0xA0 <= point <= 0xFFFD and not 0xD800 <= point <= 0xDFFF)
              or point >= 0x10000) and point not in (0x2028, 0x2029, 0xFEFF) and point not in _BIDI:
            out.append(char)
        elif point <= 0xFF:
            out.append(f"\\x{point:02x}")
        else:
            out.append(f"\\u{point:04x}")
    return "".join(out) + '"'


def _plain(text: str) -> bool:
    return bool(text) and text.isidentifier() and text.isprintable() and text.casefold() not in _RESERVED \
        and _BIDI_CHARS.isdisjoint(text)


_BIDI_CHARS = frozenset(map(chr, _BIDI))


_KEYS: dict[str, str] = {}


def key(value: Any) -> str:
    """A mapping key: plain when it is an identifier (`name`, `主办单位`), else quoted."""
    text = str(value)
    known = _KEYS.get(text)
    if known is None:
        known = text if _plain(text) else quoted(text)
        if len(_KEYS) < 4096:  # the schema's keys, looked up once each (a record copy's may be a sheet's text)
            _KEYS[text] = known
    return known


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        return repr(value) if math.isfinite(value) else (".inf" if value > 0 else "-.inf")
    text = str(value)
    return text if _plain(text) else quoted(text)


def flow(value: Any) -> str:
    """Any JSON-like value on one line (a record copy's value may be a list of lists)."""
    if type(value) is str:  # most values: `scalar`'s text case without its tests of the other types
        return value if _plain(value) else quoted(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


_COMMENTS: dict[tuple[str, Path], str] = {}
_COPIES: tuple[tuple[Path, Path], ...] = ((("record", "subject"), ("subject",)),
                                          (("record", "websites", 0, "filed"), ("websites", 0)),
                                          (("record", "apps", 0, "filed"), ("apps", 0)))


def _schema_comment(path: Path, lang: str = "zh") -> str:
    """`init`'s comment for a path in `lang`; the same for every list index, so looked up once per shape."""
    known = _COMMENTS.get((lang, path))
    if known is None:
        shape = tuple(0 if isinstance(p, int) else p for p in path)
        for copied, original in _COPIES:  # the record's copy of a field says what the field is
            if shape[:len(copied)] == copied and len(shape) > len(copied):
                shape = original + shape[len(copied):]
                break
        known = _COMMENTS[(lang, path)] = _COMMENTS.get((lang, shape)) or yaml_comment(list(shape), lang=lang)
    return known


_ESCAPED: dict[tuple[str, Path], str] = {}


def _escaped_comment(path: Path, lang: str) -> str:
    """`_schema_comment`, its controls escaped, once per path."""
    known = _ESCAPED.get((lang, path))
    if known is None:
        known = _ESCAPED[(lang, path)] = escape_controls(_schema_comment(path, lang))
    return known


def render(data: dict[str, Any], notes: dict[Path, str] | None = None, source: str = "", lang: str = "zh") -> str:
    """The draft `data` (dicts, lists, scalars) as commented YAML in `lang` (zh, else English);
    `notes` maps a path to a warning."""
    notes = notes or {}
    lang = "zh" if lang == "zh" else "en"
    lines = [escape_controls(HEADER[lang].format(source=source or ("表格" if lang == "zh" else "a sheet")))]

    def comment(path: Path) -> str:
        note = notes.get(path) if notes else None
        if note:
            return escape_controls(f"  # ⚠ {note} |{_schema_comment(path, lang)[3:]}")  # load/cell_marks.py reads it
        return _escaped_comment(path, lang)

    def emit(value: dict[str, Any], path: Path, indent: str, first: str | None = None) -> None:
        for i, (name, item) in enumerate(value.items()):
            prefix = first if first is not None and i == 0 else indent
            here = (*path, name)
            written = key(name)
            if isinstance(item, dict) and item:
                lines.append(f"{prefix}{written}:{comment(here)}")
                emit(item, here, indent + "  ")
            elif isinstance(item, list) and item and all(isinstance(x, dict) and x for x in item):
                lines.append(f"{prefix}{written}:{comment(here)}")
                for n, entry in enumerate(item):
                    emit(entry, (*here, n), indent + "    ", first=indent + "  - ")
            else:
                lines.append(f"{prefix}{written}: {flow(item)}{comment(here)}")

    emit(data, (), "")
    return "\n".join(lines) + "\n"

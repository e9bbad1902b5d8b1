"""Edit the user's draft in place: only the keys answered change, every other byte stays.

The draft is never re-serialised. Each answer is a text patch: the draft is parsed by the same
libyaml parser `icpfile check` uses, the node at the answered pointer is located by its
character offsets, and only that node's text is replaced (or, for a new key, lines are inserted
after the mapping's last entry at its indentation; for a removed key, that entry's lines go).
Everything else is left as the user wrote it: comments, key order, quoting, `%YAML 1.1`
directives, plain scalars such as `+8613900139001`, `on`, `0755`, `TRUE`, `-0`, a U+2028 in a
remark, tabs before comments, CRLF line endings and a UTF-8 BOM (issue 24.1, A03–A08, X01, X07).

The file may change while the wizard waits at a prompt (an editor saves it). Before each write
the bytes on disk are compared with those the wizard last read or wrote; when they differ, the
answers not yet written are merged into the new text if none of their places was changed on
disk, else the write is refused with `DraftChanged` (issue 24.1, A01). A draft the safe loader
has findings about (duplicate keys, aliases, tags, several documents…) is refused: a patch could
not say what the user meant. A draft that is a symbolic link is refused too (the wizard would
otherwise write through it). Drafts are UTF-8; a UTF-16/32 or GB18030 one is refused naming its
encoding and the command that converts it (X02, X10).

Every write goes to a temporary file in the same folder, is fsynced and renamed over the old one.
The first write of a run keeps the user's file as it was in `<draft>.bak`, written the same way
(a `.bak` that is a symbolic link is replaced as a link: its target is never touched).
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from icpfile.filing.state import atomic_write
from icpfile.load import pointer as jp
from icpfile.load.yamltree import yaml12_text

# Loader findings a patch could not edit faithfully (a duplicate, an alias…), or a file it cannot read.
REFUSED_CODES = ("ICP006", "ICP007", "ICP008", "ICP009", "ICP010", "ICP011", "ICP012", "ICP013", "ICP014")
MAX_DRAFT_BYTES = 1024 * 1024  # as `icpfile check` (load/decoding.py MAX_BYTES)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BREAKS = "\n\r\x85\u2028\u2029"


class DraftRefused(ValueError):
    """The draft cannot be edited safely; the message is one line, the file is unchanged."""


class LinkRefused(DraftRefused):
    """A refusal worded in data/words.yaml: the draft, or a folder on its way, is a symbolic link
    (`link_*`, which check, status and import use too), or its loader has findings
    (`wizard_loader_refused`); `line(lang)` in either language (cli/language.said)."""

    def __init__(self, key: str, **fields: object) -> None:
        from icpfile.data.words import say

        self.key, self.fields = key, fields
        super().__init__(say(key, "en", **fields))

    def line(self, lang: str) -> str:
        from icpfile.data.words import say

        return say(self.key, lang, **self.fields)


class DraftChanged(DraftRefused):
    """The draft changed on disk, at a place the wizard was about to write; nothing was written."""


class Raw(str):
    """A scalar as it is written in the file (its source text, quotes included): re-emitted verbatim."""

    __slots__ = ()


# -- reading ---------------------------------------------------------------------------------------
def decode_draft(data: bytes, path: Path) -> tuple[str, bool]:
    """(text without the BOM, had a BOM) of a UTF-8 draft; DraftRefused naming any other encoding."""
    for bom, name in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                      (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if data.startswith(bom):
            raise DraftRefused(
                f"{path}: the draft is saved as {name}; the wizard edits UTF-8 drafts only. Convert it "
                f"with `iconv -f {name} -t UTF-8 {path} > {path}.utf8 && mv {path}.utf8 {path}` "
                "(or save it as UTF-8 in your editor), then run the wizard again (the file is unchanged)"
            )
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        return data[3 if bom else 0:].decode("utf-8"), bom
    except UnicodeDecodeError as exc:
        from icpfile.load.decoding import _looks_like_gb18030

        if _looks_like_gb18030(data):
            raise DraftRefused(
                f"{path}: the draft is saved as GB18030/GBK; the wizard edits UTF-8 drafts only. Convert it "
                f"with `iconv -f GB18030 -t UTF-8 {path} > {path}.utf8 && mv {path}.utf8 {path}`, then run "
                "the wizard again (the file is unchanged)"
            ) from None
        raise DraftRefused(
            f"{path}: not UTF-8 (byte {exc.start}); save it as UTF-8, then run the wizard again "
            "(the file is unchanged)"
        ) from None


def _compose(text: str) -> yaml.Node | None:
    """The node tree of `text`, offsets in characters of `text` (U+2028 and NEL are no line breaks)."""
    translated, _restore = yaml12_text(text)
    return yaml.compose(translated, Loader=_Loader)


def _raw(node: yaml.Node, text: str) -> Any:
    """A node as Python data whose scalars are `Raw` source text (for re-emitting and comparing)."""
    if isinstance(node, yaml.MappingNode):
        return {str(k.value): _raw(v, text) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_raw(v, text) for v in node.value]
    return Raw(text[node.start_mark.index:node.end_mark.index])


def _find(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    for k, v in mapping.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k, v
    return None


def value_at(text: str, pointer: str) -> Any:
    """The source form (`_raw`) of the value at `pointer` in `text`, None when absent."""
    node = _compose(text) if text.strip() else None
    for token in jp.tokens(pointer):
        if isinstance(node, yaml.MappingNode):
            pair = _find(node, token)
            node = pair[1] if pair else None
        elif isinstance(node, yaml.SequenceNode) and token.isdigit() and int(token) < len(node.value):
            node = node.value[int(token)]
        else:
            return None
    return None if node is None else _raw(node, text)


# -- writing scalars -------------------------------------------------------------------------------
def _double(value: str) -> str:
    """A YAML double-quoted scalar: anything but printable text (YAML's `c-printable` less the
    line breaks, and the BOM) is escaped, so it reads back as `value` everywhere."""
    out = ['"']
    for char in value:
        point = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif 0x20 <= point <= 0x7E or (0xA0 <= point <= 0xD7FF and point not in (0x2028, 0x2029)) or (
                0xE000 <= point <= 0xFFFD and point != 0xFEFF) or point >= 0x10000:
            out.append(char)
        elif point <= 0xFF:
            out.append(f"\\x{point:02x}")
        else:
            out.append(f"\\u{point:04x}")
    return "".join(out) + '"'


def _single(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _plain_ok(value: str) -> bool:
    """True when `value` written plain reads back as that same text under YAML 1.1 and 1.2."""
    if not value or value != value.strip() or any(c in _BREAKS for c in value):
        return False
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1 << 30)
    return not dumped.startswith(("'", '"', "|", ">"))


def scalar(value: Any, like: str | None = None) -> str:
    """`value` as YAML scalar text. `like` is the style of the value it replaces (None plain,
    "'" or '"'), kept where the new value allows it."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    printable = text.isprintable() and not any(c in _BREAKS for c in text)
    if like == '"' or not printable:
        return _double(text)
    if like == "'" or not _plain_ok(text):
        return _single(text)
    return text


def _inline(value: Any) -> bool:
    """A value written on the key's own line: a scalar, `{}`, `[]` or a list of scalars."""
    if isinstance(value, dict):
        return not value
    if isinstance(value, list):
        return all(not isinstance(v, dict | list) for v in value)
    return True


def _inline_text(value: Any, like: str | None = None) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    return scalar(value, like)


def _key(key: str) -> str:
    return key if _plain_ok(key) and ":" not in key and "#" not in key else _double(key)


def _build(tokens: list[str], value: Any) -> Any:
    """The value to write for a path that does not exist yet (`websites/0/name` → [{name: …}])."""
    for token in reversed(tokens):
        value = [value] if token.isdigit() else {token: value}
    return value


def guess_indent(text: str) -> tuple[int, int]:
    """(mapping indent, dash offset) as the file writes them: `key:` then its children, `- ` items."""
    indent = offset = None
    previous: tuple[int, str] | None = None  # (indent, text) of the previous content line
    for raw in text.splitlines():
        body = raw.split(" #", 1)[0].rstrip()
        stripped = body.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        here = len(body) - len(stripped)
        if previous and previous[1].endswith(":") and here >= previous[0]:
            if stripped.startswith("- ") and offset is None:
                offset = here - previous[0]
            elif (not stripped.startswith("- ") and not previous[1].lstrip().startswith("- ") and indent is None
                  and here > previous[0]):
                indent = here - previous[0]
        previous = (here, body)
        if indent is not None and offset is not None:
            break
    return indent or 2, 2 if offset is None else offset


# -- the patcher -----------------------------------------------------------------------------------
Path_ = list[tuple[yaml.Node, Any, yaml.Node]]  # (container, key node or index, child) from the root


class _Patch:
    """One edit of `text`: `set(tokens, value)` / `remove(tokens)` return the new text."""

    def __init__(self, text: str, indent: int, offset: int) -> None:
        self.text = text
        self.indent, self.offset = indent, offset
        self.nl = "\r\n" if "\r\n" in text.split("\n", 1)[0] + "\n" else "\n"

    # positions
    def _line_start(self, i: int) -> int:
        return self.text.rfind("\n", 0, i) + 1

    def _line_end(self, i: int) -> int:
        """Index of the line break ending the line holding `i` (before a CR), or len(text)."""
        j = self.text.find("\n", i)
        if j < 0:
            return len(self.text)
        return j - 1 if j > 0 and self.text[j - 1] == "\r" else j

    def _after_line(self, i: int) -> int:
        j = self.text.find("\n", i)
        return len(self.text) if j < 0 else j + 1

    def _col(self, i: int) -> int:
        return i - self._line_start(i)

    def _first_on_line(self, i: int) -> bool:
        return not self.text[self._line_start(i):i].strip(" \t")

    def _end(self, node: yaml.Node) -> int:
        """Where the node's last character of content ends (not its trailing breaks or comments)."""
        if isinstance(node, yaml.ScalarNode):
            if node.style in ("|", ">"):
                start = node.start_mark.index
                return start + len(self.text[start:node.end_mark.index].rstrip())
            return node.end_mark.index
        if node.flow_style or not node.value:
            return node.end_mark.index
        last = node.value[-1]
        if isinstance(node, yaml.MappingNode):
            return max(self._end(last[0]), self._end(last[1]))
        return self._end(last)

    def _splice(self, start: int, end: int, new: str) -> str:
        return self.text[:start] + new + self.text[end:]

    # rendering
    def _value_text(self, value: Any, col: int, like: str | None = None) -> str:
        """What follows `key:` for `value`, the key at column `col`: ` x` or block lines."""
        if _inline(value):
            return " " + _inline_text(value, like)
        if isinstance(value, dict):
            pad = " " * (col + self.indent)
            return "".join(f"{self.nl}{pad}{_key(k)}:{self._value_text(v, col + self.indent)}"
                           for k, v in value.items())
        pad = " " * (col + self.offset)
        return "".join(f"{self.nl}{pad}- {self._item_text(v, col + self.offset + 2)}" for v in value)

    def _item_text(self, value: Any, col: int) -> str:
        """A list item's text after `- `, its content at column `col`."""
        if _inline(value):
            return _inline_text(value)
        if isinstance(value, dict):
            parts = [f"{_key(k)}:{self._value_text(v, col)}" for k, v in value.items()]
        else:
            parts = [f"- {self._item_text(v, col + 2)}" for v in value]
        return (self.nl + " " * col).join(parts)

    # the edits
    def _walk(self, tokens: list[str]) -> tuple[yaml.Node | None, Path_, int]:
        """The deepest existing node on the way to `tokens`, the path to it, tokens consumed."""
        node = _compose(self.text) if self.text.strip() else None
        path: Path_ = []
        for i, token in enumerate(tokens):
            if isinstance(node, yaml.MappingNode):
                pair = _find(node, token)
                if pair is None:
                    return node, path, i
                path.append((node, pair[0], pair[1]))
                node = pair[1]
            elif isinstance(node, yaml.SequenceNode):
                if not token.isdigit() or int(token) > len(node.value):
                    raise ValueError(f"/{'/'.join(tokens)}: no such place in the draft")
                if int(token) == len(node.value):
                    return node, path, i
                path.append((node, int(token), node.value[int(token)]))
                node = node.value[int(token)]
            else:
                return node, path, i
        return node, path, len(tokens)

    def set(self, tokens: list[str], value: Any) -> str:
        node, path, done = self._walk(tokens)
        rest = tokens[done:]
        if node is None:  # an empty file, or one holding comments only
            lead = self.nl if self.text and not self.text.endswith("\n") else ""
            body = self._value_text(_build(rest, value), -self.indent)
            return self.text + lead + body.lstrip("\r\n") + self.nl
        if not rest:
            return self._replace(path, value)
        if isinstance(node, yaml.MappingNode):
            return self._insert(path, node, rest[0], _build(rest[1:], value))
        if isinstance(node, yaml.SequenceNode):
            return self._append(path, node, _build(rest[1:], value))
        return self._replace(path, _build(rest, value))  # a scalar (null, "") in the way

    def _replace(self, path: Path_, value: Any) -> str:
        if not path:  # the root itself: only a flow mapping can get here
            root = _compose(self.text)
            assert root is not None
            body = self._value_text(value, -self.indent).lstrip("\r\n")
            return self._splice(root.start_mark.index, root.end_mark.index, body)
        parent, selector, child = path[-1]
        if parent.flow_style:
            whole = _raw(parent, self.text)
            whole[selector.value if isinstance(selector, yaml.Node) else selector] = value
            return self._replace(path[:-1], whole)
        like = child.style if isinstance(child, yaml.ScalarNode) and child.value != "" else None
        if isinstance(child, yaml.ScalarNode) and child.style not in ("|", ">") and _inline(value):
            start, end = child.start_mark.index, child.end_mark.index
            lead = " " if start == end and self.text[start - 1:start] not in (" ", "\t") else ""
            return self._splice(start, end, lead + _inline_text(value, like))
        if not isinstance(child, yaml.ScalarNode) and child.flow_style and _inline(value):
            return self._splice(child.start_mark.index, child.end_mark.index, _inline_text(value))
        if isinstance(parent, yaml.MappingNode):
            key = selector
            col = self._col(key.start_mark.index)
            colon = self.text.index(":", key.end_mark.index)
            empty = isinstance(child, yaml.ScalarNode) and child.start_mark.index == child.end_mark.index
            start = self._line_end(colon) if empty and not _inline(value) else colon + 1
            end = start if empty else self._end(child)
            return self._splice(start, end, self._value_text(value, col, like))
        start = child.start_mark.index
        col = self._col(start)
        return self._splice(start, self._end(child), self._item_text(value, col))

    def _insert(self, path: Path_, mapping: yaml.MappingNode, key: str, value: Any) -> str:
        if mapping.flow_style or not mapping.value:
            whole = _raw(mapping, self.text)
            whole[key] = value
            return self._replace(path, whole)
        first, last = mapping.value[0], mapping.value[-1]
        col = self._col(first[0].start_mark.index)
        at = self._after_line(max(self._end(last[0]), self._end(last[1])))
        lead = self.nl if at == len(self.text) and not self.text.endswith("\n") else ""
        line = " " * col + _key(key) + ":" + self._value_text(value, col) + self.nl
        return self._splice(at, at, lead + line)

    def _dash(self, item: yaml.Node) -> int:
        """The index of the `-` introducing a block sequence item."""
        i = item.start_mark.index - 1
        while i >= 0 and self.text[i] in " \t":
            i -= 1
        return i

    def _append(self, path: Path_, seq: yaml.SequenceNode, value: Any) -> str:
        if seq.flow_style or not seq.value:
            return self._replace(path, [*_raw(seq, self.text), value])
        first = seq.value[0]
        dash = self._dash(first)
        dash_col, col = self._col(dash), self._col(dash) + max(2, first.start_mark.index - dash)
        if not self._first_on_line(dash):
            return self._replace(path, [*_raw(seq, self.text), value])
        at = self._after_line(self._end(seq.value[-1]))
        lead = self.nl if at == len(self.text) and not self.text.endswith("\n") else ""
        gap = " " * (col - dash_col - 1)
        return self._splice(at, at, lead + " " * dash_col + "-" + gap + self._item_text(value, col) + self.nl)

    def remove(self, tokens: list[str]) -> str:
        _node, path, done = self._walk(tokens)
        if done < len(tokens) or not path:
            return self.text  # nothing there
        parent, selector, child = path[-1]
        if parent.flow_style:
            whole = _raw(parent, self.text)
            if isinstance(whole, dict):
                whole.pop(selector.value)
            else:
                del whole[selector]
            return self._replace(path[:-1], whole)
        if len(parent.value) == 1:
            return self._replace(path[:-1], {} if isinstance(parent, yaml.MappingNode) else [])
        if isinstance(parent, yaml.MappingNode):
            key = selector
            index = next(i for i, (k, _v) in enumerate(parent.value) if k is key)
            if self._first_on_line(key.start_mark.index):
                start = self._line_start(key.start_mark.index)
                return self._splice(start, self._after_line(self._end(child)), "")
            # The first key of a `- key:` item: its lines go, the `-` stays alone on its line and
            # the item's other keys keep their lines byte for byte.
            following = parent.value[index + 1][0]
            start = key.start_mark.index
            while start > 0 and self.text[start - 1] in " \t":
                start -= 1
            return self._splice(start, self._line_start(following.start_mark.index) - len(self.nl), "")
        dash = self._dash(child)
        if not self._first_on_line(dash):
            whole = _raw(parent, self.text)
            del whole[selector]
            return self._replace(path[:-1], whole)
        return self._splice(self._line_start(dash), self._after_line(self._end(child)), "")


def _aliases_or_tags(text: str) -> str | None:
    """'anchor', 'alias' or 'tag' when the text uses one (the safe loader accepts some of them)."""
    try:
        for event in yaml.parse(yaml12_text(text)[0], Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                return "alias"
            if getattr(event, "anchor", None):
                return "anchor"
            if getattr(event, "tag", None):
                return "tag"
    except yaml.YAMLError:
        return None  # the loader's findings say it
    return None


def written_beyond(value: Any, templates: list[Any] | None = None) -> bool:
    """True when `value` holds something a person wrote: a non-empty scalar anywhere inside that
    no template (what `init` writes, e.g. `service_type: website_app`) has at the same place.
    A list whose items are only templates may be dropped; any other list is the person's
    (issue 24.1, A09: an app without a name is still an app)."""
    templates = templates or []
    if isinstance(value, list):
        return any(written_beyond(item, templates) for item in value)
    if isinstance(value, dict):
        return any(
            written_beyond(v, [t[k] for t in templates if isinstance(t, dict) and k in t]) for k, v in value.items()
        )
    if value in (None, "", False, []):
        return False
    return not any(value == t or (isinstance(t, list) and value in t) for t in templates)


class DraftFile:
    """One draft being edited. `open` refuses what cannot be edited safely (DraftRefused)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.backup = path.with_name(path.name + ".bak")
        self.original: bytes | None = None  # what the user had when the run started
        self.disk: bytes | None = None  # what is on disk as this run last read or wrote it
        self.base = ""  # the text of `disk`
        self.current = ""  # `base` with the answers not yet saved
        self.pending: list[tuple[str, Any]] = []  # (pointer, value) set since the last save
        self.bom = False
        self.backed_up = False
        self.indent, self.offset = 2, 2  # as the user's file has them (guessed on open)
        self.on_merge: Callable[[], None] | None = None  # told when a save merged an edit made on disk

    def _read(self) -> bytes | None:
        """The draft's bytes, None when absent; bounded, regular files only (DraftRefused otherwise)."""
        from icpfile.load.files import FileProblem, escapes, read_regular

        link = escapes(self.path.parent)
        if link is not None:  # issue 24.2: a folder on the way is a link out of the working folder
            raise LinkRefused("link_out_not_written", path=link)
        if self.path.is_symlink():
            raise LinkRefused("link_not_written", path=str(self.path))
        try:
            data = read_regular(self.path, MAX_DRAFT_BYTES)
        except FileNotFoundError:
            return None
        except FileProblem as exc:
            raise DraftRefused(f"{self.path}: {exc.strerror}; the wizard edits regular files only") from None
        if len(data) > MAX_DRAFT_BYTES:
            raise DraftRefused(f"{self.path}: the draft is over the size limit (ICP005); nothing was written")
        return data

    def open(self, loader_codes: list[tuple[str, int]]) -> None:
        """Read the draft; `loader_codes` are the safe loader's (code, line) findings about it."""
        data = self._read()
        self.original = self.disk = data
        if data is None:
            self.base = self.current = "version: 1\n"
            self.disk = b""  # nothing on disk: a file appearing meanwhile is a change
            self.original = None
            return
        text, self.bom = decode_draft(data, self.path)
        self.base = self.current = text
        if not text.strip():  # an empty file (`touch mine.yaml`): start the draft in it
            self.current = text + ("\n" if text and not text.endswith("\n") else "") + "version: 1\n"
            return
        self._refuse(text, loader_codes)
        self.indent, self.offset = guess_indent(text)

    def _refuse(self, text: str, loader_codes: list[tuple[str, int]]) -> None:
        refused = [(code, line) for code, line in loader_codes if code in REFUSED_CODES]
        if refused:
            code, line = refused[0]
            raise LinkRefused("wizard_loader_refused", path=self.path, line=line, code=code)
        kind = _aliases_or_tags(text)
        if kind:
            raise DraftRefused(
                f"{self.path}: uses a YAML {kind}; the wizard does not rewrite such a draft (it would expand "
                "or drop it): write the values out in full, then run the wizard again (the file is unchanged)"
            )
        try:
            root = _compose(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f":{mark.line + 1}" if mark else ""
            raise DraftRefused(f"{self.path}{where}: the draft cannot be read (ICP006); run `icpfile check "
                               f"{self.path}` (the file is unchanged)") from None
        if not isinstance(root, yaml.MappingNode):
            raise DraftRefused(f"{self.path}: the draft is not a mapping; nothing was written")

    # -- editing ---------------------------------------------------------------------------------
    def _apply(self, text: str, pointer: str, value: Any) -> str:
        patch = _Patch(text, self.indent, self.offset)
        tokens = jp.tokens(pointer)
        if value is None:
            return patch.remove(tokens)
        old = value_at(text, pointer) if isinstance(value, str) else None
        changed = patch.set(tokens, value)
        return _comment_follows(changed, pointer, old, value) if isinstance(old, Raw) else changed

    def set(self, pointer: str, value: Any) -> None:
        """Put `value` at `pointer`, creating the mappings and lists on the way; None removes it.
        A value equal to what is written (same text) leaves the file as it is."""
        if value is not None and _same_value(value_at(self.current, pointer), value):
            return  # a list or mapping too: Enter on `ip: [47.98.1.100]` in a flow mapping keeps its form
        self.current = self._apply(self.current, pointer, value)
        self.pending.append((pointer, value))

    def text(self) -> str:
        """The draft's text as it would be written now (without the BOM)."""
        return self.current

    # -- writing ---------------------------------------------------------------------------------
    def _merge(self, disk: bytes | None) -> None:
        """Re-apply the pending answers on what is on disk now; DraftChanged if one collides."""
        text, bom = decode_draft(disk, self.path) if disk else ("", self.bom)
        for pointer, _value in self.pending:
            if value_at(self.base, pointer) != value_at(text, pointer) or not _parents_same(self.base, text, pointer):
                raise DraftChanged(
                    f"{self.path} changed on disk while the wizard waited, at {pointer[1:]}; nothing was written "
                    "(your edit is kept): run the wizard again to answer from what the file holds now"
                )
        self._refuse(text, []) if text.strip() else None
        merged = text
        for pointer, value in self.pending:
            merged = self._apply(merged, pointer, value)
        self.base, self.current, self.bom = text, merged, bom

    def save(self) -> bool:
        """Write the draft: the user's file into `.bak` first (once per run), then the new text.
        True when an edit made on disk meanwhile was merged (the caller re-reads its data)."""
        disk = self._read()
        merged = False
        if (disk or b"") != (self.disk or b""):
            self._merge(disk)
            merged = True
        if not self.pending and not merged and self.disk:
            return False
        blob = (codecs.BOM_UTF8 if self.bom else b"") + self.current.encode("utf-8", errors="surrogateescape")
        if not merged and self.disk and blob == self.disk:
            self.pending = []  # every answer kept what was written: the file is not touched, no .bak (#21, B11)
            return False
        mode = 0o644
        if self.path.exists():
            mode = self.path.stat().st_mode & 0o777  # keep the draft's own permissions
        if not self.backed_up and self.original is not None:
            if self.backup.is_dir() and not self.backup.is_symlink():  # L15: one line, not a traceback
                raise DraftRefused(f"{self.backup} is a folder where the wizard keeps the draft's backup: "
                                   "move it away; nothing was written")
            atomic_write(self.backup, self.original, mode=0o600)
        self.backed_up = True
        atomic_write(self.path, blob, mode=mode)
        self.disk, self.base, self.pending = blob, self.current, []
        if merged and self.on_merge is not None:
            self.on_merge()
        return merged


def _comment_follows(text: str, pointer: str, old: Raw, value: str) -> str:
    """`text` with the end-of-line comment of the code just written at `pointer` following it: a
    comment that names the old code's label and not the new one's (`type: change  # 首次备案`)
    becomes the schema's words for the new code (`# 备案类型：变更备案`, schema.draft.yaml_comment).
    Any other comment (init's, which lists every code; the user's own words) is left as written.
    Only a scalar on one line with its comment after it is touched (#21)."""
    from icpfile.schema import draft as sch

    path: list[str | int] = [int(t) if t.isdigit() else t for t in jp.tokens(pointer)]
    names = sch.labels(sch.at(path))
    try:
        parsed = yaml.load(yaml12_text(f"x: {old}\n")[0], Loader=_BaseLoader)
    except yaml.YAMLError:
        return text
    before = names.get(str(parsed.get("x"))) if isinstance(parsed, dict) else None
    after = names.get(value)
    if not before or not after or before == after:
        return text
    node = _compose(text)
    for token in jp.tokens(pointer):
        if isinstance(node, yaml.MappingNode):
            pair = _find(node, token)
            node = pair[1] if pair else None
        elif isinstance(node, yaml.SequenceNode) and token.isdigit() and int(token) < len(node.value):
            node = node.value[int(token)]
        else:
            return text
    if not isinstance(node, yaml.ScalarNode) or node.style in ("|", ">"):
        return text
    end = node.end_mark.index
    stop = len(text) if (j := text.find("\n", end)) < 0 else j
    stop -= 1 if stop > end and text[stop - 1] == "\r" else 0
    rest = text[end:stop]
    mark = rest.find("#")
    if mark <= 0 or rest[:mark].strip(" \t") or before not in rest[mark:] or after in rest[mark:]:
        return text
    return text[:end + mark] + sch.yaml_comment(path, value).strip() + text[stop:]


def _same_value(old: Any, value: Any) -> bool:
    """True when the written value `old` (`_raw`: Raw scalars in lists and mappings) already reads
    as `value`, item by item and key by key."""
    if isinstance(value, dict):
        return isinstance(old, dict) and old.keys() == {str(k) for k in value} and all(
            _same_value(old[str(k)], v) for k, v in value.items())
    if isinstance(value, list):
        return isinstance(old, list) and len(old) == len(value) and all(
            _same_value(o, v) for o, v in zip(old, value))
    return isinstance(old, Raw) and _same(old, value)


def _same(old: Raw, value: Any) -> bool:
    """True when the written scalar `old` (source text) already reads as `value`."""
    try:
        parsed = yaml.load(yaml12_text(f"x: {old}\n")[0], Loader=_BaseLoader)
    except yaml.YAMLError:
        return False
    shown = parsed.get("x") if isinstance(parsed, dict) else None
    if isinstance(value, bool):
        return shown in (("true", "True", "TRUE") if value else ("false", "False", "FALSE"))
    return shown == (str(value) if not isinstance(value, str) else value)


_BaseLoader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # every scalar as its text, as `check` reads it


def _parents_same(before: str, after: str, pointer: str) -> bool:
    """True when every list on the way to `pointer` has the same length in both texts (an index
    still names the same item)."""
    probe = pointer
    while probe:
        probe = jp.parent(probe)
        old, new = value_at(before, probe), value_at(after, probe)
        if isinstance(old, list) != isinstance(new, list) or (isinstance(old, list) and len(old) != len(new)):
            return False
    return True


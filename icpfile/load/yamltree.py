"""YAML text to a draft tree that remembers where everything was typed, without ever raising.

We build the tree ourselves from the parser's event stream instead of calling `safe_load`:
- every scalar stays the text the user typed (no YAML 1.1 `on`→True, `0571`→377, `12:30`→750,
  dates→`datetime.date`); `icpfile.schema.typed` later turns only what the schema asks for into
  booleans and integers;
- each value and key keeps its 1-based line and column under its JSON Pointer;
- duplicate keys, tags, extra documents, alias bombs and deep nesting become located issues;
- the event stream is iterative (libyaml when present), so a 5,000-deep file cannot exhaust the
  Python stack, and nothing is ever constructed from a tag.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import yaml

from icpfile.findings import Issue
from icpfile.load import pointer as jp
from icpfile.load.document import Document, Plain
from icpfile.records import Record

MAX_DEPTH = 64
MAX_NODES = 10_000  # values aliases may copy; a real draft has about a hundred values in all
# Values a draft may hold in all, typed or copied: the loader spends ~4 µs a value, so 1 MiB of
# `[a,a,a,…]` (half a million values) would take 3 s; a real draft has a few hundred.
MAX_VALUES = 100_000
# Characters of scalar text after aliases are expanded: no more than the largest file holds, so an
# alias repeating one long string cannot multiply the work (or the report) of the checks.
MAX_EXPANDED_CHARS = 1024 * 1024

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML11_BREAKS = re.compile("[\u2028\u2029\x85]")
_SKIP = object()  # a key we could not use: its value is parsed and dropped


class _Abort(Exception):
    """Stop building: the issue that explains why is already recorded."""


class _Frame(Record):
    container: Any
    pointer: str
    anchor: str | None
    first_node: int
    first_position: int
    first_chars: int
    key: Any
    key_mark: tuple[int, int] | None
    index: int
    merges: list[Any]

    __slots__ = (
        "container", "pointer", "anchor", "first_node", "first_position", "first_chars", "key", "key_mark", "index",
        "merges",
    )

    def __init__(self, container: Any, pointer: str, anchor: str | None, first_node: int,
                 first_position: int, first_chars: int = 0, key: Any = None,
                 key_mark: tuple[int, int] | None = None, index: int = 0, merges: list[Any] | None = None) -> None:
        self.container = container
        self.pointer = pointer
        self.anchor = anchor
        self.first_node = first_node
        self.first_position = first_position
        self.first_chars = first_chars
        self.key = key
        self.key_mark = key_mark
        self.index = index
        self.merges = [] if merges is None else merges


class _Anchor(Record):
    value: Any
    pointer: str
    nodes: int
    positions: list[tuple[str, tuple[int, int], bool]]
    chars: int

    __slots__ = ("value", "pointer", "nodes", "positions", "chars")

    def __init__(self, value: Any, pointer: str, nodes: int,
                 positions: list[tuple[str, tuple[int, int], bool]], chars: int = 0) -> None:
        self.value = value
        self.pointer = pointer
        self.nodes = nodes
        self.positions = positions
        self.chars = chars


def _mark(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def load_text(text: str, path: str) -> Document:
    """Parse `text` into a Document; problems become issues, never exceptions."""
    doc = Document(path=path, text=text)
    builder = _Builder(doc)
    try:
        builder.run(text)
    except _Abort:
        doc.data = None
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        if "maximum nesting depth" in problem:  # libyaml's own bound (1000) on flow nesting
            doc.issues.append(Issue.of("ICP011", line=line, column=column, params={"limit": MAX_DEPTH}))
        else:
            doc.issues.append(Issue.of("ICP006", line=line, column=column, params={"problem": problem}))
        doc.data = None
        return doc
    except yaml.reader.ReaderError as exc:
        at = _reader_index(text, exc.position)
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        doc.issues.append(Issue.of("ICP006", line=line, column=column, params={"problem": exc.reason}))
        doc.data = None
        return doc
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml errors are all marked
        doc.issues.append(Issue.of("ICP006", line=1, column=1, params={"problem": str(exc)}))
        doc.data = None
        return doc
    root = builder.root
    if not isinstance(root, dict):
        kind = "empty" if root is None or root == "" else "a list" if isinstance(root, list) else "a scalar"
        line, column = doc.values.get("", (1, 1))
        doc.issues.append(Issue.of("ICP012", line=line, column=column, params={"kind": kind}))
        doc.data = None
    else:
        doc.data = root
    return doc


def _reader_index(text: str, position: int) -> int:
    """The character index in `text` of a reader error's `position`. libyaml (CSafeLoader) counts
    bytes of the UTF-8 it was given (the text after `yaml12_text`, whose swaps change byte
    lengths: NEL is 2 bytes, its stand-in 3), so `x_a: "中中\x01"` said column 13 for column 9,
    past the end of a short file (issue 24.9, P01/P02); the pure-Python reader counts characters.
    Never past the end of `text`."""
    if _Loader is yaml.SafeLoader:
        return min(position, len(text))
    given = yaml12_text(text)[0].encode("utf-8", "surrogatepass")
    return min(len(given[:position].decode("utf-8", "ignore")), len(text))


def yaml12_text(text: str) -> tuple[str, dict[int, str] | None]:
    """`text` with U+2028, U+2029 and NEL swapped for unused noncharacters, and the table that swaps
    them back (None when there were none). YAML 1.2 does not break lines there, libyaml (1.1) does;
    each is one character for one, so every offset into the result is an offset into `text`."""
    if not _YAML11_BREAKS.search(text):
        return text, None
    spare = [c for c in map(chr, range(0xFDD0, 0xFDF0)) if c not in text][:3]
    if len(spare) < 3:
        return text, None
    swapped = text.translate(dict(zip(map(ord, "\u2028\u2029\x85"), spare)))
    return swapped, dict(zip(map(ord, spare), "\u2028\u2029\x85"))


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.stack: list[_Frame] = []
        self.anchors: dict[str, _Anchor] = {}
        self.order: list[tuple[str, tuple[int, int], bool]] = []
        self.nodes = 0
        self.copied = 0  # values copied by aliases (a typed value is bounded by the file's size)
        self.chars = 0
        self.root: Any = None
        self.documents = 0
        self.tracking = True  # keep `order` (run() turns it off for a text with no anchor)

    # -- positions -------------------------------------------------------------------------
    def _place(self, pointer: str, mark: tuple[int, int], is_key: bool = False) -> None:
        table = self.doc.keys if is_key else self.doc.values
        if pointer not in table:
            table[pointer] = mark
            if self.tracking:
                self.order.append((pointer, mark, is_key))

    def _count(self, n: int, mark: tuple[int, int], chars: int = 0, alias: bool = False) -> None:
        """Count values and characters as expanded (an alias counts all it copies). ICP014 when
        aliases have copied more than MAX_NODES values: a long draft without aliases is bounded by
        the file size limit and by MAX_VALUES (ICP018), and is not an alias bomb."""
        self.nodes += n
        self.chars += chars
        self.copied += n if alias else 0
        if self.nodes > MAX_VALUES and self.copied <= MAX_NODES:
            self.doc.issues.append(Issue.of("ICP018", line=mark[0], column=mark[1], params={"limit": MAX_VALUES}))
            raise _Abort
        if self.copied > MAX_NODES:
            self.doc.issues.append(
                Issue.of("ICP014", line=mark[0], column=mark[1], params={"limit": MAX_NODES})
            )
            raise _Abort
        if self.chars > MAX_EXPANDED_CHARS:
            self.doc.issues.append(
                Issue.of("ICP017", line=mark[0], column=mark[1], params={"limit": MAX_EXPANDED_CHARS})
            )
            raise _Abort

    # -- the event loop --------------------------------------------------------------------
    def run(self, text: str) -> None:
        self.text = text
        text, self.restore = yaml12_text(text)
        # Without an anchor in the text no alias can copy positions: the order they were placed in
        # is kept only when "&" occurs (a draft seldom has one), not for every value (#19).
        self.tracking = "&" in text
        loader = _Loader(text)
        get_event, scalar, handle = loader.get_event, yaml.ScalarEvent, self._event
        stack, values, keys, order, skip = self.stack, self.doc.values, self.doc.keys, self.order, _SKIP
        plain_styles = (None, "")
        try:
            # yaml.parse() costs a second call per event. The common event, a plain or quoted
            # scalar with no tag or anchor inside a mapping or list, is handled here in line (the
            # same steps as _event → _node → _place/_attach, in one place); every other goes to _event.
            while (event := get_event()) is not None:
                if (type(event) is not scalar or event.tag or event.anchor or not stack
                        or self.restore is not None or "icpfile:" in (raw := event.value)
                        or self.nodes >= MAX_VALUES or self.chars + len(raw) > MAX_EXPANDED_CHARS):
                    if handle(event):
                        return
                    continue
                start = event.start_mark
                mark = (start.line + 1, start.column + 1)
                self.nodes += 1
                self.chars += len(raw)
                value = Plain(raw) if event.style in plain_styles else raw
                top = stack[-1]
                container = top.container
                placed = top.pointer[:1] != "\x00"  # not inside a value used as a key (a skipped one)
                if type(container) is list:
                    pointer = f"{top.pointer}/{top.index}"
                    if placed and pointer not in values:
                        values[pointer] = mark
                        if self.tracking:
                            order.append((pointer, mark, False))
                    container.append(value)
                    top.index += 1
                    continue
                key = top.key
                if key is None:
                    self._take_key(value, mark, simple=True)
                    continue
                key_mark = top.key_mark
                top.key, top.key_mark = None, None
                if key is skip:
                    continue
                pointer = jp.join(top.pointer, key)
                if not placed:
                    container[key] = value
                    continue
                if pointer not in values:
                    values[pointer] = mark
                    if self.tracking:
                        order.append((pointer, mark, False))
                if key_mark and pointer not in keys:
                    keys[pointer] = key_mark
                    if self.tracking:
                        order.append((pointer, key_mark, True))
                container[key] = value
        finally:
            loader.dispose()

    def _event(self, event: yaml.Event) -> bool:
        """Handle one event; True stops reading (a second document)."""
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self._check_tag(event)
            raw = event.value if self.restore is None else event.value.translate(self.restore)
            if "icpfile:" in raw:  # a directive-like line inside a value is text, not a comment
                start = event.start_mark.index
                if event.style in ("|", ">"):  # the header line may carry a real comment
                    start = self.text.find("\n", start) + 1 or start
                self.doc.text_spans.append((start, event.end_mark.index))
            value: Any = Plain(raw) if event.style in (None, "") else raw
            self._node(event, value, nodes=1, chars=len(value))
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            self._check_tag(event)
            self._open(event)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self._close()
        elif kind is yaml.AliasEvent:
            self._alias(event)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                line, column = _mark(event)
                self.doc.issues.append(Issue.of("ICP009", line=line, column=column))
                return True
        return False

    def _check_tag(self, event: yaml.NodeEvent) -> None:
        tag = getattr(event, "tag", None)
        if tag:
            line, column = _mark(event)
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.doc.issues.append(Issue.of("ICP008", line=line, column=column, params={"tag": shown}))

    def _child_pointer(self) -> tuple[str | None, tuple[int, int] | None]:
        """The pointer the next value goes to, or None while a mapping waits for its key."""
        if not self.stack:
            return "", None
        top = self.stack[-1]
        if isinstance(top.container, list):
            return jp.join(top.pointer, top.index), None
        if top.key is None:
            return None, None
        if top.key is _SKIP:
            return "\x00skip", None
        return jp.join(top.pointer, top.key), top.key_mark

    def _node(self, event: yaml.NodeEvent, value: Any, nodes: int, chars: int = 0, alias: bool = False) -> None:
        """A complete node (scalar or alias): a key, or a value to attach."""
        mark = _mark(event)
        self._count(nodes, mark, chars, alias)
        pointer, key_mark = self._child_pointer()
        if pointer is None:
            self._take_key(value, mark, simple=isinstance(value, str))
            return
        if not pointer.startswith("\x00"):
            self._place(pointer, mark)
            if key_mark:
                self._place(pointer, key_mark, is_key=True)
        anchor = getattr(event, "anchor", None)
        if anchor and isinstance(event, yaml.ScalarEvent):
            self.anchors[anchor] = _Anchor(value, pointer, 1, [], chars)
        self._attach(value)

    def _take_key(self, key: Any, mark: tuple[int, int], simple: bool) -> None:
        top = self.stack[-1]
        if not simple:
            self.doc.issues.append(Issue.of("ICP013", line=mark[0], column=mark[1]))
            top.key, top.key_mark = _SKIP, mark
            return
        key = str(key)
        if key in top.container and key != "<<":
            first = self.doc.keys.get(jp.join(top.pointer, key), mark)
            self.doc.issues.append(
                Issue.of("ICP007", pointer=jp.join(top.pointer, key), line=mark[0], column=mark[1],
                      params={"key": key, "first_line": first[0]})
            )
            top.key, top.key_mark = _SKIP, mark
            return
        top.key, top.key_mark = key, mark

    def _attach(self, value: Any) -> None:
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        if isinstance(top.container, list):
            top.container.append(value)
            top.index += 1
            return
        key = top.key
        top.key, top.key_mark = None, None
        if key is _SKIP:
            return
        if key == "<<" and isinstance(value, (dict, list)):
            top.merges.append(value)  # YAML merge key: applied when the mapping closes
            return
        top.container[key] = value

    def _open(self, event: yaml.CollectionStartEvent) -> None:
        mark = _mark(event)
        self._count(1, mark)
        pointer, key_mark = self._child_pointer()
        if pointer is None:  # a mapping or sequence used as a key
            self._take_key(None, mark, simple=False)
            pointer = "\x00skip"
        if len(self.stack) >= MAX_DEPTH:
            self.doc.issues.append(Issue.of("ICP011", line=mark[0], column=mark[1], params={"limit": MAX_DEPTH}))
            raise _Abort
        start = len(self.order)
        if not pointer.startswith("\x00"):
            self._place(pointer, mark)
            if key_mark:
                self._place(pointer, key_mark, is_key=True)
        container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Frame(container, pointer, event.anchor, self.nodes - 1, start, self.chars))

    def _close(self) -> None:
        frame = self.stack.pop()
        value = frame.container
        for merge in frame.merges:
            for source in merge if isinstance(merge, list) else [merge]:
                if isinstance(source, dict):
                    for k, v in source.items():
                        value.setdefault(k, v)
        if frame.anchor:
            self.anchors[frame.anchor] = _Anchor(
                value, frame.pointer, self.nodes - frame.first_node, self.order[frame.first_position:],
                self.chars - frame.first_chars,
            )
        self._attach(value)

    def _alias(self, event: yaml.AliasEvent) -> None:
        mark = _mark(event)
        anchor = self.anchors.get(event.anchor)
        if anchor is None:
            self.doc.issues.append(
                Issue.of("ICP010", line=mark[0], column=mark[1], params={"anchor": event.anchor})
            )
            self._node(event, None, nodes=1)
            return
        pointer, _ = self._child_pointer()
        if pointer is not None and not pointer.startswith("\x00"):
            self._place(pointer, mark)
            # Point the copied values at where the anchored original was typed.
            for old, where, is_key in anchor.positions:
                if old == anchor.pointer or old.startswith(anchor.pointer + "/"):
                    self._place(pointer + old[len(anchor.pointer):], where, is_key)
        self._node(event, copy.deepcopy(anchor.value), nodes=anchor.nodes, chars=anchor.chars, alias=True)

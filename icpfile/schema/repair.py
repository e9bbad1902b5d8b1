"""Correct the slips whose intent is clear, report each once, and check the rest as if written right.

One slip must not hide the rest of a draft. `nature: 个人` (the Chinese label where the code
belongs) used to leave the nature unknown, so no personal-name rule ran; `type: 首次备案` made the
schema ask for an existing number and skip the websites' required fields; `websites:` written as
one mapping hid every website rule. This pass runs after typing and before the schema: where the
intent is clear it reports the slip once (ICP102 with the code to write, ICP103 for a mapping
where a list of mappings belongs, or for one text where a list of texts does: `ip: 47.96.10.20`;
a province's short name, `浙江`)
and hands the schema and the rules a corrected copy. The user's data is never changed in place;
only the containers on the path to a correction are copied.

A correction that moves a value (a mapping wrapped into a one-item list) is recorded as a move,
so every later issue can be pointed back at what the user typed: `/websites/0/name` is reported
at `/websites/name`. Linear in the size of the draft.
"""

from __future__ import annotations

from typing import Any

from icpfile.findings import Issue
from icpfile.load import pointer as jp
from icpfile.records import Record, replace
from icpfile.schema import draft as sch


class Repaired(Record):
    """The corrected copy, the issue for each slip, and where corrections moved values.

    `moves` holds (pointer in the copy, pointer as typed) pairs, outermost first.
    """

    data: Any
    issues: list[Issue]
    moves: list[tuple[str, str]]

    __slots__ = ("data", "issues", "moves")

    def __init__(self, data: Any, issues: list[Issue] | None = None,
                 moves: list[tuple[str, str]] | None = None) -> None:
        self.data = data
        self.issues = [] if issues is None else issues
        self.moves = [] if moves is None else moves

    def as_typed(self, pointer: str, by_pointer: dict[str, list[tuple[int, str]]] | None = None) -> str:
        """The pointer of the copy mapped back onto the draft as typed: the moves applied from the
        last recorded to the first, each to the pointer as the later ones left it. Found through
        the pointer's own prefixes (its depth), not by trying every move: a scalar for a list in
        each of 8,000 websites made 8,000 moves, tried for each of 8,000 issues (breaker42: 890 KB
        took 64 s). `by_pointer` is `moved_index()`, built once for many pointers."""
        if by_pointer is None:
            by_pointer = self.moved_index()
        limit = len(self.moves)
        while True:
            best: tuple[int, str, str] | None = None
            cut = len(pointer)
            while cut > 0:  # the pointer itself, then each parent: /a/b/c, /a/b, /a
                here = pointer[:cut]
                for index, typed in reversed(by_pointer.get(here, ())):
                    if index < limit:
                        if best is None or index > best[0]:
                            best = (index, here, typed)
                        break
                cut = pointer.rfind("/", 0, cut)
            if best is None:
                return pointer
            limit, moved, typed = best
            pointer = typed + pointer[len(moved):]

    def moved_index(self) -> dict[str, list[tuple[int, str]]]:
        """Moved pointer → [(its index in `moves`, the pointer as typed)], ascending."""
        index: dict[str, list[tuple[int, str]]] = {}
        for number, (moved, typed) in enumerate(self.moves):
            index.setdefault(moved, []).append((number, typed))
        return index

    def restore(self, issues: list[Issue]) -> list[Issue]:
        """`issues` with every pointer mapped back onto the draft as typed."""
        if not self.moves:
            return issues
        by_pointer = self.moved_index()
        return [issue if issue.line is not None else replace(issue, pointer=self.as_typed(issue.pointer, by_pointer))
                for issue in issues]


def apply(data: Any) -> Repaired:
    """Repair a typed draft (see the module docstring); `data` itself is left as it is."""
    found = Repaired(data)
    found.data = _walk(data, sch.schema(), [], found)
    return found


_CODES: dict[int, tuple[Any, dict[str, str]]] = {}
# A text with one of these may be several items written as one (`zh-Hans, en`): left to the schema.
_SEPARATORS = (",", "，", "、", ";", "；", " ")


def _codes(node: Any) -> dict[str, str]:
    """Code → label of every enum that applies at `node` (anyOf/allOf branches included).

    Memoised by the node's identity (the node is kept, so its id is never reused).
    """
    if id(node) not in _CODES:
        found: dict[str, str] = {}
        for branch in sch.branches(node):
            found.update(sch.labels(branch) or {str(code): "" for code in branch.get("enum", [])})
        _CODES[id(node)] = (node, found)
    return _CODES[id(node)][1]


_INDEXES: dict[int, tuple[dict[str, str], dict[str, str], dict[str, list[str]]]] = {}


def _indexes(codes: dict[str, str]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """(label → code, lower-cased code → its codes in order) of a `_codes` table, made once per
    table (kept, so its id is never reused): 95,000 bad codes in one list rebuilt both per value."""
    known = _INDEXES.get(id(codes))
    if known is None:
        lowered: dict[str, list[str]] = {}
        for code in codes:
            lowered.setdefault(code.lower(), []).append(code)
        known = _INDEXES[id(codes)] = (codes, {label: code for code, label in codes.items() if label}, lowered)
    return known[1], known[2]


_LIST_OF: dict[tuple[int, str], tuple[Any, Any]] = {}


def _wants_list_of(node: Any, kind: str) -> Any:
    """The items' subschema where `node` wants a list of `kind` (and no `kind` itself), else None.

    Memoised by the node's identity (the node is kept, so its id is never reused): asked per value."""
    known = _LIST_OF.get((id(node), kind))
    if known is None:
        kinds = sch.types_at(node)
        items = None if "array" not in kinds or kind in kinds else sch.child(node, 0)
        known = _LIST_OF[(id(node), kind)] = (node, items if items is not None and sch.types_at(items) == {kind}
                                                 else None)
    return known[1]


def _wrap(value: Any, items: Any, path: list[str | int], found: Repaired, got: str) -> list[Any]:
    here = jp.from_path(path)
    from icpfile.schema.validate import worded

    found.issues.append(Issue.of("ICP103", here, {"label": sch.label_of(path), "expected": worded(["list"]),
                                               "got": worded([got]),
                                               "value": str(value), "hint": f"wrapped_{got}"}))
    found.moves.append((jp.join(here, 0), here))
    return [_walk(value, items, [*path, 0], found)]


def _walk(value: Any, node: Any, path: list[str | int], found: Repaired) -> Any:
    if node is None:
        return value
    if isinstance(value, dict):
        items = _wants_list_of(node, "object")
        if items is not None:
            return _wrap(value, items, path, found, "mapping")
        return _walk_children(value, value.items(), node, path, found)
    if isinstance(value, list):
        return _walk_children(value, enumerate(value), node, path, found)
    if isinstance(value, str):
        items = _wants_list_of(node, "string")
        if items is not None and not any(sep in value for sep in _SEPARATORS):
            return _wrap(value, items, path, found, "string")  # `ip: 47.96.10.20`, one item
        return _code_for_label(value, node, path, found)
    return value


def _walk_children(value: Any, pairs: Any, node: Any, path: list[str | int], found: Repaired) -> Any:
    copy = None
    for key, item in list(pairs):
        fixed = _walk(item, sch.child(node, key), [*path, key], found)
        if fixed is not item:
            if copy is None:
                copy = dict(value) if isinstance(value, dict) else list(value)
            copy[key] = fixed
    return value if copy is None else copy


def _code_for_label(value: str, node: Any, path: list[str | int], found: Repaired) -> str:
    codes = _codes(node)
    if not codes or value in codes:
        return value
    by_label, lowered = _indexes(codes)
    code, hint = _same_but_case(value.strip(), codes, lowered), "case"  # `iOS`, `Android`: a miscased code (#22 P18)
    if code is None:
        code, hint = by_label.get(value.strip()) or _label_part(value.strip(), codes), "label"
    if code is None and not by_label:
        code, hint = _short_for(value.strip(), codes), "short"
    if code is None:
        return value  # not clear what was meant: the schema reports it as it stands
    listing = sch.code_listing(codes)
    found.issues.append(Issue.of("ICP102", jp.from_path(path), {
        "label": sch.label_of(path), "value": value, "allowed": listing, "suggestion": code, "hint": hint}))
    return code


def _same_but_case(value: str, codes: dict[str, str], lowered: dict[str, list[str]] | None = None) -> str | None:
    """The one code `value` spells in other letter case (`iOS` → `ios`, `HarmonyOS` → `harmonyos`);
    `lowered` is `_indexes(codes)`'s second table."""
    if lowered is None:
        lowered = _indexes(codes)[1]
    same = [code for code in lowered.get(value.lower(), ()) if code != value]
    return same[0] if len(same) == 1 else None


def _label_part(value: str, codes: dict[str, str]) -> str | None:
    """The code of the label a person shortened: 营业执照 for 营业执照（个人或企业）, 身份证 for
    居民身份证 (the guide's own word). Of the labels that end with the typed word (or whose part
    before a bracket is it), the shortest, when no other is as short; else None."""
    if len(value) < 2 or value.isascii():
        return None
    fits = sorted((len(label), code) for code, label in codes.items()
                  if label and (label.split("（")[0] == value or label.endswith(value)))
    if not fits or (len(fits) > 1 and fits[0][0] == fits[1][0]):
        return None
    return fits[0][1]


def _short_for(value: str, codes: dict[str, str]) -> str | None:
    """The one code that a name of two or more characters begins (浙江 → 浙江省), else None.

    Only for a list of names that are their own labels (the provinces); an English code is
    never guessed from its start.
    """
    if len(value) < 2 or value.isascii():
        return None
    starting = [code for code in codes if code.startswith(value)]
    return starting[0] if len(starting) == 1 else None

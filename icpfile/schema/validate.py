"""Validate a draft against the JSON Schema and word every error for a person.

jsonschema's own messages (`'domian' was unexpected`) name nothing a filer knows. Each error is
turned into an issue with the field's Chinese label, the closest known key or code, and, where
someone wrote a Chinese label in place of a code (`nature: 企业`), the code to write instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from icpfile.findings import Issue
from icpfile.load import pointer as jp
from icpfile.schema import draft as sch

# A JSON type, and what a value is, in the words the messages use, in both languages (#22 B16:
# `“主办者信息”应为 mapping，实际是 list` under zh); bool before int (a bool is an int in Python).
_WORDS = {
    "string": ("文本", "a string"),
    "integer": ("整数", "an integer"),
    "number": ("数字", "a number"),
    "boolean": ("true 或 false", "true or false"),
    "list": ("列表", "a list"),
    "mapping": ("映射", "a mapping"),
    "empty": ("空", "empty"),
}
_TYPE_WORDS = {"array": "list", "object": "mapping", "null": "empty"}
_VALUE_WORDS = ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"), (list, "list"),
                (dict, "mapping"))


def worded(kinds: list[str]) -> dict[str, str]:
    """JSON types (or value kinds) as a message's {zh, en} words: `a list / a mapping`."""
    words = [_WORDS.get(_TYPE_WORDS.get(k, k), (k, k)) for k in kinds]
    return {"zh": "或".join(w[0] for w in words), "en": " or ".join(w[1] for w in words)}


def _kind(value: Any) -> dict[str, str]:
    if value is None:
        return worded(["empty"])
    found = next((word for kind, word in _VALUE_WORDS if isinstance(value, kind)), type(value).__name__)
    return worded([found])


def _closest(word: str, candidates: list[str]) -> str:
    lowered = {c.lower(): c for c in candidates}
    if word.lower() in lowered:
        return lowered[word.lower()]
    import difflib  # only for a misspelled key (a valid draft never needs it)

    match = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return match[0] if match else ""


def check(data: dict[str, Any]) -> Iterator[Issue]:
    """Every schema problem in `data`, as issues (not sorted); one per place and code, so an empty
    value is one ICP106 (whose hint offers removing the line only where the key is optional)."""
    data = _blank_as_empty(data)
    fast = sch.fast_validator()
    if fast is not None and fast.is_valid(data):
        return
    issues: dict[tuple[str, str], Issue] = {}
    for error in sch.errors(data):
        for issue in _issues(error, data):
            issues.setdefault((issue.code, issue.pointer), issue)
    empty = [i.pointer for i in issues.values() if i.code == "ICP106" and not i.pointer.split("/")[-1].isdigit()]
    required = _required_among(data, empty) if empty else set()
    for issue in issues.values():
        if issue.code == "ICP106" and issue.pointer in empty and issue.pointer not in required:
            issue.params["hint"] = "optional"
    yield from issues.values()


def _blank_as_empty(data: Any) -> Any:
    """`data` with every blank text (`values.text.is_blank`: spaces, U+3000, zero-width spaces)
    as "" (a copy, made only when there is one): a website named " " or a city of U+3000 is not
    filled in, and the schema says so as it says it of "" (ICP106, issue 24.5; the s3 breaker's
    V01–V04). The rules read the draft as written. Linear: each text is looked at up to its first
    visible character."""
    from icpfile.values.text import is_blank

    def walk(node: Any) -> Any:
        if isinstance(node, str):
            return "" if is_blank(node) else node
        if isinstance(node, dict):
            changed = {key: walk(value) for key, value in node.items()}
            return node if all(changed[k] is node[k] for k in node) else changed
        if isinstance(node, list):
            items = [walk(value) for value in node]
            return node if all(a is b for a, b in zip(items, node, strict=True)) else items
        return node

    return walk(data)  # recursion is bounded: a draft nests at most load.yamltree.MAX_DEPTH deep


def _required_among(data: dict[str, Any], pointers: list[str]) -> set[str]:
    """Which of `pointers` (keys, not list items) the schema requires: the ones whose removal,
    all removed at once, is reported missing (one more validation, whatever the draft's size)."""
    import copy

    trial = copy.deepcopy(data)
    for pointer in pointers:
        try:
            jp.remove(trial, pointer)
        except (KeyError, IndexError, TypeError, ValueError):
            continue
    found: set[str] = set()
    for error in sch.errors(trial):
        if error.validator == "required":
            here = jp.from_path(list(error.absolute_path))
            found.update(jp.join(here, name) for name in error.validator_value)
    return found


def _label(path: list[Any]) -> dict[str, str]:
    """The field's label in zh and en; a list item without one of its own is named by its list
    and place."""
    if path and isinstance(path[-1], int) and not (sch.at(path) or {}).get("title"):
        where = jp.from_path(path[:-1])[1:]
        return {lang: f"{title} ({where})" for lang, title in sch.label_of(path[:-1]).items()}
    return sch.label_of(path)


def _issues(error: Any, root: Any = None) -> Iterator[Issue]:
    yield from _issues_of(error, root)
    more = getattr(error, "more", None)  # the other bad codes of the same list (draft._items)
    if more:
        path = list(error.absolute_path)[:-1]
        base = jp.from_path(path)  # the list's pointer once, not per bad code (#24: 95,000 of them)
        for index, value in more:
            yield from _issues_of(_Sibling(error, [*path, index], value), root, f"{base}/{index}")


class _Sibling:
    """Another bad code of the list `error` is about, as jsonschema would have reported it."""

    __slots__ = ("absolute_path", "instance", "schema", "validator", "validator_value")

    def __init__(self, error: Any, path: list[Any], value: str) -> None:
        self.absolute_path, self.instance = path, value
        self.validator, self.validator_value, self.schema = error.validator, error.validator_value, error.schema

    @property
    def message(self) -> str:  # written when read: the list's repr per bad code was 95,000 reprs (issue 24)
        return f"{self.instance!r} is not one of {self.validator_value!r}"


def _issues_of(error: Any, root: Any = None, here: str | None = None) -> Iterator[Issue]:
    path = list(error.absolute_path)
    if here is None:  # `here`: the pointer of `path`, when the caller has it
        here = jp.from_path(path)
    kw = error.validator
    instance = error.instance
    if instance == "" and kw in ("enum", "const", "pattern", "format", "minLength"):
        # Nothing written yet: "empty", never "'' is not a valid …" with the whole list of codes.
        yield Issue.of("ICP106", here, {"label": _label(path), "expected": "", "got": worded(["string"])})
        return
    if kw == "required":
        for name in error.validator_value:
            if isinstance(instance, dict) and name not in instance and f"{name!r} is a required" in error.message:
                field_path = [*path, name]
                yield Issue.of("ICP100", jp.join(here, name), {"field": name, "label": sch.label_of(field_path)})
    elif kw == "additionalProperties":
        node = sch.at(path)
        known = sch.known_properties(node)
        for key in instance:
            if key in known or str(key).startswith("x_"):
                continue
            suggestion = _closest(str(key), known)
            yield Issue.of(
                "ICP101",
                jp.join(here, key),
                {"key": key, "suggestion": suggestion, "where": sch.label_of(path), "known": ", ".join(known),
                 "hint": "closest" if suggestion else None},
                at_key=True,
            )
    elif kw in ("enum", "const"):
        yield _bad_code(error, path, here)
    elif kw == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        code = "ICP106" if instance is None else "ICP103"
        layout = _layout(path) if code == "ICP103" and "object" in wanted else ""
        yield Issue.of(
            code,
            here,
            {
                "label": _label(path) if code == "ICP106" else sch.label_of(path),
                "expected": worded(wanted),
                "got": _kind(instance),
                **({"layout": layout, "hint": "layout"} if layout else {}),
            },
        )
    elif kw in ("minLength", "minItems"):
        yield Issue.of("ICP106", here, {"label": _label(path), "expected": "", "got": _kind(instance)})
    elif kw == "pattern":
        yield Issue.of(
            "ICP104",
            here,
            {"label": sch.label_of(path), "value": str(instance),
             "form": {lang: sch.description_in(path, lang) or _FORM[lang] for lang in ("zh", "en")}},
        )
    elif kw == "uniqueItems":
        seen: set[str] = set()
        for i, item in enumerate(instance):
            if str(item) in seen:
                yield Issue.of("ICP107", jp.join(here, i), {"label": sch.label_of(path), "value": str(item)})
            seen.add(str(item))
    elif kw == "not":
        yield _not_allowed(error, path, here, root)
    elif kw in ("anyOf", "oneOf") and _all_required(error):
        # An order holds websites or apps: name both, at the first.
        fields = [str(sub.validator_value[0]) for sub in error.context]
        labels = {lang: " / ".join(sch.title_in([*path, f], lang) for f in fields) for lang in ("zh", "en")}
        yield Issue.of("ICP100", jp.join(here, fields[0]), {"field": " / ".join(fields), "label": labels})
    elif kw in ("anyOf", "oneOf"):
        yield from _best_branch(error, root)
    else:
        yield Issue.of("ICP199", here, {"detail": error.message})


def _layout(path: list[Any]) -> str:
    """The shape a mapping at `path` takes, from the schema, for ICP103's hint (#22 P13): its
    required keys (else its first four), `{vendor: …, kind: …}`."""
    node = sch.at(path)
    props = [str(k) for k in (node.get("properties") or {})] if isinstance(node, dict) else []
    if not props:
        return ""
    required = [str(k) for k in node.get("required", []) if str(k) in props]
    keys = (required or [k for k in props if not k.startswith("x_")])[:4]
    return "{" + ", ".join(f"{k}: …" for k in keys) + "}"


_FORM = {"zh": "写法见 docs/draft-format.md。", "en": "docs/draft-format.md shows the form."}


def _all_required(error: Any) -> bool:
    return bool(error.context) and all(
        sub.validator == "required" and len(sub.validator_value) == 1 for sub in error.context)


def _not_allowed(error: Any, path: list[Any], here: str, root: Any) -> Issue:
    """A forbidden key: for the filing type (ICP105), or for the kind of an apps entry (ICP108)."""
    field = str(path[-1]) if path else ""
    if len(path) == 3 and path[0] == "apps":
        entry = jp.resolve(root, jp.from_path(path[:2])) if root is not None else None
        kind = entry.get("kind") if isinstance(entry, dict) else None
        return Issue.of("ICP108", here, {"field": field, "label": sch.label_of(path), "kind": str(kind)})
    return Issue.of("ICP105", here, {"field": field, "label": sch.label_of(path)})


class _Later(dict):
    """Message values made on first use: a draft may hold 95,000 bad codes (issue 24), of which the
    engine words MAX_PER_RULE, so the closest code and the listing of the rest are never computed.
    Any read (get, [], in, iteration, comparison, copy) fills it first; then it is a plain dict."""

    __slots__ = ("_make",)

    def __init__(self, make: Any) -> None:
        super().__init__()
        self._make = make

    def _fill(self) -> None:
        make = getattr(self, "_make", None)  # unset in a copy made by pickle: already filled
        if make is not None:
            self._make = None
            made = make()
            made.update(self)  # a value set before the first read (none today) wins
            dict.update(self, made)

    __hash__ = None  # type: ignore[assignment]


def _filling(method: Any) -> Any:
    def call(self: _Later, *args: Any, **kwargs: Any) -> Any:
        self._fill()
        return method(self, *args, **kwargs)

    call.__name__ = method.__name__
    return call


for _name in ("__getitem__", "__contains__", "__iter__", "__len__", "__eq__", "__ne__", "__repr__", "__or__",
              "__ror__", "__reduce_ex__", "__setitem__", "__delitem__", "get", "keys", "items", "values", "copy",
              "pop", "popitem", "setdefault", "update"):
    setattr(_Later, _name, _filling(getattr(dict, _name)))


def _bad_code(error: Any, path: list[Any], here: str) -> Issue:
    node = error.schema if isinstance(error.schema, dict) else {}
    validator, validator_value, value = error.validator, error.validator_value, error.instance

    def params() -> dict[str, Any]:
        if validator == "const":
            allowed = {str(validator_value): str(node.get("title", ""))}
        else:
            allowed = sch.labels(node) or {str(c): "" for c in validator_value}
        text = "" if value is None else str(value)
        by_label = {label: code for code, label in allowed.items() if label}
        suggestion = by_label.get(text) or _closest(text, list(allowed)) if text else ""
        listing = sch.code_listing(allowed)
        return {
            "label": sch.label_of(path),
            "value": text,
            "allowed": listing,
            "suggestion": suggestion or "",
            "hint": "label" if text in by_label else ("closest" if suggestion else "list"),
        }

    return Issue.of("ICP102", here, _Later(params))


def _best_branch(error: Any, root: Any = None) -> Iterator[Issue]:
    """For anyOf/oneOf, explain the branch that matches the value's type, not every branch."""
    by_branch: dict[int, list[Any]] = {}
    for sub in error.context:
        by_branch.setdefault(sub.relative_schema_path[0], []).append(sub)
    fitting = [
        errs
        for errs in by_branch.values()
        if not any(e.validator == "type" and not e.relative_path for e in errs)
    ]
    chosen = min(fitting or list(by_branch.values()), key=len, default=[])
    for sub in chosen:
        yield from _issues(sub, root)

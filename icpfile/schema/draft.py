"""The draft JSON Schema: where it lives, its compiled validator, and what it says about a path.

The schema file is the single source of field titles and code labels (`enumDescriptions`), so
messages, the wizard and editors all show the same Chinese words. jsonschema is imported only
when a validator is needed: `icpfile schema`, `--help` and `--version` never pay for it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_NAME = "draft.schema.json"


def schema_path() -> Path:
    """The installed copy inside the package, else the source tree's `schemas/`."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "schemas" / SCHEMA_NAME
    return packaged if packaged.is_file() else here.parent / "schemas" / SCHEMA_NAME


@cache
def schema_text() -> str:
    return schema_path().read_text(encoding="utf-8")


@cache
def schema() -> dict[str, Any]:
    return json.loads(schema_text())


def published_text(lang: str = "zh") -> str:
    """The schema as `icpfile schema` prints it for editors: what `check` accepts, this accepts.

    icpfile reads every scalar as typed text (`schema/typed.py`), so `mobile: 13800138000` is the
    text "13800138000". An editor's YAML parser makes it an integer, and the schema's
    `"type": "string"` would then mark a draft that `check` passes as wrong. Every free-text
    string (no `enum`/`const`: codes stay strings) therefore also admits an integer here; the
    file itself, which the checker uses, keeps the text type. tests/test_published_schema.py
    runs an independent validator (check-jsonschema) on every example with both.
    """
    published = json.loads(schema_text())
    _admit_typed_scalars(published)
    if lang == "en":  # `icpfile schema --lang en`: English titles and help for an editor (#22 P10)
        _in_english(published)
    return json.dumps(published, ensure_ascii=False, indent=2) + "\n"


def _in_english(node: Any) -> None:
    """Every `title` and `description` in English (titles.json); a description without an English
    one is left out rather than shown in Chinese. The values' labels (`enumDescriptions`) stay the
    filing system's own words."""
    if isinstance(node, dict):
        if isinstance(node.get("title"), str):
            node["title"] = english_titles().get(node["title"], node["title"])
        if isinstance(node.get("description"), str):
            english = english_descriptions().get(node["description"])
            if english:
                node["description"] = english
            else:
                del node["description"]
        for value in node.values():
            _in_english(value)
    elif isinstance(node, list):
        for value in node:
            _in_english(value)


def _admit_typed_scalars(node: Any) -> None:
    if isinstance(node, dict):
        kinds = node.get("type")
        if "enum" not in node and "const" not in node:
            if kinds == "string":
                node["type"] = ["string", "integer"]
            elif isinstance(kinds, list) and "string" in kinds and "integer" not in kinds:
                node["type"] = [*kinds, "integer"]
        for value in node.values():
            _admit_typed_scalars(value)
    elif isinstance(node, list):
        for value in node:
            _admit_typed_scalars(value)


@cache
def validator() -> Any:
    """The compiled 2020-12 validator, built once per process."""
    from jsonschema import Draft202012Validator, validators

    _CHOICES.update(_under_choices(schema()))
    _GUESSES.update(_under_choices(schema(), _GUESSING))
    return validators.extend(Draft202012Validator, {"items": _items, "properties": _properties})(schema())


def errors(data: Any) -> Iterator[Any]:
    """jsonschema's errors of `data`, its descent led by jsonschema-rs (issue 24, L18: 1,900 bad
    flow-style websites in 901 KB took 2 s in jsonschema's walk of every website's every field).

    jsonschema-rs lists where the errors are, in Rust; jsonschema then goes only into the list items
    and mapping members on the way to one of them (`_MARKED`), and words what it finds there as
    before. A member no error lies under is valid there, so it is not walked. Where jsonschema is
    only trying a value (under anyOf/oneOf/not/if/contains, `_GUESSES`), or without jsonschema-rs,
    it walks everything, as before."""
    global _MARKED
    fast = fast_validator()
    marked: set[tuple[int, Any]] | None = None
    if fast is not None:
        marked = set()
        for error in fast.iter_errors(data):
            node = data
            for part in error.instance_path:
                marked.add((id(node), part))
                try:
                    node = node[part]
                except (KeyError, IndexError, TypeError):
                    break
    # One error at a time, the marks set only while jsonschema takes its next step: 120,000 errors
    # kept in one list held about 150 MB of ValidationErrors (breaker42), and a caller that validates
    # something else between two errors (a branch's count) must not see this draft's marks.
    walk = validator().iter_errors(data)
    while True:
        _MARKED = marked
        try:
            error = next(walk)
        except StopIteration:
            return
        finally:
            _MARKED = None
        yield error


# An item schema `_items` decides itself: only annotations, `"type": "string"` and an enum of texts.
_PLAIN_ITEM = frozenset({"title", "description", "type", "enum", "enumDescriptions"})
# ids of the schema nodes inside an anyOf/oneOf (refs followed), where the number of errors a branch
# has chooses the branch that is explained (validate._best_branch): `_items` keeps jsonschema's errors there.
_CHOICES: set[int] = set()
# ids of the schema nodes where jsonschema only tries a value, whose errors jsonschema-rs does not
# list one by one (refs followed): `errors` leaves the walk there whole.
_GUESSING = ("anyOf", "oneOf", "not", "if", "contains")
_GUESSES: set[int] = set()
# While `errors` runs: (id of a list or mapping, index or key) on the way to an error jsonschema-rs found.
_MARKED: set[tuple[int, Any]] | None = None


def _under_choices(root: Any, keys: tuple[str, ...] = ("anyOf", "oneOf")) -> set[int]:
    found: set[int] = set()

    def walk(node: Any, inside: bool) -> None:
        if isinstance(node, dict):
            if inside:
                if id(node) in found:
                    return
                found.add(id(node))
            if "$ref" in node and inside:
                walk(deref({"$ref": node["$ref"]}), True)
            for key, value in node.items():
                walk(value, inside or key in keys)
        elif isinstance(node, list):
            for value in node:
                walk(value, inside)

    walk(root, False)
    return found


def _items(validator: Any, items: Any, instance: Any, node: Any) -> Any:
    """jsonschema's `items`, with one shortcut for a list of codes (issue 24: 95,000 bad language
    codes took 3 s in jsonschema's descent, one error per item, wrapped again at every level above).

    A text item is looked up in a set. The first bad one gets the error jsonschema's descent would
    make (same message, keyword, value, schema, paths), and carries the others as `more`
    ((index, value) pairs), which validate._issues words as that error's siblings: one error climbs
    the tree instead of 95,000. Any other list, an item that is not text, or a list inside an
    anyOf/oneOf branch goes through jsonschema itself."""
    from jsonschema import ValidationError

    codes = items.get("enum") if isinstance(items, dict) else None
    if (not isinstance(codes, list) or items.get("type") != "string" or not _PLAIN_ITEM.issuperset(items)
            or id(items) in _CHOICES or "prefixItems" in node or not validator.is_type(instance, "array")
            or not all(type(code) is str for code in codes)):
        yield from _walked_items(validator, items, instance, node)
        return
    allowed = set(codes)
    first: Any = None
    for index, item in enumerate(instance):
        if type(item) is not str:
            yield from validator.descend(instance=item, schema=items, path=index)
        elif item not in allowed:
            if first is None:
                first = ValidationError(f"{item!r} is not one of {codes!r}", validator="enum", validator_value=codes,
                                        instance=item, schema=items, path=[index], schema_path=["enum"],
                                        type_checker=validator.TYPE_CHECKER)
                first.more = []
            else:
                first.more.append((index, item))
    if first is not None:
        yield first


def _walked_items(validator: Any, items: Any, instance: Any, node: Any) -> Any:
    """jsonschema's `items`, going only into the items `errors` marked (see there)."""
    from jsonschema import _keywords

    marked = _MARKED
    if (marked is not None and isinstance(items, dict) and id(items) not in _GUESSES and "prefixItems" not in node
            and type(instance) is list):
        where = id(instance)
        for index, item in enumerate(instance):
            if (where, index) in marked:
                yield from validator.descend(instance=item, schema=items, path=index)
        return
    yield from _keywords.items(validator, items, instance, node)


def _properties(validator: Any, properties: Any, instance: Any, node: Any) -> Any:
    """jsonschema's `properties`, going only into the members `errors` marked (see there)."""
    from jsonschema import _keywords

    marked = _MARKED
    if marked is None or id(node) in _GUESSES or type(instance) is not dict:
        yield from _keywords.properties(validator, properties, instance, node)
        return
    where = id(instance)
    for name, subschema in properties.items():
        if name in instance and (where, name) in marked:
            yield from validator.descend(instance[name], subschema, path=name, schema_path=name)


@cache
def fast_validator() -> Any:
    """jsonschema-rs, compiled from the same schema, to tell valid drafts apart quickly.

    Checking a clean draft takes it microseconds against ~2 ms for jsonschema, and it spares a
    one-draft run jsonschema's import. Only an invalid draft goes through jsonschema, whose
    errors `schema_check` words. tests/test_schema.py keeps the two in agreement.
    """
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - a dependency; without it everything still works
        return None
    return jsonschema_rs.Draft202012Validator(schema())


def deref(node: Any) -> Any:
    """Follow local `$ref`s, keeping sibling `title`/`description` (they override the target's)."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = schema()
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        extra = {k: v for k, v in node.items() if k != "$ref"}
        node = {**target, **extra} if extra else target
    return node


def branches(node: Any) -> list[dict[str, Any]]:
    """The node and every subschema that applies at the same place (anyOf/allOf/then/else)."""
    node = deref(node)
    if not isinstance(node, dict):
        return []
    found = [node]
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in node.get(key, []):
            found.extend(branches(sub))
    for key in ("then", "else"):
        if key in node:
            found.extend(branches(node[key]))
    return found


_CHILDREN: dict[tuple[int, str | int], Any] = {}
_TYPES: dict[int, set[str]] = {}
_KEEP: list[Any] = []


def child(node: Any, token: str | int) -> Any:
    """The subschema for one step into the instance (a property name or a list index).

    Memoised by the node's identity: the schema is loaded once per process and never changes,
    and typing every draft walks the same few hundred steps.
    """
    step = 0 if isinstance(token, int) or token.isdigit() else token  # every list index is alike
    key = (id(node), step)
    if key not in _CHILDREN:
        _KEEP.append(node)  # keeps id(node) from being reused while the memo holds it
        _CHILDREN[key] = _child(node, token)
    return _CHILDREN[key]


def _child(node: Any, token: str | int) -> Any:
    for branch in branches(node):
        if isinstance(token, int) or (isinstance(token, str) and token.isdigit() and "items" in branch):
            if "items" in branch:
                return branch["items"]
            continue
        props = branch.get("properties", {})
        if token in props and props[token] not in (True, False) and "not" not in props[token]:
            return props[token]
    return None


def at(path: list[str | int]) -> Any:
    """The subschema for an instance path, or None where the schema does not describe it."""
    node: Any = schema()
    for token in path:
        node = child(node, token)
        if node is None:
            return None
    return deref(node)


def types_at(node: Any) -> set[str]:
    if id(node) not in _TYPES:
        _KEEP.append(node)
        _TYPES[id(node)] = _types(node)
    return _TYPES[id(node)]


def _types(node: Any) -> set[str]:
    found: set[str] = set()
    for branch in branches(node):
        kind = branch.get("type")
        if isinstance(kind, str):
            found.add(kind)
        elif isinstance(kind, list):
            found.update(kind)
    return found


def title_at(path: list[str | int]) -> str:
    """The Chinese label of the field at `path` (its key when the schema has no title)."""
    node = at(path)
    if isinstance(node, dict) and node.get("title"):
        return str(node["title"])
    return str(path[-1]) if path else "草稿"


@cache
def english_titles() -> dict[str, str]:
    """Chinese title → English title, for every title of the schema (`titles.json` beside this
    module: one table, so the schema's Chinese stays the one truth and English follows it)."""
    return json.loads((Path(__file__).resolve().parent / "titles.json").read_text(encoding="utf-8"))["titles"]


@cache
def english_descriptions() -> dict[str, str]:
    """Chinese description → English (`titles.json`'s `descriptions`): a field's help under en."""
    return json.loads((Path(__file__).resolve().parent / "titles.json").read_text(encoding="utf-8"))["descriptions"]


@cache
def english_labels() -> dict[str, str]:
    """Chinese label of a code → English (`titles.json`'s `labels`): a choice and a summary line
    under en (`居民身份证` → `Resident ID card`); the code itself is what the draft holds."""
    return json.loads((Path(__file__).resolve().parent / "titles.json").read_text(encoding="utf-8"))["labels"]


def label_in(label: str, lang: str) -> str:
    """A code's Chinese label in `lang` (the label itself under zh, and where the table has none,
    which tests/test_words.py forbids for the schema's labels)."""
    if lang == "zh":
        return label
    return english_labels().get(label) or english_titles().get(label, label)


def description_in(path: list[str | int], lang: str) -> str:
    """The help of the field at `path` in `lang`: the schema's Chinese description under zh, its
    English under en, else "" (never the Chinese in English text, #22 P10)."""
    text = description_at(path)
    return text if lang == "zh" else english_descriptions().get(text, "")


def title_in(path: list[str | int], lang: str) -> str:
    """The label of the field at `path` in `lang`: the schema's Chinese title under zh, its English
    title under en (the Chinese one where the table has none, which a test forbids)."""
    title = title_at(path)
    return title if lang == "zh" else english_titles().get(title, title)


def label_of(path: list[str | int]) -> dict[str, str]:
    """{"zh": title, "en": English title}: a finding's `{label}`, filled in the finding's language."""
    return {"zh": title_at(path), "en": title_in(path, "en")}


def code_listing(labels: dict[str, str]) -> dict[str, str]:
    """The codes a field takes, for a finding's `{allowed}`: `personal（个人）、enterprise（企业）` in
    zh, `personal, enterprise` in en (the schema's labels are Chinese; the codes are what is written)."""
    return {"zh": "、".join(f"{code}（{label}）" if label else code for code, label in labels.items()),
            "en": ", ".join(labels)}


def description_at(path: list[str | int]) -> str:
    node = at(path)
    return str(node.get("description", "")) if isinstance(node, dict) else ""


def yaml_comment(path: list[str | int], value: Any = None, lang: str = "zh") -> str:
    """The end-of-line YAML comment a written draft carries for `path`: `  # title：help`, or
    `  # title` where the schema gives no help. Shared by `init` and `import` so both explain alike.
    With `value`, a code the schema labels: `  # title：label` (`# 备案类型：变更备案`), the comment
    the wizard writes when it changes a value whose comment named the old one (#21). `lang` en:
    the English title and help (`init --lang en`), the help left out where it has no English."""
    if lang != "zh":
        title, text = title_in(path, "en"), description_in(path, "en")
        return f"  # {title}: {text}" if text else f"  # {title}"
    title, text = title_at(path), description_at(path)
    label = labels(at(path)).get(str(value)) if isinstance(value, str) else None
    if label:
        return f"  # {title}：{label}"
    return f"  # {title}：{text}" if text else f"  # {title}"


def labels(node: Any) -> dict[str, str]:
    """Code → Chinese label for an enum subschema."""
    node = deref(node)
    codes = node.get("enum", []) if isinstance(node, dict) else []
    names = node.get("enumDescriptions", []) if isinstance(node, dict) else []
    return {str(c): str(n) for c, n in zip(codes, names)}


@cache
def code_labels(name: str) -> dict[str, str]:
    """Labels of a named enum: a `$defs` entry (`certificate_type`) or a subject field (`nature`)."""
    defs = schema()["$defs"]
    return labels(defs[name] if name in defs else defs["subject"]["properties"][name])


def pick_code(value: str, codes: dict[str, str]) -> str | None:
    """A code from its code, its Chinese label, or a unique prefix (`企业` → `enterprise`,
    `浙江` → `浙江省`); None when none or several fit."""
    if value in codes:
        return value
    by_label = {label: code for code, label in codes.items() if label}
    if value in by_label:
        return by_label[value]
    starting = [code for code in codes if value and code.startswith(value)]
    return starting[0] if len(starting) == 1 else None


def known_properties(node: Any) -> list[str]:
    names: list[str] = []
    for branch in branches(node):
        for name in branch.get("properties", {}):
            if name not in names:
                names.append(name)
    return names

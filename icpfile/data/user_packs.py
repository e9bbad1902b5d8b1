"""User rule packs (`--rules FILE`): province words, limits and severities merged over ours.

A pack is YAML, read by the same safe loader as drafts, typed and validated against
`pack.schema.json` (the schema national.yaml and provinces.yaml follow too), so each mistake is
reported at its line and column in the pack, never as a traceback or a crash in a rule:

    rules:                      # per-code overrides
      ICP214: {severity: error}
    national:                   # merged over icpfile/data/national.yaml
      sensitive_words_later: [某词]
    provinces:                  # merged over icpfile/data/provinces.yaml
      海南省:
        personal_name_banned_words: [论坛, 社区]

Only where the schema asks for a number or a boolean does a plain scalar become one: the word
`2024` in a list of words stays the text "2024"; `sensitive_words: 中国` is an error (a list is
wanted), not the words 中 and 国.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from icpfile.data.catalog import RULES_DIR, rules
from icpfile.data.packs import builtin
from icpfile.load import pointer as jp
from icpfile.load.read import load_path
from icpfile.schema import typed

SCHEMA = "pack.schema.json"
# The settings that are regular expressions: each must compile (their run time is bounded elsewhere).
REGEX_SETTINGS = ("landline_form", "landline_loose", "mobile_pattern", "personal_name_pattern",
                  "app_package_patterns", "mini_program_app_id_patterns")  # the last two: a mapping of them
# A JSON type in a pack message's words, zh and en (the pack loader's own: "a whole number", since a
# pack's numbers are counts and days).
_TYPES = {"array": ("列表", "a list"), "object": ("映射", "a mapping"), "string": ("文本", "text"),
          "integer": ("整数", "a whole number"), "boolean": ("true 或 false", "true or false"),
          "null": ("空", "empty"), "number": ("数字", "a number")}
Words = dict[str, str]  # {"zh": …, "en": …}: a part of a message that differs by language


class RulePackError(ValueError):
    """Problems in a pack, each at its place: `lines(lang)` gives them as `file:line:col: message`
    in zh or en (data/words.yaml, keys `pack_*`); `str()` is the English lines (#22: a pack's
    mistakes were English under `--lang zh`)."""

    def __init__(self, path: Path, problems: list[tuple[int, int, str, dict[str, Any]]]) -> None:
        self.path = path
        self.problems = sorted(set((line, col, key, tuple(sorted(
            (k, tuple(sorted(v.items())) if isinstance(v, dict) else v) for k, v in fields.items())))
            for line, col, key, fields in problems))
        super().__init__("\n".join(self.lines("en")))

    def lines(self, lang: str) -> list[str]:
        from icpfile.data.words import say

        out = []
        for line, column, key, fields in self.problems:
            filled = {k: dict(v)[lang] if isinstance(v, tuple) else v for k, v in fields}
            out.append(f"{self.path}:{line}:{column}: {say(key, lang, **filled)}")
        return out


@dataclass(slots=True)
class RulePack:
    path: str
    national: dict[str, Any] = field(default_factory=dict)
    provinces: dict[str, Any] = field(default_factory=dict)
    severities: dict[str, str] = field(default_factory=dict)


@cache
def schema() -> dict[str, Any]:
    return json.loads((RULES_DIR / SCHEMA).read_text(encoding="utf-8"))


def _deref(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = schema()
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def _branches(node: Any) -> list[dict[str, Any]]:
    node = _deref(node)
    if not isinstance(node, dict):
        return []
    return [node, *(b for key in ("oneOf", "anyOf") for sub in node.get(key, []) for b in _branches(sub))]


def _child(node: Any, token: str | int) -> Any:
    """The subschema one step into a pack (a key or a list index), or None."""
    for branch in _branches(node):
        if isinstance(token, int):
            if "items" in branch:
                return branch["items"]
        elif token in branch.get("properties", {}):
            return branch["properties"][token]
        elif isinstance(branch.get("additionalProperties"), dict):
            return branch["additionalProperties"]
    return None


def _types(node: Any) -> set[str]:
    found: set[str] = set()
    for branch in _branches(node):
        kind = branch.get("type")
        found.update([kind] if isinstance(kind, str) else kind or [])
        if "enum" in branch:
            found.update("null" if v is None else "string" for v in branch["enum"])
    return found


def _shown(value: Any) -> Words | str:
    if isinstance(value, (dict, list)):
        words = _TYPES["object" if isinstance(value, dict) else "array"]
        return {"zh": words[0], "en": words[1]}
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "…"


def _wanted(names: list[str]) -> Words:
    return {"zh": "或".join(_TYPES[n][0] for n in names), "en": " or ".join(_TYPES[n][1] for n in names)}


Problem = tuple[str, str, dict[str, Any], bool]  # (pointer, words.yaml key, its fields, at the key?)


def _message(error: Any) -> Problem:
    """(pointer, message key, fields, at the key?) for one schema error."""
    pointer = jp.from_path(error.absolute_path)
    kind, wanted, value = error.validator, error.validator_value, error.instance
    if kind == "additionalProperties":
        extra = sorted(set(value) - set(error.schema.get("properties", {})))
        key = "pack_unknown_key" if pointer == "" else "pack_unknown_national" if pointer == "/national" else \
            "pack_unknown_province_setting" if pointer.startswith("/provinces/") and pointer.count("/") == 2 else \
            "pack_unknown_inner"
        return jp.join(pointer, extra[0]), key, {"name": extra[0]}, True
    if "propertyNames" in error.absolute_schema_path:  # only rule codes are constrained so
        return jp.join(pointer, value), "pack_unknown_code", {"code": value}, True
    if kind == "type":
        return pointer, "pack_type", {"wanted": _wanted([wanted] if isinstance(wanted, str) else wanted),
                                      "got": _shown(value)}, False
    if kind == "enum":
        shown = ", ".join("null" if v is None else str(v) for v in wanted)
        return pointer, "pack_enum", {"values": shown, "got": _shown(value)}, False
    if kind in ("maximum", "minimum", "minItems", "maxItems", "minLength", "maxLength"):
        return pointer, f"pack_{kind.lower()}", {"limit": wanted, "got": _shown(value)}, False
    if kind == "oneOf":  # a nullable value: say what the non-null branch wants
        names = sorted({t for b in error.validator_value for t in _types(b)})
        return pointer, "pack_type", {"wanted": _wanted(names), "got": _shown(value)}, False
    if kind == "pattern":
        return pointer, "pack_pattern", {"pattern": wanted, "got": _shown(value)}, False
    if kind == "required":
        missing = next((k for k in wanted if isinstance(value, dict) and k not in value), wanted[0])
        return pointer, "pack_required", {"name": missing}, False
    if kind == "uniqueItems":
        return pointer, "pack_unique", {}, False
    if kind == "minProperties":
        return pointer, "pack_empty", {}, False
    return pointer, "pack_invalid", {"check": kind}, False


def problems(data: Any) -> list[Problem]:
    """Every way `data` breaks the pack schema: (pointer, message key, fields, at key), in
    document order."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [_message(e) for e in errors]


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _regex_problems(data: dict[str, Any]) -> list[Problem]:
    found: list[Problem] = []
    places = [("/national", _mapping(data.get("national")))]
    places += [(jp.join("/provinces", name), _mapping(s)) for name, s in _mapping(data.get("provinces")).items()]
    for base, settings in places:
        for key in REGEX_SETTINGS:
            value = settings.get(key)
            each = {"": value} if isinstance(value, str) else _mapping(value)  # os/host → pattern
            for name, source in each.items():
                if not isinstance(source, str):
                    continue
                try:
                    re.compile(source)
                except re.error as exc:
                    where = jp.join(f"{base}/{key}", name) if name else f"{base}/{key}"
                    # Python's own words for what is wrong are English: said in the English line only.
                    detail = {"zh": "", "en": f": {exc.msg}"}
                    found.append((where, "pack_regex", {"detail": detail, "at": (exc.pos or 0) + 1}, False))
    return found


def _material_kinds() -> set[str]:
    from icpfile.schema import draft as sch

    return set(sch.schema()["$defs"]["material"]["properties"]["kind"]["enum"])


def _meaning_problems(data: dict[str, Any]) -> list[Problem]:
    """What the schema cannot know: codes, provinces and material kinds that do not exist."""
    found: list[Problem] = []
    for code in _mapping(data.get("rules")):
        if re.fullmatch(r"ICP[0-9]{3}", code) and code not in rules():
            found.append((f"/rules/{code}", "pack_unknown_code", {"code": code}, True))
    kinds = _material_kinds()
    places = [("/national", "materials_base", _mapping(data.get("national")))]
    for province, settings in _mapping(data.get("provinces")).items():
        if province not in builtin().provinces:
            found.append((jp.join("/provinces", province), "pack_unknown_province", {"province": province}, True))
        places.append((jp.join("/provinces", province), "materials", _mapping(settings)))
    for base, key, settings in places:
        items = settings.get(key)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get("kind"), str) and item["kind"] not in kinds:
                found.append((f"{base}/{key}/{i}/kind", "pack_unknown_kind",
                              {"kind": item["kind"], "kinds": ", ".join(sorted(kinds))}, False))
    found += _regex_problems(data)
    return found


def load(path: Path) -> RulePack:
    """Read, type and validate a pack. Raises RulePackError with every problem at its place."""
    doc = load_path(path, str(path))
    out: list[tuple[int, int, str, dict[str, Any]]] = []
    for issue in doc.issues:
        summary = rules()[issue.code].summary
        out.append((issue.line or 1, issue.column or 1, "pack_unreadable",
                    {"code": issue.code, "summary": {"zh": summary["zh"], "en": summary["en"]}}))
    if out:
        raise RulePackError(path, out)
    data = typed.coerce(doc.data if doc.data is not None else {}, schema(), _child, _types)
    for pointer, key, fields, at_key in problems(data) + _meaning_problems(data):
        line, column = doc.position(pointer, at_key=at_key)
        out.append((line, column, key, fields))
    if out:
        raise RulePackError(path, out)
    return RulePack(
        str(path),
        national=data.get("national") or {},
        provinces={name: settings for name, settings in (data.get("provinces") or {}).items() if settings},
        severities={code: o["severity"] for code, o in (data.get("rules") or {}).items()},
    )

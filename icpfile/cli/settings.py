"""Settings, resolved in one step for every command: the command line over the settings file over
the defaults.

The file is `[tool.icpfile]` in pyproject.toml or a `.icpfile.toml`, the nearest folder upward. As
in ruff: the closest file wins, with no merging across folders; a pyproject.toml without a
`[tool.icpfile]` table is skipped; in one folder `.icpfile.toml` beats pyproject.toml. A
`.icpfile.toml` takes its settings at the top level or under the same `[tool.icpfile]` header as
pyproject.toml (the README's block works in either file, #22 P16). The table is validated against
`settings.schema.json`; a mistake is a ConfigError `FILE:LINE: what is wrong` (the CLI prints it and
exits 2), an unknown key with the nearest known one (`did you mean quiet?`).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from icpfile.records import Frozen

SCHEMA = Path(__file__).resolve().parent / "settings.schema.json"


class ConfigError(ValueError):
    """Settings that cannot be used; the message names the file (or the option) and what is wrong.

    `ConfigError.of(key, **fields)` is one known by its line in data/words.yaml (`line(lang)`
    gives it in either language); a plain ConfigError(text) quotes a parser's English."""

    key = ""
    lang: str | None = None  # the file's own `lang` when it names a good one (language.run_lang)

    @classmethod
    def of(cls, key: str, **fields: object) -> ConfigError:
        from icpfile.data.words import say

        made = cls(say(key, "en", **fields))
        made.key, made.fields = key, fields
        return made

    def line(self, lang: str) -> str:
        from icpfile.data.words import say

        return say(self.key, lang, **self.fields) if self.key else str(self)


class Settings(Frozen):
    """What a command runs with. `format` is None when neither the command line nor a file gave one."""

    lang: str
    format: str | None
    strict: bool
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    rules: tuple[Path, ...]
    file: Path | None
    allow_empty: bool  # `check` of a folder with no drafts exits 0 instead of 2 (#19)
    quiet: bool  # `check` leaves out the info reminders, as `-q` (#22 P16)

    __slots__ = ("lang", "format", "strict", "select", "ignore", "rules", "file", "allow_empty", "quiet")

    def __init__(self, lang: str = "en", format: str | None = None, strict: bool = False,
                 select: tuple[str, ...] = (), ignore: tuple[str, ...] = (), rules: tuple[Path, ...] = (),
                 file: Path | None = None, allow_empty: bool = False, quiet: bool = False) -> None:
        object.__setattr__(self, "lang", lang)
        object.__setattr__(self, "format", format)
        object.__setattr__(self, "strict", strict)
        object.__setattr__(self, "select", select)
        object.__setattr__(self, "ignore", ignore)
        object.__setattr__(self, "rules", rules)
        object.__setattr__(self, "file", file)
        object.__setattr__(self, "allow_empty", allow_empty)
        object.__setattr__(self, "quiet", quiet)


def resolve(
    *,
    isolated: bool = False,
    start: Path | None = None,
    lang: str | None = None,
    format: str | None = None,
    strict: bool | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    rules: list[Path] | None = None,
    allow_empty: bool | None = None,
    quiet: bool | None = None,
) -> Settings:
    """Every setting of a run. Arguments are the command line's values (None: not given).

    Raises ConfigError for a bad settings file or an unknown rule code in select/ignore.
    """
    from icpfile.options import default_lang

    file, table = (None, {}) if isolated else find(start or Path.cwd())
    chosen_select = codes(select) or codes(table.get("select"))
    chosen_ignore = codes(ignore) or codes(table.get("ignore"))
    for option, values in (("select", chosen_select), ("ignore", chosen_ignore)):
        _known_codes(values, f"--{option}" if (select if option == "select" else ignore) else f"{file}: {option}",
                     ignoring=option == "ignore")
    packs = [Path(p) for p in _listed(table.get("rules"))] + list(rules or [])
    return Settings(
        lang=str(_value(lang) or table.get("lang") or default_lang()),
        format=_value(format) or table.get("format"),
        strict=bool(table.get("strict", False)) if strict is None else strict,
        select=chosen_select,
        ignore=chosen_ignore,
        rules=tuple(packs),
        file=file,
        allow_empty=bool(table.get("allow_empty", False)) if allow_empty is None else allow_empty,
        quiet=bool(table.get("quiet", False)) if quiet is None else quiet,
    )


def _value(choice: Any) -> str | None:
    """An Enum choice's value, or the string given, or None."""
    return None if choice is None else str(getattr(choice, "value", choice))


def _listed(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def codes(values: Any) -> tuple[str, ...]:
    """`["ICP2,ICP301", "icp4"]` (or one string) → ('ICP2', 'ICP301', 'ICP4').

    Raises ConfigError for a list given with no code in it (`--select ''`, `,,`), which would
    otherwise select every rule without a word."""
    found = tuple(part.strip().upper() for v in _listed(values) for part in str(v).split(",") if part.strip())
    if _listed(values) and not found:
        given = ", ".join(map(repr, _listed(values)))
        raise ConfigError.of("codes_empty", given=given)
    return found


def _known_codes(values: tuple[str, ...], where: str, ignoring: bool = False) -> None:
    """Refuse a code or prefix that no rule has (`ICP2O1`, `ICP00`): a typo must not silence rules.
    Problems reading a file (ICP0xx) cannot be ignored: nothing after them was checked."""
    from icpfile.data.catalog import rules as catalog
    from icpfile.options import ALWAYS

    known = catalog()
    for value in values:
        if not re.fullmatch(r"ICP[0-9]{0,3}", value) or not any(code.startswith(value) for code in known):
            raise ConfigError.of("code_unknown", where=where, value=value)
        if ignoring and value.startswith(ALWAYS):
            raise ConfigError.of("code_always", where=where, value=value, prefix=ALWAYS)


def find(start: Path) -> tuple[Path | None, dict[str, Any]]:
    """The nearest settings file from `start` upward, and its validated table (paths made absolute)."""
    for folder in [start, *start.parents]:
        for name in (".icpfile.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file():
                table = _table(candidate)
                if table is not None:
                    return candidate, table
    return None, {}


SETTINGS_LIMIT = 1024 * 1024  # a settings file is a few lines; pyproject.toml a few KB


def _table(path: Path) -> dict[str, Any] | None:
    import tomllib  # only when a settings file exists

    try:
        from icpfile.load.files import FileProblem, read_regular

        try:
            raw = read_regular(path, SETTINGS_LIMIT)  # bounded, regular files only (issue 24.2)
        except FileProblem:
            return None  # a settings file that is a device or FIFO is not one: skipped
        if len(raw) > SETTINGS_LIMIT:
            raise ConfigError.of("settings_large", path=path, limit=SETTINGS_LIMIT)
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    # ValueError: TOMLDecodeError, UnicodeDecodeError, and an integer of more than 4,300 digits
    # (breaker22 L16: two tracebacks, exit 1, from any table of pyproject.toml); RecursionError:
    # arrays nested thousands deep. Each is one line naming the file, exit 2.
    except (OSError, ValueError, RecursionError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    tool = data.get("tool", {})
    nested = isinstance(tool, dict) and "icpfile" in tool
    prefix = "tool.icpfile." if nested or path.name == "pyproject.toml" else ""
    if path.name == "pyproject.toml" and not nested:
        return None
    if nested:  # pyproject.toml's table; a .icpfile.toml may use the same header (#22 P16)
        rest = {k: v for k, v in data.items() if k != "tool"} if path.name != "pyproject.toml" else {}
        if isinstance(tool, dict) and set(tool) != {"icpfile"} and path.name != "pyproject.toml":
            rest["tool"] = {k: v for k, v in tool.items() if k != "icpfile"}
        data = tool["icpfile"]
        if not isinstance(data, dict):
            raise ConfigError.of("settings_table", where=f"{path}:{_line(text, 'icpfile')}", kind=_kind(data))
        data = {**rest, **data}
    problems = _problems(data, prefix)
    if problems:
        key, message = problems[0]
        if isinstance(message, tuple):  # a catalog line, in the run's language
            error = ConfigError.of(message[0], where=f"{path}:{_line(text, key)}", **message[1])
        else:
            error = ConfigError(f"{path}:{_line(text, key)}: {message}")
        # The file's own `lang`, good even where another setting is not: its error is said in it (W30).
        error.lang = data["lang"] if data.get("lang") in ("zh", "en") else None
        raise error
    if "rules" in data:  # rule packs are relative to the settings file, and stay in its folder
        data = {**data, "rules": [_pack_inside(path, text, p) for p in _listed(data["rules"])]}
    return data


def _pack_inside(settings: Path, text: str, given: str) -> str:
    """A rule pack named by a settings file, resolved in the settings file's folder.

    A settings file comes with the repository a CI job checks (a pull request can change it), so
    a pack it names must be inside that folder: an absolute path, `../` or a symlink leading out
    (`/etc/shadow`) is a ConfigError naming the setting, and the file is never opened. A pack
    given on the command line (`--rules`) is the user's own choice and is not limited."""
    from icpfile.load.files import inside

    folder = settings.parent
    candidate = folder / given
    if Path(given).is_absolute() or not inside(candidate, folder):
        raise ConfigError.of("settings_pack_outside", where=f"{settings}:{_line(text, 'rules')}", given=given,
                             folder=folder)
    return str(candidate.resolve())


@cache
def _validator() -> Any:
    """The settings schema, its `format` choices taken from the reporter registry (the shipped
    file lists the same, for editors; a test holds the two equal)."""
    import jsonschema

    from icpfile.report import REPORTERS

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    schema["properties"]["format"]["enum"] = list(REPORTERS)
    return jsonschema.Draft202012Validator(schema)


def _problems(table: dict[str, Any], prefix: str) -> list[tuple[str, Any]]:
    """(key, what is wrong) for each setting that breaks the schema, in key order: an unknown key's
    as (catalog key, fields), data/words.yaml's line in either language."""
    found = []
    for error in _validator().iter_errors(table):
        if error.validator == "additionalProperties":
            import difflib

            names = list(_validator().schema["properties"])
            for key in sorted(set(table) - set(names)):
                near = difflib.get_close_matches(key.lower().replace("-", "_"), names, n=1, cutoff=0.6)
                fields = {"setting": f"{prefix}{key}", "known": ", ".join(names)}
                if near:
                    found.append((key, ("settings_unknown_near", {**fields, "near": f"{prefix}{near[0]}"})))
                else:
                    found.append((key, ("settings_unknown", fields)))
            continue
        key = str(error.absolute_path[0]) if error.absolute_path else ""
        value = table.get(key)
        found.append((key, f"{prefix}{key}: {_wanted(key, value)}"))
    return sorted(found, key=lambda item: (item[0], str(item[1])))


def _wanted(key: str, value: Any) -> str:
    prop = _validator().schema["properties"].get(key, {})
    if "enum" in prop:
        return f"{value!r} is not one of {', '.join(prop['enum'])}"
    if key in ("select", "ignore", "rules"):
        return f"must be a string or a list of strings, not {_kind(value)}"
    return f"must be {prop.get('type', 'something else')}, not {_kind(value)}"


def _kind(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "a list",
             dict: "a table"}
    return names.get(type(value), type(value).__name__)


def _line(text: str, key: str) -> int:
    """The line where `key = …` is written, after a `[tool.icpfile]` header if there is one, else 1."""
    header = re.search(r"^\s*\[\s*tool\s*\.\s*icpfile\s*\]", text, flags=re.M)
    match = re.compile(rf"^\s*{re.escape(key)}\s*=", flags=re.M).search(text, header.end() if header else 0)
    return text.count("\n", 0, match.start()) + 1 if match else 1

"""Settings from `[tool.icpfile]` in pyproject.toml or from `.icpfile.toml`, nearest folder upward.

As in ruff: the closest file wins, with no merging across folders; a pyproject.toml without a
`[tool.icpfile]` table is skipped; in one folder `.icpfile.toml` beats pyproject.toml. The command
line overrides whatever a file says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KEYS = {"select": list, "ignore": list, "lang": str, "format": str, "rules": list, "strict": bool}


class ConfigError(ValueError):
    """A settings file that cannot be used; the message names the file."""


@dataclass(frozen=True, slots=True)
class Config:
    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)


def _table(path: Path) -> dict[str, Any] | None:
    import tomllib  # only when a settings file exists

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("icpfile")
    return data


def find(start: Path) -> Config:
    for folder in [start, *start.parents]:
        for name in (".icpfile.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file():
                table = _table(candidate)
                if table is not None:
                    return Config(candidate, _validate(candidate, table))
    return Config()


def _validate(path: Path, table: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in table.items():
        kind = KEYS.get(key)
        if kind is None:
            raise ConfigError(f"{path}: unknown setting '{key}' (known: {', '.join(KEYS)})")
        if kind is list and isinstance(value, str):
            value = [value]
        if not isinstance(value, kind) or (kind is list and not all(isinstance(v, str) for v in value)):
            raise ConfigError(f"{path}: '{key}' must be {'a list of strings' if kind is list else kind.__name__}")
        if key == "rules":  # rule packs are relative to the settings file
            value = [str((path.parent / v).resolve()) for v in value]
        values[key] = value
    return values

"""Site configurations that hold the filing number: Hexo `_config*.yml` (NexT/Fluid `beian`/`icp`
keys), Hugo `config.toml`/`hugo.toml`/`config.yaml` params, VitePress `.vitepress/config.*`
themeConfig. The number a configuration holds must be the one given with `--number` (ICP913).

YAML and TOML are parsed, and only string values under a key that names the number (`beian`,
`icp`, `备案`, `record`) are read, so commented-out examples do not count. A VitePress config is
JavaScript: its lines outside `//` and `/* */` comments are scanned.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from icpfile.findings import Issue
from icpfile.footer.snippet import Expected
from icpfile.values.filing_numbers import Number, parse, same_filing, scan

_NAMES = re.compile(r"^(_config(\.[\w-]+)?\.ya?ml|config\.toml|hugo\.toml|config\.ya?ml|hugo\.ya?ml|"
                    r"config\.(js|mjs|cjs|ts|mts|cts))$", re.IGNORECASE)
_KEY = re.compile(r"beian|icp|备案|record", re.IGNORECASE)
_JS_COMMENT_START = re.compile(r"/\*|(?<!:)//")
_JS_LINE_COMMENT = re.compile(r"(?<!:)//")


def _uncommented(text: str) -> str:
    """JavaScript source without its `//` and `/* */` comments (a `//` after `:` is a URL's, kept).
    One pass: each comment's end is looked for once. An unclosed `/*` is not a comment (as
    before), and no later `/*` can be closed either, so only `//` comments are taken after it
    (T06: a regex retried at every `/*` of 240 KiB of them took 76 s)."""
    kept: list[str] = []
    pos, start = 0, _JS_COMMENT_START
    while (found := start.search(text, pos)) is not None:
        if found.group(0) == "/*":
            end = text.find("*/", found.end())
            if end < 0:
                start = _JS_LINE_COMMENT
                kept.append(text[pos : found.end()])
                pos = found.end()
                continue
            kept.append(text[pos : found.start()])
            pos = end + 2
        else:
            kept.append(text[pos : found.start()])
            end = text.find("\n", found.end())
            pos = len(text) if end < 0 else end
    kept.append(text[pos:])
    return "".join(kept)


def is_config(name: str) -> bool:
    """Is a file of this name a site configuration that may hold the number?"""
    return bool(_NAMES.match(name))


class ConfigError(ValueError):
    """A configuration that does not parse: `reason` and the 1-based `line` it broke at."""

    def __init__(self, reason: str, line: int = 1) -> None:
        super().__init__(reason)
        self.reason, self.line = reason, line


def _strings(value: Any) -> Iterator[str]:
    """String values under a key that names the number (at any depth, at most 32 levels).

    Iterative, and each (container, keyed) pair is walked once: YAML aliases share one object, so a
    billion-laughs configuration or a recursive alias (`a: &a [*a]`) costs its distinct nodes only."""
    seen: set[tuple[int, bool]] = set()
    todo: list[tuple[Any, bool, int]] = [(value, False, 0)]
    while todo:
        item, keyed, depth = todo.pop()
        if isinstance(item, (dict, list)):
            if depth > 32 or (id(item), keyed) in seen:
                continue
            seen.add((id(item), keyed))
            if isinstance(item, dict):
                todo.extend((v, keyed or bool(_KEY.search(str(k))), depth + 1) for k, v in reversed(item.items()))
            else:
                todo.extend((v, keyed, depth + 1) for v in reversed(item))
        elif isinstance(item, str) and keyed:
            yield item


def _yaml(text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # a safe loader (CSafeLoader or SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        raise ConfigError(f"not valid YAML: {problem}", mark.line + 1 if mark else 1) from None
    except RecursionError:
        raise ConfigError("not valid YAML: nested too deep") from None


def _toml(text: str) -> Any:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"line (\d+)", str(exc))
        line = getattr(exc, "lineno", None) or (int(at[1]) if at else text.count("\n") + 1)
        raise ConfigError(f"not valid TOML: {str(exc).split(' (at ')[0]}", line) from None
    except RecursionError:
        raise ConfigError("not valid TOML: nested too deep") from None


def numbers(name: str, text: str) -> list[Number]:
    """The filing numbers a configuration holds. Raises ConfigError when a YAML or TOML
    configuration does not parse (a site built from it may show any number)."""
    lower = name.lower()
    if lower.endswith((".yml", ".yaml")):
        values = list(_strings(_yaml(text)))
    elif lower.endswith(".toml"):
        values = list(_strings(_toml(text)))
    else:
        values = [_uncommented(text)]
    return [n for value in values for n in scan(value) if n.filing]


def config_issues(name: str, text: str, want: Expected) -> Iterator[Issue]:
    """ICP913 when the configuration holds a filing number other than the given one (or its
    subject's); ICP001 at the line it broke when it does not parse (its number cannot be known)."""
    given = parse(want.given or want.number)
    try:
        found = numbers(name, text)
    except ConfigError as exc:
        yield Issue.of("ICP001", line=exc.line, column=1, params={"reason": exc.reason, "hint": "config"})
        return
    for number in found:
        if given and same_filing(number, given):
            continue
        at = text.find(number.serial)
        line = text.count("\n", 0, at) + 1 if at >= 0 else 1
        yield Issue.of("ICP913", line=line, column=1, params={"found": number.written, "expected": want.number})
        return

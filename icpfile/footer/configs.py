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
_JS_COMMENT = re.compile(r"/\*.*?\*/|(?<!:)//[^\n]*", re.DOTALL)


def is_config(name: str) -> bool:
    """Is a file of this name a site configuration that may hold the number?"""
    return bool(_NAMES.match(name))


def _strings(value: Any, keyed: bool = False, depth: int = 0) -> Iterator[str]:
    """String values under a key that names the number (at any depth, at most 32 levels)."""
    if depth > 32:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, keyed or bool(_KEY.search(str(key))), depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, keyed, depth + 1)
    elif isinstance(value, str) and keyed:
        yield value


def numbers(name: str, text: str) -> list[Number]:
    """The filing numbers a configuration holds. Unreadable configurations hold none."""
    lower = name.lower()
    if lower.endswith((".yml", ".yaml")):
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            return []
        values = list(_strings(data))
    elif lower.endswith(".toml"):
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            return []
        values = list(_strings(data))
    else:
        values = [_JS_COMMENT.sub("", text)]
    return [n for value in values for n in scan(value) if n.filing]


def config_issues(name: str, text: str, want: Expected) -> Iterator[Issue]:
    """ICP913 when the configuration holds a filing number other than the given one (or its subject's)."""
    given = parse(want.given or want.number)
    for number in numbers(name, text):
        if given and same_filing(number, given):
            continue
        at = text.find(number.serial)
        line = text.count("\n", 0, at) + 1 if at >= 0 else 1
        yield Issue("ICP913", line=line, column=1, params={"found": number.written, "expected": want.number})
        return

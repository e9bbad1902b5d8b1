"""The words the wizard and `icpfile status` say, in zh and en: `messages.yaml` beside this file.

`say(key, lang, **fields)` formats one entry; a key or language missing is a KeyError (the test
suite checks that every entry has both languages and the same `{fields}` in each).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def catalog() -> dict[str, dict[str, str]]:
    """Read through `read_data`: from the wheel's prebuilt bundle, or parsed once and cached (the
    pure-Python `yaml.safe_load` of this file took 13 ms of the wizard's start, #23)."""
    from icpfile.data.catalog import read_data

    return read_data("messages.yaml", Path(__file__).resolve().parent)


def say(key: str, lang: str, **fields: object) -> str:
    """The entry `key` in `lang` ("zh" or "en"; anything else reads as en), with `fields` filled in."""
    entry = catalog()[key]
    text = entry["zh" if lang == "zh" else "en"]
    return text.format(**fields) if fields else text

"""Other names a person may type for a value (data/answer_aliases.yaml): the English names of the
provinces and the guide's 身份证 for a choice, the English glosses of the portal's words."""

from __future__ import annotations

from functools import cache

from icpfile.data.reading import read_data


def _key(word: str) -> str:
    return "".join(ch for ch in word.casefold() if ch not in " -_")


def aliased(text: str, table: str = "aliases") -> str | None:
    """The value `text` is another name of in `table`, or None. Case, spaces and hyphens are
    ignored: `inner mongolia`, `InnerMongolia` and `zhe-jiang` name theirs."""
    return _index(table).get(_key(text))


@cache
def _index(table: str) -> dict[str, str]:
    """`table`'s names, folded by `_key`, → their value (the first value that lists a name wins):
    read and folded once, not for every answer a prompt checks."""
    found: dict[str, str] = {}
    for value, names in read_data("answer_aliases.yaml")[table].items():
        for name in names:
            found.setdefault(_key(name), value)
    return found

"""Other names a person may type for a value (data/answer_aliases.yaml): the English names of the
provinces and the guide's 身份证 for a choice, the English glosses of the portal's words."""

from __future__ import annotations

from icpfile.data.reading import read_data


def _key(word: str) -> str:
    return "".join(ch for ch in word.casefold() if ch not in " -_")


def aliased(text: str, table: str = "aliases") -> str | None:
    """The value `text` is another name of in `table`, or None. Case, spaces and hyphens are
    ignored: `inner mongolia`, `InnerMongolia` and `zhe-jiang` name theirs."""
    wanted = _key(text)
    for value, names in read_data("answer_aliases.yaml")[table].items():
        if wanted in {_key(name) for name in names}:
            return value
    return None

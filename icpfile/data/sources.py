"""The sources the rules cite (`sources.yaml`), and which of them a record's `source` names.

A record's `source` is `; `-separated parts, each starting with a citation key:
`指南 3.1 附录二（…）; TXR` cites 指南 and TXR. `sources()` is every entry by key,
validated against `sources.schema.json` when the file is parsed (a ValueError names the place).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from icpfile.data.reading import read_data
from icpfile.records import Frozen


class Source(Frozen):
    """One cited source. `date` is YYYY[-MM[-DD]] or "undated, seen YYYY-MM"."""

    key: str
    title: str
    publisher: str
    date: str
    supports: str
    url: str
    path: str
    note: str
    shown: dict[str, str] | None  # the key as a text in each language shows it (指南 → Guide)

    __slots__ = ("key", "title", "publisher", "date", "supports", "url", "path", "note", "shown")

    def __init__(self, key: str, title: str, publisher: str, date: str, supports: str, url: str = "",
                 path: str = "", note: str = "", shown: dict[str, str] | None = None) -> None:
        for name, value in (("key", key), ("title", title), ("publisher", publisher), ("date", date),
                            ("supports", supports), ("url", url), ("path", path), ("note", note),
                            ("shown", shown)):
            object.__setattr__(self, name, value)


def _check(data: Any) -> None:
    from icpfile.data.validate import validate_against

    validate_against(data, "sources.schema.json", "sources.yaml")


@cache
def sources() -> dict[str, Source]:
    """Every source by its citation key, in the file's order."""
    return {key: Source(key=key, **entry) for key, entry in read_data("sources.yaml", check=_check)["sources"].items()}


def key_of(part: str) -> str | None:
    """The key a citation part starts with (the longest that fits), or None.

    A key must be followed by the end, a space or an opening bracket: `TXR, QC` → TXR, `TXRX` → None.
    """
    fits = [k for k in sources() if part.startswith(k) and (len(part) == len(k) or part[len(k)] in " ,（(：:")]
    return max(fits, key=len) if fits else None


def parts(source: str) -> list[str]:
    """`a; b` → ['a', 'b']."""
    return [p.strip() for p in source.split("; ") if p.strip()]


def cited(source: str) -> list[Source]:
    """The sources a record's `source` names, first-cited first, each once; unknown parts are left out."""
    found: dict[str, Source] = {}
    for part in parts(source):
        key = key_of(part)
        if key is not None:
            found.setdefault(key, sources()[key])
    return list(found.values())


_HAN = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
# A section word of a citation in English: 指南 3.1 附录一、附录二 → Guide 3.1 appendices 1, 2.
_SECTION_EN = (("附录一", "appendix 1"), ("附录二", "appendix 2"), ("、", ", "), ("–", "–"))
_OPEN = "（("
_CLOSE = {"（": "）", "(": ")"}


def _split_note(part: str) -> tuple[str, list[str]]:
    """`指南 2（a）（b）` → ('指南 2', ['a', 'b']): the citation and its bracketed notes, brackets nested."""
    head, notes, depth, start = [], [], 0, 0
    for i, ch in enumerate(part):
        if ch in _OPEN:
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
            if depth == 0:
                notes.append(part[start:i])
        elif depth == 0:
            head.append(ch)
    return "".join(head).strip(), notes


def _of(text: str, lang: str) -> bool:
    """Whether a note is text of `lang` alone: no Chinese in English, no English words in Chinese."""
    if lang == "en":
        return not _HAN.search(text)
    return not [w for w in _WORD.findall(text) if not w.isupper() and w.lower() not in _ZH_KEPT]


# English a Chinese citation keeps: the names of formats and files it cites.
_ZH_KEPT = {"yaml", "json", "html", "pdf", "jpeg", "png", "icpfile", "docs", "md", "miit", "gov", "mps"}


def shown(source: str, lang: str) -> str:
    """A record's `source` as a `--lang` text shows it: each citation key in the language's form
    (sources.yaml `shown`: 指南 → Guide), an English section (附录二 → appendix 2, 、→ , ), and a
    bracketed note kept only when it is in the language (the guide's Chinese words are left out of
    an English line, an English gloss out of a Chinese one; `icpfile rules CODE --format json` and
    the JSON/SARIF reports keep the source as written). Origin: walker41 items 5–6."""
    shown_parts: list[str] = []
    for part in _parts(source):
        head, notes = _split_note(part)
        key = key_of(head)
        if key is not None:
            entry = sources()[key]
            rest = head[len(key):]
            if lang == "en":
                for zh, en in _SECTION_EN:
                    rest = rest.replace(zh, en)
            else:
                rest = re.sub(r"Art\. (\d+)", r"第\1条", rest)
            head = (entry.shown or {}).get(lang, key) + rest
        kept = [n for n in notes if _of(n, lang)]
        if not _of(head, lang) and key is None:
            continue  # an uncited remark in the other language
        bracket = ("（{}）" if lang == "zh" else " ({})")
        shown_parts.append(head + "".join(bracket.format(n) for n in kept))
    return "; ".join(shown_parts) if shown_parts else source


def _parts(source: str) -> list[str]:
    """`a; b (c; d)` → ['a', 'b (c; d)']: `; ` inside a bracket does not split."""
    found, depth, start = [], 0, 0
    for i, ch in enumerate(source):
        if ch in _OPEN:
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
        elif depth == 0 and source.startswith("; ", i):
            found.append(source[start:i].strip())
            start = i + 2
    found.append(source[start:].strip())
    return [p for p in found if p]

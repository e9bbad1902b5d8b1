"""What an element's inline `style` does to what a visitor sees (footer check only).

The declarations are read by tinycss2, a tokenizer that follows CSS Syntax Level 3: comments
are dropped (`display:/**/none`), escapes decoded (`display:n\\one`, `d\\isplay`), strings and
`url(…)` kept whole (`font-family:"a;display:none"` is one font name, not a second declaration),
and `!important` read. A hand-written regex got all four wrong (issue 24.6, B13/B14); tinycss2 is
the parser WeasyPrint is built on, pure Python, and its only dependency (webencodings) is already
one of ours. Imported here only: `icpfile check` never loads it.

Within one `style`, the last declaration of a property wins unless an earlier one is
`!important` (CSS Cascade 4 §6.4). Stylesheets and scripts are not evaluated.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import Any

# Lengths that do not depend on the parent's font size: `font-size: 12px` inside `font-size: 0`
# is drawn; `2em` or `150%` of zero stays zero (CSS Fonts 4 §2.3, CSS Values 4 §6).
_ABSOLUTE_UNITS = frozenset({"px", "pt", "pc", "cm", "mm", "q", "in", "rem", "vw", "vh", "vmin", "vmax", "vi",
                             "vb", "svw", "svh", "lvw", "lvh", "dvw", "dvh", "rlh", "cqw", "cqh", "cqi", "cqb"})
_SIZE_KEYWORDS = frozenset({"xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large", "xxx-large"})
# A style whose lower-cased text has none of these cannot hide or show anything: not parsed.
_MARKS = ("\\", "/*", "none", "hidden", "collapse", "visib", "font")


@dataclass(frozen=True, slots=True)
class Effect:
    """`gone`: the element and all it holds are not drawn (`display: none`,
    `content-visibility: hidden`). `visible`/`sized`: True or False when the style sets
    `visibility` or a font size (zero is False), None when it leaves them inherited."""

    gone: bool = False
    visible: bool | None = None
    sized: bool | None = None


NONE = Effect()


def _last(declarations: list) -> dict[str, tuple[int, list]]:
    """(position, value tokens) of each property's winning declaration (the last one; an
    `!important` one beats later ones that are not)."""
    won: dict[str, tuple[bool, int, list]] = {}
    for at, item in enumerate(declarations):
        if item.type != "declaration":
            continue
        before = won.get(item.lower_name)
        if before is None or item.important or not before[0]:
            won[item.lower_name] = (item.important, at, item.value)
    return {name: (at, [t for t in value if t.type not in ("whitespace", "comment")])
            for name, (_i, at, value) in won.items()}


def _keyword(tokens: list) -> str | None:
    return tokens[0].lower_value if len(tokens) == 1 and tokens[0].type == "ident" else None


def _size(tokens: list) -> bool | None:
    """False for a zero font size, True for one that does not scale the parent's, None otherwise."""
    if len(tokens) != 1:
        return None
    return _size_token(tokens[0])


def _font_size(tokens: list) -> bool | None:
    """The size in a `font` shorthand (`font: 0/0 a`, `bold 12px serif`): the token before `/`,
    else the last length (a unitless number there is a weight, except 0)."""
    for before, token in itertools.pairwise(tokens):
        if token.type == "literal" and token.value == "/":
            return _size_token(before)
    sizes = [t for t in tokens if t.type in ("dimension", "percentage") or (t.type == "number" and t.value == 0)]
    return _size_token(sizes[-1]) if sizes else None


def _size_token(token: Any) -> bool | None:
    if token.type in ("number", "dimension", "percentage") and token.value == 0:
        return False
    if token.type == "dimension" and token.lower_unit in _ABSOLUTE_UNITS:
        return True
    if token.type == "ident" and token.lower_value in _SIZE_KEYWORDS:
        return True
    return None


@functools.lru_cache(maxsize=4096)  # a page repeats its few styles: one parse for each
def effect(style: str) -> Effect:
    """What the inline `style` does to the element's visibility (see `Effect`)."""
    lowered = style.lower()
    if not any(mark in lowered for mark in _MARKS):
        return NONE
    import tinycss2

    values = _last(tinycss2.parse_blocks_contents(style, skip_comments=True, skip_whitespace=True))
    if _keyword(values.get("display", (0, []))[1]) == "none" or \
            _keyword(values.get("content-visibility", (0, []))[1]) == "hidden":
        return Effect(gone=True)
    visibility = _keyword(values.get("visibility", (0, []))[1])
    visible = {"hidden": False, "collapse": False, "visible": True}.get(visibility or "")
    size, font = values.get("font-size"), values.get("font")
    if font is not None and (size is None or font[0] > size[0]):
        sized = _font_size(font[1])
    else:
        sized = _size(size[1]) if size is not None else None
    return Effect(False, visible, sized) if (visible, sized) != (None, None) else NONE

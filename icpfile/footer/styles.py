"""What an element's inline `style` does to what a visitor sees (footer check only).

The declarations are read by tinycss2, a tokenizer that follows CSS Syntax Level 3: comments
are dropped (`display:/**/none`), escapes decoded (`display:n\\one`, `d\\isplay`), strings and
`url(…)` kept whole (`font-family:"a;display:none"` is one font name, not a second declaration),
and `!important` read. A hand-written regex got all four wrong (issue 24.6, B13/B14); tinycss2 is
the parser WeasyPrint is built on, pure Python, and its only dependency (webencodings) is already
one of ours. Imported here only: `icpfile check` never loads it.

Within one `style`, the last declaration of a property wins unless an earlier one is
`!important` (CSS Cascade 4 §6.4). Stylesheets and scripts are not evaluated.

Time stays linear on a hostile page: a style with no mark of hiding is not read (`hides`); one
without quotes, comments, escapes or brackets is split on `;` and `:` in C, which for such text
is exactly what the tokenizer does; only the rest goes through tinycss2 (about 2 µs a
character), at most `EXACT_BUDGET` characters a page, past which the split is used as well.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from typing import Any

# Lengths that do not depend on the parent's font size: `font-size: 12px` inside `font-size: 0`
# is drawn; `2em` or `150%` of zero stays zero (CSS Fonts 4 §2.3, CSS Values 4 §6).
_ABSOLUTE_UNITS = frozenset({"px", "pt", "pc", "cm", "mm", "q", "in", "rem", "vw", "vh", "vmin", "vmax", "vi",
                             "vb", "svw", "svh", "lvw", "lvh", "dvw", "dvh", "rlh", "cqw", "cqh", "cqi", "cqb"})
_SIZE_KEYWORDS = frozenset({"xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large", "xxx-large"})
# What can make a style hide: a keyword, a zero in a font declaration, or text only the
# tokenizer can read (an escape, a comment). Without any, the style hides nothing.
_HIDING_MARKS = ("\\", "/*", "none", "hidden", "collapse", "transparent")
_COLOR = re.compile(r"(?:^|[;\s])color\s*:")
_ZERO = re.compile(r"(?<![\w.#])[+-]?0*\.?0+(?![\d.])")
# Text the plain split reads exactly as CSS Syntax does: no strings, comments, escapes, blocks.
_PLAIN = re.compile(r"(?:[^\\'\"/()\[\]{}]++|/(?!\*))*+\Z")
_WORD = re.compile(r"#[\w-]+|[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?(?:%|[a-z]+)?|[a-z_-][a-z0-9_-]*|%|/|,|\S",
                   re.IGNORECASE)
_NUMBER = re.compile(r"([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(%|[a-z]+)?\Z", re.IGNORECASE)
EXACT_BUDGET = 256 * 1024  # characters of style text a page may have read by tinycss2 (about 0.5 s)

# The properties read; a value past `_VALUE_CHARS` characters is no keyword or size (a long font
# list is cut: its size comes first).
_READ = frozenset({"display", "visibility", "content-visibility", "font-size", "font", "opacity", "color",
                   "background", "background-color"})
# Colour values that are not a colour of their own: never "the same as the background".
_NOT_A_COLOUR = frozenset({"inherit", "initial", "unset", "revert", "revert-layer", "currentcolor"})
_VALUE_CHARS = 256
Token = tuple[str, str, float]  # (kind: ident | number | slash | other, lower-cased text or unit, value)


@dataclass(frozen=True, slots=True)
class Effect:
    """`gone`: the element and all it holds are not drawn (`display: none`,
    `content-visibility: hidden`, `opacity: 0`). `visible`/`sized`: True or False when the style sets
    `visibility` or a font size (zero is False), None when it leaves them inherited. `legible`:
    False for text in its own background's colour (`color` equal to `background-color`, or
    `color: transparent`), True when the style sets a colour or background otherwise (a child
    may set either to be read again: assumed read), None when it sets neither."""

    gone: bool = False
    visible: bool | None = None
    sized: bool | None = None
    legible: bool | None = None

    def inherited(self) -> tuple[bool | None, bool | None, bool | None]:
        return self.visible, self.sized, self.legible


NONE = Effect()


def hides(style: str) -> bool:
    """Whether `style` may hide what it is on (else `effect` is NONE or can only undo a parent's
    hiding: `visibility: visible`, `font-size: 12px`)."""
    lowered = style.lower()
    if any(mark in lowered for mark in _HIDING_MARKS):
        return True
    if ("font" in lowered or "opacity" in lowered) and _ZERO.search(lowered) is not None:
        return True
    return "background" in lowered and _COLOR.search(lowered) is not None


def exact(style: str) -> bool:
    """Whether only the tokenizer reads `style` right (quotes, comments, escapes, brackets)."""
    return _PLAIN.match(style) is None


def _plain_declarations(style: str) -> list[tuple[str, bool, list[Token]]]:
    found = []
    for part in style.split(";"):
        name, colon, value = part.partition(":")
        name = name.strip().lower()
        if not colon or name not in _READ:
            continue
        value, bang, flag = value.rpartition("!") if "!" in value else (value, "", "")
        important = bool(bang) and flag.strip().lower() == "important"
        if bang and not important:
            continue  # `!` elsewhere: an invalid declaration, dropped as a browser drops it
        found.append((name, important, [_word(w) for w in _WORD.findall(value[:_VALUE_CHARS])]))
    return found


def _word(word: str) -> Token:
    if word == "/":
        return ("slash", "/", 0.0)
    number = _NUMBER.match(word)
    if number:
        return ("number", (number.group(2) or "").lower(), float(number.group(1)))
    if word[:1].isalpha() or word[:1] in "-_":
        return ("ident", word.lower(), 0.0)
    return ("other", word.lower(), 0.0)


def _exact_declarations(style: str) -> list[tuple[str, bool, list[Token]]]:
    import tinycss2

    found = []
    for item in tinycss2.parse_blocks_contents(style, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration" and item.lower_name in _READ:
            tokens = [_token(t) for t in item.value[:_VALUE_CHARS] if t.type not in ("whitespace", "comment")]
            found.append((item.lower_name, item.important, tokens))
    return found


def _token(token: Any) -> Token:
    if token.type == "ident":
        return ("ident", token.lower_value, 0.0)
    if token.type in ("number", "dimension", "percentage"):
        unit = token.lower_unit if token.type == "dimension" else "%" if token.type == "percentage" else ""
        return ("number", unit, float(token.value))
    if token.type == "literal" and token.value == "/":
        return ("slash", "/", 0.0)
    if token.type == "hash":
        return ("other", f"#{token.value.lower()}", 0.0)
    return ("other", "", 0.0)  # a function (rgb(…)) or anything else: never compared equal


def _last(declarations: list[tuple[str, bool, list[Token]]]) -> dict[str, tuple[int, list[Token]]]:
    """(position, value tokens) of each property's winning declaration (the last one; an
    `!important` one beats later ones that are not)."""
    won: dict[str, tuple[bool, int, list[Token]]] = {}
    for at, (name, important, tokens) in enumerate(declarations):
        before = won.get(name)
        if before is None or important or not before[0]:
            won[name] = (important, at, tokens)
    return {name: (at, tokens) for name, (_i, at, tokens) in won.items()}


def _keyword(tokens: list[Token]) -> str | None:
    return tokens[0][1] if len(tokens) == 1 and tokens[0][0] == "ident" else None


def _size(tokens: list[Token]) -> bool | None:
    """False for a zero font size, True for one that does not scale the parent's, None otherwise."""
    return _size_token(tokens[0]) if len(tokens) == 1 else None


def _font_size(tokens: list[Token]) -> bool | None:
    """The size in a `font` shorthand (`font: 0/0 a`, `bold 12px serif`): the token before `/`,
    else the last length (a unitless number there is a weight, except 0)."""
    for before, token in itertools.pairwise(tokens):
        if token[0] == "slash":
            return _size_token(before)
    sizes = [t for t in tokens if t[0] == "number" and (t[1] or t[2] == 0)]
    return _size_token(sizes[-1]) if sizes else None


def _size_token(token: Token) -> bool | None:
    kind, text, value = token
    if kind == "number" and value == 0:
        return False
    if kind == "number" and text in _ABSOLUTE_UNITS:
        return True
    if kind == "ident" and text in _SIZE_KEYWORDS:
        return True
    return None


@functools.lru_cache(maxsize=4096)  # a page repeats its few styles: one parse for each
def effect(style: str, tokenizer: bool = True) -> Effect:
    """What the inline `style` does to the element's visibility (see `Effect`). `tokenizer`:
    read a style that needs it (`exact`) with tinycss2; False: with the plain split (the page
    has spent `EXACT_BUDGET`)."""
    return _judge(_exact_declarations(style) if tokenizer and exact(style) else _plain_declarations(style))


def _judge(declarations: list[tuple[str, bool, list[Token]]]) -> Effect:
    values = _last(declarations)
    if _keyword(values.get("display", (0, []))[1]) == "none" or \
            _keyword(values.get("content-visibility", (0, []))[1]) == "hidden":
        return Effect(gone=True)
    opacity = values.get("opacity", (0, []))[1]
    if len(opacity) == 1 and opacity[0][0] == "number" and opacity[0][2] == 0:
        return Effect(gone=True)  # `opacity: 0` (or 0%) draws nothing of the element; a child cannot undo it
    visibility = _keyword(values.get("visibility", (0, []))[1])
    visible = {"hidden": False, "collapse": False, "visible": True}.get(visibility or "")
    size, font = values.get("font-size"), values.get("font")
    if font is not None and (size is None or font[0] > size[0]):
        sized = _font_size(font[1])
    else:
        sized = _size(size[1]) if size is not None else None
    found = Effect(False, visible, sized, _legible(values))
    return NONE if found == NONE else found


def _legible(values: dict[str, tuple[int, list[Token]]]) -> bool | None:
    """False when the text's colour is its own background's (compared as written: `#fff` and
    `white` are not the same here) or transparent; True when a colour or background is set
    otherwise; None when neither is."""
    color = values.get("color", (0, []))[1]
    if not color and "background" not in values and "background-color" not in values:
        return None
    if _keyword(color) == "transparent":
        return False
    back = values.get("background-color", values.get("background", (0, [])))[1]
    return not (len(color) == 1 and back == color and color[0][1] and color[0][1] not in _NOT_A_COLOUR)


class Reader:
    """The styles of one page, read within the page's `EXACT_BUDGET`."""

    def __init__(self) -> None:
        self.budget = EXACT_BUDGET
        self.seen: set[str] = set()

    def __call__(self, style: str) -> Effect:
        tokenizer = style in self.seen or (len(style) <= self.budget and exact(style))
        if tokenizer and style not in self.seen:
            self.budget -= len(style)
            self.seen.add(style)
        return effect(style, tokenizer)

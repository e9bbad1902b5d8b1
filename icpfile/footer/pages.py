"""A page as a visitor sees it: bytes read safely, decoded, parsed by an HTML5 parser, flattened.

The shown text is the body's text in document order, with `filing_numbers.SPLIT` between the
texts of two nodes (the number grammar reads through it, so a number split by `<span>` or `<br>`
is still one number); the text of `<script>`, `<style>`, `<template>`, `<noscript>` and comments
is not on the page, nor is what a browser does not draw (`_drop_hidden`): `hidden`, a closed
`<dialog>` or `<details>` (but its summary), fallback content, and inline styles read by CSS
Syntax (`styles`: `display:none`, `content-visibility:hidden`, and `visibility` and zero font
sizes as inherited, so a child can undo them). The link a number is in is asked of the tree (`Page.links`). Parsing is
selectolax's lexbor backend (a WHATWG HTML5 parser in C, 0.24 ms for a 10 KB page), which does not
keep source positions: a finding is placed by finding its digits in the source.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from icpfile.values.filing_numbers import SPLIT, Number

MAX_PAGE_BYTES = 5 * 1024 * 1024
_NOT_SHOWN = ["script", "style", "template", "noscript", "iframe", "object", "svg"]
_META_CHARSET = re.compile(rb"<meta[^>]{0,512}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)
_NEWLINE = re.compile("\n")
_DIGITS = re.compile("[0-9０-９]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_COMMENT = re.compile(rb"<!--.*?(?:-->|$)", re.DOTALL)  # an unclosed one runs to the end of the head
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# WHATWG Encoding: these labels decode as GB18030, a superset of GBK and GB2312.
_GB = frozenset({"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "chinese", "csgb2312", "gb18030", "iso-ir-58"})
TEMPLATE_MARKS = ("{{", "<%", "${", "{%", "<#", "#{")
_PLACEHOLDER = re.compile(  # bounded lazy groups: a scan is linear
    r"\{\{(.{1,200}?)\}\}|\{%(.{1,200}?)%\}|<%[-=]?(.{1,200}?)%>|[$#]\{(.{1,200}?)\}|<#(.{1,200}?)>", re.DOTALL)
_NUMBER_WORDS = re.compile(r"beian|icp|备案|record", re.IGNORECASE)
_POLICE_WORDS = re.compile(r"police|gongan|公安|mps|_ps\b", re.IGNORECASE)
_STATEMENTS = frozenset({"if", "else", "elif", "elseif", "end", "endif", "with", "range", "define", "block", "for",
                         "endfor", "set", "each", "unless"})


# WebKit's HTML parser stops nesting at 512 (deeper elements become siblings: its layout test
# block-nesting-cap); no real page comes near. lexbor has no cap, and each block start tag walks
# the stack of open elements: a 200,000-deep page is quadratic.
MAX_DEPTH = 512
_TAG = re.compile(r"<!--|<(/?)([A-Za-z][A-Za-z0-9-]{0,40})")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr", "param", "keygen", "frame", "basefont", "bgsound", "image"})
# A second one closes the first (or they never nest in a parser): counting them would overstate
# the depth of a page that leaves every <p> or <li> open.
_NOT_NESTING = frozenset({"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot",
                          "rb", "rt", "rp", "rtc", "caption", "colgroup", "a", "html", "head", "body", "nobr",
                          "button", "form"})
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"})


# The cheap bound on nesting before the exact walk (#23.5; `surely_within`). Start tags are found
# case-insensitively: with re.IGNORECASE, [a-z] also takes the four letters (İ ı ſ K) whose case
# mapping `nesting_depth`'s lower() could turn into a tag name, so no tag the walk sees is missed.
_START_NAME = re.compile(r"<([a-z][a-z0-9-]{0,40})", re.IGNORECASE)
# A start tag and its own end tag, written alike, with no `<` between (`<strong>每个页面</strong>`);
# a name must end where the walk's (lower-cased) name ends, so those four letters end it too.
_END = r"(?![a-zA-Z0-9\-\u0130\u0131\u017f\u212a])"
_CLOSED_PAIR = re.compile(rf"<([a-zA-Z][a-zA-Z0-9-]{{0,40}}){_END}[^<]*+</\1{_END}")
_SKIPPED = _VOID | _NOT_NESTING | _RAW_TEXT


def _pushed(names: list[str]) -> int:
    """How many of these tag names are of elements the walk pushes (not void, never-nesting or raw)."""
    return sum(count for name, count in Counter(names).items() if name.lower() not in _SKIPPED)


def surely_within(source: str, limit: int = MAX_DEPTH) -> bool:
    """True when the page cannot nest deeper than `limit` as `nesting_depth` counts, shown by two
    C-level scans (#23.5: the exact walk took 41 % of `footer check`). An element is open only
    after its start tag; of the elements opened and closed with no tag between, at most one is
    open at a time; so the depth is at most (start tags) − (such pairs) + 1. Tags inside comments
    or raw text are counted as well, which can only raise the bound. Linear in `source`.
    False means "not shown": ask `nesting_depth`."""
    starts = _pushed(_START_NAME.findall(source))
    if starts <= limit:
        return True
    return starts - _pushed(_CLOSED_PAIR.findall(source)) + 1 <= limit


class PageTooDeep(ValueError):
    """A page whose elements nest deeper than MAX_DEPTH."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"elements nested more than {limit} deep (WebKit stops nesting at {limit})")


def nesting_depth(source: str, limit: int = MAX_DEPTH) -> int:
    """How deep the page's elements nest, as a parser would open them (one pass with a stack; an
    end tag closes up to its open element, an unmatched one is ignored; raw text such as script
    and comments is skipped). Stops early once `limit` is passed. Linear in `source`."""
    lowered = source.lower()
    stack: list[str] = []
    open_count: dict[str, int] = {}
    deepest, pos = 0, 0
    while (match := _TAG.search(lowered, pos)) is not None:
        pos = match.end()
        if match.group(0) == "<!--":
            end = lowered.find("-->", pos)
            pos = len(lowered) if end < 0 else end + 3
            continue
        name = match.group(2)
        if match.group(1):  # an end tag closes up to its element, if that is open
            if open_count.get(name):
                while (top := stack.pop()) != name:
                    open_count[top] -= 1
                open_count[name] -= 1
            continue
        if name in _RAW_TEXT:
            end = lowered.find("</" + name, pos)
            pos = len(lowered) if end < 0 else end
            continue
        if name in _VOID or name in _NOT_NESTING:
            continue
        stack.append(name)
        open_count[name] = open_count.get(name, 0) + 1
        deepest = max(deepest, len(stack))
        if deepest > limit:
            break
    return deepest


class PageTooLarge(OSError):
    """A page over the size cap: `size` bytes read (at least), `limit` the cap."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"larger than {limit} bytes")
        self.size, self.limit = size, limit


def read_page(path: Path, limit: int | None = None) -> bytes:
    """The bytes of one page through the shared bounded reader (`icpfile.load.files.read_regular`):
    a regular file only (a FIFO or device raises FileProblem without blocking), at most `limit`
    bytes (default MAX_PAGE_BYTES). Raises PageTooLarge, FileProblem or another OSError."""
    from icpfile.load import files

    cap = MAX_PAGE_BYTES if limit is None else limit
    data = files.read_regular(path, cap)
    if len(data) > cap:
        raise PageTooLarge(len(data), cap)
    return data


def _label(name: str) -> tuple[str, Any] | None:
    """(WHATWG encoding name, Python codec) for an encoding label a browser knows (WHATWG Encoding
    §4.2, by the `webencodings` package, the spec's label table), else None: a Python-only codec
    (rot13, base64, unicode_escape, utf-7, mbcs …) is not an encoding to a browser, which ignores
    the declaration. GBK and GB2312 labels decode as GB18030, as the spec says."""
    import webencodings

    encoding = webencodings.lookup(name)
    if encoding is None:
        return None
    if encoding.name == "gbk" or name.lower() in _GB:
        return "gb18030", codecs.lookup("gb18030")
    return encoding.name, encoding.codec_info


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): by byte-order mark, then `<meta charset>` in the first 4 KiB when it names
    an encoding a browser supports (WHATWG labels only; any other label is ignored, as a browser
    does), then UTF-8 if the bytes are valid UTF-8, then GB18030 (pages in China without a
    declaration are mostly GBK). UTF-16 without a mark is recognised by its zero bytes; a meta
    naming UTF-16 is read as UTF-8 (WHATWG). Undecodable bytes become U+FFFD."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name
    head = data[:4096]
    if head[:1] == b"<" and head[1:2] == b"\x00":
        return data.decode("utf-16-le", errors="replace"), "utf-16-le"
    if head[:1] == b"\x00" and head[1:2] == b"<":
        return data.decode("utf-16-be", errors="replace"), "utf-16-be"
    match = _META_CHARSET.search(_COMMENT.sub(b"", head))  # the prescan skips comments (WHATWG HTML 13.2.3.2; F07)
    found = _label(match.group(1).decode("ascii")) if match else None
    if found and found[0] == "replacement":  # iso-2022-kr and the like: shown as one U+FFFD
        return ("\ufffd" if data else ""), found[0]
    if found and not found[0].startswith("utf-16"):  # a page in UTF-16 would have had a mark or zero bytes
        return found[1].decode(data, "replace")[0], found[0]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace"), "gb18030"


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A template expression that stands for the filing number (`{{ .Site.Params.icp }}`)."""

    expression: str
    link: str | None  # the href of the <a> around it; None: not in a link
    linked: bool
    raw: bool = False  # printed as HTML unescaped (`safeHTML`, `| safe`, `<%-`, `{{{ }}}`, th:utext)
    nth: int = 0  # which occurrence of `expression` it is on the page (`Page.position`)


@dataclass
class Page:
    """The shown text of a page (`text`, element boundaries as SPLIT), and the parsed tree to ask
    which link a number is in."""

    source: str
    tree: Any = None
    text: str = ""
    placeholders: list[Placeholder] = field(default_factory=list)
    _beian: list[tuple[str, str]] | None = None
    _seen: dict[str, list[int]] = field(default_factory=dict)  # `position`: offsets found per needle
    _starts: list[int] | None = None  # the offset of each line's first character
    _body: int = -1
    _runs: dict[str, list[int]] | None = None  # `position`: each whole run of digits in the body, by text
    _ranks: tuple[list[Number], dict[tuple[str, int], int]] | None = None

    def alts(self) -> list[tuple[str, str | None]]:
        """(alt text, link around the image) of every image with an alt text."""
        if self.tree is None or self.tree.body is None:
            return []
        return [(img.attributes.get("alt") or "", _link_around(img)) for img in self.tree.body.css("img[alt]")]

    def links(self, number: Number) -> list[str]:
        """The hrefs of the links whose text holds the number's digits ('' for an <a> without href);
        empty when the number is in no link."""
        if self.tree is None or not number.raw_serial.isdigit():
            return []
        raw = number.raw_serial
        if self._beian is None:  # links to a filing site: usually the two the footer has
            self._beian = [(a.text().translate(_INVISIBLE), _href(a.attributes))
                           for a in self.tree.css('a[href*="beian"]')]
        hrefs = [href for text, href in self._beian if raw in text]
        if hrefs:
            return hrefs
        # lexbor-contains matches an element whose own text holds the digits: fast, in C.
        around = (_link_around(node) for node in self.tree.css(f'*:lexbor-contains("{raw}")')[:16])
        hrefs = [href for href in around if href is not None]
        if hrefs:
            return hrefs
        return [_href(a.attributes) for a in self.tree.css("a")  # digits split by tags or invisible characters
                if raw in a.text().translate(_INVISIBLE)]

    def position(self, needle: str, nth: int = 0) -> tuple[int, int]:
        """(line, column), 1-based, of the `nth` occurrence of `needle` in the source's body, or 1:1.

        Linear over a page's findings (T05, T04: each call counted lines from the start, 14.7 s for
        21,661 placeholders): the occurrences of a needle found so far are kept, so asking for the
        next one searches on from the last, and a line is found by bisecting the line starts."""
        if not needle:
            return 1, 1
        if self._body < 0:
            self._body = max(self.source.find("<body"), 0)
        if needle not in self._seen and _DIGITS.fullmatch(needle):
            # A number's digits: its whole runs in the source, found in one scan for every number
            # (breaker22 K31b: 30,000 distinct serials each searched from the body's start, 3 s);
            # a needle met only inside longer runs (or split by tags) is searched for as before.
            if self._runs is None:
                self._runs = {}
                for match in _DIGITS.finditer(self.source, self._body):
                    self._runs.setdefault(match.group(0), []).append(match.start())
            if len(self._runs.get(needle, ())) > nth:
                self._seen[needle] = self._runs[needle]
        seen = self._seen.setdefault(needle, [])
        if len(seen) <= nth:
            at = seen[-1] + 1 if seen else self._body
            while len(seen) <= nth:
                found = self.source.find(needle, at)
                if found < 0:
                    return 1, 1
                seen.append(found)
                at = found + 1
        return self.line_column(seen[nth])

    def line_column(self, offset: int) -> tuple[int, int]:
        """(line, column), 1-based, of a character offset in the source: a bisection of the line
        starts (found once, by one C-level scan)."""
        if self._starts is None:
            self._starts = [0, *(m.end() for m in _NEWLINE.finditer(self.source))]
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def rank(self, found: Number, hits: list[Number]) -> int:
        """How many of `hits` before `found` have its serial (which occurrence of it `found` is):
        counted once per list of hits, so asking it of every hit stays linear (T04)."""
        if self._ranks is None or self._ranks[0] is not hits:
            counts: Counter[str] = Counter()
            ranks: dict[tuple[str, int], int] = {}
            for hit in sorted(hits, key=lambda h: h.start):
                ranks.setdefault((hit.serial, hit.start), counts[hit.serial])
                counts[hit.serial] += 1
            self._ranks = (hits, ranks)
        rank = self._ranks[1].get((found.serial, found.start))
        if rank is None:  # not one of the hits: counted the long way
            rank = sum(1 for h in hits if h.serial == found.serial and h.start < found.start)
        return rank


def _href(attrs: dict[str, str | None]) -> str:
    for key in ("href", "th:href", ":href", "v-bind:href"):
        if attrs.get(key):
            return attrs[key] or ""
    return ""


def _link_around(node: Any, depth: int = 64) -> str | None:
    """The href of the nearest <a> around `node`, at most `depth` levels up (None: none)."""
    while node is not None and depth > 0:
        if node.tag == "a":
            return _href(node.attributes)
        node = node.parent
        depth -= 1
    return None


def parse(source: str) -> Page:
    """The page's shown text, image alt texts and template placeholders. Raises PageTooDeep for a
    page nested deeper than MAX_DEPTH (the HTML parser is quadratic in depth)."""
    from selectolax.lexbor import LexborHTMLParser

    if not surely_within(source) and nesting_depth(source) > MAX_DEPTH:
        raise PageTooDeep(MAX_DEPTH)
    tree = LexborHTMLParser(source)
    tree.strip_tags(_NOT_SHOWN)
    page = Page(source, tree)
    root = tree.body
    if root is None:
        return page
    _drop_hidden(root)
    if "th:text" in source or "th:utext" in source:
        page.placeholders = _thymeleaf(root)
    # Characters drawn as nothing inside a word (soft hyphen, zero-width space and joiners, word
    # joiner, BOM): a visitor reads 1234&shy;5678 as 12345678 (F08, F09: it was "wrong number 1234").
    page.text = root.text(deep=True, separator=SPLIT).translate(_INVISIBLE)
    if any(mark in page.text for mark in TEMPLATE_MARKS):  # template syntax is text to an HTML parser
        page.placeholders += _placeholders(page, root)
    return page


# Elements whose content a browser does not draw: fallback content of canvas/video/audio (shown
# only by a browser that cannot play them, HTML §4.8.10, §4.12.5), a datalist's options (§4.10.8),
# ruby's fallback parentheses (rp: `display: none` in the UA stylesheet, §15.3.4).
_FALLBACK = frozenset({"canvas", "video", "audio", "datalist", "rp"})
_HIDERS = "[hidden], dialog:not([open]), details:not([open]), [style], " + ", ".join(sorted(_FALLBACK))


def _drop_hidden(root: Any) -> None:
    """Remove what a visitor does not see, with all it holds: an element with the `hidden`
    attribute (HTML §6.1: not rendered, `until-found` too until found), a `<dialog>` without
    `open`, a closed `<details>` except its first `<summary>` (§4.11.1), fallback content
    (`_FALLBACK`), and an element whose inline `style` says `display: none` or
    `content-visibility: hidden` (`styles.effect`). `visibility` and a zero font size are
    inherited and can be undone below (`visibility: visible`, `font-size: 12px`): text is removed
    where they end up hiding it (`_drop_unseen`). `aria-hidden` hides from a screen reader, not
    from the screen: kept. A number there is not a number on the page (F01–F03, B13), and hidden
    digits cannot complete a shown one (F06). Stylesheet rules and scripts are not evaluated: a
    page hidden by a class is judged as written. One CSS query, one cached parse per distinct
    style: linear in the page."""
    from icpfile.footer.styles import Reader, hides

    read = Reader()
    gone: list[Any] = []
    inherited: dict[int, Inherited] = {}
    for node in root.css(_HIDERS):
        attrs = node.attributes
        if node.tag in _FALLBACK or "hidden" in attrs or (node.tag == "dialog" and "open" not in attrs):
            gone.append(node)
            continue
        if node.tag == "details" and "open" not in attrs:
            summary = next((c.mem_id for c in node.iter() if c.tag == "summary"), None)
            gone.extend(c for c in node.iter(include_text=True) if c.mem_id != summary)
        style = attrs.get("style") or ""
        if not hides(style):
            continue  # it can only undo a parent's hiding: read in `_drop_unseen`, if that is hidden
        found = read(style)
        if found.gone:
            gone.append(node)
        elif found.inherited() != (None, None, None):
            inherited[node.mem_id] = found.inherited()
    for node in gone:  # an element inside a removed one is already gone: decompose is idempotent there
        node.decompose()
    if any(False in pair for pair in inherited.values()):
        _drop_unseen(root, inherited, read)


Inherited = tuple[bool | None, bool | None, bool | None]  # (visible, sized, legible): styles.Effect.inherited


def _drop_unseen(root: Any, own: dict[int, Inherited], read: Any) -> None:
    """Remove the text drawn invisible, at size zero or in its background's colour: each
    element's (visible, sized, legible) is its own where its style sets them, else its parent's.
    One walk of the body, in document order (a parent before its children), with the state of
    each element kept by its id; the style of an element inside hidden text is read here
    (`visibility: visible`, `font-size: 12px` or a colour of its own there draws it again)."""
    shown = (True, True, True)
    state: dict[int, tuple[bool, ...]] = {}
    unseen = []
    for node in root.traverse(include_text=True):
        parent = node.parent
        above = state.get(parent.mem_id, shown) if parent is not None else shown
        if node.tag == "-text":
            if above != shown:
                unseen.append(node)
            continue
        mine = own.get(node.mem_id)
        if mine is None and above != shown:
            style = node.attributes.get("style")
            mine = read(style).inherited() if style else None
        state[node.mem_id] = above if mine is None else tuple(
            was if new is None else new for was, new in zip(above, mine, strict=True))
    for node in unseen:
        node.decompose()


def _thymeleaf(root: Any) -> list[Placeholder]:
    """`th:text`/`th:utext` naming the number; the sample text they replace is not on the page."""
    found = []
    for node in root.css("[th\\:text], [th\\:utext]"):
        value = node.attributes.get("th:text") or node.attributes.get("th:utext") or ""
        if _is_number(value):
            link = _link_around(node)
            found.append(Placeholder(value, link, link is not None, raw=node.attributes.get("th:utext") == value))
            for child in list(node.iter(include_text=True)):
                child.decompose()
    return found


# A placeholder whose value is printed as HTML, not escaped: Hugo's `safeHTML` and `markdownify`,
# Nunjucks/Jinja/Swig `| safe`, Twig `| raw`, FreeMarker `?no_esc`, EJS `<%-`, Handlebars `{{{ }}}`.
_RAW = re.compile(r"\bsafeHTML\b|\bmarkdownify\b|\|\s*(?:safe|raw)\b|\?no_esc\b")


def _raw(whole: str) -> bool:
    return whole.startswith(("<%-", "{{{")) or bool(_RAW.search(whole))


def _the_value(expression: str) -> bool:
    """Hugo's `{{ . }}`, `{{ . | safeHTML }}` or `{{ safeHTML . }}`: the value `with` took."""
    return expression == "." or expression.startswith((". ", ".|")) or bool(_DOT_THROUGH.fullmatch(expression))


_DOT_THROUGH = re.compile(r"(?:safeHTML|markdownify|htmlUnescape|plainify)\s+\.")


def _is_number(expression: str) -> bool:
    return bool(_NUMBER_WORDS.search(expression)) and not _POLICE_WORDS.search(expression)


def _placeholders(page: Page, root: Any) -> list[Placeholder]:
    """The template expressions that print the filing number: `{{ … }}`, `<%= … %>`,
    `<%- … %>`, `${ … }`, `#{ … }` naming it (or Hugo's `{{ . }}` inside `{{ with …icp }}`);
    statements (`{% … %}`, `<% … %>`, `<#…>`, `{{ if … }}`, comments) print nothing."""
    found = []
    anchors = [(a.text(), _href(a.attributes)) for a in root.css("a")]
    linked: dict[str, str] = {}  # each placeholder in a link's text: the first such link's href
    for text, href in anchors:  # one pass (T05: each placeholder looked for in every link was quadratic)
        if any(mark in text for mark in TEMPLATE_MARKS):
            for inner in _PLACEHOLDER.finditer(text):
                linked.setdefault(inner.group(0), href)
    within = False  # inside a Hugo/Go `{{ with <the number> }}`
    times: Counter[str] = Counter()  # how often each placeholder was seen so far
    for match in _PLACEHOLDER.finditer(page.text):
        whole = match.group(0)
        nth = times[whole.strip()]
        times[whole.strip()] += 1
        expression = next(g for g in match.groups() if g is not None).strip(" -~\n")
        first = re.split(r"[\s(]", expression, maxsplit=1)[0].lstrip("#/")
        if whole.startswith(("{%", "<#")) or (whole.startswith("<%") and whole[2:3] not in "-=") \
                or expression.startswith(("/*", "#", "/", "!")) or first in _STATEMENTS:
            if first == "with":
                within = _is_number(expression)
            elif first == "end":
                within = False
            continue
        if _is_number(expression) or (within and _the_value(expression)):
            link = linked.get(whole)
            if link is None and len(anchors) <= 64:  # a placeholder cut differently inside a link
                link = next((href for text, href in anchors if whole in text), None)
            inline = "beian.miit.gov.cn" in expression  # a helper that makes the link (NexT's next_url)
            found.append(Placeholder(whole.strip(), "https://beian.miit.gov.cn/" if inline else link,
                                     inline or link is not None, raw=_raw(whole), nth=nth))
    return found

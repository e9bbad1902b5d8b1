"""Website names: the guide's 附录一 (units) and 附录二 (persons), and the province word lists."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.findings import Issue
from icpfile.rules import patterns
from icpfile.values.text import fold, hanzi_count, hidden_characters, only_digits_or_latin, special_characters


def names(ctx: Context) -> Iterator[tuple[str, str, dict]]:
    """(pointer, name, website) for every website that has a name."""
    for _, ptr, site in ctx.websites():
        name = text(site.get("name")).strip()
        if name:
            yield f"{ptr}/name", name, site


def _words_in(name: str, words: list[str]) -> list[str]:
    """The listed words in a name as a reviewer reads it (folded: see `values.text.fold`)."""
    folded = fold(name)
    return [w for w in words if w and w in folded]


def _pattern_allows(ctx: Context) -> set[str]:
    """Words a province's own name pattern requires (江苏: 博客/主页), lifted from the bans."""
    return set(ctx.pack.get("personal_name_pattern_allows") or []) if ctx.is_personal else set()


@rule
def name_min_hanzi(ctx: Context) -> Iterator[Issue]:
    for ptr, name, _ in names(ctx):
        count = hanzi_count(name)
        if 0 < count < 3:
            yield Issue("ICP201", ptr, {"name": name, "count": count})


@rule
def name_only_latin(ctx: Context) -> Iterator[Issue]:
    for ptr, name, _ in names(ctx):
        if only_digits_or_latin(name):
            yield Issue("ICP202", ptr, {"name": name})


@rule
def name_special_symbols(ctx: Context) -> Iterator[Issue]:
    for ptr, name, _ in names(ctx):
        bad = special_characters(name)
        if bad and not only_digits_or_latin(name):
            shown = " ".join("空格" if c.isspace() else c for c in bad)
            yield Issue("ICP203", ptr, {"name": name, "chars": shown})


@rule
def name_state_prefix(ctx: Context) -> Iterator[Issue]:
    if ctx.nature in ctx.national["state_natures"]:
        return
    for ptr, name, _ in names(ctx):
        for prefix in ctx.national["name_forbidden_prefixes"]:
            if fold(name).startswith(prefix):
                yield Issue("ICP204", ptr, {"name": name, "prefix": prefix})
                break


@rule
def name_is_domain(ctx: Context) -> Iterator[Issue]:
    for ptr, name, site in names(ctx):
        domain = text(site.get("domain")).strip().lower()
        if not domain:
            continue
        label = domain.split(".")[0]
        if name.lower() in (domain, label) or name.lower().startswith(domain):
            yield Issue("ICP205", ptr, {"name": name, "domain": domain})


def _word_hits(ctx: Context, code: str, words: list[str], skip: set[str] | frozenset[str] = frozenset(),
               **extra: str) -> Iterator[Issue]:
    """One issue per listed word found in a website name (word-list rules share this)."""
    for ptr, name, _ in names(ctx):
        for word in _words_in(name, words):
            if word not in skip:
                yield Issue(code, ptr, {"name": name, "word": word, **extra})


@rule
def name_sensitive_word(ctx: Context) -> Iterator[Issue]:
    yield from _word_hits(ctx, "ICP206", ctx.national["sensitive_words"])


@rule
def name_sensitive_word_later(ctx: Context) -> Iterator[Issue]:
    yield from _word_hits(ctx, "ICP207", ctx.national["sensitive_words_later"])


@rule
def personal_name_banned_word(ctx: Context) -> Iterator[Issue]:
    if ctx.is_personal:
        yield from _word_hits(ctx, "ICP210", ctx.national["personal_name_banned_words"], _pattern_allows(ctx))


@rule
def personal_name_needs_preapproval(ctx: Context) -> Iterator[Issue]:
    if not ctx.is_personal:
        return
    allowed = _pattern_allows(ctx)
    banned = set(ctx.national["personal_name_banned_words"])
    for ptr, name, site in names(ctx):
        approvals = site.get("pre_approvals")
        held = {text(a.get("category")) for a in approvals or [] if isinstance(a, dict)}
        for word, categories in ctx.national["personal_name_preapproval_words"].items():
            if word in fold(name) and word not in banned and word not in allowed and not held & set(categories):
                yield Issue("ICP211", ptr, {"name": name, "word": word, "categories": "、".join(categories)})


@rule
def personal_name_person(ctx: Context) -> Iterator[Issue]:
    if not ctx.is_personal:
        return
    if ctx.pack.get("personal_name_pattern"):
        return  # the province prescribes "某某的个人博客": the name is expected there
    people = {text(ctx.subject.get("name"))}
    people |= {text(p.get("name")) for _, p in ctx.persons()}
    people = {p for p in people if len(p) >= 2}
    for ptr, name, _ in names(ctx):
        for person in sorted(people):
            if person in name:
                yield Issue("ICP212", ptr, {"name": name, "person": person})


def _joined_hits(ctx: Context, code: str, words: list[str], param: str) -> Iterator[Issue]:
    """One issue per personal website name, listing every word of `words` found in it."""
    if not ctx.is_personal:
        return
    for ptr, name, _ in names(ctx):
        hits = _words_in(name, words)
        if hits:
            yield Issue(code, ptr, {"name": name, param: "、".join(hits)})


@rule
def personal_name_place(ctx: Context) -> Iterator[Issue]:
    shorts = [p.get("short", "") for p in ctx.packs.provinces.values()]
    places = sorted({p for p in [*ctx.national["place_names"], *shorts] if len(p) >= 2})
    yield from _joined_hits(ctx, "ICP213", places, "place")


@rule
def personal_name_business(ctx: Context) -> Iterator[Issue]:
    yield from _joined_hits(ctx, "ICP214", ctx.national["personal_name_business_words"], "word")


@rule
def personal_name_province_word(ctx: Context) -> Iterator[Issue]:
    if not ctx.is_personal:
        return
    skip = set(ctx.national["personal_name_banned_words"]) | _pattern_allows(ctx)  # ICP210 reports those
    words = ctx.pack.get("personal_name_banned_words") or []
    yield from _word_hits(ctx, "ICP215", words, skip, province=ctx.province)


@rule
def personal_name_province_pattern(ctx: Context) -> Iterator[Issue]:
    pattern = ctx.pack.get("personal_name_pattern")
    if not ctx.is_personal or not pattern:
        return
    for ptr, name, _ in names(ctx):
        if not patterns.match(pattern, name):
            yield Issue("ICP216", ptr, {"name": name, "province": ctx.province})


@rule
def personal_remark_content(ctx: Context) -> Iterator[Issue]:
    """Where the name is prescribed (江苏), a remark must say what the site will hold."""
    if not ctx.is_personal or not ctx.pack.get("personal_name_pattern"):
        return
    for _, ptr, site in ctx.websites():
        if not text(site.get("remarks")).strip():
            yield Issue("ICP217", f"{ptr}/remarks", {"province": ctx.province})


@rule
def name_hidden_character(ctx: Context) -> Iterator[Issue]:
    """An invisible character, a combining mark, or a letter that is neither Han nor Latin in a
    Chinese website name: it hides a word from every word check (论\u200b坛) or imitates a
    character (例 U+F9B5, Cyrillic а). Reported at its column. Source: UTS 39; 指南 3.1."""
    for ptr, name, _ in names(ctx):
        if hanzi_count(name) == 0:
            continue
        for index, char in hidden_characters(name)[:3]:
            yield Issue("ICP230", ptr, {"name": name, "char": f"U+{ord(char):04X}",
                                        "what": unicodedata.name(char, "unnamed character")}, offset=index)

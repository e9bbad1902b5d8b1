"""Website names: the guide's 附录一 (units) and 附录二 (persons), and the province word lists."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.data import patterns
from icpfile.findings import Cited, Issue
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


def _name_pattern(ctx: Context) -> str | None:
    """The province's prescribed personal-name pattern (江苏), where the provider applies it.

    Only the guide (and Tencent's 2017 page) states it; JD's and QingCloud's current 江苏 pages do
    not, so it applies under the guide's provider (aliyun, or no provider) only.
    """
    if not ctx.is_personal or not ctx.profile["guide_only_rules"]:
        return None
    return ctx.pack.get("personal_name_pattern")


def _pattern_allows(ctx: Context) -> set[str]:
    """Words a province's own name pattern requires (江苏: 博客/主页), lifted from the bans."""
    return set(ctx.pack.get("personal_name_pattern_allows") or []) if _name_pattern(ctx) else set()


def national_personal_words(ctx: Context) -> set[str]:
    """Every word a nation-wide personal-name rule reports (ICP210, ICP211, ICP218): a province
    list that repeats one is not reported again."""
    national = ctx.national
    # An inferred word (ICP227, a warning) does not hide the province's stated list (ICP215, an error).
    return ({*national["personal_name_banned_words"], *national["personal_name_preapproval_words"]}
            | {w["word"] for w in ctx.packs.words_for(ctx.province) if w["basis"] != "inferred"})


def _latin_letters(name: str) -> int:
    return sum(1 for char in name if "a" <= char.lower() <= "z")


def _name_count(profile: dict, name: str) -> int:
    """The characters a provider counts toward the three: 汉字, and Latin letters where it says so."""
    return hanzi_count(name) + (_latin_letters(name) if profile["name_latin_counts"] else 0)


def _name_symbols(profile: dict, name: str) -> list[str]:
    return special_characters(name, profile["name_symbols"])


def _also_passes(ctx: Context, passes) -> dict[str, str] | None:
    """Without filing.provider: the providers (zh/en labels) whose profile lets the name pass, or None."""
    if ctx.provider:
        return None
    names = [p for code, p in ctx.packs.providers.items() if code != ctx.packs.default_provider and passes(p)]
    if not names:
        return None
    return {lang: ("、" if lang == "zh" else ", ").join(p[lang] for p in names) for lang in ("zh", "en")}


@rule
def name_min_hanzi(ctx: Context) -> Iterator[Issue]:
    for ptr, name, _ in names(ctx):
        count = _name_count(ctx.profile, name)
        # a name of no Chinese character at all is ICP202's when it is only Latin letters and digits;
        # any other (combining marks, kana, Cyrillic) is this rule's (breaker23 M8: `\u0301` ×3 passed)
        if count < 3 and (hanzi_count(name) > 0 or (name.strip() and not only_digits_or_latin(name))):
            params = {"name": name, "count": hanzi_count(name)}
            others = _also_passes(ctx, lambda p, n=name: _name_count(p, n) >= 3)
            if others:
                params |= {"hint": "providers", "providers": others}
            yield Issue(ptr, params)


@rule
def name_only_latin(ctx: Context) -> Iterator[Issue]:
    for ptr, name, _ in names(ctx):
        if only_digits_or_latin(name):
            yield Issue(ptr, {"name": name})


@rule
def name_special_symbols(ctx: Context) -> Iterator[Issue]:
    for ptr, name, _ in names(ctx):
        bad = _name_symbols(ctx.profile, name)
        if bad and not only_digits_or_latin(name):
            # a space (Zs) is named; a control that counts as white space (NEL, TAB, U+2028) is shown
            # as itself, which every report escapes ('\x85'), not as a space (breaker22/23 L26)
            shown = " ".join("空格" if unicodedata.category(c) == "Zs" else c for c in bad)
            params = {"name": name, "chars": shown}
            others = _also_passes(ctx, lambda p, n=name: not _name_symbols(p, n))
            if others:
                params |= {"hint": "providers", "providers": others}
            yield Issue(ptr, params)


@rule
def name_state_prefix(ctx: Context) -> Iterator[Issue]:
    if ctx.nature in ctx.national["state_natures"]:
        return
    units_only = set(ctx.national.get("name_forbidden_prefixes_units_only") or [])
    for ptr, name, _ in names(ctx):
        for prefix in ctx.national["name_forbidden_prefixes"]:
            if fold(name).startswith(prefix):
                params = {"name": name, "prefix": prefix}
                if ctx.is_personal and prefix in units_only:  # no source states it for persons
                    params |= {"case": "personal_unstated", "hint": "personal_unstated"}
                yield Issue(ptr, params)
                break


@rule
def name_is_domain(ctx: Context) -> Iterator[Issue]:
    for ptr, name, site in names(ctx):
        domain = text(site.get("domain")).strip().lower()
        if not domain:
            continue
        label = domain.split(".")[0]
        if name.lower() in (domain, label) or name.lower().startswith(domain):
            yield Issue(ptr, {"name": name, "domain": domain})


def _word_hits(ctx: Context, words: list[str], skip: set[str] | frozenset[str] = frozenset(),
               **extra: str) -> Iterator[Issue]:
    """One issue per listed word found in a website name (word-list rules share this)."""
    for ptr, name, _ in names(ctx):
        for word in _words_in(name, words):
            if word not in skip:
                yield Issue(ptr, {"name": name, "word": word, **extra})


@rule
def name_sensitive_word(ctx: Context) -> Iterator[Issue]:
    yield from _word_hits(ctx, ctx.national["sensitive_words"])


@rule
def name_sensitive_word_later(ctx: Context) -> Iterator[Issue]:
    yield from _word_hits(ctx, ctx.national["sensitive_words_later"])


@rule
def personal_name_banned_word(ctx: Context) -> Iterator[Issue]:
    """The guide's personal-name bans, less the words the provider's own page shows in a good
    name (providers.yaml personal_name_allowed_words: Tencent's 个人开发测试使用网站)."""
    if ctx.is_personal:
        allowed = _pattern_allows(ctx) | set(ctx.profile.get("personal_name_allowed_words") or [])
        yield from _word_hits(ctx, ctx.national["personal_name_banned_words"], allowed)


def category_labels(categories: list[str]) -> str:
    """`bbs、news` as the portal shows them: 电子公告服务、新闻."""
    from icpfile.schema import draft as sch

    labels = sch.labels(sch.schema()["$defs"]["pre_approval"]["properties"]["category"])
    return "、".join(labels.get(c, c) for c in categories) or "—"


def held_categories(site: dict) -> set[str]:
    """The pre_approvals categories a website holds."""
    return {text(a.get("category")) for a in site.get("pre_approvals") or [] if isinstance(a, dict)}


@rule
def personal_name_needs_preapproval(ctx: Context) -> Iterator[Issue]:
    if not ctx.is_personal:
        return
    allowed = _pattern_allows(ctx)
    banned = set(ctx.national["personal_name_banned_words"])
    for ptr, name, site in names(ctx):
        held = held_categories(site)
        for word, categories in ctx.national["personal_name_preapproval_words"].items():
            if word in fold(name) and word not in banned and word not in allowed and not held & set(categories):
                yield Issue(ptr, {"name": name, "word": word, "categories": category_labels(categories)})


@rule
def personal_name_person(ctx: Context) -> Iterator[Issue]:
    if not ctx.is_personal:
        return
    if _name_pattern(ctx):
        return  # the province prescribes "某某的个人博客": the name is expected there
    people = {text(ctx.subject.get("name"))}
    people |= {text(p.get("name")) for _, p in ctx.persons()}
    people = {p for p in people if len(p) >= 2}
    for ptr, name, _ in names(ctx):
        for person in sorted(people):
            if person in name:
                yield Issue(ptr, {"name": name, "person": person})


def _joined_hits(ctx: Context, words: list[str], param: str) -> Iterator[Issue]:
    """One issue per personal website name, listing every word of `words` found in it."""
    if not ctx.is_personal:
        return
    for ptr, name, _ in names(ctx):
        hits = _words_in(name, words)
        if hits:
            yield Issue(ptr, {"name": name, param: "、".join(hits)})


@rule
def personal_name_place(ctx: Context) -> Iterator[Issue]:
    if not ctx.is_personal:  # _joined_hits would say nothing: the lists are not built (#23)
        return
    shorts = [p.get("short", "") for p in ctx.packs.provinces.values()]
    places = sorted({p for p in [*ctx.national["place_names"], *shorts] if len(p) >= 2})
    yield from _joined_hits(ctx, places, "place")


@rule
def personal_name_business(ctx: Context) -> Iterator[Issue]:
    if not ctx.is_personal:
        return
    licensed = {w["word"] for w in ctx.packs.words_for(ctx.province)}  # ICP218 reports those
    words = [w for w in ctx.national["personal_name_business_words"] if w not in licensed]
    yield from _joined_hits(ctx, words, "word")


@rule
def personal_name_province_word(ctx: Context) -> Iterator[Issue]:
    if not ctx.is_personal:
        return
    skip = national_personal_words(ctx) | _pattern_allows(ctx)  # ICP210/211/218 report those
    words = ctx.pack.get("personal_name_banned_words") or []
    yield from _word_hits(ctx, words, skip, province=ctx.province)


@rule
def personal_name_province_pattern(ctx: Context) -> Iterator[Issue]:
    pattern = _name_pattern(ctx)
    if not pattern:
        return
    for ptr, name, _ in names(ctx):
        if not patterns.match(pattern, name):
            hint = "providers" if not ctx.provider else ""
            yield Issue(ptr, {"name": name, "province": ctx.province, "hint": hint})


@rule
def personal_remark_content(ctx: Context) -> Iterator[Issue]:
    """江苏 (指南 附录二): a personal remark says what the site will hold. The guide does not say
    whose remark, so the subject's remark meets it as well as the website's."""
    if not ctx.is_personal or not ctx.pack.get("remark_describes_content"):
        return
    if text(ctx.subject.get("remarks")).strip():
        return
    for _, ptr, site in ctx.websites():
        if not text(site.get("remarks")).strip():
            yield Issue(f"{ptr}/remarks", {"province": ctx.province})


@rule
def personal_name_licensed_word(ctx: Context) -> Iterator[Issue]:
    """A personal name with a word that signals a licensed service (视频 → 网络视听) or that persons
    are refused outright (博客, since late 2019). Words and sources: icpfile/data/name_words.yaml."""
    yield from _licensed_word_hits(ctx, inferred=False)


def _licensed_word_hits(ctx: Context, inferred: bool) -> Iterator[Issue]:
    """ICP218 (words a source states or a documented refusal backs) or ICP227 (words whose licence
    chain is icpfile's inference) in a personal name: name_words.yaml, each entry's basis."""
    if not ctx.is_personal:
        return
    skip = set(ctx.national["personal_name_banned_words"]) | _pattern_allows(ctx)
    entries = [w for w in ctx.packs.words_for(ctx.province)
               if w["word"] not in skip and (w["basis"] == "inferred") == inferred]
    for ptr, name, _ in names(ctx):
        for entry in entries:
            if entry["word"] in fold(name):
                yield Issue(ptr, {"name": name, "word": entry["word"], "licence": entry["licence"],
                                  "source": Cited(entry["source"]), "hint": entry["kind"]})


@rule
def personal_name_licensed_word_inferred(ctx: Context) -> Iterator[Issue]:
    """A personal name with a word that only icpfile's reasoning ties to a licence (电影 → 网络视听):
    a warning, off under Tencent, whose naming page shows 电影爱好小分享 as a good name."""
    yield from _licensed_word_hits(ctx, inferred=True)


def _standard_warns() -> dict[str, str]:
    """The pre-approval categories for which ICP356 (the 2009 standard's 新闻网/论坛) is lowered from
    an error, from its record's severity_by: {"bbs": "warning"}."""
    from icpfile.data.catalog import rules

    return rules()["ICP356"].severity_by.get("case", {})


@rule
def unit_name_licensed_word(ctx: Context) -> Iterator[Issue]:
    """A unit's name that signals a licensed service without the matching pre-approval (QC 上海:
    a name must match the approvals held)."""
    if not ctx.is_unit:
        return
    refused = ctx.pack.get("unit_licensed_name_refused") or {}
    entries = [(w["word"], w["categories"], w["licence"]) for w in ctx.packs.words_for(ctx.province, ("licensed",))]
    extra = [(word, [category], {"zh": category_labels([category]), "en": category})
             for word, category in (refused.get("words") or {}).items() if word not in {e[0] for e in entries}]
    standard = (ctx.national.get("standard") or {}).get("preapproval_words") or {}
    warned = set(_standard_warns())
    for ptr, name, site in names(ctx):
        held = held_categories(site)
        folded = fold(name)
        # 新闻网 and 论坛 without their approval are ICP356's (MIIT-STD, 2009): not again here, except
        # where ICP356 only warns (论坛: its severity_by) and the province's own page refuses the word
        # (河北, 上海: an error here)
        reported = {category for word, category in standard.items() if word in folded and category not in held}
        errors = reported - warned
        for word, categories, licence in [*entries, *extra]:
            if word in folded and not held & set(categories):
                # severity_by case: an error where the province's page refuses such a name (TXM 北京)
                stated = bool(refused) and (refused.get("name_words") or (word, categories, licence) in extra)
                if errors & set(categories) or (reported & set(categories) and not stated):
                    continue
                yield Issue(ptr, {"name": name, "word": word, "licence": licence,
                                  "categories": category_labels(categories),
                                  "case": "refused_here" if stated else "elsewhere"})


@rule
def name_province_forbidden_word(ctx: Context) -> Iterator[Issue]:
    """Words a province forbids anywhere in a name (河南: 中国、中华), not only as a prefix. A name
    that begins with one is ICP204's finding and is not reported again."""
    if ctx.nature in ctx.national["state_natures"]:
        return
    words = ctx.pack.get("name_forbidden_words") or []
    for ptr, name, _ in names(ctx):
        for word in _words_in(name, words):
            if not name.startswith(word):
                yield Issue(ptr, {"name": name, "word": word, "province": ctx.province})


@rule
def unit_name_area_portal(ctx: Context) -> Iterator[Issue]:
    """A unit's site named like an area's portal (云南: a company's 怒江网): a place of the province
    followed only by a portal word. `case` is "stated" for the ending the source gives (网, in
    national.yaml portal_name_endings_stated) and "extended" for icpfile's further endings
    (在线, 之窗 …), which the record lowers to a warning."""
    if not ctx.is_unit or ctx.nature in ctx.national["state_natures"]:
        return
    places = ctx.pack.get("portal_places") or []
    endings = ctx.national["portal_name_endings"]
    stated = set(ctx.national.get("portal_name_endings_stated") or [])
    for ptr, name, _ in names(ctx):
        for place in places:
            rest = name[len(place):] if name.startswith(place) else None
            if rest in endings:
                params = {"name": name, "place": place, "province": ctx.province, "ending": rest,
                          "case": "stated" if rest in stated else "extended"}
                if params["case"] == "extended":
                    params["hint"] = "extended"
                yield Issue(ptr, params)
                break


def _bigrams(value: str) -> set[str]:
    return {value[i:i + 2] for i in range(len(value) - 1)}


def _unrelated_names(ctx: Context) -> Iterator[tuple[str, str]]:
    """(pointer, name) of each unit site name that shares no two consecutive characters with the
    unit's own name, once its form, trade and place words are left out."""
    unit = text(ctx.subject.get("name"))
    shorts = [p.get("short", "") for p in ctx.packs.provinces.values()]
    for word in [*ctx.national["unit_name_generic_words"], *ctx.national["place_names"], *shorts]:
        if word:
            unit = unit.replace(word, " ")
    own = _bigrams(unit)
    for ptr, name, _ in names(ctx):
        if own and not own & _bigrams(name):
            yield ptr, name


def _unrelated_issues(ctx: Context, flag: str) -> Iterator[Issue]:
    if ctx.is_unit and ctx.pack.get(flag):
        unit = text(ctx.subject.get("name"))
        for ptr, name in _unrelated_names(ctx):
            yield Issue(ptr, {"name": name, "unit": unit, "province": ctx.province})


@rule
def unit_name_unrelated(ctx: Context) -> Iterator[Issue]:
    """四川: a unit's site whose name shares nothing with the unit's name needs a signed commitment."""
    yield from _unrelated_issues(ctx, "unit_name_unrelated_commitment")


@rule
def unit_name_must_relate(ctx: Context) -> Iterator[Issue]:
    """黑龙江 (JD): a unit's site is named after the unit, its full or short name."""
    yield from _unrelated_issues(ctx, "unit_name_must_relate")


def _remark_words(ctx: Context) -> list[str]:
    """The words banned in a personal name that may not stand in its remark either: the
    pre-approval words and the licensed/refused words (not 网站 or 网络, which the guide's own
    remark wording uses)."""
    words = list(ctx.national["personal_name_preapproval_words"])
    return words + [w["word"] for w in ctx.packs.words_for(ctx.province)
                    if w["word"] not in words and w["basis"] != "inferred"]


def _clauses(remark: str) -> list[str]:
    """The remark cut at punctuation, in one pass: a clause that denies (不含视频) is not a claim."""
    found, start = [], 0
    for i, char in enumerate(remark):
        if char in "。，；,;.!！？?\n":
            found.append(remark[start:i])
            start = i + 1
    return [*found, remark[start:]]


@rule
def personal_remark_banned_word(ctx: Context) -> Iterator[Issue]:
    """Words banned in a personal name are banned in its remark too (the provider's rule as a 浙江
    filer quoted it, 2024). A word the province's name pattern requires (江苏 博客) is allowed."""
    if not ctx.is_personal:
        return
    allowed = _pattern_allows(ctx)
    words = [w for w in _remark_words(ctx) if w not in allowed]
    negations = ctx.national["remark_negations"]
    for _, ptr, site in ctx.websites():
        said = [c for c in _clauses(text(site.get("remarks"))) if not any(n in c for n in negations)]
        for word in words:
            if any(word in clause for clause in said):
                yield Issue(f"{ptr}/remarks", {"word": word})


def _remark_text(site: dict) -> str:
    return text(site.get("remarks")).strip()


@rule
def personal_remark_required(ctx: Context) -> Iterator[Issue]:
    """Provinces that want a personal website's remark to say what the site holds, some with a
    minimum length (内蒙古 30). Data: provinces.yaml personal_remark."""
    need = ctx.pack.get("personal_remark")
    if not ctx.is_personal or not need:
        return
    least = need.get("min_chars") or 1
    for _, ptr, site in ctx.websites():
        remark = _remark_text(site)
        if len(remark) < least:
            yield Issue(f"{ptr}/remarks", {"province": ctx.province, "min": least, "length": len(remark),
                                                     "source": Cited(need["source"]),
                                                     "hint": "declaration" if need.get("declaration") else "content"})


@rule
def personal_remark_declaration(ctx: Context) -> Iterator[Issue]:
    """Provinces whose personal remark carries a fixed declaration (天津, 广西: the site is personal
    and holds no company information; 内蒙古: a commitment). Judged by its marks, as the exact
    wording varies by provider; either the website's or the subject's remark may carry it."""
    need = ctx.pack.get("personal_remark")
    marks = (need or {}).get("declaration") or []
    if not ctx.is_personal or not marks:
        return
    subject = text(ctx.subject.get("remarks"))
    for _, ptr, site in ctx.websites():
        both = _remark_text(site) + "\n" + subject
        missing = [m for m in marks if m not in both]
        if missing and _remark_text(site):
            yield Issue(f"{ptr}/remarks", {"province": ctx.province, "missing": "、".join(missing),
                                                     "source": Cited(need["source"])})


@rule
def name_hidden_character(ctx: Context) -> Iterator[Issue]:
    """An invisible character, a combining mark, or a letter that is neither Han nor Latin in a
    Chinese website name: it hides a word from every word check (论\u200b坛) or imitates a
    character (例 U+F9B5, Cyrillic а). Reported at its column. Source: UTS 39; 指南 3.1."""
    for ptr, name, _ in names(ctx):
        if hanzi_count(name) == 0:
            continue
        for index, char in hidden_characters(name)[:3]:
            yield Issue(ptr, {"name": name, "char": f"U+{ord(char):04X}",
                                        "what": unicodedata.name(char, "unnamed character")}, offset=index)

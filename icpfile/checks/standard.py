"""MIIT's national standard for filing information (MIIT-STD: the 具体标准 of the 2009 work plan,
still reposted by providers): what a reviewer reads across the subject's fields.

- ICP350 the subject's name is a domain, digits and symbols, or its website's name (二（一）);
- ICP351 a company's name filed under another nature (二（二）), ICP352 a government body whose
  name carries no word of one (inferred);
- ICP353 a government body's superior given as a person (二（四）);
- ICP354 a person's name that is no real name: 王先生, 个人, a name with digits (二（六）);
- ICP355 a phone whose number is all zeros (二（十）: 010-00000000);
- ICP356 新闻网 or 论坛 in a unit's website name without the matching pre-approval (二（五）);
- ICP357 人民政府 in the website name of a subject that is no government body (二（五）).

The words are data (`standard:` in data/national.yaml, a pack may change them). Every check reads
a few short fields once: linear in the draft (the longest word list is scanned once per name).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.findings import Issue
from icpfile.schema import draft as sch
from icpfile.values.text import fold, is_hanzi

# A domain inside a name (example.com, www.example.com.cn): a label of at most 63 characters, so
# each start is tried a bounded number of times (linear in the name's length).
_DOMAIN = re.compile(r"(?<![A-Za-z0-9-])[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,63}(?![A-Za-z0-9-])")
# A bracketed tail as the 个体工商户 form writes it: 张三（个体工商户）.
_TAIL = re.compile(r"[（(][^（）()]{0,40}[）)]$")


def _standard(ctx: Context) -> dict[str, Any]:
    return ctx.national.get("standard") or {}


def _words(ctx: Context, key: str) -> list[str]:
    return [w for w in _standard(ctx).get(key) or [] if isinstance(w, str) and w]


def _nature_label(code: str) -> dict[str, str]:
    """A nature in the finding's language: 事业单位 / public_institution."""
    return {"zh": sch.code_labels("nature").get(code) or code, "en": code}


def _bare(name: str) -> str:
    """The name without a bracketed tail (`张三（个体工商户）` → `张三`)."""
    return _TAIL.sub("", name.strip()).strip()


@rule
def subject_name_not_a_name(ctx: Context) -> Iterator[Issue]:
    """二（一）: the subject's name may not be a domain, digits or symbols, or the website's name."""
    name = text(ctx.subject.get("name")).strip()
    if not name:
        return
    found = _DOMAIN.search(name)
    if found:
        yield Issue("/subject/name", {"name": name, "hint": "domain", "found": found.group(0)})
    elif not any(ch.isalpha() for ch in name):
        yield Issue("/subject/name", {"name": name, "hint": "symbols", "found": name})
    elif (ctx.is_unit and any(name.endswith(e) for e in _words(ctx, "site_endings"))
          and any(text(site.get("name")).strip() == name for _, _, site in ctx.websites())):
        yield Issue("/subject/name", {"name": name, "hint": "site", "found": name})


@rule
def nature_fits_name(ctx: Context) -> Iterator[Issue]:
    """二（二）: a subject named as a company (某某公司) is an enterprise."""
    name = _bare(text(ctx.subject.get("name")))
    ending = next((e for e in _words(ctx, "company_endings") if name.endswith(e)), "")
    if not ending or not ctx.nature or ctx.nature == "enterprise":
        return
    case = "doubtful" if ctx.nature in _words(ctx, "company_nature_doubtful") else "stated"
    yield Issue("/subject/nature", {"name": name, "ending": ending, "nature": _nature_label(ctx.nature),
                                    "case": case})


@rule
def government_name_word(ctx: Context) -> Iterator[Issue]:
    """A government body's name with no word a government body's name carries (inferred)."""
    name = _bare(text(ctx.subject.get("name")))
    if ctx.nature != "government" or not name:
        return
    if not any(w in name for w in _words(ctx, "government_words")):
        yield Issue("/subject/nature", {"name": name})


def _people(ctx: Context) -> set[str]:
    """The names of every person the draft writes out: principals and the legal representative."""
    found = {text(person.get("name")).strip() for _, person in ctx.persons()}
    rep = ctx.subject.get("legal_representative")
    if isinstance(rep, dict):
        found.add(text(rep.get("name")).strip())
    return found - {""}


@rule
def government_investor_person(ctx: Context) -> Iterator[Issue]:
    """二（四）: a government body's superior (投资人或主管单位) is a unit, never a person.

    An error when the investor is a person the draft names (a principal, the legal
    representative); a warning when it only looks like a person's name: two to four Chinese
    characters and no word a unit's name carries.
    """
    investor = text(ctx.subject.get("investor")).strip()
    if ctx.nature != "government" or not investor:
        return
    if investor in _people(ctx):
        yield Issue("/subject/investor", {"investor": investor, "case": "named"})
        return
    unit_words = _words(ctx, "government_words") + _words(ctx, "organization_words")
    if 2 <= len(investor) <= 4 and all(is_hanzi(ch) for ch in investor) and not any(w in investor for w in unit_words):
        yield Issue("/subject/investor", {"investor": investor, "case": "shape"})


def _named(ctx: Context) -> Iterator[tuple[str, str]]:
    """(pointer, name) of every person's name: the personal subject's (when not its principal's
    again), each principal's, the legal representative's."""
    names: list[tuple[str, str]] = [(f"{ptr}/name", text(person.get("name")).strip()) for ptr, person in ctx.persons()]
    rep = ctx.subject.get("legal_representative")
    if isinstance(rep, dict):
        names.append(("/subject/legal_representative/name", text(rep.get("name")).strip()))
    if ctx.is_personal:
        subject = text(ctx.subject.get("name")).strip()
        if subject not in {name for _, name in names}:
            names.insert(0, ("/subject/name", subject))
    for ptr, name in names:
        if name:
            yield ptr, name


@rule
def person_name_placeholder(ctx: Context) -> Iterator[Issue]:
    """二（六）: a real full name, not 王先生, 李小姐, 个人, nor a name with digits or letters.

    A name of Latin letters only is left alone (a passport holder's); letters mixed with Chinese
    characters, or any digit, are no real name.
    """
    titles, not_names = _words(ctx, "person_titles"), set(_words(ctx, "not_names"))
    for ptr, name in _named(ctx):
        if name in not_names:
            case = "not_name"
        elif len(name) <= 4 and any(name.endswith(t) and len(name) > len(t) for t in titles):
            case = "title"
        elif any(ch.isdigit() for ch in name):
            case = "digits"
        elif any(is_hanzi(ch) for ch in name) and any(ch.isascii() and ch.isalpha() for ch in name):
            case = "letters"
        else:
            continue
        yield Issue(ptr, {"name": name, "hint": case})


def _subscriber(value: str) -> str:
    """The digits after the country and area codes: 086-010-00000000 and 010-00000000 →
    00000000, a mobile's last eight (13000000000 → 00000000); '' when too few digits to tell."""
    parts = value.split("-")
    if len(parts) >= 3:
        number = parts[2]  # 086-010-00000000(-ext)
    elif len(parts) == 2:
        number = parts[1]  # 010-00000000
    else:
        number = value
    digits = "".join(ch for ch in number if ch.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[3:]
    return digits if len(digits) >= 7 else ""


@rule
def phone_placeholder(ctx: Context) -> Iterator[Issue]:
    """二（十）: a phone such as 010-00000000 is no real number: the subscriber's digits all zero."""
    for ptr, person in ctx.persons():
        for key in ("mobile", "phone2", "emergency_mobile"):
            value = text(person.get(key)).strip()
            number = _subscriber(value) if value else ""
            if number and set(number) == {"0"}:
                yield Issue(f"{ptr}/{key}", {"phone": value})


def _category_label(code: str) -> dict[str, str]:
    """A pre-approval category in the finding's language: 电子公告服务 / bbs."""
    labels = sch.labels(sch.schema()["$defs"]["pre_approval"]["properties"]["category"])
    return {"zh": labels.get(code) or code, "en": code}


def _held(site: dict[str, Any]) -> set[str]:
    listed = site.get("pre_approvals")
    return {text(a.get("category")) for a in listed if isinstance(a, dict)} if isinstance(listed, list) else set()


@rule
def unit_name_standard_preapproval(ctx: Context) -> Iterator[Issue]:
    """二（五）: a unit's website named 新闻网 without a news pre-approval, or 论坛 without the
    bulletin-board one. (A person's are ICP211/ICP218; other licensed words ICP219.)"""
    if not ctx.is_unit:
        return
    words = {w: c for w, c in (_standard(ctx).get("preapproval_words") or {}).items() if isinstance(c, str)}
    for _, ptr, site in ctx.websites():
        name = text(site.get("name")).strip()
        folded = fold(name)
        held = _held(site)
        for word, category in words.items():
            if word in folded and category not in held:
                # severity_by case: the 2009 standard is the one national source for 论坛; today's
                # provider pages state it only in 北京, 上海, 河北 (ICP219): elsewhere a warning
                yield Issue(f"{ptr}/name", {"name": name, "word": word, "case": category,
                                            "hint": category if category == "bbs" else None,
                                            "category": _category_label(category)})


@rule
def name_public_affairs(ctx: Context) -> Iterator[Issue]:
    """二（五）: a subject that is no government body (nor authorised by one) may not name a site
    with public-affairs words such as 某某市人民政府."""
    if not ctx.nature or ctx.nature in _words(ctx, "public_affairs_natures"):
        return
    words = _words(ctx, "public_affairs_words")
    for _, ptr, site in ctx.websites():
        name = text(site.get("name")).strip()
        folded = fold(name)
        hit = next((w for w in words if w in folded), "")
        if hit:
            yield Issue(f"{ptr}/name", {"name": name, "word": hit, "nature": _nature_label(ctx.nature)})

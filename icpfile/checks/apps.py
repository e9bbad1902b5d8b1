"""Apps, mini-programs and quick apps (APP备案, since 2023-09-01): signatures, public keys,
package ids, names, domains, icons, SDKs, mini-program fields, and the service number's letter.

The lists and forms by platform are data in `icpfile/data/national.yaml` (the `app_*` keys); the domain
rules of `domains.py` judge an app's domains too, and the person rules judge its principal
(`ctx.persons()`). Public keys are parsed in `icpfile/values/app_keys.py`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any

from icpfile.checks import rule
from icpfile.checks.context import Context, os_label, text, unreadable_case
from icpfile.data import patterns
from icpfile.findings import Issue
from icpfile.values import app_keys
from icpfile.values import material_needs as mat
from icpfile.values.domains import host_parts
from icpfile.values.text import fold, is_hanzi

_DEBUG_SUBJECTS = ("android debug", "apple development", "iphone developer")


def of_kind(ctx: Context, kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(pointer, entry) for every entry of the `apps` list of this kind (app, mini_program, quick_app)."""
    for _, ptr, app in ctx.apps():
        if app.get("kind") == kind:
            yield ptr, app


def platforms(ctx: Context) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(pointer, os, platform) for every platform of every app."""
    for ptr, app in of_kind(ctx, "app"):
        listed = app.get("platforms")
        for j, platform in enumerate(listed if isinstance(listed, list) else []):
            if isinstance(platform, dict):
                yield f"{ptr}/platforms/{j}", text(platform.get("os")), platform


# ------------------------------------------------------------------ signature (签名MD5值)


@rule
def app_signature_form(ctx: Context) -> Iterator[Issue]:
    """The 签名MD5值 is 32 hex digits (MD5) on Android, 40 (SHA-1) on iOS and HarmonyOS, colons,
    spaces and case ignored (HW 2025-12-31; UC; PRA; HMF). iOS with 32 is ICP541, HarmonyOS 32 ICP542."""
    wanted = ctx.national["app_signature_digits"]
    for ptr, os, platform in platforms(ctx):
        value = text(platform.get("signature"))
        digits = app_keys.bare_hex(value)
        if not value or os not in wanted:
            continue
        if not app_keys.HEX.match(digits):
            yield Issue(f"{ptr}/signature", {"value": value, "os": os_label(os), "count": len(digits),
                                                       "wanted": wanted[os][0], "hint": "hex"})
        elif len(digits) not in wanted[os] and not (os == "ios" and len(digits) == 32):
            hint = "android_sha1" if os == "android" and len(digits) == 40 else None
            yield Issue(f"{ptr}/signature", {"value": value, "os": os_label(os), "count": len(digits),
                                                       "wanted": wanted[os][0], "hint": hint})


def _signature_digits(ctx: Context, os_name: str, count: int) -> Iterator[tuple[str, str]]:
    for ptr, os, platform in platforms(ctx):
        value = text(platform.get("signature"))
        digits = app_keys.bare_hex(value)
        if os == os_name and len(digits) == count and app_keys.HEX.match(digits):
            yield f"{ptr}/signature", value


@rule
def app_signature_ios_md5(ctx: Context) -> Iterator[Issue]:
    """An iOS signature of 32 hex digits is an MD5: the classic rejection (PRA; HW 2025-12-31)."""
    for ptr, value in _signature_digits(ctx, "ios", 32):
        yield Issue(ptr, {"value": value})


@rule
def app_signature_harmonyos_md5(ctx: Context) -> Iterator[Issue]:
    """HarmonyOS: the SHA-1 is what most providers take; an MD5 only where one insists (HMF)."""
    for ptr, value in _signature_digits(ctx, "harmonyos", 32):
        yield Issue(ptr, {"value": value})


# ------------------------------------------------------------------ public key (公钥)


def _keys(ctx: Context, wanted: str) -> Iterator[tuple[str, str, str, app_keys.Detail]]:
    for ptr, os, platform in platforms(ctx):
        value = text(platform.get("public_key"))
        if value.strip():
            verdict, detail = app_keys.verdict(value)
            if verdict == wanted:
                yield f"{ptr}/public_key", os, value, detail


def _shown(value: str) -> str:
    value = value.strip()
    return value if len(value) <= 24 else f"{value[:12]}…{value[-8:]}"


@rule
def app_public_key_unreadable(ctx: Context) -> Iterator[Issue]:
    """A public key that is neither a PEM body, DER hex nor an RSA modulus (HWX; PRA; UC)."""
    for ptr, _, value, _ in _keys(ctx, "garbage"):
        yield Issue(ptr, {"value": _shown(value)})


@rule
def app_public_key_truncated(ctx: Context) -> Iterator[Issue]:
    """A key cut short: `…`, DER shorter than announced, a modulus of no standard size (UC)."""
    for ptr, os, value, detail in _keys(ctx, "cut"):
        yield Issue(ptr, {"value": _shown(value), "detail": detail,
                                    "hint": "keychain" if os == "ios" else None})


@rule
def app_public_key_certificate(ctx: Context) -> Iterator[Issue]:
    """A whole certificate where the form takes its public key (HWX; PRA)."""
    for ptr, _, _, subject in _keys(ctx, "certificate"):
        if not any(mark in subject.lower() for mark in _DEBUG_SUBJECTS):
            yield Issue(ptr, {"subject": subject})


@rule
def app_debug_certificate(ctx: Context) -> Iterator[Issue]:
    """A debug or development certificate: it does not sign the released package (PRA)."""
    for ptr, _, _, subject in _keys(ctx, "certificate"):
        if any(mark in subject.lower() for mark in _DEBUG_SUBJECTS):
            yield Issue(ptr, {"subject": subject})


# ------------------------------------------------------------------ package name / Bundle ID


def _packages(ctx: Context) -> Iterator[tuple[str, str, str]]:
    for ptr, os, platform in platforms(ctx):
        value = text(platform.get("package")).strip()
        if value:
            yield f"{ptr}/package", os, value


@rule
def app_package_syntax(ctx: Context) -> Iterator[Issue]:
    """Android applicationId (AND-ID), iOS Bundle ID (APPLE-BID), HarmonyOS bundleName (HMF)."""
    by_os = ctx.national["app_package_patterns"]
    longest = int(ctx.national["app_package_max_length"])
    for ptr, os, value in _packages(ctx):
        pattern = by_os.get(os)
        if pattern and (len(value) > longest or not patterns.match(pattern, value)):  # a pack's: timed
            yield Issue(ptr, {"package": value, "os": os_label(os), "hint": os})


@rule
def app_package_template(ctx: Context) -> Iterator[Issue]:
    """A template id (com.example.*) left in the release build (PRA)."""
    templates = ctx.national["app_template_packages"]
    for ptr, _, value in _packages(ctx):
        lowered = value.lower()
        found = next((t for t in templates if lowered.startswith(t) or lowered == t.rstrip(".")), None)
        if found:
            yield Issue(ptr, {"package": value, "template": found.rstrip(".")})


# ------------------------------------------------------------------ names


def app_names(ctx: Context) -> Iterator[tuple[int, str, str]]:
    """(index, pointer, name) for every entry of `apps` with a name."""
    for i, ptr, app in ctx.apps():
        name = text(app.get("name")).strip()
        if name:
            yield i, f"{ptr}/name", name


def name_key(name: str) -> str:
    """Names compared as stores compare them: NFKC, case folded, without white space."""
    return "".join(unicodedata.normalize("NFKC", name).casefold().split())


@rule
def app_name_twice(ctx: Context) -> Iterator[Issue]:
    """One name, one filing: the same app on several platforms is one entry (HHC; NY; HW 2025-12-31)."""
    seen: dict[str, int] = {}
    for i, ptr, name in app_names(ctx):
        key = name_key(name)
        if key in seen:
            yield Issue(ptr, {"name": name, "first": seen[key] + 1})
        else:
            seen[key] = i


@cache
def _emoji() -> Any:
    """Emoji and pictographs (Unicode properties, which `re` lacks), and the emoji variation selector."""
    import regex

    return regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Presentation}\uFE0F]")


@rule
def app_name_emoji(ctx: Context) -> Iterator[Issue]:
    """No emoji in an app's name (HW 2025-12-31 App名称; HMF)."""
    for _, ptr, name in app_names(ctx):
        found = _emoji().findall(name)
        if found:
            yield Issue(ptr, {"name": name, "chars": " ".join(dict.fromkeys(found))})


def _listed_words(ctx: Context, key: str, name: str) -> list[str]:
    """The listed words in an app's name as the website-name checks read one (`fold`: no
    separators, controls or invisible characters, so 测-试 and 免\u200b费 are still found)."""
    lowered = fold(name).casefold()
    return [w for w in ctx.national[key] if fold(w).casefold() in lowered]


def _names_with_words(ctx: Context, key: str) -> Iterator[Issue]:
    for _, ptr, name in app_names(ctx):
        words = _listed_words(ctx, key, name)
        if words:
            yield Issue(ptr, {"name": name, "words": "、".join(words)})


@rule
def app_name_placeholder(ctx: Context) -> Iterator[Issue]:
    """No placeholder text (测试, demo, 未命名 …) in an app's name (HW 2025-12-31; HMF)."""
    return _names_with_words(ctx, "app_name_placeholders")


@rule
def app_name_marketing(ctx: Context) -> Iterator[Issue]:
    """No price or marketing words in an app's name (HW 2025-12-31)."""
    return _names_with_words(ctx, "app_name_marketing_words")


@rule
def app_name_category(ctx: Context) -> Iterator[Issue]:
    """A bare category word (天气, 壁纸 …) is no app's name (HW 2025-12-31; XM)."""
    words = {w.casefold() for w in ctx.national["app_name_category_words"]}
    for _, ptr, name in app_names(ctx):
        if name_key(name) in words:
            yield Issue(ptr, {"name": name})


@rule
def app_name_length(ctx: Context) -> Iterator[Issue]:
    """At most 15 Chinese or 30 other characters (a Chinese character counts two): the stores'
    limit, and the filing name must be the store name (AGR; PGY; XM)."""
    limit = int(ctx.national["app_name_max_width"])
    for _, ptr, name in app_names(ctx):
        width = sum(2 if is_hanzi(c) or unicodedata.east_asian_width(c) in "WF" else 1 for c in name)
        if width > limit:
            yield Issue(ptr, {"name": name, "width": width, "limit": limit, "hanzi": limit // 2})


@rule
def app_store_identity(ctx: Context) -> Iterator[Issue]:
    """Stores refuse an app whose name or package differs from its filing (HMF; XM)."""
    for ptr, app in of_kind(ctx, "app"):
        if text(app.get("name")).strip():
            yield Issue(f"{ptr}/name", {"name": app["name"].strip()})


# ------------------------------------------------------------------ domains


@rule
def app_domain_url_parts(ctx: Context) -> Iterator[Issue]:
    """An app's domain is a fully qualified host name: no scheme, port or path (HW 2025-12-31)."""
    for ptr, value in ctx.app_domains():
        host = host_parts(value, keep_www=True)
        if host != value:
            yield Issue(ptr, {"domain": value, "fixed": host})


@rule
def app_domain_holder(ctx: Context) -> Iterator[Issue]:
    """The real-name holder of an app's domains must be the subject; a draft cannot show it (HW 2025-12-31; DC)."""
    name = text(ctx.subject.get("name"))
    for ptr, app in of_kind(ctx, "app"):
        if isinstance(app.get("domains"), list) and app["domains"] and name:
            yield Issue(f"{ptr}/domains", {"name": name})


# ------------------------------------------------------------------ icon, SDKs


def _icons(ctx: Context) -> Iterator[tuple[str, str, tuple[bytes | None, int, str]]]:
    for ptr, app in of_kind(ctx, "app"):
        raw = text(app.get("icon")).strip()
        if raw:
            yield f"{ptr}/icon", raw, ctx.file_head(raw)


@rule
def app_icon_file(ctx: Context) -> Iterator[Issue]:
    """The icon is there, and a PNG or JPEG by its content (HW 2025-12-31; WD 2023-11-14; HWX)."""
    formats = ctx.national["material_formats"]
    allowed = ctx.national["app_icon_formats"]
    for ptr, raw, (head, _, why) in _icons(ctx):
        if head is None:
            yield Issue(ptr, {"path": raw, "why": why, "hint": "missing", "message": unreadable_case(why)})
        elif mat.sniff(head, formats) not in allowed:
            yield Issue(ptr, {"path": raw, "hint": "format", "message": "format"})


@rule
def app_icon_size(ctx: Context) -> Iterator[Issue]:
    """The icon is at most 100 KB (HW 2025-12-31; WD 2023-11-14)."""
    limit = int(ctx.national["app_icon_max_bytes"])
    for ptr, raw, (head, size, _) in _icons(ctx):
        if head is not None and size > limit:
            yield Issue(ptr, {"path": raw, "kb": round(size / 1024), "limit_kb": limit // 1024})


@rule
def app_sdk_incomplete(ctx: Context) -> Iterator[Issue]:
    """Each third-party SDK names its vendor and its kind of service (WD; HSY; HWX)."""
    for ptr, app in of_kind(ctx, "app"):
        listed = app.get("sdk")
        for j, sdk in enumerate(listed if isinstance(listed, list) else []):
            if not isinstance(sdk, dict):
                continue
            for key in ("vendor", "kind"):
                if not text(sdk.get(key)).strip():
                    yield Issue(f"{ptr}/sdk/{j}/{key}", {"field": key, "hint": key})


# ------------------------------------------------------------------ mini-programs


@rule
def mini_program_remarks(ctx: Context) -> Iterator[Issue]:
    """A mini-program's remarks: 20 to 200 characters saying what it does, the reviewers' main
    evidence (WX applyIcpFiling `comment`)."""
    low, high = ctx.national["mini_program_remarks_length"]
    for ptr, app in of_kind(ctx, "mini_program"):
        remarks = text(app.get("remarks")).strip()
        vague = _listed_words(ctx, "app_name_placeholders", remarks) if remarks else []
        if len(remarks) < low or len(remarks) > high:
            hint = "missing" if not remarks else ("short" if len(remarks) < low else "long")
            yield Issue(f"{ptr}/remarks", {"count": len(remarks), "low": low, "high": high, "hint": hint,
                                           "host": text(app.get("host"))})
        elif vague or remarks == text(app.get("name")).strip():
            yield Issue(f"{ptr}/remarks", {"count": len(remarks), "low": low, "high": high,
                                           "hint": "vague", "host": text(app.get("host"))})


@rule
def mini_program_content_types(ctx: Context) -> Iterator[Issue]:
    """A mini-program names 1 to 5 content types, second-level ones (WX applyIcpFiling)."""
    low, high = ctx.national["mini_program_content_types"]
    for ptr, app in of_kind(ctx, "mini_program"):
        listed = app.get("service_content")
        count = len(listed) if isinstance(listed, list) else 0
        if count < low or count > high:
            yield Issue(f"{ptr}/service_content", {"count": count, "low": low, "high": high,
                                                   "hint": "none" if count < low else "many",
                                                   "host": text(app.get("host"))})


@rule
def mini_program_pre_approvals_stated(ctx: Context) -> Iterator[Issue]:
    """The pre-approvals are stated even when none applies (`[]` = 以上都不涉及; WX applyIcpFiling)."""
    for ptr, app in of_kind(ctx, "mini_program"):
        if "pre_approvals" not in app:
            yield Issue(ptr, {"name": text(app.get("name")), "host": text(app.get("host"))})


@rule
def mini_program_app_id(ctx: Context) -> Iterator[Issue]:
    """The platform's AppID form (WeChat: wx and 16 hex digits; WX)."""
    by_host = ctx.national["mini_program_app_id_patterns"]
    for ptr, app in of_kind(ctx, "mini_program"):
        host, value = text(app.get("host")), text(app.get("app_id")).strip()
        # a pack's pattern runs under the regex timeout (ICP016 when it runs out; T09)
        if value and host in by_host and not patterns.match(by_host[host], value):
            yield Issue(f"{ptr}/app_id", {"app_id": value, "host": host})


# ------------------------------------------------------------------ the order


@rule
def personal_website_and_app(ctx: Context) -> Iterator[Issue]:
    """A person's order with a website and an app: Huawei refuses it (one 互联网信息 per personal
    submission, HW 2025-12-31 doc_0124); 西部数码 files both in one order and says nothing of
    persons (WEST)."""
    if ctx.is_personal and any(True for _ in ctx.websites()) and any(True for _ in ctx.apps()):
        yield Issue("/apps", {})


_SERVICE_NUMBER = re.compile(r"号-(?P<n>[1-9][0-9]*)(?P<letter>[A-Za-z]?)$")


@rule
def app_number_kind(ctx: Context) -> Iterator[Issue]:
    """A service number's letter says its kind (-n website, -nA app, -nX mini-program, -nK quick app;
    HW 2025-12-31 doc_0115): a type that names one service must name one of the order's kinds."""
    filing = ctx.data.get("filing")
    number = text(filing.get("existing_number")).strip() if isinstance(filing, dict) else ""
    match = _SERVICE_NUMBER.search(number)
    if ctx.kind is None or not ctx.kind.one_service or not match:  # data/kinds.yaml `one_service`
        return
    letters = ctx.national["service_number_letters"]
    kinds = {"website"} if any(True for _ in ctx.websites()) else set()
    kinds |= {text(app.get("kind")) for _, _, app in ctx.apps()} & set(letters)
    found = next((kind for kind, letter in letters.items() if letter == match.group("letter")), None)
    if kinds and found not in kinds:
        wanted = sorted(kinds)[0]
        yield Issue("/filing/existing_number", {
            "number": number, "found": found or match.group("letter"), "wanted": wanted,
            "fixed": f"-{match.group('n')}{letters[wanted]}", "type": ctx.filing_type,
        })


@rule
def app_after_approval(ctx: Context) -> Iterator[Issue]:
    """After approval an app shows its number in an about page with a link to beian.miit.gov.cn
    below it, and files with the police within 30 days (HW 2025-12-31 doc_0118; HMF; MPS)."""
    if ctx.kind is not None and ctx.kind.approval and any(True for _ in of_kind(ctx, "app")):
        yield Issue("/apps", {})

"""Apps, mini-programs and quick apps (APP备案, since 2023-09-01): signatures, public keys,
package ids, names, domains, icons, SDKs, mini-program fields, and the service number's letter.

The lists and forms by platform are data in `icpfile/data/national.yaml` (the `app_*` keys); the domain
rules of `domains.py` judge an app's domains too, and the person rules judge its principal
(`ctx.persons()`). Public keys are parsed with `cryptography`, imported only when a draft has one.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.checks.domains import host_parts
from icpfile.checks.materials import file_head
from icpfile.findings import Issue
from icpfile.values import material_needs as mat
from icpfile.values.text import fold, is_hanzi

_SEPARATORS = re.compile(r"[:\s]+")
_HEX = re.compile(r"^[0-9A-Fa-f]+$")
_BASE64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")
_PEM_ARMOUR = re.compile(r"-----(?:BEGIN|END) [A-Z ]+-----")
_CUT_MARKS = ("…", "...", "⋯")
_RSA_BITS = (1024, 2048, 3072, 4096)
_DEBUG_SUBJECTS = ("android debug", "apple development", "iphone developer")


@cache
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


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


def bare_hex(value: str) -> str:
    """The value without colons and white space (the forms ignore them), as typed otherwise."""
    return _SEPARATORS.sub("", value)


# ------------------------------------------------------------------ signature (签名MD5值)


@rule
def app_signature_form(ctx: Context) -> Iterator[Issue]:
    """The 签名MD5值 is 32 hex digits (MD5) on Android, 40 (SHA-1) on iOS and HarmonyOS, colons,
    spaces and case ignored (HW 2025-12-31; UC; PRA; HMF). iOS with 32 is ICP541, HarmonyOS 32 ICP542."""
    wanted = ctx.national["app_signature_digits"]
    for ptr, os, platform in platforms(ctx):
        value = text(platform.get("signature"))
        digits = bare_hex(value)
        if not value or os not in wanted:
            continue
        if not _HEX.match(digits):
            yield Issue(f"{ptr}/signature", {"value": value, "os": os, "count": len(digits),
                                                       "wanted": wanted[os][0], "hint": "hex"})
        elif len(digits) not in wanted[os] and not (os == "ios" and len(digits) == 32):
            hint = "android_sha1" if os == "android" and len(digits) == 40 else None
            yield Issue(f"{ptr}/signature", {"value": value, "os": os, "count": len(digits),
                                                       "wanted": wanted[os][0], "hint": hint})


def _signature_digits(ctx: Context, os_name: str, count: int) -> Iterator[tuple[str, str]]:
    for ptr, os, platform in platforms(ctx):
        value = text(platform.get("signature"))
        digits = bare_hex(value)
        if os == os_name and len(digits) == count and _HEX.match(digits):
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


def _der_length(data: bytes) -> int | None:
    """The whole length a DER SEQUENCE announces in its header, or None if it is not one."""
    if len(data) < 2 or data[0] != 0x30:
        return None
    first = data[1]
    if first < 0x80:
        return 2 + first
    count = first & 0x7F
    if count == 0 or count > 4 or len(data) < 2 + count:
        return None
    return 2 + count + int.from_bytes(data[2:2 + count], "big")


def _der_verdict(data: bytes) -> tuple[str, str]:
    """(verdict, detail) for DER bytes: ok, certificate (with its subject), cut or garbage."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import load_der_public_key

    try:
        load_der_public_key(data)
        return "ok", ""
    except (ValueError, TypeError):
        pass
    try:
        certificate = x509.load_der_x509_certificate(data)
        return "certificate", certificate.subject.rfc4514_string()
    except ValueError:
        pass
    announced = _der_length(data)
    if announced is not None and announced > len(data):
        return "cut", f"{len(data)} of {announced} bytes"
    return "garbage", ""


def _modulus_verdict(digits: str) -> tuple[str, str]:
    """(verdict, detail) for a hex RSA modulus (a leading 00 allowed)."""
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicNumbers

    number = int(digits, 16)
    bits = number.bit_length()
    if bits in _RSA_BITS and number % 2 == 1:
        try:
            RSAPublicNumbers(65537, number).public_key()
            return "ok", ""
        except ValueError:
            return "garbage", ""
    if _RSA_BITS[0] // 2 <= bits < _RSA_BITS[-1]:
        return "cut", f"{bits} bits"
    return "garbage", ""


def key_verdict(value: str) -> tuple[str, str]:
    """What a public-key field holds: ("ok" | "cut" | "certificate" | "garbage", detail).

    Accepts the three forms providers take (HWX, PRA, UC): the base64 body of a PEM key (armour
    lines allowed), the hex of the DER key (SubjectPublicKeyInfo or PKCS#1), and the hex RSA
    modulus; colons and white space are ignored. `…` or `...` anywhere is a cut (the iOS Keychain
    view shortens keys so, UC); so is DER shorter than its header announces, or a modulus of
    512 to 4095 bits that is no standard RSA size.
    """
    if any(mark in value for mark in _CUT_MARKS):
        return "cut", "…"
    compact = bare_hex(_PEM_ARMOUR.sub("", value))
    if not compact:
        return "garbage", ""
    if _HEX.match(compact):
        if len(compact) % 2:
            return "cut", f"{len(compact)} hex digits"
        data = bytes.fromhex(compact)
        if data[:1] == b"\x30":
            return _der_verdict(data)
        return _modulus_verdict(compact)
    if _BASE64.match(compact):
        try:
            data = base64.b64decode(compact + "=" * (-len(compact) % 4), validate=True)
        except (binascii.Error, ValueError):
            return "garbage", ""
        return _der_verdict(data)
    return "garbage", ""


@lru_cache(maxsize=256)
def _verdict(value: str) -> tuple[str, str]:
    return key_verdict(value)


def _keys(ctx: Context, wanted: str) -> Iterator[tuple[str, str, str, str]]:
    for ptr, os, platform in platforms(ctx):
        value = text(platform.get("public_key"))
        if value.strip():
            verdict, detail = _verdict(value)
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
    patterns = ctx.national["app_package_patterns"]
    longest = int(ctx.national["app_package_max_length"])
    for ptr, os, value in _packages(ctx):
        pattern = patterns.get(os)
        if pattern and (len(value) > longest or not _pattern(pattern).match(value)):
            yield Issue(ptr, {"package": value, "os": os, "hint": os})


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


def app_domains(ctx: Context) -> Iterator[tuple[str, str]]:
    """(pointer, domain as typed) for every domain an app lists."""
    for ptr, app in of_kind(ctx, "app"):
        listed = app.get("domains")
        for j, value in enumerate(listed if isinstance(listed, list) else []):
            if text(value).strip():
                yield f"{ptr}/domains/{j}", value


@rule
def app_domain_url_parts(ctx: Context) -> Iterator[Issue]:
    """An app's domain is a fully qualified host name: no scheme, port or path (HW 2025-12-31)."""
    for ptr, value in app_domains(ctx):
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
            yield f"{ptr}/icon", raw, file_head(ctx, raw)


@rule
def app_icon_file(ctx: Context) -> Iterator[Issue]:
    """The icon is there, and a PNG or JPEG by its content (HW 2025-12-31; WD 2023-11-14; HWX)."""
    formats = ctx.national["material_formats"]
    allowed = ctx.national["app_icon_formats"]
    for ptr, raw, (head, _, why) in _icons(ctx):
        if head is None:
            yield Issue(ptr, {"path": raw, "why": why, "hint": "missing"})
        elif mat.sniff(head, formats) not in allowed:
            yield Issue(ptr, {"path": raw, "why": "not PNG or JPEG", "hint": "format"})


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
    patterns = ctx.national["mini_program_app_id_patterns"]
    for ptr, app in of_kind(ctx, "mini_program"):
        host, value = text(app.get("host")), text(app.get("app_id")).strip()
        if value and host in patterns and not _pattern(patterns[host]).match(value):
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
_NAMES_ONE_SERVICE = ("access", "cancel_access", "deregister_website", "change")


@rule
def app_number_kind(ctx: Context) -> Iterator[Issue]:
    """A service number's letter says its kind (-n website, -nA app, -nX mini-program, -nK quick app;
    HW 2025-12-31 doc_0115): a type that names one service must name one of the order's kinds."""
    filing = ctx.data.get("filing")
    number = text(filing.get("existing_number")).strip() if isinstance(filing, dict) else ""
    match = _SERVICE_NUMBER.search(number)
    if ctx.filing_type not in _NAMES_ONE_SERVICE or not match:
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
    if ctx.filing_type in ("first_filing", "new_website") and any(True for _ in of_kind(ctx, "app")):
        yield Issue("/apps", {})

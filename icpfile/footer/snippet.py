"""The footer an approved site must carry (指南 11), made and checked.

The filing number is shown at the bottom of every page and links to https://beian.miit.gov.cn/
(5,000–10,000 yuan fine without it); 广东 shows the subject's number without `-n` (QC,
faq/icp_faq.md); 江苏 asks for © and 版权所有 with the unit's name; the public-security number links to
beian.mps.gov.cn once that filing is done (within 30 days of opening).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from dataclasses import dataclass

from icpfile.data.packs import builtin
from icpfile.values.filing_numbers import parse, problems

__all__ = ["Expected", "expected", "number_problem", "number_province", "police_problem", "snippet"]

MIIT_URL = "https://beian.miit.gov.cn/"
MIIT_HOST = "beian.miit.gov.cn"
MPS_HOST = "beian.mps.gov.cn"


@dataclass(frozen=True, slots=True)
class Expected:
    """What a page of this site must show."""

    number: str  # as shown: 广东 without -n
    abbr: str
    subject_only: bool  # the province shows the subject's number only (广东)
    copyright: bool
    police: str | None
    holder: str
    given: str = ""  # the number as given (广东: with its -n)
    province: str = ""  # the province whose rules apply (by the number's abbreviation when not given)

    def dropped(self) -> str:
        """The `-n` the footer leaves out of the given number ('' when it shows it as given):
        provinces.yaml `footer_subject_number` (广东, QC)."""
        parsed = parse(self.given) if self.subject_only else None
        return f"-{parsed.seq}" if parsed and parsed.seq else ""


def expected(number: str, province: str = "", holder: str = "", police: str | None = None) -> Expected:
    parsed = parse(number)
    abbr = parsed.abbr if parsed else ""
    name = province or builtin().by_icp_abbr().get(abbr, "")
    pack = builtin().province(name)
    subject_only = bool(parsed and pack.get("footer_subject_number"))
    shown = parsed.subject if parsed and subject_only else (parsed.canonical if parsed else number)
    return Expected(shown, abbr, subject_only, bool(pack.get("copyright_footer")), police, holder, number, name)


def number_province(number: str) -> str:
    """The province a filing number belongs to, by its abbreviation (苏 → 江苏省), or ''."""
    parsed = parse(number)
    return builtin().by_icp_abbr().get(parsed.abbr, "") if parsed else ""


# Markdown: every ASCII punctuation that can open a link, an image, HTML, emphasis or an entity is
# backslash-escaped (CommonMark §2.4), so `[x](javascript:…)` or `<img …>` stays text.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~&])")


def _plain(text: str) -> str:
    """`text` without controls (C0, C1, DEL), format characters (bidi overrides, zero-width) and
    line/paragraph separators: a footer is one line of visible text in every format."""
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp", "Cs"))


def _escaped(text: str, fmt: str) -> str:
    """Text for the footer in `fmt`: controls removed, then escaped for html and markdown."""
    text = _plain(text)
    if fmt == "html":
        return html.escape(text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text) if fmt == "markdown" else text


def _police_code(police: str) -> str:
    parsed = parse(police)
    return parsed.serial if parsed and parsed.kind == "police" else re.sub(r"\D", "", police)


# The police record's emblem (备案编号图标): the platform hands it out to download after approval
# (指南 11); the snippet names the file the page serves it as, to be saved there.
EMBLEM = "beian-police.png"


def _emblem(link: str) -> str:
    """The emblem <img> that goes inside the police link (none for the ministry's link)."""
    return f'<img src="{EMBLEM}" alt="" width="20" height="20" style="vertical-align:middle"> ' \
        if MPS_HOST in link else ""


def snippet(number: str, province: str = "", holder: str = "", police: str | None = None, fmt: str = "html",
            year: int | None = None) -> str:
    """The footer to paste: the number linked to the ministry, © where the province asks for it.
    `holder` and `police` are shown as text in every format: controls removed, HTML-escaped for
    html, Markdown punctuation backslash-escaped for markdown (no link or tag can be injected)."""
    want = expected(number, province, holder, police)
    parts: list[tuple[str, str | None]] = []  # (text, link)
    if want.copyright:
        parts.append((f"© {year or dt.date.today().year} {holder or '（单位名称）'} 版权所有", None))
    parts.append((want.number, MIIT_URL))
    if police:
        parts.append((police, f"https://{MPS_HOST}/#/query/webSearch?code={_police_code(police)}"))
    parts = [(_escaped(text, fmt), link) for text, link in parts]
    if fmt == "text":
        return "".join(f"{text}  {link}\n" if link else f"{text}\n" for text, link in parts)
    if fmt == "markdown":
        return " · ".join(f"[{text}]({link})" if link else text for text, link in parts) + "\n"
    body = [
        f'  <a href="{html.escape(link)}" target="_blank" rel="noopener">{_emblem(link)}{text}</a>' if link
        else f"  <span>{text}</span>"
        for text, link in parts
    ]
    return "\n".join(['<footer class="icp-footer">', *body, "</footer>"]) + "\n"


# -- is a given number this province's (the footer commands' --number/--police, the wizard's answers)

_WORDS = {
    "website": ("网站备案号", "a website's filing number"),
    "subject": ("主体备案号", "a subject's filing number"),
    "app": ("App 备案号", "an App's filing number"),
    "mini_program": ("小程序备案号", "a mini-program's filing number"),
    "quick_app": ("快应用备案号", "a quick app's filing number"),
    "licence": ("增值电信业务经营许可证号", "a telecom business licence (经营许可证) number"),
    "police": ("公安联网备案号", "a public-security filing number"),
}


def _say(reason: str, f: dict[str, str], zh: bool) -> str:
    if reason == "abbr" and f["other"]:
        what = ("ICP 备案号" if f["kind"] == "icp" else "公安备案号") if zh else (
            "filing numbers" if f["kind"] == "icp" else "police numbers")
        return (f"“{f['abbr']}”不是{what}的简称：{f['other']}的是“{f['right']}”" if zh else
                f"'{f['abbr']}' is not an abbreviation of {what}: {f['other']}'s is '{f['right']}'")
    if reason == "abbr":
        return (f"“{f['abbr'] or '（无）'}”不是省份简称" if zh
                else f"'{f['abbr'] or '(none)'}' is not a province's abbreviation")
    if reason == "province":
        begin = f"{f['expected']}{'ICP备' if f['kind'] == 'icp' else '公网安备'}"
        return (f"{f['province']}的号码以“{begin}”开头，不是“{f['abbr']}”（{f['home']}）" if zh else
                f"numbers of {f['province']} begin with {begin}, not {f['abbr']} ({f['home']})")
    if reason == "code-province":
        return (f"公安备案号的前两位应为{f['province']}的代码 {f['division']}" if zh else
                f"the code's first two digits must be {f['province']}'s code {f['division']}")
    if reason == "serial":
        return (f"序号应为 {f['lengths']} 位数字" if zh else f"the serial must have {f['lengths']} digits")
    return f"应写作 {f['canonical']}" if zh else f"write it {f['canonical']}"


def number_problem(number: str, province: str, lang: str = "en", *, subject: bool = False,
                   services: tuple[str, ...] = ("website",)) -> str | None:
    """Why `number` is not this province's filing number of one of `services` (website, app,
    mini_program, quick_app; or, with `subject`, its subject number either), as one sentence in
    `lang`; None if it is one. Licences, police, App and mini-program numbers are named for what
    they are."""
    zh = lang == "zh"
    parsed = parse(number)
    if parsed is None:
        return "备案号格式应为 浙ICP备12345678号-1" if zh else "write it like 浙ICP备12345678号-1"
    wanted = (*services, "subject") if subject else services
    if parsed.kind not in wanted:
        what = _WORDS[parsed.kind][0 if zh else 1]
        if parsed.kind == "licence":
            return (f"{number} 是{what}，与备案号并列显示，不能代替备案号" if zh else
                    f"{number} is {what}, shown beside, not instead of, the filing number")
        if parsed.kind == "subject":
            return "请填写网站备案号（带 -序号）" if zh else "give the website's number (with -n)"
        return (f"{number} 是{what}，不是网站备案号" if zh else f"{number} is {what}, not a website's")
    found = problems(parsed, province, builtin())
    return _say(*found[0], zh) if found else None


def police_problem(police: str, province: str = "", lang: str = "en") -> str | None:
    """Why `police` is not a public-security number (of `province`, if given); None if it is one."""
    zh = lang == "zh"
    parsed = parse(police)
    if parsed is None or parsed.kind != "police":
        return ("公安备案号格式应为 川公网安备 51010702001250号" if zh
                else "write it like 川公网安备 51010702001250号")
    found = [p for p in problems(parsed, province, builtin()) if p[0] != "form"]
    return _say(*found[0], zh) if found else None

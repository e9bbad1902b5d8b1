"""One grammar for every number a filed site shows: filing, licence and public-security numbers.

Shapes (TXN 名词解释 for the filing number; domain-facts sources in `icpfile/data/sources.yaml`):

- website   浙ICP备12345678号-1       subject serial of 8 (older) or 10 digits (year first), then -n
- subject   浙ICP备2021012345号        no -n; one per subject
- app       陕ICP备2024026116号-1A     -nA; mini-program -nX; quick app -nK (one sequence per subject)
- licence   京ICP证030173号, 粤B2-20090059   a telecom business licence (经营许可证), shown beside,
            not instead of, the filing number
- police    川公网安备 51010702001250号    MPS: 14 digits whose first two are the province's
            GB/T 2260 code (皖 is 34); older 京/沪 numbers have 12 digits

The ICP abbreviation and the police abbreviation differ in four provinces (四川 蜀/川, 贵州 黔/贵,
甘肃 陇/甘, 云南 滇); both, with the division code and the police code lengths, are province data in
`icpfile/data/provinces.yaml`. Scanning is linear: one compiled pattern per kind, no nested quantifiers
that overlap, over text normalised one character for one (full-width forms to ASCII, every dash
to '-', every space to ' '), so a match's offsets are offsets in the original text too.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from icpfile.records import Frozen

if TYPE_CHECKING:  # the province data is passed in: a value parser imports no data
    from icpfile.data.packs import Packs

SPLIT = "\x1f"  # put between the texts of two elements by the page reader; never in user text
_GAP = r"[ \n\x1f]{0,40}"  # bounded: every match attempt is short, so a scan is linear


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """kind → its pattern, compiled at the first text with a trigger in it, not at import: most
    drafts hold no number, and the three cost ~0.4 ms to compile in every process (#23)."""
    return {
        "icp": re.compile(
            rf"(?P<abbr>[^\W\d_])?{_GAP}ICP{_GAP}(?P<what>[备证])(?:{_GAP}案号?)?{_GAP}(?P<serial>[0-9][0-9\x1f]*)"
            rf"(?:{_GAP}(?P<hao1>号))?(?:{_GAP}-{_GAP}(?P<seq>[0-9]+)(?P<suffix>[AXKaxk])?(?P<hao2>{_GAP}号)?)?"
        ),
        "licence": re.compile(r"(?P<abbr>[^\W\d_])?(?P<cls>[AB][12](?:\.B[12])?)-(?P<serial>[0-9]{8})"
                              r"(?:-(?P<seq>[0-9]+)(?P<suffix>[AXK])?)?(?P<hao1>号)?"),
        "police": re.compile(rf"(?P<abbr>[^\W\d_])?{_GAP}公网安备{_GAP}(?P<serial>[0-9][0-9\x1f]*)(?P<hao1>{_GAP}号)?"),
    }


# Where a number can be: literal searches (str.find is far faster than a pattern with classes).
_TRIGGERS = (("ICP", "icp"), ("ＩＣＰ", "icp"), ("公网安备", "police"), ("B2-", "licence"), ("B1-", "licence"),
             ("A2-", "licence"), ("B1.", "licence"), ("Ｂ２", "licence"), ("Ｂ１", "licence"))
_BEFORE, _AFTER = 42, 200  # the most a number reaches before and after its trigger
_MANY = 64  # more places than this: scan the whole text at once


@cache
def _between_elements() -> re.Pattern[str]:
    return re.compile(r"[ \n]{0,40}\x1f[ \n]{0,40}")

_KINDS = {"": "website", "A": "app", "X": "mini_program", "K": "quick_app"}
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_WIDE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {ord(d): "-" for d in _DASHES} | {
    0x3000: " ", 0xA0: " ", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0x200B: SPLIT, 0x09: " ", 0x0D: " "}


def normalise(text: str) -> str:
    """The same text, one character for one: full-width ASCII forms (ＩＣＰ１２) as ASCII, dashes as
    '-', no-break, ideographic and other spaces as ' ', zero-width spaces as a split."""
    return text.translate(_WIDE)


class Number(Frozen):
    """One number as written. `forms` lists how the writing differs from the canonical one:
    "full-width", "spaces", "no-hao" (号 left out), "hao-after-seq" (-2号), "lower-case"."""

    kind: str  # website | subject | app | mini_program | quick_app | licence | police
    abbr: str  # the province abbreviation as written ("" if none)
    serial: str  # ICP serial, licence serial or police code, digits only
    seq: str | None  # website / app sequence
    canonical: str
    written: str  # the text as found
    forms: tuple[str, ...]
    start: int
    end: int
    raw_serial: str  # the serial's digits as written (full width stays full width)

    __slots__ = ("kind", "abbr", "serial", "seq", "canonical", "written", "forms", "start", "end", "raw_serial")

    def __init__(self, kind: str, abbr: str, serial: str, seq: str | None, canonical: str, written: str,
                 forms: tuple[str, ...] = (), start: int = 0, end: int = 0, raw_serial: str = "") -> None:
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "abbr", abbr)
        object.__setattr__(self, "serial", serial)
        object.__setattr__(self, "seq", seq)
        object.__setattr__(self, "canonical", canonical)
        object.__setattr__(self, "written", written)
        object.__setattr__(self, "forms", forms)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "raw_serial", raw_serial)

    @property
    def subject(self) -> str:
        """The subject's number this one belongs to (itself for a subject or police number)."""
        return self.canonical.split("-")[0] if self.kind in ("website", "app", "mini_program", "quick_app") \
            else self.canonical

    @property
    def filing(self) -> bool:
        return self.kind in ("website", "subject", "app", "mini_program", "quick_app")


def _make(kind_of: str, match: re.Match[str], original: str, offset: int) -> Number:
    groups = match.groupdict()
    abbr = groups.get("abbr") or ""
    serial = groups["serial"].replace(SPLIT, "")
    seq = groups.get("seq")
    suffix = (groups.get("suffix") or "").upper()
    forms: list[str] = []
    if kind_of == "police":
        kind, canonical = "police", f"{abbr}公网安备{serial}号"
    elif kind_of == "licence":
        kind = "licence"
        canonical = f"{abbr}{groups['cls']}-{serial}" + (f"-{seq}{suffix}" if seq else "")
    elif groups["what"] == "证":
        kind, canonical = "licence", f"{abbr}ICP证{serial}号" + (f"-{seq}" if seq else "")
    else:
        kind = _KINDS[suffix] if seq else "subject"
        canonical = f"{abbr}ICP备{serial}号" + (f"-{seq}{suffix}" if seq else "")
        if groups.get("hao2") and not groups.get("hao1"):
            forms.append("hao-after-seq")
        elif not groups.get("hao1") and not groups.get("hao2"):
            forms.append("no-hao")
        if groups.get("suffix") and groups["suffix"].islower():
            forms.append("lower-case")
    if kind == "police" and not groups.get("hao1"):
        forms.append("no-hao")
    start, end = offset + match.start(), offset + match.end()
    written = original[start:end]
    text = match.group(0)
    if written != text and any(ord(c) >= 0xFF01 for c in written):
        forms.append("full-width")
    spaced = _between_elements().sub("", text.replace("公网安备 ", "公网安备", 1) if kind == "police" else text)
    if " " in spaced and "\n" not in spaced:  # a line break in the page's source is not the writer's
        forms.append("spaces")
    raw_serial = original[offset + match.start("serial") : offset + match.end("serial")].replace(SPLIT, "")
    return Number(kind, abbr, serial, seq, canonical, written.replace(SPLIT, ""), tuple(forms), start, end,
                  raw_serial)


def _triggers(text: str) -> list[tuple[int, str]]:
    found = []
    for literal, kind_of in _TRIGGERS:
        at = text.find(literal)
        while at >= 0:
            found.append((at, kind_of))
            at = text.find(literal, at + 1)
    return sorted(found)


def scan(text: str) -> list[Number]:
    """Every filing, licence and police number in `text`, in order, however it is written.

    Literal searches find where a number could be (ICP, 公网安备, B2-, in ASCII or full width);
    the full pattern then runs on a short window around each place only, so a long page costs
    one pass of the literal search."""
    triggers = _triggers(text)
    if len(triggers) > _MANY:  # a page of little else: one pass of each pattern over all of it
        plain = normalise(text)
        every = [_make(kind_of, m, text, 0) for kind_of, pattern in _patterns().items()
                 for m in pattern.finditer(plain)]
        return sorted(every, key=lambda n: n.start)
    found: list[Number] = []
    done = 0  # the end of the last number found: windows never reread it
    for at, kind_of in triggers:
        if at < done:
            continue
        offset = max(done, at - _BEFORE)
        window = normalise(text[offset : at + _AFTER])
        pattern = _patterns()[kind_of]
        match = pattern.search(window, 0)
        while match is not None and offset + match.end() <= at:  # a match that ends before the trigger
            match = pattern.search(window, match.end())
        if match is None or offset + match.start() > at:
            continue
        number = _make(kind_of, match, text, offset)
        found.append(number)
        done = number.end
    return found


def parse(text: str) -> Number | None:
    """`text` as one number (surrounding spaces allowed), or None if it is anything else."""
    stripped = text.strip()
    found = scan(stripped)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0]
    return None


def same_filing(found: Number, given: Number) -> bool:
    """Is `found` the `given` filing number, or its subject's (指南 11: a site may show either)?"""
    return (found.filing and found.abbr == given.abbr and found.serial == given.serial
            and (found.seq is None or given.seq is None or (found.seq == given.seq and found.kind == given.kind)))


def province_of(number: Number, packs: Packs) -> str:
    """The province whose abbreviation the number carries ("" if none): ICP abbreviations for filing
    numbers and licences, police abbreviations for police numbers."""
    key = "police" if number.kind == "police" else "icp"
    return next((name for name, p in packs.provinces.items() if p.get(key) == number.abbr), "")


def problems(number: Number, province: str, packs: Packs) -> list[tuple[str, dict[str, str]]]:
    """What is wrong with a number for `province` ("" = any): (reason, fields) pairs. Reasons:
    "abbr" (not a province's abbreviation of this kind; `other` names the province whose other
    abbreviation it is), "province" (another province's), "serial" (wrong length), "code-province"
    (a police code whose first two digits are another province's), "form" (written unlike
    `canonical`). `packs` gives the provinces' abbreviations, division codes and police code lengths."""
    found: list[tuple[str, dict[str, str]]] = []
    key, other_key = ("police", "icp") if number.kind == "police" else ("icp", "police")
    home = province_of(number, packs)
    fields = {"number": number.written, "abbr": number.abbr, "canonical": number.canonical, "kind": key}
    if not home:
        other = next((n for n, p in packs.provinces.items() if p.get(other_key) == number.abbr), "")
        right = packs.provinces.get(other, {}).get(key, "")
        found.append(("abbr", {**fields, "other": other, "right": right}))
    elif province and home != province:
        found.append(("province", {**fields, "province": province, "home": home,
                                   "expected": packs.province(province).get(key, "")}))
    lengths = {"police": None, "licence": (6, 8)}.get(number.kind, (8, 10))
    if number.kind == "police":
        pack = packs.province(province or home)
        lengths = tuple(pack.get("police_code_lengths") or (14,))
        division = pack.get("division")
        if division and len(number.serial) in lengths and not number.serial.startswith(division):
            found.append(("code-province", {**fields, "division": division, "province": province or home}))
    if len(number.serial) not in lengths:
        found.append(("serial", {**fields, "lengths": "/".join(map(str, lengths))}))
    if number.forms:
        found.append(("form", {**fields, "forms": ", ".join(number.forms)}))
    return found

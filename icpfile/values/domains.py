"""Domain names as the filing system sees them: UTS 46 ASCII form and the registrable domain.

IDNs go through `idna` with UTS 46 mapping (so `例子。中国` and full-width `ＥＸＡＭＰＬＥ．ＣＯＭ`
are understood; Python's built-in codec is IDNA 2003 and would be wrong). The registrable domain
comes from `publicsuffixlist`, which bundles a dated copy of the Public Suffix List and never goes
to the network (tldextract fetches the live list by default), using only its ICANN section.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from icpfile.cache import cached_json

_URL_PARTS = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?(?:www\.)?([^/:?#\s]+)(?::\d+)?(?:[/?#].*)?\s*$")
_HOST_PARTS = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?([^/:?#\s]+)(?::\d+)?(?:[/?#].*)?\s*$")


def host_parts(value: str, keep_www: bool = False) -> str:
    """The host part of what the user typed: no scheme, port, path or spaces (nor www. unless kept;
    an app's `www.` host is a host of its own)."""
    match = (_HOST_PARTS if keep_www else _URL_PARTS).match(value)
    return match.group(1) if match else value.strip()


class DomainError(ValueError):
    """The text is not a domain name at all."""


# Letters, digits and inner hyphens only, no `--` in the third and fourth places (`xn--`): UTS 46
# maps such a name to its lower case and IDNA 2008 accepts it, so idna (24 ms to import) is needed
# only for anything else. One label too: a public suffix such as `net` asked back (#23).
_LDH_LABEL = r"(?!-)(?![a-z0-9]{2}--)[a-z0-9-]{1,63}(?<!-)"
_PLAIN_LDH = re.compile(rf"^(?:{_LDH_LABEL}\.)*{_LDH_LABEL}$")


@lru_cache(maxsize=1 << 16)  # every rule asks for every domain: the cache holds a whole draft's
def _ascii_or_error(domain: str) -> str | DomainError:
    plain = domain.strip().rstrip(".").lower()
    if len(plain) <= 253 and _PLAIN_LDH.match(plain):
        return plain
    import idna

    try:
        mapped = idna.uts46_remap(domain.strip().rstrip("."), std3_rules=False)
        too_long = _too_long(mapped)
        if too_long:  # refused before punycode, whose encoding is quadratic in the label's length
            return DomainError(too_long)
        return idna.encode(mapped).decode("ascii").lower()
    except (idna.IDNAError, UnicodeError) as exc:
        return DomainError(str(exc) or "invalid")


def _too_long(mapped: str) -> str | None:
    """Why a UTS 46-mapped name can never be a DNS name by length, or None: a label longer than 63
    characters stays longer in punycode (each character costs at least one), and so does a name
    longer than 253. Source: RFC 1035 §2.3.4; UTS 46 §4.2 (VerifyDnsLength)."""
    if len(mapped) > 253:
        return f"longer than 253 characters ({len(mapped)})"
    longest = max((len(label) for label in mapped.translate(_DOTS).split(".")), default=0)
    return f"a label is longer than 63 characters ({longest})" if longest > 63 else None


def to_ascii(domain: str) -> str:
    """The lower-case ASCII (punycode) form, or DomainError with the reason. Computed once per
    distinct text (failures too) and linear: a label over 63 characters or a name over 253, after
    UTS 46 mapping, is refused before punycode encoding."""
    answer = _ascii_or_error(domain)
    if isinstance(answer, DomainError):
        raise DomainError(*answer.args)
    return answer


def normalise(domain: str) -> str:
    """A comparison key: ASCII form when valid, else the trimmed lower-case text."""
    try:
        return to_ascii(domain)
    except DomainError:
        return domain.strip().lower()


class Suffixes:
    """The ICANN rules of the Public Suffix List as one set, asked as publicsuffixlist asks its own
    (`PublicSuffixList(accept_unknown=False, accept_encoded_idn=False)`): the same two methods
    and answers, which tests/test_domains.py checks on every rule of the list. Building the
    library's object re-reads all ~7,000 rules line by line in Python in every process (about
    7 ms, perf.md §1); this set is built from the cached list in well under a millisecond (#23).

    The algorithm is the list's own (publicsuffix.org/list, "Algorithm"): the matching rule with
    the most labels wins, an exception rule (`!city.kawasaki.jp`) means one label fewer, a wildcard
    (`*.kawasaki.jp`) one label more, and a wildcard's parent counts as listed. Queried in lower-case
    Unicode; a name with an empty label, or under no listed top-level domain, has no answer.
    """

    def __init__(self, rules: list[str]) -> None:
        self._rules = frozenset(rules)
        self._depth = max((rule.count(".") + 1 for rule in rules), default=0)

    def _public_labels(self, labels: list[str]) -> int:
        """How many of the last labels are public (0: none listed). At each length, longest
        first: exception, then wildcard, then the rule itself (the library's order)."""
        rules, count = self._rules, len(labels)
        for start in range(max(0, count - self._depth - 1), count):
            suffix = ".".join(labels[start:])
            length = count - start
            if "!" + suffix in rules:
                return length - 1
            if "*." + suffix in rules:
                return length + 1 if start > 0 else length
            if suffix in rules:
                return length
        return 0

    def _answer(self, domain: str, private: int) -> str | None:
        labels = (domain[:-1] if domain.endswith(".") else domain).lower().split(".")
        if "" in labels:
            return None
        public = self._public_labels(labels)
        if not public or len(labels) < public + private:
            return None
        return ".".join(labels[-(public + private):])

    def publicsuffix(self, domain: str) -> str | None:
        """The longest public suffix (`com.cn`), or None."""
        return self._answer(domain, 0)

    def privatesuffix(self, domain: str) -> str | None:
        """The suffix plus one label (`example.com.cn`), or None when the name is itself public."""
        return self._answer(domain, 1)


@cache
def _psl() -> Suffixes:
    """The ICANN section of publicsuffixlist's bundled list, queried in Unicode (no punycode copies
    of the IDN rules: `_ask` decodes `xn--` names first)."""
    from publicsuffixlist import PSLFILE

    with open(PSLFILE, "rb") as handle:
        return Suffixes(cached_json("psl-icann", handle.read(), _icann_rules))


def _icann_rules(source: bytes) -> list[str]:
    """The rules of the list's ICANN section, read as publicsuffixlist reads them (first word of
    each line that is not a comment, lower-cased); tests/test_domains.py checks the two agree."""
    rules: list[str] = []
    inside = False
    for line in source.decode("utf-8").splitlines():
        text = line.rstrip()
        if text == "// ===BEGIN ICANN DOMAINS===":
            inside = True
        elif text == "// ===END ICANN DOMAINS===":
            break
        elif inside and text and not text.startswith("//"):
            rules.append(text.lower().split(" ")[0])
    return rules


@lru_cache(maxsize=1 << 16)
def _ask(method: str, ascii_domain: str) -> str | None:
    answer = getattr(_psl(), method)(to_unicode(ascii_domain).lower())
    return to_ascii(answer) if answer else None


def public_suffix(ascii_domain: str) -> str | None:
    """The ICANN public suffix of a domain (`com.cn`), or None for an unknown top-level domain."""
    return _ask("publicsuffix", ascii_domain)


def registrable(ascii_domain: str) -> str | None:
    """The registrable domain (`example.com.cn`), or None when the name is itself a suffix."""
    return _ask("privatesuffix", ascii_domain)


@lru_cache(maxsize=1 << 16)
def to_unicode(ascii_domain: str) -> str:
    if "xn--" not in ascii_domain:
        return ascii_domain
    import idna

    try:
        return idna.decode(ascii_domain)
    except (idna.IDNAError, UnicodeError):
        return ascii_domain


_DOTS = str.maketrans({"。": ".", "．": ".", "｡": "."})
_SCRIPTS = ("Latin", "Cyrillic", "Greek", "Han", "Hiragana", "Katakana", "Hangul", "Bopomofo", "Armenian",
            "Georgian", "Cherokee", "Arabic", "Hebrew", "Thai", "Devanagari")
# Script sets UTS 39 §5.2 ("Highly Restrictive") accepts in one label; any single script is fine too.
_ALLOWED_MIXES = (frozenset({"Latin", "Han", "Hiragana", "Katakana"}), frozenset({"Latin", "Han", "Bopomofo"}),
                  frozenset({"Latin", "Han", "Hangul"}))


@cache
def _script_pattern():
    import regex

    groups = "|".join(f"(?P<{name}>\\p{{Script={name}}})" for name in _SCRIPTS)
    return regex.compile(f"{groups}|(?P<Other>\\p{{L}})")


def uts46_changes(typed: str) -> str | None:
    """The UTS 46 (Unicode form) of `typed` when processing drops or changes more than case,
    width and the full stop (a zero-width space or soft hyphen silently deleted), else None.
    `typed` is a bare host name; an invalid one gives None (ICP512 reports it)."""
    if typed.isascii():  # letters, digits, hyphens, dots and xn-- labels: only case can change
        return None
    try:
        mapped = to_unicode(to_ascii(typed))
    except DomainError:
        return None
    expected = unicodedata.normalize("NFKC", typed.strip().rstrip(".").translate(_DOTS)).casefold()
    return mapped if expected != mapped else None


def mixed_scripts(typed: str) -> tuple[str, list[str]] | None:
    """(label, scripts) of the first label that mixes scripts UTS 39's Highly Restrictive level
    does not allow together (Latin with Cyrillic а or Greek ο), else None. Linear."""
    try:
        unicode_form = to_unicode(to_ascii(typed))
    except DomainError:
        return None
    if unicode_form.isascii():
        return None
    for label in unicode_form.split("."):
        scripts = {m.lastgroup for m in _script_pattern().finditer(label)}
        if len(scripts) > 1 and not any(scripts <= allowed for allowed in _ALLOWED_MIXES):
            return label, sorted(scripts)
    return None


def not_canonical(typed: str) -> str | None:
    """The UTS 46 (Unicode) form of `typed` when it differs from what was typed beyond case and a
    final dot: full-width letters (ＥＸＡＭＰＬＥ), ideographic or full-width full stops
    (example。com), a letter typed as a base and a combining mark (exa\u0301mple → exámple). The
    filing system stores the canonical form; the typed one is not what a registrar shows. None
    when it is canonical or invalid (ICP512 reports that). Source: UTS 46 §4 (mapping, NFC)."""
    if typed.isascii():
        return None
    try:
        mapped = to_unicode(to_ascii(typed))
    except DomainError:
        return None
    plain = typed.strip().rstrip(".")
    return mapped if plain.lower() != mapped else None


@cache
def _look_alike_labels():
    import regex

    # Labels a look-alike is made of: letters of the scripts with Latin homoglyphs, digits, hyphens.
    return regex.compile(r"[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}"
                         r"\p{Script=Cherokee}0-9-]+")


@cache
def _homoglyphs() -> dict[str, list[dict[str, str]]]:
    """Unicode's confusables (UTS 39 confusables.txt) as the confusable-homoglyphs package ships
    them: character → the characters it is confusable with. Loaded only for a suspect label."""
    from confusable_homoglyphs.confusables import confusables_data

    return confusables_data


_SMALL_CAPITAL = re.compile(r"^LATIN LETTER SMALL CAPITAL ([A-Z])$")


def _ascii_like(char: str) -> str | None:
    """The ASCII letter or digit `char` is drawn like, or None."""
    if char.isascii():
        return char
    small_capital = _SMALL_CAPITAL.match(unicodedata.name(char, ""))
    if small_capital:  # ᴇ U+1D07: confusables.txt pairs it only with Cherokee ꭼ
        return small_capital[1].lower()
    for glyph in _homoglyphs().get(char, []):
        if glyph["c"].isascii() and glyph["c"].isalnum():
            return glyph["c"].lower()
    return None


def look_alike(typed: str) -> tuple[str, str] | None:
    """(label, ASCII label it imitates) for the first label of `typed` whose every character is
    drawn like an ASCII letter or digit although some are not ASCII: a whole-script confusable
    (аррӏе, all Cyrillic, reads apple) or an uncommon Latin letter (ᴇxample). Labels mixing
    scripts are ICP531's; Chinese, Japanese and Korean labels are never suspects. Linear in the
    name. Source: UTS 39 §4 (whole-script confusables), §5.2."""
    try:
        unicode_form = to_unicode(to_ascii(typed))
    except DomainError:
        return None
    if unicode_form.isascii() or mixed_scripts(typed) is not None:
        return None
    for label in unicode_form.split("."):
        if label.isascii() or not _look_alike_labels().fullmatch(label):
            continue
        like = [_ascii_like(char) for char in label]
        if all(like):
            return label, "".join(like)  # type: ignore[arg-type]
    return None


# Between the domains of a website that holds several: white space, commas, semicolons, 、, | and /.
_LIST_SEPARATORS = re.compile(r"[\s,，;；、|/]+")


def several_domains(value: str) -> list[str]:
    """The domains of a value that holds two or more (`a.com b.com`, `a.com，b.cn`), else [].

    Linear: one split, one conversion per part.
    """
    parts = [p for p in _LIST_SEPARATORS.split(value.strip()) if p]
    if len(parts) < 2:
        return []
    for part in parts:
        try:
            ascii_form = to_ascii(host_parts(part))
        except DomainError:
            return []
        if "." not in ascii_form or public_suffix(ascii_form) is None:
            return []
    return parts

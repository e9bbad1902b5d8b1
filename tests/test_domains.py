"""Domains: our cached ICANN rules give publicsuffixlist's answers, on the PSL's own test cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from publicsuffixlist import PSLFILE, PublicSuffixList

from icpfile.values import domains

from conftest import ROOT, check_text

TEST_PSL = Path(PSLFILE).parent / "test_psl.txt"
CASE = re.compile(r"checkPublicSuffix\(('?[^',]*'?|null), ('?[^']*'?|null)\);")


def test_cached_rules_match_the_library() -> None:
    reference = PublicSuffixList(only_icann=True, accept_unknown=False, accept_encoded_idn=False)
    ours = domains._psl()
    for name in ["example.com", "a.b.example.co.uk", "例子.中国", "x.gov.cn", "com.cn", "a.b.公司.cn",
                 "foo.github.io", "www.ck", "a.kawasaki.jp", "city.kawasaki.jp", "example.zzz"]:
        assert ours.privatesuffix(name) == reference.privatesuffix(name), name
        assert ours.publicsuffix(name) == reference.publicsuffix(name), name


@pytest.mark.skipif(not TEST_PSL.exists(), reason="publicsuffixlist ships test_psl.txt")
def test_psl_test_cases_for_registrable_domains() -> None:
    """The list's own test file (CC0), private-section cases excluded: we use the ICANN section.

    The reference here keeps punycode copies of the IDN rules, so it answers for `xn--` names too.
    """
    reference = PublicSuffixList(only_icann=True, accept_unknown=False)
    checked = 0
    for raw, expected in CASE.findall(TEST_PSL.read_text(encoding="utf-8")):
        if raw == "null" or raw.startswith("'.") or expected == "null":
            continue
        name = raw.strip("'").lower()
        try:
            ascii_name = domains.to_ascii(name)
        except domains.DomainError:
            continue
        if reference.privatesuffix(name) is None:
            continue
        assert domains.registrable(ascii_name) == domains.to_ascii(reference.privatesuffix(name)), name
        checked += 1
    assert checked > 20


def test_idn_forms() -> None:
    assert domains.to_ascii("例子。中国") == "xn--fsqu00a.xn--fiqs8s"
    assert domains.to_ascii("ＥＸＡＭＰＬＥ．ＣＯＭ") == "example.com"
    assert domains.registrable("www.xn--fsqu00a.xn--fiqs8s") == "xn--fsqu00a.xn--fiqs8s"
    with pytest.raises(domains.DomainError):
        domains.to_ascii("a..b")


@pytest.mark.parametrize(
    "name",
    ["example.com", "EXAMPLE.com", "a-b.example.cn", "-a.com", "a-.com", "ab--cd.com", "xn--fsqu00a.xn--fiqs8s",
     "xn--abc.com", "a" * 63 + ".com", "a" * 64 + ".com", "a.b.c.d.e.f", "1.2.3.4", "a_b.com", "a..b", "example.com.",
     "例子.中国", "ＥＸＡＭＰＬＥ．ＣＯＭ", "exa mple.com"],
)
def test_plain_fast_path_agrees_with_idna(name: str) -> None:
    """Names that skip idna get exactly the answer idna would give."""
    import idna

    try:
        expected = idna.encode(name.strip().rstrip("."), uts46=True).decode("ascii").lower()
    except (idna.IDNAError, UnicodeError):
        expected = None
    try:
        got = domains.to_ascii(name)
    except domains.DomainError:
        got = None
    assert got == expected


def test_a_url_gets_one_fix_that_holds() -> None:
    """Issue 22, P9: ICP510 said "write docs.example.cn" and ICP511 at the same place "file
    example.cn"; following the first raised the second. Now one finding names the value to file."""
    text = (ROOT / "examples" / "enterprise-first-filing.yaml").read_text(encoding="utf-8")
    domain = yaml.safe_load(text)["websites"][0]["domain"]
    found = check_text(text.replace(f"domain: {domain}", f"domain: https://docs.{domain}/", 1))
    at_domain = [f for f in found if f.pointer == "/websites/0/domain"]
    assert [f.rule for f in at_domain] == ["ICP510"]
    assert f"write {domain}" in at_domain[0].hint
    fixed = check_text(text)
    assert not [f for f in fixed if f.pointer == "/websites/0/domain"]

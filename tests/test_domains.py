"""Domains: our cached ICANN rules give publicsuffixlist's answers, on the PSL's own test cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from publicsuffixlist import PSLFILE, PublicSuffixList

from icpfile.findings import Severity
from icpfile.values import domains

from conftest import (
    ROOT,
    check_text,
    codes,
    dump,
    example_base,
    example_findings,
    only,
    person_in,
)

TEST_PSL = Path(PSLFILE).parent / "test_psl.txt"
CASE = re.compile(r"checkPublicSuffix\(('?[^',]*'?|null), ('?[^']*'?|null)\);")


def test_cached_rules_match_the_library() -> None:
    reference = PublicSuffixList(only_icann=True, accept_unknown=False, accept_encoded_idn=False)
    ours = domains._psl()
    for name in ["example.com", "a.b.example.co.uk", "例子.中国", "x.gov.cn", "com.cn", "a.b.公司.cn",
                 "foo.github.io", "www.ck", "a.kawasaki.jp", "city.kawasaki.jp", "example.zzz"]:
        assert ours.privatesuffix(name) == reference.privatesuffix(name), name
        assert ours.publicsuffix(name) == reference.publicsuffix(name), name


def test_our_suffix_set_answers_as_the_library_on_every_icann_rule() -> None:
    """Every rule of the ICANN section, as itself, one label below it, two below, and its parent
    (exceptions and wildcards included: `!city.kawasaki.jp`, `*.kawasaki.jp`, `*.ck`, `www.ck`),
    plus unknown top-level domains and malformed names: `domains.Suffixes` gives
    publicsuffixlist's answers, so replacing the library's object (7 ms to build per process)
    changed no registrable domain (#23)."""
    reference = PublicSuffixList(only_icann=True, accept_unknown=False, accept_encoded_idn=False)
    ours = domains._psl()
    with open(PSLFILE, "rb") as handle:
        rules = domains._icann_rules(handle.read())
    names = {"net", "cn", "example.zzz", "zzz", "a..b", "example.com.", ".com", "", "EXAMPLE.COM"}
    for rule in rules:
        bare = rule.lstrip("!").removeprefix("*.")
        names.update({bare, f"x.{bare}", f"y.x.{bare}", bare.partition(".")[2]})
    assert len(names) > 20_000
    for name in sorted(names):
        assert ours.publicsuffix(name) == reference.publicsuffix(name), name
        assert ours.privatesuffix(name) == reference.privatesuffix(name), name


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
     "例子.中国", "ＥＸＡＭＰＬＥ．ＣＯＭ", "exa mple.com", "net", "cn", "NET.", "xn--fiqs8s", "xn--abc",
     "example.xn--fiqs8s", "example.xn--abc", "-net", "ab--cd"],
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


@pytest.mark.parametrize(("domain", "code"), [("exa\u200bmple.com", "ICP530"), ("ex\u00adample.com", "ICP530"),
                                              ("exаmple.com", "ICP531"), ("gοοgle.com", "ICP531")])
def test_a_domain_cannot_hide_or_imitate(domain: str, code: str) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    data = example_base("enterprise")
    data["websites"][0]["domain"] = domain
    assert code in [f.rule for f in check_text(dump(data))]


def test_a_label_over_63_or_a_name_over_253_is_refused_before_punycode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    import idna

    from icpfile.values import domains

    domains._ascii_or_error.cache_clear()
    monkeypatch.setattr(idna, "encode", lambda *a, **k: pytest.fail("punycode was run"))
    with pytest.raises(domains.DomainError, match="63"):
        domains.to_ascii("а" * 64 + ".com")
    with pytest.raises(domains.DomainError, match="253"):
        domains.to_ascii(".".join(["а" * 60] * 5))
    monkeypatch.undo()
    domains._ascii_or_error.cache_clear()
    assert domains.to_ascii("а" * 10 + ".com").startswith("xn--")  # a short one is still encoded


@pytest.mark.parametrize(("domain", "code"), [
    ("ＥＸＡＭＰＬＥ.com", "ICP532"), ("example。com", "ICP532"), ("example．com", "ICP532"),
    ("example｡com", "ICP532"), ("exa\u0301mple.com", "ICP532"),
    ("ᴇxample.com", "ICP533"), ("xn--80ak6aa92e.com", "ICP533"), ("аррӏе.com", "ICP533"),
])
def test_non_canonical_and_look_alike_domains_are_warned(domain: str, code: str) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    from conftest import check_text, dump

    data = example_base("enterprise")
    data["websites"][0]["domain"] = domain
    found = [f for f in check_text(dump(data)) if f.rule == code]
    assert found and found[0].severity.value == "warning"


@pytest.mark.parametrize("domain", ["例子.中国", "пример.рф", "münchen.de", "BÜCHER.de", "EXAMPLE.COM", "gοοgle.com"])
def test_real_idns_are_neither_non_canonical_nor_look_alikes(domain: str) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    from icpfile.values import domains

    assert domains.not_canonical(domain) is None and domains.look_alike(domain) is None


@pytest.mark.parametrize(("example", "code", "severity"), [
    ({"base": "enterprise", "set": {"/websites/0/domain": "example.io"}}, "ICP515", Severity.ERROR),
    ({"base": "enterprise", "set": {"/websites/0/domain": "example.tech"}}, "ICP516", Severity.WARNING),
    (person_in("上海市", "31", **{"/websites/0/domain": "example.tv"}), "ICP515", Severity.ERROR),
    ({"base": "enterprise", "set": {"/subject/province": "北京市", "/websites/0/domain": "example.dev"}},
     "ICP515", Severity.ERROR),
])
def test_suffixes_refused_and_pending(example: dict, code: str, severity: Severity) -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    finding = only(example_findings(example), code)
    assert finding.pointer == "/websites/0/domain" and finding.severity is severity
    assert "ICP513" not in codes(example_findings(example))


def test_a_shanghai_unit_may_file_tv() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    example = {"base": "enterprise", "set": {"/subject/province": "上海市", "/websites/0/domain": "example.tv"}}
    assert not {"ICP513", "ICP515", "ICP516"} & set(codes(example_findings(example)))


def test_two_domains_in_one_website_get_the_one_domain_rule_not_an_idna_error() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    found = example_findings({"base": "enterprise", "set": {"/websites/0/domain": "example.com example.cn"}}, lang="en")
    finding = only(found, "ICP517")
    assert "2019-04-22" in finding.message and "example.cn" in finding.hint
    assert not {"ICP510", "ICP511", "ICP512"} & set(codes(found))


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


def test_each_domain_is_parsed_once_per_draft_whatever_the_rules_that_ask(monkeypatch) -> None:
    """#23: six domain rules (ICP510/511 and the suffix rules ICP513/514/515/516) each parsed
    every domain again (IDNA, the suffix list); `Context.memo` keeps one parse per value per draft,
    and the findings stay those of parsing it each time (.ac is still off the fileable list)."""
    from icpfile.checks import domains as rules

    parsed: list[str] = []
    real = rules._parse
    monkeypatch.setattr(rules, "_parse", lambda value: parsed.append(value) or real(value))
    draft = example_base("enterprise")
    draft["websites"][0]["domain"] = "example.ac"
    draft["websites"].append({**draft["websites"][0], "domain": "example.cn"})
    found = check_text(dump(draft))
    assert sorted(parsed) == ["example.ac", "example.cn"]
    assert [f.pointer for f in found if f.rule == "ICP513"] == ["/websites/0/domain"]  # .ac: not on the list

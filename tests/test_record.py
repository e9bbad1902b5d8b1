"""The draft against its approved record (checks/record.py): only a real change is a change filing."""

from __future__ import annotations

import pytest

from conftest import ROOT, check_text, codes

FILED = (ROOT / "examples" / "filed-site-with-police.yaml").read_text(encoding="utf-8")
SITE_DOMAIN = "    domain: example.com\n    access:"


def record_codes(text: str) -> list[str]:
    return [c for c in codes(check_text(text)) if c.startswith("ICP67")]


@pytest.mark.parametrize("edited", [
    FILED.replace(SITE_DOMAIN, "    domain: Example.COM\n    access:", 1),  # capitals
    FILED.replace(SITE_DOMAIN, "    domain: example.com.\n    access:", 1),  # the root's trailing dot
    FILED.replace("ip: [47.96.10.20]\n    content", "ip: [47.96.10.21, 47.96.10.20]\n    content", 1).replace(
        "ip: [47.96.10.20]}", "ip: [47.96.10.20, 47.96.10.21]}", 1),  # the same IPs in another order
    FILED.replace("ip: [47.96.10.20]\n    content", "ip: [' 47.96.10.20']\n    content", 1),
])
def test_the_same_domain_or_ips_written_otherwise_need_no_change_filing(edited: str) -> None:
    """Origin: #21 (B22): a domain differing only by case or a trailing dot, or the IPs in another
    order, was a change of the website (ICP671) or of access (ICP672); compared normalised now."""
    assert edited != FILED
    assert record_codes(edited) == []


def test_an_idn_written_in_punycode_is_the_filed_website() -> None:
    """The record's `例子.中国` and the draft's `xn--fsqu00a.xn--fiqs8s` are one domain (UTS 46)."""
    filed = FILED.replace("domain: example.com", "domain: 例子.中国")
    assert record_codes(filed) == []
    punycode = filed.replace(SITE_DOMAIN.replace("example.com", "例子.中国"),
                             "    domain: xn--fsqu00a.xn--fiqs8s\n    access:", 1)
    assert punycode != filed
    assert "ICP673" not in record_codes(punycode) and "ICP675" not in record_codes(punycode)


def test_a_real_change_is_still_reported() -> None:
    other_ip = FILED.replace("ip: [47.96.10.20]\n    content", "ip: [47.96.10.20, 47.96.10.21]\n    content", 1)
    assert record_codes(other_ip) == ["ICP672"]
    other_domain = FILED.replace(SITE_DOMAIN, "    domain: example.net\n    access:", 1)
    assert "ICP673" in record_codes(other_domain)


def test_the_changes_since_approval_are_found_once_per_check(monkeypatch) -> None:
    """breaker22 L18: seven rules each compared the draft with its record (a website of 91,000 IPs
    took 2.96 s); the comparison is made once per check (Context.changes_since_approval)."""
    from icpfile.data import changes

    from conftest import apply_example, check_text

    calls = []
    real = changes.found
    monkeypatch.setattr(changes, "found", lambda data: calls.append(1) or real(data))
    check_text(apply_example({"base": "enterprise_filed", "set": {"/websites/0/name": "云栖示例科技主页"}}))
    assert len(calls) == 1

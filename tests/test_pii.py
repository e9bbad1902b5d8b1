"""Personal data masked by shape (icpfile/values/pii.py, values/echo.py) wherever it is echoed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import (
    check_text,
    dump,
    example_base,
    invoke,
    only,
)


def _pii_draft(tmp_path: Path) -> Path:
    from conftest import dump

    data = example_base("enterprise")
    data["subject"][PII_KEY] = 2
    data["subject"][PII_MOBILE] = 1
    path = tmp_path / f"{PII_KEY}-13800138001.yaml"
    path.write_text(dump(data), encoding="utf-8")
    return path


PII_KEY, PII_MOBILE = "330106198807202348", "x13800138001"


def test_ids_and_mobiles_are_masked_by_shape_wherever_they_are() -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    data = example_base("enterprise")
    data["subject"]["principal"]["mobile"] = "330106198503151238"  # an ID typed as a mobile
    data["subject"]["principal"]["email"] = "13912345678@163.com"
    data["subject"]["principal"]["id_type"] = "330106198503151238"
    text = "\n".join(f.message + f.hint for f in check_text(dump(data)))
    assert "330106198503151238" not in text and "13912345678" not in text
    assert "19850315" not in text and "3301061985" not in text


def test_icp305_does_not_print_the_birth_date_beside_the_masked_id() -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    data = example_base("personal")
    data["subject"]["certificate"]["number"] = "330106198502301232"
    finding = only(check_text(dump(data)), "ICP305")
    assert "0230" not in finding.message and "19850230" not in finding.message


def test_icp309_masks_the_organization_code_that_would_undo_the_uscc_s_mask() -> None:
    """Characters 9-17 of the USCC were echoed in full beside the masked USCC (agency29's leftover)."""
    data = example_base("enterprise")
    data["subject"]["certificate"]["number"] = "91330100716105851U"
    finding = only(check_text(dump(data)), "ICP309")
    assert "71610585" not in finding.message and "******85-1" in finding.message


def test_a_cited_source_is_shown_as_written() -> None:
    """A citation's date and issue number (`firekylin#731 2019-12-19`) were masked as an ID's digits
    (`****-12-19`, walker30)."""
    data = example_base("personal")
    data["websites"][0]["name"] = "张三的博客"
    finding = only(check_text(dump(data)), "ICP218")
    assert "#731 2019-12-19" in finding.hint and "****-12-19" not in finding.hint


def test_one_finding_echoes_a_shortened_value() -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    data = example_base("enterprise")
    data["websites"][0]["name"] = "云" * 5000 + "!"
    finding = only(check_text(dump(data)), "ICP203")
    assert len(finding.message) < 200 and "…" in finding.message


def test_masking_by_shape_keeps_public_numbers() -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    from icpfile.values.pii import mask_text

    assert mask_text("电话 13912345678-1") == "电话 139*****678-1"
    assert mask_text("8613912345678") == "861******5678"
    assert mask_text("浙公网安备 33010602011234号") == "浙公网安备 33010602011234号"
    assert mask_text("浙ICP备1234567890号-1 2026-11-29") == "浙ICP备1234567890号-1 2026-11-29"


def test_a_server_ipv4_address_is_not_masked_but_a_phone_beside_it_is() -> None:
    """A server's address is public (ICP520 echoes it); only a dotted run that is no address masks."""
    from icpfile.values.pii import mask_text

    assert mask_text("192.168.100.200") == "192.168.100.200"
    assert mask_text("ip 192.168.100.200 and 13912345678") == "ip 192.168.100.200 and 139****5678"
    assert mask_text("139.123.456.78") == "139.***.*56.78"  # 456 is no octet: not an address


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "gitlab"])
def test_ids_in_pointers_and_file_names_are_masked(tmp_path: Path, fmt: str) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    path = _pii_draft(tmp_path)
    result = invoke("check", str(path), "--format", fmt, "--isolated")
    assert result.exit_code == 1, result.output
    for secret in ("198807202", "0013800", "8001380"):
        assert secret not in result.output
    assert "2348" in result.output  # the unmasked ends still tell which file and key


def test_show_pii_shows_pointers_and_file_names_in_full(tmp_path: Path) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    path = _pii_draft(tmp_path)
    result = invoke("check", str(path), "--format", "json", "--isolated", "--show-pii")
    report = json.loads(result.output)["files"][0]
    assert PII_KEY in report["path"]
    assert f"/subject/{PII_KEY}" in {f["pointer"] for f in report["findings"]}


@pytest.mark.parametrize(("typed", "shown"), [
    ("139 - 1234 - 5678", "139 - **** - 5678"),
    ("+86 139 1234 5678", "+86 1** **** 5678"),
    ("110105 . 19491231 . 002X", "110*** . ******** . 002X"),
])
def test_masking_is_by_digits_whatever_separates_them(typed: str, shown: str) -> None:
    """issue 24, D01–D03: at most 7 digits shown (first 3, last 4), separators kept as typed."""
    from icpfile.values.pii import mask_phone, mask_text

    assert mask_text(typed) == shown and mask_phone(typed) == shown
    assert sum(c.isdigit() for c in shown) <= 7


@pytest.mark.parametrize(("typed", "shown"), [
    ("2026-11-20 2027-01-01", "2026-11-20 2027-01-01"),
    ("20261120-20361120", "20261120-20361120"),
    ("有效期 2020.01.01-2040.01.01", "有效期 2020.01.01-2040.01.01"),
    ("valid 2020/01/01 - 2040/1/1", "valid 2020/01/01 - 2040/1/1"),
    ("2026-11-20 13912345678", "2026-11-20 139****5678"),
    ("13912345678 2026-11-20", "139****5678 2026-11-20"),
    ("330106198807202348 2020.01.01-2040.01.01", "330***********2348 2020.01.01-2040.01.01"),
    # a date inside a run, or beside a few digits, is part of the number: masked with it
    ("110105 19491231 002X", "110*** ******** 002X"),
    ("110105 . 19491231 . 002X", "110*** . ******** . 002X"),
    ("2020-13-01 12345678", "202*-**-** ****5678"),
    ("19491231 002X", "194***** 002X"),  # an ID's birth date and sequence
    # digits beside a date in no ID's shape are no ID's: a citation (walker30: `****-12-19`)
    ("1101 2020-01-01", "1101 2020-01-01"),
    ("firekylin#731 2019-12-19", "firekylin#731 2019-12-19"),
    # an ID split by a line break or a zero-width space (breaker23 M3: 13 of 18 digits shown)
    ("330106198\n807202348", "330******\n*****2348"),
    ("33010\u200b6198807202348", "330**\u200b*********2348"),
    ("2026-11-20\n13912345678", "2026-11-20\n139****5678"),
])
def test_dates_are_not_masked_as_ids_but_ids_and_phones_beside_them_are(typed: str, shown: str) -> None:
    """issue 24 (hostile29): a validity period `20261120-20361120` was shown as `202*****-****1120`."""
    from icpfile.values.pii import mask_text

    assert mask_text(typed) == shown


def test_date_peeling_is_linear_on_a_long_run_of_dates() -> None:
    from icpfile.values.pii import mask_text

    dates = " ".join(["2020-01-01"] * 50_000)
    assert mask_text(f"{dates} 13912345678") == f"{dates} 139****5678"
    assert mask_text(f"13912345678 {dates}") == f"139****5678 {dates}"


def test_a_credit_code_with_letters_is_masked_as_an_all_digit_one_is() -> None:
    """walker22: `91310104MA1K000490` (the usual form since 2015) was printed in full by check and
    every report, where `913301007161058530` is masked."""
    from icpfile.values.pii import mask_text

    assert mask_text("统一社会信用代码 91310104MA1K000490 的校验位") == "统一社会信用代码 913***********0490 的校验位"
    assert mask_text("913301007161058530") == "913***********8530"
    assert mask_text("order-91310104MA1K000490x") == "order-91310104MA1K000490x"  # part of a longer word

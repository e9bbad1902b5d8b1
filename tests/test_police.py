"""The police: section: checked as the ICP draft is, against it, and listed by `icpfile rules`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from icpfile.checks.police import division_codes
from icpfile.data.catalog import rules

from conftest import apply_example, check_text, codes

ROOT = Path(__file__).resolve().parent.parent


def test_a_filed_site_with_its_police_section_has_no_error_or_warning() -> None:
    for base in ("personal_police", "enterprise_police"):
        found = check_text(apply_example({"base": base}))
        assert [f.rule for f in found if f.severity.value != "info"] == [], base


def test_the_division_codes_read_the_public_records_pairs() -> None:
    table = division_codes()
    assert table["codes"]["420106"] == "湖北省 武汉市 武昌区"  # 42010602000215: 武昌区网安大队 (PUBREC)
    assert table["codes"]["110000"] == "北京市"  # 11000002000001: 北京市网安总队
    assert table["codes"]["330110"].endswith("余杭区")


def test_a_police_number_of_another_city_is_an_info_and_a_made_up_code_a_warning() -> None:
    other_city = apply_example({"base": "personal_police",
                                "set": {"/police/websites/0/number": "浙公网安备 33020302012345号"}})
    assert "ICP668" in codes(check_text(other_city))
    made_up = apply_example({"base": "personal_police",
                             "set": {"/police/websites/0/number": "浙公网安备 33990602012345号"}})
    found = check_text(made_up)
    assert "ICP667" in codes(found) and "ICP668" not in codes(found)


def test_the_police_section_is_matched_by_domain_not_by_position() -> None:
    text = apply_example({"base": "enterprise_police",
                          "set": {"/police/websites/0/domain": "EXAMPLE.com"}})
    assert "ICP650" not in codes(check_text(text))


def test_icpfile_rules_lists_the_police_rules_with_sources() -> None:
    police = [r for r in rules().values() if "ICP650" <= r.code <= "ICP668"]
    assert len(police) >= 15 and all(r.source for r in police)
    out = subprocess.run([sys.executable, "-m", "icpfile", "rules", "ICP663", "--lang", "en"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0 and "SAFE18" in out.stdout and "safety" in out.stdout


def test_a_police_number_of_another_district_of_the_same_city_is_told() -> None:
    """#21: 330110 is 余杭区; the person lives in 西湖区 of the same city: the number is not local."""
    other_district = apply_example({"base": "personal_police",
                                    "set": {"/police/websites/0/number": "浙公网安备 33011002012345号"}})
    found = [f for f in check_text(other_district) if f.rule == "ICP668"]
    assert len(found) == 1 and "余杭区" in found[0].message and "西湖区" in found[0].message
    city_office = apply_example({"base": "personal_police",
                                 "set": {"/police/websites/0/number": "浙公网安备 33010002012345号"}})
    assert "ICP668" not in codes(check_text(city_office))  # 杭州市's own office
    form_address = apply_example({"base": "personal_police",
                                  "set": {"/police/websites/0/number": "浙公网安备 33011002012345号",
                                          "/police/subject": {"address": "浙江省杭州市余杭区文一西路100号"}}})
    assert "ICP668" not in codes(check_text(form_address))  # the police form's address decides


def test_a_police_entry_left_on_a_domain_the_draft_dropped_is_a_warning() -> None:
    """#21: the site moved to example.cn after approval; the police entry still names example.com."""
    moved = apply_example({"base": "enterprise_police", "set": {"/websites/0/domain": "example.cn"}})
    found = check_text(moved)
    stale = [f for f in found if f.rule == "ICP650"]
    assert len(stale) == 1 and stale[0].severity.value == "warning", [(f.rule, f.message) for f in found]
    assert stale[0].pointer == "/police/websites/0/domain" and "beian.mps.gov.cn" in stale[0].hint
    new = next(f for f in found if f.rule == "ICP673")
    assert new.severity.value == "warning"  # a new website is a filing that can be made (指南 3)
    never = apply_example({"base": "enterprise_police", "set": {"/police/websites/0/domain": "example.org"}})
    assert [f.severity.value for f in check_text(never) if f.rule == "ICP650"] == ["error"]


def test_the_record_is_read_once_per_check_however_many_police_entries(monkeypatch) -> None:
    """breaker21 K01: each police entry re-read the whole record for its number, so 1,000 approved
    websites with 1,000 police entries took 43 s. Counted, not timed: the reads of the record's
    websites do not grow with the number of police entries."""
    import copy

    from icpfile.values import approved

    from conftest import dump, example_base

    calls = []
    real = approved.filed
    monkeypatch.setattr(approved, "filed", lambda data, kind="websites": calls.append(kind) or real(data, kind))

    def reads(count: int) -> int:
        data = example_base("enterprise_police")
        site, filed, entry = data["websites"][0], data["record"]["websites"][0], data["police"]["websites"][0]
        data["websites"], data["record"]["websites"], data["police"]["websites"] = [], [], []
        for i in range(count):
            domain = f"site{i}.example.com"
            data["websites"].append({**copy.deepcopy(site), "domain": domain, "name": f"云栖示例科技官网{i}"})
            data["record"]["websites"].append({**copy.deepcopy(filed), "number": f"浙ICP备2026000002号-{i + 1}",
                                               "filed": {**copy.deepcopy(filed["filed"]), "domain": domain,
                                                         "name": f"云栖示例科技官网{i}"}})
            data["police"]["websites"].append({**copy.deepcopy(entry), "domain": domain, "name": f"云栖示例科技官网{i}",
                                               "icp_number": f"浙ICP备2026000002号-{i + 1}"})
        calls.clear()
        check_text(dump(data))
        return calls.count("websites")

    assert reads(40) == reads(5)


def test_a_list_or_mapping_where_a_code_belongs_is_a_finding_not_an_internal_error() -> None:
    """breaker21 K11: police pre_approvals and materials kinds were put in a set: a list or a mapping
    there raised, and the draft (and its batch) exited 2 instead of 1."""
    for at, value in (("/police/websites/0/pre_approvals", [["news"], {"a": 1}]),
                      ("/materials", [{"kind": ["safety_assessment"], "path": "a.jpg"}]),
                      ("/websites/0/pre_approvals", [{"category": ["news"], "number": "1"}])):
        found = check_text(apply_example({"base": "enterprise_police", "set": {at: value}}))
        assert "ICP019" not in codes(found) and any(f.rule.startswith("ICP1") for f in found), at

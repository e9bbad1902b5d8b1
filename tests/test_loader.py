"""The loader on hostile and tricky files: a located finding every time, never an exception."""

from __future__ import annotations

import codecs
import copy
import json
from pathlib import Path

import pytest

from icpfile import engine
from icpfile.load import decoding, yamltree
from icpfile.load.document import Plain
from icpfile.options import Options
from icpfile.schema import typed as typing_pass

from conftest import (
    check_text,
    codes,
    dump,
    example_base,
    invoke,
    only,
)


def load(text: str):
    doc = yamltree.load_text(text, "d.yaml")
    return doc


def test_values_are_read_exactly_as_typed() -> None:
    doc = load(
        "version: 1\n"
        "x_mobile: 13800138000\n"
        "x_phone2: 0571-88888888\n"
        "x_expiry: 2030-06-30\n"
        "x_octal: 0571\n"
        "x_sexagesimal: 12:30\n"
        "x_yes: yes\n"
        "x_no: NO\n"
        "x_on: on\n"
        "x_float: 1e3\n"
        "x_quoted: 'true'\n"
    )
    data = typing_pass.apply(doc.data)
    assert data["version"] == 1 and isinstance(data["version"], int)
    assert data["x_mobile"] == "13800138000"
    assert data["x_phone2"] == "0571-88888888"
    assert data["x_expiry"] == "2030-06-30"
    assert data["x_octal"] == "0571"
    assert data["x_sexagesimal"] == "12:30"
    assert (data["x_yes"], data["x_no"], data["x_on"]) == ("yes", "NO", "on")
    assert data["x_float"] == "1e3"
    assert data["x_quoted"] == "true"


def test_booleans_only_where_the_schema_wants_them(base: dict) -> None:
    text = dump(base).replace("principal: same_as_subject", "principal: same_as_subject\n  commercial: true")
    doc = load(text)
    data = typing_pass.apply(doc.data)
    assert data["websites"][0]["commercial"] is True
    # A string field keeps `true` as text; the schema then judges it, nothing is silently changed.
    doc = load(dump(base).replace("city: 杭州市", "city: true"))
    assert typing_pass.apply(doc.data)["subject"]["city"] == "true"
    assert isinstance(load("a: true\n").data["a"], Plain)


def test_commercial_yes_is_not_a_boolean(base: dict) -> None:
    text = dump(base).replace("principal: same_as_subject", "principal: same_as_subject\n  commercial: yes")
    finding = only(check_text(text), "ICP103")
    assert finding.pointer == "/websites/0/commercial"


def test_positions_are_one_based_and_count_characters() -> None:
    doc = load("名字: 中文字\nsubject:\n  principal:\n    mobile: '138'\n")
    assert doc.values["/名字"] == (1, 5)
    assert doc.keys["/subject/principal/mobile"] == (4, 5)
    assert doc.values["/subject/principal/mobile"] == (4, 13)
    assert doc.position("/subject/principal/email") == (3, 3)  # missing: its parent's key


def test_duplicate_key_is_a_finding_at_the_second_key() -> None:
    finding = only(check_text("version: 1\nfiling:\n  type: first_filing\n  type: change\n"), "ICP007")
    assert (finding.line, finding.column) == (4, 3)
    assert "first on line 3" in finding.message


def test_tags_are_reported_and_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"version: 1\nfiling: !!python/object/apply:os.system ['touch {marker}']\n"
    finding = only(check_text(text), "ICP008")
    assert (finding.line, finding.column) == (2, 9)
    assert "!!python/object/apply:os.system" in finding.message
    assert not marker.exists()


def test_a_second_document_is_a_finding() -> None:
    finding = only(check_text("version: 1\n---\nversion: 1\n"), "ICP009")
    assert finding.line == 2


def test_alias_bomb_stops_quickly() -> None:
    levels = ["a: &a [" + ", ".join(["lol"] * 9) + "]"]
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefgh"[i]
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    finding = only(check_text("\n".join(levels) + "\n"), "ICP014")
    assert finding.line > 1  # time and memory: bench/hostile.py


def test_aliases_that_stay_small_are_resolved_with_positions() -> None:
    doc = load("x_a: &who {name: 张三}\nx_b: *who\n")
    assert doc.data["x_b"] == {"name": "张三"}
    assert doc.values["/x_b"] == (2, 6)
    assert doc.values["/x_b/name"] == (1, 18)  # where the anchored value was typed


def test_undefined_alias() -> None:
    assert "ICP010" in codes(check_text("version: 1\nfiling: *nowhere\n"))


def test_deep_nesting_is_a_finding_not_a_crash() -> None:
    text = "a: " + "[" * 5000 + "]" * 5000 + "\n"
    finding = only(check_text(text), "ICP011")
    assert finding.line == 1
    block = "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v\n"
    assert "ICP011" in codes(check_text(block))


def test_large_file_is_refused_without_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x_pad: '" + b"a" * (8 * 1024 * 1024) + b"'\n")
    result = engine.check_path(big, "big.yaml", Options())
    assert [f.rule for f in result.report.findings] == ["ICP005"]  # time and memory: bench/hostile.py
    message = result.report.findings[0].message
    # breaker22/23 L26: "the file has 1048577 bytes" (what was read, not the file's 8 MiB)
    assert message == "the file is larger than the limit of 1048576 bytes; it was not read", message


def test_root_must_be_a_mapping() -> None:
    assert codes(check_text("- a\n- b\n")) == ["ICP012"]
    assert codes(check_text("")) == ["ICP012"]
    assert codes(check_text("just text\n")) == ["ICP012"]


def test_complex_keys() -> None:
    assert "ICP013" in codes(check_text("version: 1\n? [a, b]\n: c\n"))


def test_syntax_error_located() -> None:
    finding = only(check_text("version: 1\nfiling:\n\ttype: first_filing\n"), "ICP006")
    assert finding.line == 3


def test_control_character_located() -> None:
    finding = only(check_text("version: 1\nx_a: b\x07\n"), "ICP006")
    assert (finding.line, finding.column) == (2, 7)


def test_utf8_bom_is_accepted(base: dict) -> None:
    assert not [f for f in check_text(codecs.BOM_UTF8 + dump(base).encode()) if f.severity.value != "info"]


def test_utf16_with_bom_is_read(base: dict) -> None:
    data = dump(base).encode("utf-16")  # Python writes the BOM
    assert not [f for f in check_text(data) if f.severity.value != "info"]


@pytest.mark.parametrize(("bom", "codec"), [(codecs.BOM_UTF8, "utf-8"), (b"", "utf-16"), (b"", "utf-32")])
def test_a_bad_byte_after_a_bom_is_located_as_without_it(bom: bytes, codec: str) -> None:
    """breaker P03: with a BOM the bad byte was always at 1:1, its offset short of the BOM."""
    head = "version: 1\nx_a: 中文".encode(codec)  # Python's utf-16/32 write their BOM
    data = bom + head + ("\udc80".encode(f"{codec}-le", "surrogatepass") if codec != "utf-8" else b"\xff")
    finding = only(check_text(data), "ICP003")
    assert (finding.line, finding.column) == (2, 8)
    assert f"byte {len(bom) + len(head)}" in finding.message


def test_gb18030_is_named_with_the_command(base: dict) -> None:
    finding = only(check_text(dump(base).encode("gb18030"), path="acme.yaml"), "ICP002")
    assert "iconv -f GB18030 -t UTF-8 acme.yaml" in finding.hint
    assert finding.line == 5  # the first non-ASCII line: `province: 浙江省`


def test_invalid_utf8_offset_becomes_a_line() -> None:
    finding = only(check_text(b"version: 1\nx_a: ok\nx_b: \xff\xfe\xfa\n"), "ICP003")
    assert (finding.line, finding.column) == (3, 6)


def test_nul_bytes_mean_binary() -> None:
    finding = only(check_text(b"version: 1\nx_a: \x00\x01\x02"), "ICP004")
    assert (finding.line, finding.column) == (2, 6)


def test_decode_limit_is_one_mebibyte() -> None:
    text, issue = decoding.decode(b"a" * (decoding.MAX_BYTES + 1), "x")
    assert text is None and issue.code == "ICP005"


def test_unreadable_path_is_a_finding(tmp_path: Path) -> None:
    result = engine.check_path(tmp_path, "folder", Options())
    assert [f.rule for f in result.report.findings] == ["ICP001"]


def test_merge_keys_are_applied() -> None:
    doc = load("x_base: &b {a: 1}\nx_m:\n  <<: *b\n  c: 2\n")
    assert doc.data["x_m"] == {"a": "1", "c": "2"}


@pytest.mark.timeout(60)
def test_aliases_count_the_text_they_copy() -> None:
    """Ten aliases of a 200,000-character string stop at ICP017 (1 Mi characters copied), not
    after typing 2 million (#23.6: the finding is the behaviour; bench/ measures the speed).

    Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    long = "云" * 200_000
    text = f"x_a: &a {long}\nx_b: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    findings = check_text(text)
    assert [f.rule for f in findings] == ["ICP017"]


def test_columns_after_chinese_text_count_characters() -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    findings = check_text("version: 1\nfiling: {type: 中文中文, x_y: 1, bogus: 2}\n")
    bogus = [f for f in findings if "bogus" in f.pointer]
    assert bogus and bogus[0].line == 2 and bogus[0].column == len("filing: {type: 中文中文, x_y: 1, ") + 1


def test_a_line_separator_in_a_comment_does_not_shift_lines() -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    data = example_base("enterprise")
    data["subject"]["nature"] = "企业"
    text = "# 说明\u2028还有\u2029一行\x85\n" + dump(data)
    finding = only(check_text(text), "ICP102")
    assert finding.line == 1 + dump(data).split("\n").index("  nature: 企业") + 1
    data["websites"][0]["remarks"] = "第一行\u2028第二行"
    assert "\u2028" in engine.load_bytes(dump(data).encode(), "d.yaml").data["websites"][0]["remarks"]


def test_a_long_draft_without_aliases_is_not_an_alias_bomb() -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    from conftest import check_text, dump

    data = example_base("enterprise")

    data["websites"] = [{**copy.deepcopy(data["websites"][0]), "domain": f"a{i}.com"} for i in range(4000)]
    text = dump(data)
    assert "*" not in text  # no alias anywhere
    rules = {f.rule for f in check_text(text)}
    assert not any(rule.startswith("ICP0") for rule in rules)  # read and checked, no loader finding


def test_aliases_copying_more_than_the_limit_are_still_a_bomb() -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    from conftest import check_text

    text = "x_a: &a [" + ", ".join(["v"] * 200) + "]\nx_b: [" + ", ".join(["*a"] * 60) + "]\n"
    assert "ICP014" in {f.rule for f in check_text(text)}


@pytest.mark.parametrize("pad", ["x_pad:\n" + "- a\n" * 250_000, "x_pad: [" + "a," * 500_000 + "]\n"])
@pytest.mark.timeout(60)
def test_a_1_mib_draft_of_plain_values_is_icp018(tmp_path: Path, pad: str) -> None:
    """The loader stops counting at 100,000 values with ICP018 and runs no rule on the rest: the
    one finding is the behaviour (its speed is bench/'s, #23.6).

    Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    from conftest import dump

    path = tmp_path / "big.yaml"
    path.write_text(dump(example_base("enterprise")) + pad, encoding="utf-8")
    result = invoke("check", str(path), "--isolated", "--format", "json")
    assert [f["rule"] for f in json.loads(result.output)["files"][0]["findings"]] == ["ICP018"]


def test_a_scalar_top_level_names_no_python_class() -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    from conftest import check_text

    message = next(f.message for f in check_text("~\n", lang="en") if f.rule == "ICP012")
    assert "Plain" not in message and "scalar" in message

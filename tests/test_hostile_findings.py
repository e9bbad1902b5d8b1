"""Hostile-input findings (second round): one test per kind, each failing before its fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icpfile.cli import app


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, list(args), input=stdin)


def name_rules(name: str, *extra: str) -> set[str]:
    result = run("name", name, "--province", "浙江省", "--nature", "personal", "--format", "json", *extra)
    return {f["rule"] for f in json.loads(result.output)["files"][0]["findings"]}


# -- 1. separators a provider accepts cannot hide a word ---------------------------------------------

@pytest.mark.parametrize(("name", "code"), [
    ("静夜读书论-坛", "ICP210"), ("静夜读书(论)坛", "ICP210"), ("静夜读书论（坛）", "ICP210"),
    ("静夜读书博-客", "ICP218"), ("中-国静夜读书", "ICP204"), ("(中国)静夜读书", "ICP204"),
])
def test_symbols_tencent_accepts_do_not_hide_a_word(name: str, code: str) -> None:
    found = name_rules(name, "--provider", "tencent")
    assert code in found and "ICP203" not in found


def test_a_gambling_word_split_by_a_hyphen_is_still_found() -> None:
    result = run("name", "赌-博静夜读书", "--province", "浙江省", "--nature", "enterprise", "--format", "json",
                 "--provider", "tencent")
    assert "ICP206" in {f["rule"] for f in json.loads(result.output)["files"][0]["findings"]}


# -- 2. whitespace and controls cannot hide a word; invisible ones are hidden characters ------------

@pytest.mark.parametrize("sep", [" ", "\t", "\u3000", "\u2028", "\x1b", "\x7f", "\b", "\u2800", "\x85"])
def test_whitespace_and_controls_do_not_hide_a_word(sep: str) -> None:
    assert "ICP210" in name_rules(f"静夜读书论{sep}坛")


@pytest.mark.parametrize("sep", ["\t", "\u2028", "\x1b", "\x7f", "\b", "\u2800", "\x85"])
def test_invisible_separators_are_hidden_characters(sep: str) -> None:
    assert "ICP230" in name_rules(f"静夜读书论{sep}坛")


@pytest.mark.parametrize("sep", [" ", "\u3000", "-"])
def test_visible_separators_are_not_hidden_characters(sep: str) -> None:
    assert "ICP230" not in name_rules(f"静夜读书{sep}笔记")


# -- 14/15. <meta charset> is honoured only for an encoding a browser knows ------------------------

FOOTER = '<html><head><meta charset="{cs}"></head><body>{body}</body></html>'
GOOD = '<a href="https://beian.miit.gov.cn/">苏ICP备12345678号-1</a>'


@pytest.mark.parametrize("charset", ["rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "idna", "undefined",
                                     "unicode_escape", "raw_unicode_escape", "punycode", "utf-7", "mbcs", "cp65001"])
def test_a_python_only_codec_in_meta_charset_is_ignored(tmp_path: Path, charset: str) -> None:
    from icpfile.footer.pages import decode

    text, encoding = decode(FOOTER.format(cs=charset, body="备案").encode())
    assert encoding == "utf-8" and text.endswith("备案</body></html>")
    (tmp_path / "a.html").write_text(FOOTER.format(cs="utf-8", body=GOOD), encoding="utf-8")
    (tmp_path / "x.html").write_text(FOOTER.format(cs=charset, body=GOOD), encoding="utf-8")
    result = run("footer", "check", str(tmp_path), "--number", "苏ICP备12345678号-1", "--format", "json")
    assert result.exit_code in (0, 1), result.output  # judged, not an internal error (2)
    files = json.loads(result.output)["files"]
    assert len(files) == 2 and {f["footer"]["encoding"] for f in files} == {"utf-8"}


def test_escapes_a_browser_shows_literally_are_not_decoded(tmp_path: Path) -> None:
    body = '<a href="https://beian.miit.gov.cn/">\\u82cfICP\\u590712345678\\u53f7-1</a>'
    (tmp_path / "x.html").write_text(FOOTER.format(cs="unicode_escape", body=body), encoding="utf-8")
    result = run("footer", "check", str(tmp_path), "--number", "苏ICP备12345678号-1", "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)["files"][0]
    assert report["footer"]["encoding"] == "utf-8" and "ICP901" in {f["rule"] for f in report["findings"]}


@pytest.mark.parametrize(("label", "expected"), [("GB2312", "gb18030"), ("big5", "big5"), ("shift_jis", "shift_jis"),
                                                 ("euc-kr", "euc-kr"), ("latin1", "windows-1252"),
                                                 ("iso-8859-2", "iso-8859-2"), ("windows-1251", "windows-1251")])
def test_whatwg_labels_are_honoured(label: str, expected: str) -> None:
    from icpfile.footer.pages import decode

    assert decode(FOOTER.format(cs=label, body="x").encode())[1] == expected


# -- 7. a deeply nested page is a finding in linear time ---------------------------------------------

def test_a_200000_deep_page_is_a_finding_within_2_seconds(tmp_path: Path) -> None:
    import time

    (tmp_path / "a.html").write_text("<div>" * 200_000 + "苏ICP备12345678号-1" + "</div>" * 200_000,
                                     encoding="utf-8")
    start = time.perf_counter()
    result = run("footer", "check", str(tmp_path), "--number", "苏ICP备12345678号-1", "--format", "json")
    assert time.perf_counter() - start < 2
    finding = json.loads(result.output)["files"][0]["findings"][0]
    assert finding["rule"] == "ICP001" and "512" in finding["message"]


@pytest.mark.parametrize(("source", "depth"), [
    ("<div>" * 600, 513), ("<div></div>" * 600, 1), ("<p>" * 600, 0), ("<li>" * 600, 0),
    ("<div><span></div>" * 600, 2), ("<script>" + "<div>" * 600 + "</script>", 0),
    ("<!--" + "<div>" * 600 + "-->", 0), ("<section><ul><div>" * 100, 300),
])
def test_nesting_depth_is_counted_as_a_parser_opens_elements(source: str, depth: int) -> None:
    from icpfile.footer.pages import nesting_depth

    assert nesting_depth(source) == depth


def test_a_page_under_the_depth_limit_is_still_judged(tmp_path: Path) -> None:
    html = "<div>" * 400 + GOOD + "</div>" * 400
    (tmp_path / "a.html").write_text(FOOTER.format(cs="utf-8", body=html), encoding="utf-8")
    result = run("footer", "check", str(tmp_path), "--number", "苏ICP备12345678号-1", "--format", "json")
    assert "ICP001" not in {f["rule"] for f in json.loads(result.output)["files"][0]["findings"]}


# -- 4. a path no file can have is a finding for that entry; the others are still checked ------------

def _enterprise() -> dict:
    import copy

    from icpfile.data.catalog import read_data

    return copy.deepcopy(read_data("example_bases.yaml")["enterprise"])


@pytest.mark.parametrize("bad", ["ok.pdf\0", "a\x1bb.pdf", "a\x85b.pdf", "a" * 300 + ".pdf", "d/" * 2100 + "x.pdf"])
def test_an_unusable_material_path_is_an_icp701_and_the_others_are_checked(tmp_path: Path, bad: str) -> None:
    from conftest import check_text, dump

    (tmp_path / "ok.pdf").write_bytes(b"%PDF-1.4\n")
    data = _enterprise()
    data["materials"] = [{"kind": "other", "path": bad}, {"kind": "other", "path": "/etc/hostname"},
                         {"kind": "subject_certificate", "path": "missing.pdf"}]
    found = check_text(dump(data), path=str(tmp_path / "d.yaml"))
    by_pointer = {(f.rule, f.pointer) for f in found}
    assert ("ICP701", "/materials/0/path") in by_pointer
    assert ("ICP708", "/materials/1/path") in by_pointer
    assert ("ICP701", "/materials/2/path") in by_pointer
    assert "internal" not in " ".join(f.message for f in found)


def test_a_nul_in_an_app_icon_is_a_finding(tmp_path: Path) -> None:
    from icpfile.data.catalog import read_data

    from conftest import check_text, dump

    data = read_data("example_bases.yaml")["enterprise_app"]
    data["apps"][0]["icon"] = "a\0b.png"
    found = check_text(dump(data), path=str(tmp_path / "d.yaml"))
    assert "ICP556" in {f.rule for f in found}


def test_path_problem_judges_without_the_file_system() -> None:
    from icpfile.values.material_needs import path_problem

    assert path_problem("scans/营业执照.pdf") is None and path_problem("../x.pdf") is None
    assert "NUL" in path_problem("a\0") and "control" in path_problem("a\tb")
    assert "too long" in path_problem("x" * 256)


# -- 5. a domain too long for DNS is refused before punycode, and each domain is encoded once -------

def test_a_label_over_63_or_a_name_over_253_is_refused_before_punycode(monkeypatch: pytest.MonkeyPatch) -> None:
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


def test_each_domain_is_encoded_once_per_draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import idna

    from icpfile.values import domains

    from conftest import check_text, dump

    domains._ascii_or_error.cache_clear()
    calls: list[str] = []
    real = idna.uts46_remap
    monkeypatch.setattr(idna, "uts46_remap", lambda s, *a, **k: calls.append(s) or real(s, *a, **k))
    data = _enterprise()
    data["websites"] = [{**data["websites"][0], "domain": f"{'а' * (70 + i)}.com"} for i in range(20)]
    found = check_text(dump(data), path=str(tmp_path / "d.yaml"))
    assert sum(f.rule == "ICP512" for f in found) == 20
    assert len(calls) == len(set(calls)) == 20


# -- 13. ID numbers and mobiles are masked in pointers and file names too ---------------------------

PII_KEY, PII_MOBILE = "330106198807202348", "x13800138001"


def _pii_draft(tmp_path: Path) -> Path:
    from conftest import dump

    data = _enterprise()
    data["subject"][PII_KEY] = 2
    data["subject"][PII_MOBILE] = 1
    path = tmp_path / f"{PII_KEY}-13800138001.yaml"
    path.write_text(dump(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "gitlab"])
def test_ids_in_pointers_and_file_names_are_masked(tmp_path: Path, fmt: str) -> None:
    path = _pii_draft(tmp_path)
    result = run("check", str(path), "--format", fmt, "--isolated")
    assert result.exit_code == 1, result.output
    for secret in ("198807202", "0013800", "8001380"):
        assert secret not in result.output
    assert "2348" in result.output  # the unmasked ends still tell which file and key


def test_show_pii_shows_pointers_and_file_names_in_full(tmp_path: Path) -> None:
    path = _pii_draft(tmp_path)
    result = run("check", str(path), "--format", "json", "--isolated", "--show-pii")
    report = json.loads(result.output)["files"][0]
    assert PII_KEY in report["path"]
    assert f"/subject/{PII_KEY}" in {f["pointer"] for f in report["findings"]}


# -- 9. footer snippet: --police of the number's province; --holder and --police only text ------------

NUMBER_SU = "苏ICP备12345678号-1"
HOSTILE_HOLDER = "[x](javascript:alert(1)) <img src=x onerror=alert(1)>\x1b[31m\u202e"


def test_a_police_number_of_another_province_is_refused() -> None:
    result = run("footer", "snippet", "--number", NUMBER_SU, "--holder", "x", "--police", "京公网安备 11010202000001号")
    assert result.exit_code == 2 and "江苏" in result.output
    result = run("footer", "check", ".", "--number", NUMBER_SU, "--police", "京公网安备 11010202000001号")
    assert result.exit_code == 2 and "江苏" in result.output
    assert run("footer", "snippet", "--number", NUMBER_SU, "--holder", "x",
               "--police", "苏公网安备 32010202000001号").exit_code == 0


def test_markdown_holder_cannot_make_a_link_or_a_tag() -> None:
    from icpfile.footer.snippet import snippet

    out = snippet(NUMBER_SU, holder=HOSTILE_HOLDER, fmt="markdown", year=2026)
    assert "](javascript" not in out and "\x1b" not in out and "\u202e" not in out
    assert "<" not in out.replace("\\<", "")  # a tag only as escaped text
    assert out.count("](") == 1  # only the number's own link


@pytest.mark.parametrize("fmt", ["html", "text"])
def test_controls_never_reach_a_snippet(fmt: str) -> None:
    from icpfile.footer.snippet import snippet

    out = snippet(NUMBER_SU, holder=HOSTILE_HOLDER, fmt=fmt, year=2026)
    assert "\x1b" not in out and "\u202e" not in out
    assert fmt != "html" or ("<img" not in out and "&lt;img" in out)


# -- 8. a site configuration that does not parse is a finding, not skipped ---------------------------

SITE_PAGE = ('<html><body><a href="https://beian.miit.gov.cn/">苏ICP备12345678号-1</a>'
             " © 2026 x 版权所有</body></html>")


@pytest.mark.parametrize(("name", "text", "line"), [
    ("_config.yml", 'beian: "苏ICP备99999999号-1"\nicp: !!python/object/apply:os.system [id]\n', 2),
    ("_config.yml", "beian: [\n", 2),
    ("hugo.toml", '[params]\nbeian = "苏ICP备99999999号-1"\n[[params', 3),
    ("config.toml", 'beian = "x\n', 1),
])
def test_a_config_that_does_not_parse_is_an_icp001(tmp_path: Path, name: str, text: str, line: int) -> None:
    (tmp_path / "index.html").write_text(SITE_PAGE, encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = run("footer", "check", str(tmp_path), "--number", NUMBER_SU, "--format", "json")
    assert result.exit_code == 1, result.output
    config = next(f for f in json.loads(result.output)["files"] if f["path"].endswith(name))
    assert [(f["rule"], f["line"]) for f in config["findings"]] == [("ICP001", line)]


def test_a_config_alias_bomb_is_walked_in_linear_time(tmp_path: Path) -> None:
    import time

    from icpfile.footer import configs

    bomb = "a: &a [" + ", ".join(["x"] * 9) + "]\n" + "".join(
        f"{n}: &{n} [" + ", ".join([f"*{p}"] * 9) + "]\n" for p, n in zip("abcdefghij", "bcdefghijk"))
    start = time.perf_counter()
    assert configs.numbers("_config.yml", bomb + "beian: *k\nicp: 苏ICP备99999999号-1\n")[0].serial == "99999999"
    assert configs.numbers("_config.yml", "a: &a [*a]\nbeian: *a\n") == []
    assert time.perf_counter() - start < 1


# -- 6. ICP014 is for aliases; a long draft without them is only bounded by the file size ------------

def test_a_long_draft_without_aliases_is_not_an_alias_bomb() -> None:
    from conftest import check_text, dump

    data = _enterprise()
    import copy

    data["websites"] = [{**copy.deepcopy(data["websites"][0]), "domain": f"a{i}.com"} for i in range(4000)]
    text = dump(data)
    assert "*" not in text  # no alias anywhere
    rules = {f.rule for f in check_text(text)}
    assert not any(rule.startswith("ICP0") for rule in rules)  # read and checked, no loader finding


def test_aliases_copying_more_than_the_limit_are_still_a_bomb() -> None:
    from conftest import check_text

    text = "x_a: &a [" + ", ".join(["v"] * 200) + "]\nx_b: [" + ", ".join(["*a"] * 60) + "]\n"
    assert "ICP014" in {f.rule for f in check_text(text)}


@pytest.mark.parametrize("pad", ["x_pad:\n" + "- a\n" * 250_000, "x_pad: [" + "a," * 500_000 + "]\n"])
def test_a_1_mib_draft_of_plain_values_is_icp018_within_2_seconds(tmp_path: Path, pad: str) -> None:
    import time

    from conftest import dump

    path = tmp_path / "big.yaml"
    path.write_text(dump(_enterprise()) + pad, encoding="utf-8")
    start = time.perf_counter()
    result = run("check", str(path), "--isolated", "--format", "json")
    assert time.perf_counter() - start < 2
    assert [f["rule"] for f in json.loads(result.output)["files"][0]["findings"]] == ["ICP018"]


# -- 12. full-width forms, decomposed letters and whole-script look-alikes are warned about ----------

@pytest.mark.parametrize(("domain", "code"), [
    ("ＥＸＡＭＰＬＥ.com", "ICP532"), ("example。com", "ICP532"), ("example．com", "ICP532"),
    ("example｡com", "ICP532"), ("exa\u0301mple.com", "ICP532"),
    ("ᴇxample.com", "ICP533"), ("xn--80ak6aa92e.com", "ICP533"), ("аррӏе.com", "ICP533"),
])
def test_non_canonical_and_look_alike_domains_are_warned(domain: str, code: str) -> None:
    from conftest import check_text, dump

    data = _enterprise()
    data["websites"][0]["domain"] = domain
    found = [f for f in check_text(dump(data)) if f.rule == code]
    assert found and found[0].severity.value == "warning"


@pytest.mark.parametrize("domain", ["例子.中国", "пример.рф", "münchen.de", "BÜCHER.de", "EXAMPLE.COM", "gοοgle.com"])
def test_real_idns_are_neither_non_canonical_nor_look_alikes(domain: str) -> None:
    from icpfile.values import domains

    assert domains.not_canonical(domain) is None and domains.look_alike(domain) is None


# -- 16. small things ---------------------------------------------------------------------------------

def test_o_naming_the_draft_being_checked_is_refused(tmp_path: Path) -> None:
    from conftest import dump

    draft = tmp_path / "p.yaml"
    draft.write_text(dump(_enterprise()), encoding="utf-8")
    before = draft.read_bytes()
    result = run("check", str(draft), "-o", str(draft), "--isolated")
    assert result.exit_code == 2 and "being checked" in result.output
    assert draft.read_bytes() == before


@pytest.mark.parametrize("args", [["--lang", ""], ["--select", ""], ["--select", ",,"], ["--ignore", " , "]])
def test_empty_lang_or_code_lists_are_usage_errors(tmp_path: Path, args: list[str]) -> None:
    from conftest import dump

    draft = tmp_path / "p.yaml"
    draft.write_text(dump(_enterprise()), encoding="utf-8")
    assert run("check", str(draft), "--isolated", *args).exit_code == 2


def test_footer_check_with_an_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(SITE_PAGE, encoding="utf-8")
    result = run("footer", "check", str(tmp_path), "--number", NUMBER_SU, "--lang", "xx")
    assert result.exit_code == 2 and "'xx' is not one of 'zh', 'en'" in result.output


def test_a_scalar_top_level_names_no_python_class() -> None:
    from conftest import check_text

    message = next(f.message for f in check_text("~\n", lang="en") if f.rule == "ICP012")
    assert "Plain" not in message and "scalar" in message


def test_an_html_snippet_on_a_cp1252_console_uses_character_references() -> None:
    import subprocess
    import sys

    env = {**__import__("os").environ, "PYTHONIOENCODING": "cp1252"}
    out = subprocess.run([sys.executable, "-m", "icpfile", "footer", "snippet", "--number", NUMBER_SU,
                          "--format", "html", "--holder", "x"], capture_output=True, env=env, check=True).stdout
    assert b"&#33487;ICP&#22791;12345678&#21495;-1" in out and b"\\u" not in out


@pytest.mark.parametrize(("name", "code"), [("测-试助手", "ICP551"), ("免\u200b费助手", "ICP552"), ("de mo", "ICP551")])
def test_app_name_words_cannot_hide_behind_separators(name: str, code: str) -> None:
    from icpfile.data.catalog import read_data

    from conftest import check_text, dump

    data = read_data("example_bases.yaml")["enterprise_app"]
    data["apps"][0]["name"] = name
    assert code in {f.rule for f in check_text(dump(data))}


def test_an_outside_material_names_the_folder_root_allows(tmp_path: Path) -> None:
    from conftest import check_text, dump

    (tmp_path / "drafts").mkdir()
    data = _enterprise()
    data["materials"] = [{"kind": "other", "path": "/etc/hostname"}]
    found = check_text(dump(data), path=str(tmp_path / "drafts" / "d.yaml"), root=str(tmp_path))
    message = next(f.message for f in found if f.rule == "ICP708")
    assert str(tmp_path) in message and "draft's folder" not in message


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="POSIX FIFOs")
def test_o_into_a_fifo_writes_into_it_and_leaves_it_a_fifo(tmp_path: Path) -> None:
    """-o /dev/null as root replaced the machine's /dev/null with a regular file (the rename of
    write_atomic); a FIFO stands in for a device here."""
    import os
    import stat
    import threading

    from icpfile.load.files import write_atomic

    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_atomic(fifo, "report\n")
    reader.join(5)
    assert got == [b"report\n"] and stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("args", [["name", "静夜读书"], ["check"], ["check", "x.yaml", "--bogus"],
                                  ["schema", "--bogus"]])
def test_a_command_line_error_is_one_line(args: list[str]) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "icpfile", *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("icpfile") and done.stderr.count("\n") == 1 and "╭" not in done.stderr


def test_exit_codes_survive_the_one_line_errors(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "bad.yaml").write_text("x: [\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "icpfile", "check", str(tmp_path / "bad.yaml"), "--isolated"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "ICP006" in done.stdout
    assert subprocess.run([sys.executable, "-m", "icpfile", "--help"], capture_output=True,
                          timeout=60).returncode == 0


# -- 4 (addendum). a rule that crashes is a finding in every report, not only a note on stderr --------

@pytest.mark.parametrize("fmt", ["json", "junit"])
def test_a_crashing_rule_makes_the_machine_report_invalid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          fmt: str) -> None:
    from icpfile import checks

    from conftest import dump

    registry = dict(checks.load_all())
    code = next(iter(registry))

    def boom(ctx):
        raise ValueError("embedded null byte")

    monkeypatch.setattr(checks, "load_all", lambda: {**registry, code: boom})
    draft = tmp_path / "p.yaml"
    draft.write_text(dump(_enterprise()), encoding="utf-8")
    result = run("check", str(draft), "--isolated", "--format", fmt)
    assert result.exit_code == 2
    if fmt == "json":
        report = json.loads(result.stdout)["files"][0]
        assert not report["valid"] and "ICP019" in {f["rule"] for f in report["findings"]}
    else:
        assert 'failures="0"' not in result.stdout

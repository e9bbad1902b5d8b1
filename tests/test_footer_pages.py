"""Footers as found on real sites, in small pages written for these tests: encodings, numbers
written every way a person writes them, hosts, police numbers, templates, site configurations."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icpfile.cli import app
from icpfile.footer import page_check, pages
from icpfile.footer.pages import decode, read_page
from icpfile.footer.snippet import number_problem, police_problem
from icpfile.values.filing_numbers import parse, scan

from conftest import (
    NUMBER_SU,
    POSIX,
    invoke,
    with_timeout,
)

NUMBER = "浙ICP备12345678号-1"
LINK = '<a href="https://beian.miit.gov.cn/" target="_blank">{}</a>'


def page(footer: str, charset: str = "utf-8") -> str:
    return (f'<!doctype html>\n<html><head><meta charset="{charset}"><title>示例</title></head>\n<body>\n'
            f"<main><p>正文</p></main>\n<footer>\n{footer}\n</footer>\n</body></html>\n")


def rules_of(tmp_path: Path, html: str | bytes, number: str = NUMBER, name: str = "index.html", **kw: str) -> list[str]:
    path = tmp_path / name
    if isinstance(html, bytes):
        path.write_bytes(html)
    else:
        path.write_text(html, encoding="utf-8")
    return [f.rule for f in page_check.check([str(path)], number, **kw)[0].findings]


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize(("codec", "declared"), [("gbk", "gbk"), ("gb2312", "gb2312"), ("gb18030", None),
                                                 ("utf-8", None)])
def test_pages_in_chinese_encodings_are_read(tmp_path: Path, codec: str, declared: str | None) -> None:
    html = page(LINK.format(NUMBER), declared or "x").replace('<meta charset="x">', "")
    assert rules_of(tmp_path, html.encode(codec)) == []
    broken = page(f"<p>{NUMBER}</p>", declared or "x").replace('<meta charset="x">', "")
    assert rules_of(tmp_path, broken.encode(codec)) == ["ICP902"]


def test_a_utf16_page_with_its_mark_is_read(tmp_path: Path) -> None:
    html = page(LINK.format(NUMBER), "utf-16")
    assert rules_of(tmp_path, b"\xff\xfe" + html.encode("utf-16-le")) == []
    assert rules_of(tmp_path, html.encode("utf-16-be")) == []  # no mark: told by its zero bytes


def test_decoding_order() -> None:
    assert decode("<meta charset=gbk>备案".encode("gbk"))[1] == "gb18030"
    assert decode(b"\xef\xbb\xbf<meta charset=gbk>" + "备案".encode())[0].endswith("备案")  # the mark wins
    assert decode("备案".encode("gbk"))[1] == "gb18030"  # not UTF-8, no declaration


# ---------------------------------------------------------------- how the number is written


@pytest.mark.parametrize("written", [
    "浙ICP备<br>12345678号-1",
    "<span>浙ICP备</span><span>12345678</span><span>号-1</span>",
    "浙ICP备\n    12345678号-1",
    "浙ICP<b>备</b>1234<i>5678</i>号-1",
])
def test_a_split_number_is_one_number(tmp_path: Path, written: str) -> None:
    assert rules_of(tmp_path, page(LINK.format(written))) == []


@pytest.mark.parametrize(("written", "number"), [
    ("青ICP备20000750", "青ICP备20000750号-1"),  # 号 left out
    ("浙ＩＣＰ备１２３４５６７８号－１", NUMBER),  # full width
    ("陕ICP备12000810-2号", "陕ICP备12000810号-2"),  # -n号
    ("浙ICP备 12345678 号-1", NUMBER),  # spaces
])
def test_a_right_number_in_another_form_is_a_warning_not_missing(tmp_path: Path, written: str, number: str) -> None:
    assert rules_of(tmp_path, page(LINK.format(written)), number) == ["ICP909"]
    assert rules_of(tmp_path, page(f"<p>{written}</p>"), number) == ["ICP902", "ICP909"]


def test_text_in_scripts_styles_and_comments_is_not_on_the_page(tmp_path: Path) -> None:
    hidden = (f"<script>var icp = '{NUMBER}';</script><style>/* {NUMBER} */</style><!-- {LINK.format(NUMBER)} -->"
              f"<noscript>{NUMBER}</noscript>")
    assert rules_of(tmp_path, page(hidden)) == ["ICP901"]


def test_a_page_showing_only_a_licence_is_told_so(tmp_path: Path) -> None:
    path = tmp_path / "index.html"
    path.write_text(page("<p>增值电信业务经营许可证：浙B2-20080224</p>"), encoding="utf-8")
    [finding] = page_check.check([str(path)], NUMBER)[0].findings
    assert finding.rule == "ICP901" and "licence" in finding.hint


def test_a_wrong_number_is_wrong_not_missing(tmp_path: Path) -> None:
    assert rules_of(tmp_path, page(LINK.format("浙ICP备12345678号-2"))) == ["ICP905"]
    assert rules_of(tmp_path, page(LINK.format("浙ICP备12345678号-1A"))) == ["ICP905"]  # an App's
    assert rules_of(tmp_path, page(LINK.format("浙ICP备12345678号"))) == []  # the subject's: allowed


# ---------------------------------------------------------------- link and province


def test_guangdong_is_asked_for_the_link_like_every_province(tmp_path: Path) -> None:
    assert rules_of(tmp_path, page("<p>粤ICP备15114012号-1</p>"), "粤ICP备15114012号-1") == ["ICP902", "ICP906"]
    assert rules_of(tmp_path, page("<p>粤ICP备15114012号</p>"), "粤ICP备15114012号-1") == ["ICP902"]
    assert rules_of(tmp_path, page(LINK.format("粤ICP备15114012号")), "粤ICP备15114012号-1") == []


@pytest.mark.parametrize(("href", "hint"), [
    ("http://www.miitbeian.gov.cn/", "no longer serves"),
    ("https://www.miibeian.gov.cn", "no longer serves"),
    ("http://www.beian.gov.cn/portal", "public-security portal"),
    ("https://example.com/icp", "link it to"),
])
def test_old_and_wrong_hosts_are_named(tmp_path: Path, href: str, hint: str) -> None:
    path = tmp_path / "index.html"
    path.write_text(page(f'<a href="{href}">{NUMBER}</a>'), encoding="utf-8")
    [finding] = page_check.check([str(path)], NUMBER)[0].findings
    assert finding.rule == "ICP903" and hint in finding.hint, finding


@pytest.mark.parametrize("href", ["http://beian.miit.gov.cn", "https://beian.miit.gov.cn/#/Integrated/index",
                                  "//beian.miit.gov.cn/", "beian.miit.gov.cn"])
def test_the_ministry_over_http_or_https_with_or_without_a_path(tmp_path: Path, href: str) -> None:
    assert rules_of(tmp_path, page(f'<a href="{href}">{NUMBER}</a>')) == []


# ---------------------------------------------------------------- police numbers


POLICE_LINK = '<a href="https://beian.mps.gov.cn/#/query/webSearch?code={code}"><img src="b.png" alt="">{text}</a>'


@pytest.mark.parametrize("text", ["川公网安备 51010702001250号", "川公网安备&nbsp;51010702001250号",
                                  "川公网安备51010702001250", "川公网安备 <span>51010702001250</span>号"])
def test_the_police_number_is_found_however_written(tmp_path: Path, text: str) -> None:
    footer = LINK.format("蜀ICP备12345678号-1") + POLICE_LINK.format(code="51010702001250", text=text)
    assert rules_of(tmp_path, page(footer), "蜀ICP备12345678号-1", police="川公网安备 51010702001250号") == []


def test_a_police_number_of_another_province_is_wrong(tmp_path: Path) -> None:
    police = POLICE_LINK.format(code="11010802016612", text="皖公网安备11010802016612号")
    footer = LINK.format("皖ICP备12345678号-1") + police
    assert rules_of(tmp_path, page(footer), "皖ICP备12345678号-1") == ["ICP910"]


def test_police_problems() -> None:
    assert police_problem("川公网安备 51010702001250号") is None
    assert police_problem("京公网安备 110105000123号") is None  # an older 12-digit Beijing number
    assert police_problem("浙公网安备 330105000123号") is not None  # 12 digits only in 京/沪
    assert "34" in police_problem("皖公网安备11010802016612号")
    assert police_problem("蜀公网安备 51010702001250号") is not None  # 蜀 is for ICP numbers
    assert police_problem("粤公网安备 XXXXXXXXXXX号") is not None
    assert police_problem("粤公网安备 44030502000001号", "广东省") is None


# ---------------------------------------------------------------- the number given


@pytest.mark.parametrize(("number", "fragment"), [
    ("川ICP备15095485号-1", "蜀"),
    ("1ICP备12345678号-1", "write it like"),
    ("AICP备12345678号-1", "not a province"),
    ("京ICP证030173号", "licence"),
    ("京B2-20080101", "licence"),
    ("陕ICP备2024026116号-2A", "App"),
    ("浙ICP备12345678号-3X", "mini-program"),
    ("浙ICP备1234567号-1", "digits"),
])
def test_the_number_given_is_checked_closely(number: str, fragment: str) -> None:
    assert fragment in (number_problem(number, "", subject=True) or ""), number_problem(number, "", subject=True)


def test_subject_numbers_are_accepted_by_footer_check(tmp_path: Path) -> None:
    path = tmp_path / "index.html"
    path.write_text(page(LINK.format("浙ICP备2021012345号")), encoding="utf-8")
    result = CliRunner().invoke(app, ["footer", "check", str(path), "--number", "浙ICP备2021012345号"])
    assert result.exit_code == 0, result.output
    assert number_problem("浙ICP备2021012345号", "浙江省") is not None  # the wizard still wants the website's


def test_the_grammar_reads_every_kind() -> None:
    kinds = [n.kind for n in scan("浙ICP备12345678号-1 浙ICP备12345678号 浙ICP备12345678号-2A 浙ICP备12345678号-3X "
                                  "浙ICP备12345678号-4K 京ICP证030173号 粤B2-20090059 川公网安备 51010702001250号")]
    assert kinds == ["website", "subject", "app", "mini_program", "quick_app", "licence", "licence", "police"]
    assert parse("浙ICP备12345678号-1 和别的") is None


# ---------------------------------------------------------------- templates and configurations


@pytest.mark.parametrize(("name", "source", "rule"), [
    ("beian.ejs", '<a href="http://beian.miit.gov.cn/"><%- theme.footer.beian.icp_text %></a>', "ICP912"),
    ("footer.njk", "{%- if theme.footer.beian.enable %}"
                   "{{ next_url('https://beian.miit.gov.cn', theme.footer.beian.icp) }}{%- endif %}", "ICP912"),
    ("footer.html", '{{- with .Site.Params.footer.icp -}}<span class="icp">{{ . }}</span>'
                    "{{- end -}}", "ICP911"),
    ("footer.html", '{{- with .Site.Params.footer.icp -}}<span class="icp">{{ . | safeHTML }}</span>'
                    "{{- end -}}", "ICP916"),  # printed as HTML: the link may be in it (W30-13)
    ("footer.ftl", '<#if settings.record_number??><a href="https://beian.miit.gov.cn/">${settings.record_number}</a></#if>',
     "ICP912"),
    ("footer.html", '<a href="https://beian.miit.gov.cn/" th:text="${site.icp}">浙ICP备00000000号</a>', "ICP912"),
    ("footer.html", '<span th:text="${site.icp}">示例</span>', "ICP911"),
    ("beian.ejs", '<a href="https://example.com/"><%= config.beian %></a>', "ICP903"),
])
def test_templates_are_judged_by_the_link_around_the_placeholder(tmp_path: Path, name: str, source: str,
                                                                 rule: str) -> None:
    assert rules_of(tmp_path, f"<footer>\n{source}\n</footer>\n", name=name) == [rule]


@pytest.mark.parametrize(("name", "text", "rules"), [
    ("_config.yml", "footer:\n  beian:\n    enable: true\n    icp: 浙ICP备87654321号-1\n", ["ICP913"]),
    ("_config.next.yml", "# icp: 浙ICP备87654321号-1 (an example)\n"
                         "footer:\n  beian:\n    icp: 浙ICP备12345678号-1\n", []),
    ("hugo.toml", '[params.footer]\nicp = "浙ICP备12345678号"\n', []),
    ("config.toml", '[params]\nbeian = "<a href=\\"https://beian.miit.gov.cn/\\">'
                    '浙ICP备12345678号-2</a>"\n', ["ICP913"]),
    ("config.mts", "export default {\n  themeConfig: {\n    // footer: '浙ICP备87654321号-1'\n"
                   "    footer: { message: '<a href=\"https://beian.miit.gov.cn/\">"
                   "浙ICP备87654321号-1</a>' }\n  }\n}\n",
     ["ICP913"]),
])
def test_site_configurations_hold_the_given_number(tmp_path: Path, name: str, text: str, rules: list[str]) -> None:
    assert rules_of(tmp_path, text, name=name) == rules


def test_a_site_folder_with_configurations(tmp_path: Path) -> None:
    (tmp_path / ".vitepress").mkdir()
    (tmp_path / ".vitepress" / "config.ts").write_text("export default { themeConfig: { footer: { message: "
                                                         "'浙ICP备87654321号-1' } } }\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "index.html").write_text("not a page", encoding="utf-8")
    reports = page_check.check([str(tmp_path)], NUMBER)
    assert [(Path(r.path).name, [f.rule for f in r.findings]) for r in reports] == [("config.ts", ["ICP913"])]


# ---------------------------------------------------------------- the command


def test_a_folder_without_pages_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["footer", "check", str(tmp_path), "--number", NUMBER])
    assert result.exit_code == 2 and "no pages found" in result.output
    (tmp_path / "app.css").write_text("body{}", encoding="utf-8")
    assert CliRunner().invoke(app, ["footer", "check", str(tmp_path), "--number", NUMBER]).exit_code == 2


def test_a_wrong_police_number_given_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(page(LINK.format(NUMBER)), encoding="utf-8")
    result = CliRunner().invoke(app, ["footer", "check", str(tmp_path), "--number", NUMBER,
                                      "--police", "粤公网安备 XXXXXXXXXXX号"])
    assert result.exit_code == 2 and "--police" in result.output


def test_json_shows_what_a_reviewer_sees(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(page('<a href="http://beian.miit.gov.cn">青ICP备20000750</a>'), encoding="utf-8")
    (tmp_path / "b.html").write_text(page("<p>无</p>"), encoding="utf-8")
    result = CliRunner().invoke(app, ["footer", "check", str(tmp_path), "--number", "青ICP备20000750号-1",
                                      "--format", "json"])
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["a.html"]["footer"] == {"number": "青ICP备20000750", "canonical": "青ICP备20000750号",
                                         "form": ["no-hao"], "link": "http://beian.miit.gov.cn", "encoding": "utf-8"}
    assert files["a.html"]["valid"] and [f["rule"] for f in files["a.html"]["findings"]] == ["ICP909"]
    assert files["b.html"]["footer"]["number"] is None and not files["b.html"]["valid"]
    assert set(files["b.html"]) >= {"path", "valid", "findings"}


def test_many_pages_are_checked_in_workers_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(40):
        footer = LINK.format(NUMBER) if i % 3 else f"<p>{NUMBER}</p>"
        (tmp_path / f"p{i:02}.html").write_text(page(footer), encoding="utf-8")
    serial = page_check.check([str(tmp_path)], NUMBER)
    monkeypatch.setattr(page_check, "PARALLEL_FROM", 8)
    parallel = page_check.check([str(tmp_path)], NUMBER)
    assert [(r.path, [f.rule for f in r.findings]) for r in parallel] == \
        [(r.path, [f.rule for f in r.findings]) for r in serial]
    assert sum(1 for r in serial if r.findings) == 14


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_or_an_oversized_page_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="regular file"):
        read_page(fifo)
    big = tmp_path / "big.html"
    big.write_bytes(b" " * 64)
    with pytest.raises(OSError, match="larger"):
        read_page(big, limit=32)
    assert [f.rule for f in page_check.check([str(fifo)], NUMBER)[0].findings] == ["ICP001"]


def test_the_windowed_and_the_whole_scan_agree() -> None:
    """A few numbers are read in windows around 'ICP'; a page of hundreds in one pass: same result."""
    sample = "浙ICP备12345678号-1 京ICP证030173号 粤B2-20090059 川公网安备 51010702001250号 陕ICP备12000810-2号 ＩＣＰ "
    few = [(n.kind, n.canonical, n.forms) for n in scan(sample)]
    assert len(few) == 5
    assert [(n.kind, n.canonical, n.forms) for n in scan(sample * 40)] == few * 40


def test_footer_examples_render_in_both_languages() -> None:
    """Every field a footer message or hint names is filled by the check that reports it."""
    import re

    from icpfile.data.catalog import rules, word
    from icpfile.footer.configs import config_issues
    from icpfile.footer.snippet import expected

    unfilled = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
    seen = set()
    for record in rules().values():
        for example in record.examples:
            if example["expect"] != "fail" or not ("html" in example or "config" in example):
                continue
            want = expected(example["number"], holder=example.get("holder", ""), police=example.get("police"))
            issues = (page_check.page_issues(example["html"], want) if "html" in example
                      else list(config_issues(example["config"]["name"], example["config"]["text"], want)))
            for issue in issues:
                seen.add(issue.code)
                for lang in ("zh", "en"):
                    finding = word(issue, 1, 1, lang)
                    assert not unfilled.findall(finding.message + finding.hint), (issue.code, lang, finding)
    assert {f"ICP9{n:02}" for n in (*range(1, 14), 16)} <= seen


def test_the_wizard_check_names_the_province_abbreviation() -> None:
    """filing/steps.py asks for the approved number with `number_problem(text, province, lang)`."""
    from icpfile.footer.snippet import number_problem as wizard_check

    assert "蜀" in wizard_check("川ICP备12345678号-1", "四川省", "zh")
    assert wizard_check("蜀ICP备12345678号-1", "四川省", "zh") is None
    assert "蜀ICP备" in wizard_check("浙ICP备12345678号-1", "四川省", "en")


FOOTER = '<html><head><meta charset="{cs}"></head><body>{body}</body></html>'


GOOD = '<a href="https://beian.miit.gov.cn/">苏ICP备12345678号-1</a>'


SITE_PAGE = ('<html><body><a href="https://beian.miit.gov.cn/">苏ICP备12345678号-1</a>'
             " © 2026 x 版权所有</body></html>")


@POSIX
def test_pages_that_never_end_are_refused(tmp_path: Path) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "zero.html").symlink_to("/dev/zero")
    os.mkfifo(site / "pipe.html")
    (site / "ok.html").write_text("<a href='https://beian.miit.gov.cn/'>浙ICP备12345678号-1</a>", encoding="utf-8")
    reports = with_timeout(lambda: page_check.check([str(site)], "浙ICP备12345678号-1"))
    by_name = {Path(r.path).name: [f.rule for f in r.findings] for r in reports}
    assert by_name == {"ok.html": [], "pipe.html": ["ICP001"], "zero.html": ["ICP015"]} or by_name == {
        "ok.html": [], "pipe.html": ["ICP001"], "zero.html": ["ICP001"]}


def test_a_page_over_the_size_cap_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    monkeypatch.setattr(pages, "MAX_PAGE_BYTES", 100)
    (tmp_path / "big.html").write_bytes(b"<p>" + b"x" * 200)
    [report] = page_check.check([str(tmp_path)], "浙ICP备12345678号-1")
    assert [f.rule for f in report.findings] == ["ICP005"]


def test_odd_html_is_judged_as_a_page_not_an_internal_error(tmp_path: Path) -> None:
    """Word's `<![if …]>` and a malformed href: the HTML5 parser reads both as a browser would.

    Origin: Hostile input, issue 12 (was tests/test_hostile.py).
    """
    (tmp_path / "a.html").write_text("<![ if !supportLists]><p>x</p>", encoding="utf-8")
    (tmp_path / "b.html").write_text('<a href="http://[::1">浙ICP备12345678号-1</a>', encoding="utf-8")
    reports = page_check.check([str(tmp_path)], "浙ICP备12345678号-1")
    assert [[f.rule for f in r.findings] for r in reports] == [["ICP901"], ["ICP903"]]


def test_an_empty_folder_given_to_footer_check_exits_2(tmp_path: Path) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    result = invoke("footer", "check", "--number", "浙ICP备12345678号-1", str(tmp_path))
    assert result.exit_code == 2 and "no pages" in result.output


@pytest.mark.parametrize("charset", ["rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "idna", "undefined",
                                     "unicode_escape", "raw_unicode_escape", "punycode", "utf-7", "mbcs", "cp65001"])
def test_a_python_only_codec_in_meta_charset_is_ignored(tmp_path: Path, charset: str) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    from icpfile.footer.pages import decode

    text, encoding = decode(FOOTER.format(cs=charset, body="备案").encode())
    assert encoding == "utf-8" and text.endswith("备案</body></html>")
    (tmp_path / "a.html").write_text(FOOTER.format(cs="utf-8", body=GOOD), encoding="utf-8")
    (tmp_path / "x.html").write_text(FOOTER.format(cs=charset, body=GOOD), encoding="utf-8")
    result = invoke("footer", "check", str(tmp_path), "--number", "苏ICP备12345678号-1", "--format", "json")
    assert result.exit_code in (0, 1), result.output  # judged, not an internal error (2)
    files = json.loads(result.output)["files"]
    assert len(files) == 2 and {f["footer"]["encoding"] for f in files} == {"utf-8"}


def test_escapes_a_browser_shows_literally_are_not_decoded(tmp_path: Path) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    body = '<a href="https://beian.miit.gov.cn/">\\u82cfICP\\u590712345678\\u53f7-1</a>'
    (tmp_path / "x.html").write_text(FOOTER.format(cs="unicode_escape", body=body), encoding="utf-8")
    result = invoke("footer", "check", str(tmp_path), "--number", "苏ICP备12345678号-1", "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)["files"][0]
    assert report["footer"]["encoding"] == "utf-8" and "ICP901" in {f["rule"] for f in report["findings"]}


@pytest.mark.parametrize(("label", "expected"), [("GB2312", "gb18030"), ("big5", "big5"), ("shift_jis", "shift_jis"),
                                                 ("euc-kr", "euc-kr"), ("latin1", "windows-1252"),
                                                 ("iso-8859-2", "iso-8859-2"), ("windows-1251", "windows-1251")])
def test_whatwg_labels_are_honoured(label: str, expected: str) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    from icpfile.footer.pages import decode

    assert decode(FOOTER.format(cs=label, body="x").encode())[1] == expected


@pytest.mark.timeout(60)
def test_a_400000_deep_page_is_a_finding(tmp_path: Path) -> None:
    """lexbor walks its open-element stack per block tag, quadratic in depth: more than 60 s at
    200,000 deep, four times that here, so a page handed to it unguarded hangs past the timeout;
    the linear pre-pass refuses it at depth 512 in well under a second (#23.6: no timed assertion).

    Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    (tmp_path / "a.html").write_text("<div>" * 400_000 + "苏ICP备12345678号-1" + "</div>" * 400_000,
                                     encoding="utf-8")
    result = invoke("footer", "check", str(tmp_path), "--number", "苏ICP备12345678号-1", "--format", "json")
    finding = json.loads(result.output)["files"][0]["findings"][0]
    assert finding["rule"] == "ICP001" and "512" in finding["message"]


@pytest.mark.parametrize(("source", "depth"), [
    ("<div>" * 600, 513), ("<div></div>" * 600, 1), ("<p>" * 600, 0), ("<li>" * 600, 0),
    ("<div><span></div>" * 600, 2), ("<script>" + "<div>" * 600 + "</script>", 0),
    ("<!--" + "<div>" * 600 + "-->", 0), ("<section><ul><div>" * 100, 300),
])
def test_nesting_depth_is_counted_as_a_parser_opens_elements(source: str, depth: int) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    from icpfile.footer.pages import nesting_depth

    assert nesting_depth(source) == depth


def test_a_page_under_the_depth_limit_is_still_judged(tmp_path: Path) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    html = "<div>" * 400 + GOOD + "</div>" * 400
    (tmp_path / "a.html").write_text(FOOTER.format(cs="utf-8", body=html), encoding="utf-8")
    result = invoke("footer", "check", str(tmp_path), "--number", "苏ICP备12345678号-1", "--format", "json")
    assert "ICP001" not in {f["rule"] for f in json.loads(result.output)["files"][0]["findings"]}


@pytest.mark.parametrize(("name", "text", "line"), [
    ("_config.yml", 'beian: "苏ICP备99999999号-1"\nicp: !!python/object/apply:os.system [id]\n', 2),
    ("_config.yml", "beian: [\n", 2),
    ("hugo.toml", '[params]\nbeian = "苏ICP备99999999号-1"\n[[params', 3),
    ("config.toml", 'beian = "x\n', 1),
])
def test_a_config_that_does_not_parse_is_an_icp001(tmp_path: Path, name: str, text: str, line: int) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    (tmp_path / "index.html").write_text(SITE_PAGE, encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = invoke("footer", "check", str(tmp_path), "--number", NUMBER_SU, "--format", "json")
    assert result.exit_code == 1, result.output
    config = next(f for f in json.loads(result.output)["files"] if f["path"].endswith(name))
    assert [(f["rule"], f["line"]) for f in config["findings"]] == [("ICP001", line)]


@pytest.mark.timeout(60)
def test_a_config_alias_bomb_is_walked_in_linear_time(tmp_path: Path) -> None:
    """Eleven levels of nine aliases each expand to 9¹¹ (3·10¹⁰) values: a walk that expands them
    hangs past the timeout; one that visits each node once answers at once (#23.6: no timed
    assertion).

    Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    from icpfile.footer import configs

    bomb = "a: &a [" + ", ".join(["x"] * 9) + "]\n" + "".join(
        f"{n}: &{n} [" + ", ".join([f"*{p}"] * 9) + "]\n" for p, n in zip("abcdefghij", "bcdefghijk"))
    assert configs.numbers("_config.yml", bomb + "beian: *k\nicp: 苏ICP备99999999号-1\n")[0].serial == "99999999"
    assert configs.numbers("_config.yml", "a: &a [*a]\nbeian: *a\n") == []


def test_footer_check_with_an_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    (tmp_path / "a.html").write_text(SITE_PAGE, encoding="utf-8")
    result = invoke("footer", "check", str(tmp_path), "--number", NUMBER_SU, "--lang", "xx")
    assert result.exit_code == 2 and "'xx' is not one of 'zh', 'en'" in result.output

"""Footers: realistic pages, every broken footer reported at its page and line, snippets that pass."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icpfile.cli import app
from icpfile.footer.page_check import check
from icpfile.footer.snippet import number_problem, snippet

from conftest import (
    NUMBER_SU,
    ROOT,
    invoke,
)

PAGE = """<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>云栖示例科技</title></head>
<body>
  <main><h1>云栖示例科技</h1><p>产品与服务介绍……</p></main>
  <footer class="site-footer">
    {footer}
  </footer>
</body>
</html>
"""
NUMBER = "浙ICP备12345678号-1"

BROKEN = {
    "correct": ('<a href="https://beian.miit.gov.cn/" target="_blank">浙ICP备12345678号-1</a>', None),
    "no_link": ("<p>浙ICP备12345678号-1</p>", "ICP902"),
    "wrong_host": ('<a href="http://www.miitbeian.gov.cn/">浙ICP备12345678号-1</a>', "ICP903"),
    "alt_only": ('<a href="https://beian.miit.gov.cn/"><img src="/icp.png" alt="浙ICP备12345678号-1"></a>', "ICP904"),
    "wrong_abbreviation": ('<a href="https://beian.miit.gov.cn/">苏ICP备12345678号-1</a>', "ICP905"),
    "missing": ("<p>© 2026 杭州云栖示例科技有限公司</p>", "ICP901"),
}


def site(tmp_path: Path) -> Path:
    root = tmp_path / "public"
    for name, (footer, _) in BROKEN.items():
        page = root / ("index.html" if name == "correct" else f"{name}/index.html")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(PAGE.format(footer=footer), encoding="utf-8")
    (root / "assets").mkdir()
    (root / "assets" / "app.js").write_text("console.log('not a page')", encoding="utf-8")
    return root


def test_each_broken_footer_is_reported_at_its_page_and_line(tmp_path: Path) -> None:
    reports = {r.path: r for r in check([str(site(tmp_path))], NUMBER)}
    assert len(reports) == len(BROKEN)
    for name, (_, code) in BROKEN.items():
        path = str(tmp_path / "public" / ("index.html" if name == "correct" else f"{name}/index.html"))
        found = [(f.rule, f.line) for f in reports[path].findings]
        if code is None:
            assert found == [], (name, found)
        else:
            assert [rule for rule, _ in found] == [code], (name, found)
            assert found[0][1] == (1 if code == "ICP901" else 7), (name, found)


def test_guangdong_shows_the_subject_number(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    link = '<a href="https://beian.miit.gov.cn/">{}</a>'
    page.write_text(PAGE.format(footer=link.format("粤ICP备12345678号-3")), encoding="utf-8")
    assert [f.rule for f in check([str(page)], "粤ICP备12345678号-3")[0].findings] == ["ICP906"]
    page.write_text(PAGE.format(footer=link.format("粤ICP备12345678号")), encoding="utf-8")
    assert check([str(page)], "粤ICP备12345678号-3")[0].findings == []


def test_the_subject_number_is_accepted_elsewhere(tmp_path: Path) -> None:
    """The guide allows the subject's or the website's number (指南 11)."""
    page = tmp_path / "index.html"
    page.write_text(PAGE.format(footer='<a href="https://beian.miit.gov.cn/">浙ICP备12345678号</a>'), encoding="utf-8")
    assert check([str(page)], NUMBER)[0].findings == []


@pytest.mark.parametrize(
    ("number", "holder", "police"),
    [
        ("浙ICP备12345678号-1", "", None),
        ("苏ICP备2021012345号-2", "南京示例软件有限公司", None),
        ("粤ICP备12345678号-3", "深圳示例通信技术有限公司", "粤公网安备 44030502000001号"),
        ("蜀ICP备12345678号-1", "", "川公网安备 51010702001250号"),
    ],
)
def test_snippet_output_passes_the_check(tmp_path: Path, number: str, holder: str, police: str | None) -> None:
    for fmt in ("html",):
        page = tmp_path / f"{fmt}.html"
        page.write_text(PAGE.format(footer=snippet(number, holder=holder, police=police, fmt=fmt)), encoding="utf-8")
        assert check([str(page)], number, holder=holder, police=police)[0].findings == []


def test_jiangsu_needs_copyright_with_the_holder(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text(PAGE.format(footer=snippet("苏ICP备12345678号-1", fmt="html").replace("版权所有", "")
                                .replace("©", "")), encoding="utf-8")
    assert [f.rule for f in check([str(page)], "苏ICP备12345678号-1")[0].findings] == ["ICP908"]


def test_number_problems() -> None:
    assert number_problem("浙ICP备12345678号-1", "浙江省") is None
    assert "浙ICP备" in number_problem("苏ICP备12345678号-1", "浙江省", "en")
    assert number_problem("浙ICP备12345678号", "浙江省") is not None  # a website number is wanted
    assert number_problem("浙ICP备12345678号", "浙江省", subject=True) is None  # footer check takes either
    assert number_problem("浙ICP备1234号-1", "") is not None


def test_footer_snippet_takes_the_subject_number_footer_check_takes() -> None:
    made = CliRunner().invoke(app, ["footer", "snippet", "--number", "浙ICP备2026012345号", "--format", "text"])
    assert made.exit_code == 0, made.output
    assert made.stdout.startswith("浙ICP备2026012345号  https://beian.miit.gov.cn/")
    bad = CliRunner().invoke(app, ["footer", "snippet", "--number", "浙ICP备2026号"])
    assert bad.exit_code == 2


def test_footer_cli_formats_and_exit_codes(tmp_path: Path) -> None:
    root = site(tmp_path)
    result = CliRunner().invoke(app, ["footer", "check", str(root), "--number", NUMBER, "--format", "json"])
    assert result.exit_code == 1
    files = json.loads(result.stdout)["files"]
    # The correct page, and the one with the number only in an image's alt text (ICP904 is a
    # warning: inferred, #18); every other page holds an error.
    assert sum(1 for f in files if f["valid"]) == 2
    ok = CliRunner().invoke(app, ["footer", "check", str(root / "index.html"), "--number", NUMBER])
    assert ok.exit_code == 0
    assert CliRunner().invoke(app, ["footer", "check", str(root), "--number", "ICP-1"]).exit_code == 2
    assert CliRunner().invoke(app, ["footer", "check", "nowhere", "--number", NUMBER]).exit_code == 2
    snippet_out = CliRunner().invoke(app, ["footer", "snippet", "--number", NUMBER, "--format", "markdown"])
    assert snippet_out.stdout == "[浙ICP备12345678号-1](https://beian.miit.gov.cn/)\n"


def test_another_sites_police_number_is_named(tmp_path: Path) -> None:
    """walker21: a two-site order's footers swapped said only that this site's number was missing."""
    page = tmp_path / "index.html"
    page.write_text('<footer><a href="https://beian.miit.gov.cn/">蜀ICP备12345678号-1</a> <a href="https://'
                    'beian.mps.gov.cn/#/query/webSearch?code=51010702000222">川公网安备 51010702000222号</a></footer>',
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["footer", "check", str(page), "--number", "蜀ICP备12345678号-1", "--police",
                                      "川公网安备 51010702001250号", "--format", "json", "--lang", "en"])
    [finding] = json.loads(result.stdout)["files"][0]["findings"]
    assert finding["rule"] == "ICP907" and (finding["line"], finding["column"]) == (1, 124)
    assert "the page shows 川公网安备 51010702000222号, which is not this site's" in finding["hint"]


HOSTILE_HOLDER = "[x](javascript:alert(1)) <img src=x onerror=alert(1)>\x1b[31m\u202e"


def test_a_police_number_of_another_province_is_refused() -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    result = invoke("footer", "snippet", "--number", NUMBER_SU, "--holder", "x",
                    "--police", "京公网安备 11010202000001号")
    assert result.exit_code == 2 and "江苏" in result.output
    result = invoke("footer", "check", ".", "--number", NUMBER_SU, "--police", "京公网安备 11010202000001号")
    assert result.exit_code == 2 and "江苏" in result.output
    assert invoke("footer", "snippet", "--number", NUMBER_SU, "--holder", "x",
               "--police", "苏公网安备 32010202000001号").exit_code == 0


def test_markdown_holder_cannot_make_a_link_or_a_tag() -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    from icpfile.footer.snippet import snippet

    out = snippet(NUMBER_SU, holder=HOSTILE_HOLDER, fmt="markdown", year=2026)
    assert "](javascript" not in out and "\x1b" not in out and "\u202e" not in out
    assert "<" not in out.replace("\\<", "")  # a tag only as escaped text
    assert out.count("](") == 1  # only the number's own link


@pytest.mark.parametrize("fmt", ["html", "text"])
def test_controls_never_reach_a_snippet(fmt: str) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    from icpfile.footer.snippet import snippet

    out = snippet(NUMBER_SU, holder=HOSTILE_HOLDER, fmt=fmt, year=2026)
    assert "\x1b" not in out and "\u202e" not in out
    assert fmt != "html" or ("<img" not in out and "&lt;img" in out)


def test_an_html_snippet_on_a_cp1252_console_uses_character_references() -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    import subprocess
    import sys

    env = {**__import__("os").environ, "PYTHONIOENCODING": "cp1252"}
    out = subprocess.run([sys.executable, "-m", "icpfile", "footer", "snippet", "--number", NUMBER_SU,
                          "--format", "html", "--holder", "x"], capture_output=True, env=env, check=True).stdout
    assert b"&#33487;ICP&#22791;12345678&#21495;-1" in out and b"\\u" not in out


def test_footer_check_counts_pages_not_drafts(tmp_path: Path) -> None:
    """#21: the pages `footer check` reads are called pages in every format that counts them."""
    for name in ("a.html", "b.html"):
        (tmp_path / name).write_text("<html><body>x</body></html>", encoding="utf-8")
    runner = CliRunner()
    for lang, word in (("en", "2 page(s): 0 passing, 2 failing"), ("zh", "页面 2 个：0 个通过，2 个不通过")):
        result = runner.invoke(app, ["footer", "check", str(tmp_path), "--number", "浙ICP备2026000001号-1",
                                     "--lang", lang])
        assert word in result.output and "draft" not in result.output and "草稿" not in result.output
    page = tmp_path / "out" / "report.html"
    page.parent.mkdir()
    runner.invoke(app, ["footer", "check", str(tmp_path / "a.html"), str(tmp_path / "b.html"), "--number",
                        "浙ICP备2026000001号-1", "--format", "html", "-o", str(page)])
    html = page.read_text(encoding="utf-8")
    assert "pages" in html and "drafts</span>" not in html and "ICP filing drafts" not in html
    # `icpfile check` still counts drafts
    assert "draft(s)" in runner.invoke(app, ["check", str(ROOT / "examples")]).output


@pytest.mark.parametrize(("number", "shown", "note"), [
    ("浙ICP备12345678号-1", "浙ICP备12345678号-1", ""),            # the site's -1 is kept
    ("浙ICP备12345678号", "浙ICP备12345678号", ""),                # a subject number as given
    ("粤ICP备2026123456号", "粤ICP备2026123456号", ""),            # 广东, nothing dropped: nothing said
    ("粤ICP备2026123456号-1", "粤ICP备2026123456号",
     "note: 广东省's footer shows the subject's number 粤ICP备2026123456号, without -1 "
     "(the website's number stays 粤ICP备2026123456号-1)\n"),
])
def test_snippet_keeps_the_site_suffix_unless_the_province_shows_the_subject(number: str, shown: str,
                                                                            note: str) -> None:
    """#22 P19: the `-1` was dropped for 广东 without a word; which province drops it is data
    (provinces.yaml `footer_subject_number`), and the note on stderr says so."""
    result = CliRunner().invoke(app, ["footer", "snippet", "--number", number, "--format", "text"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{shown}  https://beian.miit.gov.cn/\n"
    assert result.stderr == note


def test_the_snippet_note_follows_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    from icpfile.data.packs import builtin

    result = CliRunner().invoke(app, ["footer", "snippet", "--number", "粤ICP备2026123456号-1", "--lang", "zh"])
    assert result.exit_code == 0 and result.stderr == (
        "注意：广东省的页脚显示主体备案号 粤ICP备2026123456号，不带 -1（网站备案号仍是 粤ICP备2026123456号-1）\n")
    # the data decides: a province that shows the subject's number is one with the flag
    pack = builtin().province("浙江省")
    monkeypatch.setitem(pack, "footer_subject_number", True)
    zhe = CliRunner().invoke(app, ["footer", "snippet", "--number", NUMBER, "--format", "text"])
    assert zhe.stdout.startswith("浙ICP备12345678号  ") and "浙江省" in zhe.stderr


@pytest.mark.parametrize("links", [
    # the portal reads the fragment: a right query before a wrong fragment shows the wrong record
    ['https://beian.mps.gov.cn/?code=51010702001250#/query/webSearch?code=51010702000222'],
    # a wrong first copy beside a right second one
    ['https://beian.mps.gov.cn/#/query/webSearch?code=51010702000222',
     'https://beian.mps.gov.cn/#/query/webSearch?code=51010702001250'],
    # the older portal reads recordcode (breaker22 L21)
    ['http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=51010702000222&amp;code=51010702001250'],
])
def test_a_police_link_to_another_record_is_found_wherever_it_hides(tmp_path: Path, links: list[str]) -> None:
    """breaker21 K32."""
    anchors = "".join(f'<a href="{href}"><img src="gongan.png">川公网安备 51010702001250号</a> ' for href in links)
    page = tmp_path / "index.html"
    page.write_text(f'<footer><a href="https://beian.miit.gov.cn/">蜀ICP备12345678号-1</a> {anchors}</footer>',
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["footer", "check", str(page), "--number", "蜀ICP备12345678号-1", "--police",
                                      "川公网安备 51010702001250号", "--format", "json"])
    assert [f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]] == ["ICP915"]


def test_a_page_lists_at_most_the_cap_of_one_rule_and_counts_the_rest(tmp_path: Path) -> None:
    """breaker22: 5,000 wrong police numbers on a page were 5,000 findings, where check lists 100 of
    a rule and one closing finding that stands for the rest (engine.MAX_PER_RULE)."""
    from icpfile.engine import MAX_PER_RULE

    page = tmp_path / "index.html"
    page.write_text('<footer><a href="https://beian.miit.gov.cn/">浙ICP备12345678号-1</a>'
                    + "<p>苏公网安备 33011002012345号</p>\n" * (MAX_PER_RULE + 50) + "</footer>", encoding="utf-8")
    result = CliRunner().invoke(app, ["footer", "check", str(page), "--number", "浙ICP备12345678号-1",
                                      "--format", "json", "--lang", "en"])
    data = json.loads(result.stdout)
    wrong = [f for f in data["files"][0]["findings"] if f["rule"] == "ICP910"]
    assert len(wrong) == MAX_PER_RULE + 1 and "50 more ICP910" in wrong[-1]["message"]
    assert data["summary"]["warnings"] >= MAX_PER_RULE + 50  # the closing finding stands for 50

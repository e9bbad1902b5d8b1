"""`icpfile footer check` on round hostile31's inputs (issue 24; breaker s3 F05, T04–T06, and W30-13).

Origin: the s3 breaker report (F05: an unrendered `{{ … }}` href on a built page passed; T04–T06:
quadratic placing of findings, placeholders looked for in every link, a comment regex retried at
every `/*`), W30-13 (ICP911 on LoveIt's footer, which prints its `icp` setting as HTML), and
`footer check -q` refused while `check -q` is accepted.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icpfile.cli import app
from icpfile.footer import configs, page_check, pages
from icpfile.footer.snippet import expected
from icpfile.values.filing_numbers import scan

from conftest import SHARED

NUMBER = "浙ICP备12345678号-1"
UNRENDERED = '<body><footer><a href="{{ .Site.Params.miit_url }}">浙ICP备12345678号-1</a></footer></body>'


def _issues(folder: Path, html: str, name: str = "index.html") -> list[tuple[str, int]]:
    """(code, line) of what `footer check` reports on `html` saved as `name`."""
    path = folder / name
    path.write_text(html, encoding="utf-8")
    return [(f.rule, f.line) for report in page_check.check([str(path)], NUMBER) for f in report.findings]


# ---------------------------------------------------------------- F05: an unrendered href on a built page


@pytest.mark.parametrize("href", ["{{ .Site.Params.miit_url }}", "{{.Site.Params.beian_miit}}",
                                  "${miitUrl}", "<%= theme.miit_link %>"])
def test_an_unrendered_template_href_on_a_built_page_is_a_broken_link(tmp_path: Path, href: str) -> None:
    html = f'<body><footer><a href="{href}">浙ICP备12345678号-1</a></footer></body>'
    assert _issues(tmp_path, html) == [("ICP903", 1)]
    issue = page_check.judge(html, expected(NUMBER), "index.html")[0][0]
    assert issue.params["hint"] == "unrendered" and issue.params["link"] == href


def test_the_same_link_in_a_template_source_is_taken_on_trust(tmp_path: Path) -> None:
    assert _issues(tmp_path, UNRENDERED, "footer.ejs") == []
    hugo = "{{ if .Site.Params.beian }}" + UNRENDERED + "{{ end }}"  # a Hugo template (`.html` too)
    assert _issues(tmp_path, hugo, "footer.html") == []
    thymeleaf = '<body><p th:if="${site.on}"></p><footer><a href="{{ x.miit }}">浙ICP备12345678号-1</a></footer></body>'
    assert _issues(tmp_path, thymeleaf, "footer.html") == []


def test_the_command_reports_it_with_the_hint(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(UNRENDERED, encoding="utf-8")
    result = CliRunner().invoke(app, ["footer", "check", str(tmp_path), "--number", NUMBER])
    assert result.exit_code == 1, result.output
    assert "ICP903" in result.output and "unrendered" in result.output


# ---------------------------------------------------------------- W30-13: a template printing HTML


def test_loveit_footer_is_a_note_not_an_error(tmp_path: Path) -> None:
    """LoveIt's footer prints `.Site.Params.footer.icp` through safeHTML: the link is the user's."""
    path = SHARED / "reference" / "real-footers" / "T3-dillonzq-LoveIt-footer.html"
    if not path.is_file():
        pytest.skip("the shared reference footers are not on this machine")
    found = _issues(tmp_path, path.read_text(encoding="utf-8"), "footer.html")
    assert found == [("ICP916", 46)]  # the icp line, not the licence's


@pytest.mark.parametrize(("source", "rule"), [
    ('<span>{{ . | safeHTML }}</span>', "ICP916"),
    ('<span>{{- safeHTML . -}}</span>', "ICP916"),
    ('<span>{{ . | markdownify }}</span>', "ICP916"),
    ('<span>{{ . }}</span>', "ICP911"),  # Hugo escapes it: the template prints text, outside a link
])
def test_hugo_with_icp(tmp_path: Path, source: str, rule: str) -> None:
    html = "<footer>{{ with .Site.Params.icp }}" + source + "{{ end }}</footer>"
    assert [c for c, _ in _issues(tmp_path, html, "footer.html")] == [rule]


@pytest.mark.parametrize(("source", "rule"), [
    ("<span>{{ theme.beian.icp | safe }}</span>", "ICP916"),
    ("<span>{{{ site.icp }}}</span>", "ICP916"),
    ("<span><%- theme.beian.icp %></span>", "ICP916"),
    ("<span><%= theme.beian.icp %></span>", "ICP911"),
    ('<span th:utext="${site.icp}">x</span>', "ICP916"),
    ('<span th:text="${site.icp}">x</span>', "ICP911"),
    # one escaped outside a link is still an error, whatever else prints HTML
    ("<span><%- theme.beian.icp %></span><span><%= theme.icp %></span>", "ICP911"),
    # one inside the ministry's link is judged by that link
    ('<span><%- theme.beian.icp %></span><a href="https://beian.miit.gov.cn/"><%= theme.icp %></a>', "ICP912"),
])
def test_raw_placeholders_of_other_engines(tmp_path: Path, source: str, rule: str) -> None:
    assert [c for c, _ in _issues(tmp_path, f"<footer>{source}</footer>", "footer.ejs")] == [rule]


# ---------------------------------------------------------------- T04, T05: placing findings is linear


def _naive(source: str, needle: str, nth: int) -> tuple[int, int]:
    at = max(source.find("<body"), 0)
    found = -1
    for _ in range(nth + 1):
        found = source.find(needle, at) if needle else -1
        if found < 0:
            return 1, 1
        at = found + 1
    return source.count("\n", 0, found) + 1, found - (source.rfind("\n", 0, found) + 1) + 1


def test_position_is_the_old_answer() -> None:
    source = "<head>ab</head>\n<body>ab\nxab ab\n\nab"
    page = pages.Page(source)
    asked = [("ab", n) for n in (3, 0, 2, 1, 5, 4)] + [("", 0), ("zz", 0), ("\n", 1), ("b", 2)]
    assert [page.position(n, k) for n, k in asked] == [_naive(source, n, k) for n, k in asked]


@pytest.mark.timeout(60)
def test_every_finding_of_a_5_mib_page_is_placed_in_linear_time() -> None:
    """100,000 numbers on 100,000 lines: counting earlier hits and lines from the start for each
    was ~10^11 steps (T04)."""
    source = "<body>\n" + "<p>皖公网安备11010802016612号</p>\n" * 100_000
    page = pages.Page(source)
    hits = scan(source)
    assert len(hits) == 100_000
    places = [page_check._at(page, h, hits) for h in hits]
    assert places[0] == (2, 9) and places[-1] == (100_001, 9) and len(set(places)) == 100_000


@pytest.mark.timeout(60)
def test_a_template_of_many_linked_placeholders_is_linear() -> None:
    """T05: 60,000 distinct placeholders, each in its own link (each was looked for in every link)."""
    source = "<body><footer>" + "".join(f'<a href="https://beian.miit.gov.cn/"><%- theme.icp{i} %></a>\n'
                                        for i in range(60_000)) + "</footer></body>"
    found = page_check.page_issues(source, expected(NUMBER))
    assert [(i.code, i.line) for i in found] == [("ICP912", 1)]
    page = pages.parse(source)
    assert len(page.placeholders) == 60_000 and all(p.linked for p in page.placeholders)


# ---------------------------------------------------------------- T06: JavaScript comments


@pytest.mark.parametrize(("text", "kept"), [
    ("a /* b */ c // d\ne", "a  c \ne"),
    ("url: 'https://x' // y\n", "url: 'https://x' \n"),
    ("a /* b", "a /* b"),  # unclosed: not a comment
    ("a /* b // c\nd", "a /* b \nd"),
    ("/**/x/*/y*/z", "xz"),
])
def test_js_comments_are_left_out(text: str, kept: str) -> None:
    assert configs._uncommented(text) == kept
    old = re.compile(r"/\*.*?\*/|(?<!:)//[^\n]*", re.DOTALL)  # what it replaces, quadratic on unclosed ones
    assert old.sub("", text) == kept


@pytest.mark.timeout(60)
def test_a_config_of_unclosed_comments_is_linear() -> None:
    """T06: 2 MiB of `/* ` (240 KiB took 76 s, the regex rescanning to the end at each)."""
    text = "export default { themeConfig: { footer: { message: '浙ICP备87654321号-1' } } }\n" + "/* " * 700_000
    assert [i.code for i in configs.config_issues("config.js", text, expected(NUMBER))] == ["ICP913"]


# ---------------------------------------------------------------- -q


def test_footer_check_accepts_quiet(tmp_path: Path) -> None:
    (tmp_path / "footer.html").write_text(
        "<footer>{{ with .Site.Params.icp }}<span>{{ . | safeHTML }}</span>{{ end }}</footer>", encoding="utf-8")
    loud = CliRunner().invoke(app, ["footer", "check", str(tmp_path), "--number", NUMBER])
    assert loud.exit_code == 0 and "ICP916" in loud.output, loud.output
    for flag in ("-q", "--quiet"):
        quiet = CliRunner().invoke(app, ["footer", "check", flag, str(tmp_path), "--number", NUMBER])
        assert quiet.exit_code == 0 and "ICP916" not in quiet.output, quiet.output


def test_positions_of_many_distinct_numbers_come_from_one_scan_and_agree_with_find() -> None:
    """breaker22 K31b: 30,000 distinct serials were each searched for from the body's start (3 s);
    their whole digit runs are indexed once, and each answer is still the n-th occurrence."""
    serials = [f"330110020{i:05d}" for i in range(3000)]
    source = "<head>330110020000001</head><body>\n" + "".join(f"<p>苏公网安备 {s}号 {s}</p>\n" for s in serials)
    page = pages.Page(source)
    asked = [(s, n) for s in serials[::7] for n in (0, 1)] + [("1100200", 0)]  # the last: inside runs only
    assert [page.position(s, n) for s, n in asked] == [_naive(source, s, n) for s, n in asked]
    assert page._runs is not None and len(page._runs) == 3000

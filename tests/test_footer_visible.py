"""footer check judges what a visitor sees (issue 24.6; the s3 breaker's F01–F04, F06): a number
hidden by HTML or inline CSS is not shown, and the MIIT link is the host a browser goes to, as the
WHATWG URL Standard parses it."""

from __future__ import annotations

from pathlib import Path

import pytest

from icpfile.footer import page_check

NUMBER = "浙ICP备12345678号-1"
LINK = '<a href="https://beian.miit.gov.cn/">{}</a>'


def page(footer: str) -> str:
    return ('<!doctype html>\n<html><head><meta charset="utf-8"><title>示例</title></head>\n<body>\n'
            f"<main><p>正文</p></main>\n<footer>\n{footer}\n</footer>\n</body></html>\n")


def rules_of(tmp_path: Path, html: str) -> list[str]:
    path = tmp_path / "index.html"
    path.write_text(html, encoding="utf-8")
    return [f.rule for f in page_check.check([str(path)], NUMBER)[0].findings]


def test_a_shown_linked_number_passes(tmp_path: Path) -> None:
    assert rules_of(tmp_path, page(LINK.format(NUMBER))) == []


@pytest.mark.parametrize("wrap", [
    "<div hidden>{}</div>",
    '<div hidden="until-found">{}</div>',
    '<p style="display:none">{}</p>',
    '<p style="color: gray; DISPLAY : none !important;">{}</p>',
    '<span style="visibility:hidden">{}</span>',
    '<span style="visibility: collapse">{}</span>',
    '<span style="font-size:0">{}</span>',
    '<span style="font-size: 0px">{}</span>',
    '<span style="font-size:.0em;">{}</span>',
    "<dialog>{}</dialog>",
    "<div hidden><p><b>{}</b></p></div>",
])
def test_a_hidden_number_is_not_shown(tmp_path: Path, wrap: str) -> None:
    assert rules_of(tmp_path, page(wrap.format(LINK.format(NUMBER)))) == ["ICP901"]


@pytest.mark.parametrize("wrap", [
    "<dialog open>{}</dialog>",
    '<p style="font-size:10px">{}</p>',
    '<p style="display:block" data-hidden="1">{}</p>',
    '<p style="font-size: 0.8em">{}</p>',
    '<p aria-hidden="true">{}</p>',  # hidden from a screen reader, shown on the screen
])
def test_a_shown_number_stays_shown(tmp_path: Path, wrap: str) -> None:
    assert rules_of(tmp_path, page(wrap.format(LINK.format(NUMBER)))) == []


def test_hidden_digits_do_not_complete_a_shown_number(tmp_path: Path) -> None:
    """F06: `浙ICP备1234<span hidden>5678</span>号-1` shows 浙ICP备1234号-1, the wrong number."""
    html = page(LINK.format("浙ICP备1234<span hidden>5678</span>号-1"))
    assert rules_of(tmp_path, html) == ["ICP905"]


@pytest.mark.parametrize("href", [
    "https://evil.example\\@beian.miit.gov.cn/",   # a browser reads \ as /: host evil.example (F04)
    "https://beian.miit.gov.cn@evil.example/",     # the MIIT host as a user name
    "https://beian.miit.gov.cn.evil.example/",     # a longer host
    "javascript:location='https://beian.miit.gov.cn/'",
    "https:beian.miit.gov.cn",                     # relative to an https page
    "https:/beian.miit.gov.cn/",                   # the same
    "data:text/html,beian.miit.gov.cn",
])
def test_a_link_that_does_not_go_to_the_miit_host_is_icp903(tmp_path: Path, href: str) -> None:
    html = page(f'<a href="{href}">{NUMBER}</a>')
    assert rules_of(tmp_path, html) == ["ICP903"], href


@pytest.mark.parametrize("href", [
    "https://beian.miit.gov.cn/#/Integrated/index",
    "http://BEIAN.MIIT.GOV.CN./",
    "//beian.miit.gov.cn/",
    "https:\\\\beian.miit.gov.cn\\",
    "  https://beian.miit.gov.cn/  ",
    "https://ｂｅｉａｎ.miit.gov.cn/",   # full-width letters: a browser folds them to the host
    "https://beian.miit.gov.cn:443/",
    "beian.miit.gov.cn/",               # written without a scheme, as sites often do (kept lenient)
])
def test_a_link_a_browser_takes_to_the_miit_host_passes(tmp_path: Path, href: str) -> None:
    assert rules_of(tmp_path, page(f'<a href="{href}">{NUMBER}</a>')) == [], href


def test_a_commented_out_meta_charset_is_not_the_pages_encoding(tmp_path: Path) -> None:
    """F07: `<!-- <meta charset="iso-8859-1"> -->` before the real UTF-8 one: the WHATWG prescan
    skips comments, so the page is UTF-8 and its number is found."""
    from icpfile.footer.pages import decode

    html = page(LINK.format(NUMBER)).replace('<meta charset="utf-8">',
                                             '<!-- <meta charset="iso-8859-1"> --><meta charset="utf-8">')
    assert decode(html.encode("utf-8"))[1] == "utf-8"
    assert rules_of(tmp_path, html) == []
    assert decode(b'<!-- x --><meta charset="gbk">' + "备案".encode("gbk"))[1] == "gb18030"


@pytest.mark.parametrize("mark", ["&shy;", "\u00ad", "\u2060", "&#8203;"])
def test_an_invisible_character_in_the_digits_is_not_a_wrong_number(tmp_path: Path, mark: str) -> None:
    """F08, F09: a visitor reads 浙ICP备1234&shy;5678号-1 as the right number."""
    assert rules_of(tmp_path, page(LINK.format(f"浙ICP备1234{mark}5678号-1"))) == []


# -- B13: what a browser does not draw (CSS read by a tokenizer, HTML's unrendered content) ------

@pytest.mark.parametrize("wrap", [
    '<p style="display:/**/none">{}</p>',                 # a comment inside the declaration
    '<p style="display: /* x */ none /* y */">{}</p>',
    '<p style="display:n\\one">{}</p>',                   # a CSS escape: n\o is no
    '<p style="d\\69 splay:none">{}</p>',                 # an escaped property name
    '<p style="display:none!important;display:block">{}</p>',
    '<p style="content-visibility:hidden">{}</p>',
    '<p style="font:0/0 a">{}</p>',                       # the shorthand's size
    '<div style="font-size:0"><span style="font-size:2em">{}</span></div>',  # 2 × 0 is 0
    '<p style="opacity:0">{}</p>', '<div style="opacity: 0%"><p style="opacity:1">{}</p></div>',
    '<p style="color:#fff;background-color:#FFF">{}</p>',  # text in its background's colour
    '<div style="background:white;color:white"><span>{}</span></div>',
    '<p style="color:transparent">{}</p>',
    '<div style="visibility:hidden"><p style="visibility:visible"><b style="visibility:hidden">{}</b></p></div>',
    "<details><summary>备案信息</summary>{}</details>",    # closed: only the summary is drawn
    "<details>{}</details>",
    "<canvas>{}</canvas>", "<video>{}</video>", "<audio>{}</audio>", '<object data="a.swf">{}</object>',
    "<iframe>{}</iframe>", "<datalist>{}</datalist>", "<ruby>备<rp>{}</rp><rt>bei</rt></ruby>",
    "<template>{}</template>", "<noscript>{}</noscript>",
])
def test_b13_a_number_the_browser_does_not_draw_is_not_shown(tmp_path: Path, wrap: str) -> None:
    assert rules_of(tmp_path, page(wrap.format(LINK.format(NUMBER)))) == ["ICP901"], wrap


@pytest.mark.parametrize("wrap", [
    '<p style="display:none;display:block">{}</p>',       # the last declaration wins
    '<p style="content-visibility:auto">{}</p>',
    "<details open><summary>s</summary>{}</details>",
    "<details><summary>{}</summary>正文</details>",
    '<div style="font-size:0"><span style="font-size:12px">{}</span></div>',  # the inline-block gap trick
    '<div style="font-size:0"><p style="font:bold 14px serif">{}</p></div>',
    '<div style="font-size:0"><p style="font-size:small">{}</p></div>',
    '<div style="font-size:0"><p style="font-size:1rem">{}</p></div>',
    '<p style="opacity:0.8">{}</p>',
    '<p style="color:#333;background:#fff">{}</p>',
    '<div style="color:#fff;background:#fff"><p style="color:#333">{}</p></div>',  # a colour of its own
    '<div style="color:#fff;background:#fff"><p style="background:#000">{}</p></div>',
    '<p style="color:#fff;background:url(bg.png) #fff">{}</p>',  # an image behind: not judged
    '<p style="color:currentcolor;background:currentcolor">{}</p>',
])
def test_b13_a_drawn_number_stays_shown(tmp_path: Path, wrap: str) -> None:
    assert rules_of(tmp_path, page(wrap.format(LINK.format(NUMBER)))) == [], wrap


# -- B14: no false alarm from inheritance or quoted values ----------------------------------------

@pytest.mark.parametrize("wrap", [
    '<div style="visibility:hidden"><p style="visibility:visible">{}</p></div>',  # CSS 2.2 §11.2
    '<div style="visibility:hidden"><span>菜单</span><p style="visibility: VISIBLE">{}</p></div>',
    '<p style="font-family:\'a;display:none\'">{}</p>',    # a quoted font name holding a `;`
    '<p style=\'font-family:"x;display:none;"; color:#333\'>{}</p>',
    '<p style=\'background:url("x;visibility:hidden;")\'>{}</p>',
    '<p style="content:\'display:none\'">{}</p>',
])
def test_b14_inherited_and_quoted_styles_do_not_hide(tmp_path: Path, wrap: str) -> None:
    assert rules_of(tmp_path, page(wrap.format(LINK.format(NUMBER)))) == [], wrap


def test_b14_digits_made_visible_inside_a_hidden_parent_are_judged_alone(tmp_path: Path) -> None:
    """Only `5678号-1` is drawn: that is not the number (no partial number completes it)."""
    html = page('<div style="visibility:hidden">浙ICP备1234<a href="https://beian.miit.gov.cn/" '
                'style="visibility:visible">5678号-1</a></div>')
    assert rules_of(tmp_path, html) == ["ICP901"]


def test_styles_are_parsed_once_per_distinct_text() -> None:
    from icpfile.footer import styles

    styles.effect.cache_clear()
    for _ in range(3):
        assert styles.effect("display:/**/none").gone
    assert styles.effect.cache_info().misses == 1
    assert not styles.hides("color:red; font-size:10px; padding:2px")  # not read unless a parent hides
    assert styles.effect("margin:0") is styles.NONE


@pytest.mark.parametrize("style", [
    "display:none", "DISPLAY : None !important", "display:none;display:block", "display:none!important;display:block",
    "visibility:hidden", "visibility: visible", "font-size:0", "font-size:.0em", "font-size:-0", "font-size: 12px",
    "font-size:2em", "font:0/0 a", "font: bold 14px/1.5 serif", "font:700 0 serif", "content-visibility:hidden",
    "color:red;font-size:0px;", "display:none ! important", "display:none !imp", "font-size:10px",
    "color:#fff;background-color:#FFF", "color:White;background:white", "color:#fff;background:#000", "opacity:0%",
    "opacity:.5", "color: transparent",
])
def test_the_plain_split_reads_plain_styles_as_the_tokenizer_does(style: str) -> None:
    """A style without quotes, comments, escapes or brackets is split in C; it must mean what
    tinycss2 says it means (the split is also the fallback past a page's budget)."""
    from icpfile.footer import styles

    assert not styles.exact(style)
    assert styles._judge(styles._plain_declarations(style)) == styles._judge(styles._exact_declarations(style))


def test_past_the_budget_styles_are_split_and_the_page_stays_linear() -> None:
    from icpfile.footer import styles

    read = styles.Reader()
    assert read('font-family:"a;display:none"') == styles.NONE   # tokenized: one font name
    read.budget = 0
    assert read('font-family:"a";display:none').gone           # split: still read
    assert read('font-family:"a;display:none"') == styles.NONE  # seen before: its tokenized answer


def test_a_style_inside_hidden_text_is_read_only_to_undo_it(tmp_path: Path) -> None:
    """`color:red` cannot hide, so it is not read first; inside a hidden parent it is read, and
    undoes nothing."""
    html = page('<div style="visibility:hidden"><p style="color:red">' + LINK.format(NUMBER) + "</p></div>")
    assert rules_of(tmp_path, html) == ["ICP901"]


def test_values_the_json_report_echoes_from_a_page_are_escaped_and_bounded(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from icpfile.cli import app

    href = "https://evil.example/\u202e\n::error::x\x1b[31m" + "a" * 100_000
    (tmp_path / "index.html").write_text(page(f'<a href="{href}">{NUMBER}</a>'), encoding="utf-8")
    result = CliRunner().invoke(app, ["footer", "check", str(tmp_path), "--number", NUMBER, "-f", "json"])
    assert result.exit_code == 1 and len(result.stdout) < 10_000
    report = json.loads(result.stdout)["files"][0]
    link = report["footer"]["link"]
    assert link.startswith("https://evil.example/\\u202e\\x0a::error::x\\x1b[31maaa") and link.endswith("…")
    assert len(link) == 512 and not any(c in link for c in "\u202e\n\x1b")
    message = report["findings"][0]["message"]
    assert report["findings"][0]["rule"] == "ICP903" and "\\u202e\\x0a" in message and "\n" not in message


@pytest.mark.parametrize(("html", "hint"), [
    (page(f'<p hidden>{LINK.format(NUMBER)}</p>'), "the number is in the page's source but not drawn"),
    (page(f'<p style="font-size:0">{LINK.format(NUMBER)}</p>'), "the number is in the page's source but not"),
    (page(f"<script>document.write('{LINK.format(NUMBER)}')</script>"), "the number is written by a script"),
    ('<html><head><style>footer::after{content:"浙ICP备12345678号-1"}</style></head><body><footer></footer>'
     "</body></html>", "the number is only in a style"),
    ('<html><frameset><frame src="a.html"></frameset></html>', "this page is a frameset"),
    (page("<p>© 2026 示例</p>"), "add the footer that icpfile footer snippet prints"),
    (page("<p>浙B2-20080224</p>"), "the page shows only a telecom business licence"),
])
def test_a_missing_number_says_where_it_is_if_anywhere(tmp_path: Path, html: str, hint: str) -> None:
    """Issue 24.6 (F10–F12): a number drawn by a script, CSS or frames, or hidden, is not
    "missing" without a word: ICP901 stays (a visitor or crawler reading the page does not see
    it), its hint names the cause."""
    path = tmp_path / "index.html"
    path.write_text(html, encoding="utf-8")
    (finding,) = page_check.check([str(path)], NUMBER)[0].findings
    assert finding.rule == "ICP901" and finding.hint.startswith(hint), finding.hint

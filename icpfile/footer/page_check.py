"""`icpfile footer check`: does every page of a built site carry the footer its filing requires?

Every page must show the filing number (the subject's or the website's, 指南 11) as text, linked
to beian.miit.gov.cn (http or https, any path); 广东 shows the subject's number; the public-security
number, when given, links to beian.mps.gov.cn; provinces that ask for it need © / 版权所有 with the
holder. Numbers are found however they are written (`filing_numbers.scan`); a right number written
unusually is a warning about its form, a wrong one is that error, never "missing". Template
sources (Hexo, Hugo, Halo, EJS, Thymeleaf) are judged by the link around the number's placeholder;
site configurations (`_config*.yml`, `config.toml`/`hugo.toml`, `.vitepress/config.*`) by the
number they hold. Above `PARALLEL_FROM` pages the work is spread over worker processes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from icpfile.data import catalog
from icpfile.data.packs import builtin
from icpfile.findings import FileReport, Finding, Issue
from icpfile.footer import configs
from icpfile.footer.pages import _INVISIBLE, TEMPLATE_MARKS, Page, PageTooDeep, PageTooLarge, decode, parse, read_page
from icpfile.footer.snippet import MIIT_HOST, MPS_HOST, Expected, expected
from icpfile.load import files
from icpfile.values.echo import shown, shown_path
from icpfile.values.filing_numbers import SPLIT, Number, problems, same_filing, scan
from icpfile.values.filing_numbers import parse as parse_number

POLICE_HOSTS = (MPS_HOST, "www.beian.gov.cn", "beian.gov.cn")
DEAD_HOSTS = ("www.miitbeian.gov.cn", "miitbeian.gov.cn", "www.miibeian.gov.cn", "miibeian.gov.cn")
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".ejs", ".njk", ".swig", ".ftl", ".jsp", ".php", ".tpl",
                 ".hbs", ".liquid", ".twig", ".vm")
BUILT_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")  # what a site generator writes (a template may be .html too)
PARALLEL_FROM = 256
MAX_DETAIL = 512  # characters of a page's value (a link, a template) the JSON report's `footer` echoes
MAX_LOOKED_AT = 16  # copies of the number whose link is looked up: a page of thousands stays linear


class NoPages(ValueError):
    """The paths hold no page and no site configuration: a usage error (exit 2)."""


@dataclass(frozen=True, slots=True)
class Target:
    """What one page must show: the number (parsed), the police number (parsed), the rest of `want`."""

    want: Expected
    number: Number | None
    police: Number | None
    name: str = "index.html"  # the file's name: a built page's suffix, or a template's


@functools.lru_cache(maxsize=4096)  # a page repeats its few hrefs: 12,000 links to one host took 4 s
def _host(link: str | None) -> str:
    """The host a browser goes to for `link`, lower case ('' for none, or a scheme other than
    http/https: `javascript:…beian.miit.gov.cn`); `beian.miit.gov.cn/` or `//beian…` without a
    scheme counts as the site. Parsed as the WHATWG URL Standard says (the `ada-url` parser): a
    `\\` is a `/`, so `https://evil.example\\@beian.miit.gov.cn/` goes to evil.example (F04,
    where `urlsplit` says beian); `https://beian.miit.gov.cn@evil.com/` goes to evil.com (the
    MIIT host is only its user name); `beian.miit.gov.cn.evil.com` is another host; tabs and
    newlines inside are dropped and full-width letters folded, as browsers do. A host's final
    dot (`beian.miit.gov.cn.`) names the same host."""
    if not link:
        return ""
    from ada_url import parse_url

    link = link.strip(" \t\n\r\f")  # the spec strips C0 controls and space around a URL
    if re.match(r"https?:(?![/\\\\]{2})", link, re.IGNORECASE):
        return ""  # `https:beian.miit.gov.cn`: relative to the page for a page of that scheme, the usual case
    if link.startswith(("//", "\\\\", "/\\", "\\/")):
        link = "https:" + link
    elif not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", link) and "." in re.split(r"[/\\?#]", link, maxsplit=1)[0]:
        link = "http://" + link  # `beian.miit.gov.cn/`: written without a scheme, as sites often do
    try:
        parts = parse_url(link)
    except ValueError:
        return ""
    if parts["protocol"] not in ("http:", "https:"):
        return ""
    return parts["hostname"].lower().removesuffix(".")


def _templated(link: str | None) -> bool:
    return bool(link) and any(mark in link for mark in ("{{", "<%", "${", "{%", "#{", "@{"))  # type: ignore[operator]


def _built(page: Page, link: str, name: str) -> bool:
    """Is this a built page rather than a template source? A page of a built site's suffix
    (`BUILT_SUFFIXES`; Hugo and Thymeleaf templates are `.html` too) with no template syntax
    other than `link` itself: none in its shown text, no placeholder, no `th:` attribute and no
    template mark in another attribute's value. Asked only of a page whose link is a template."""
    if not name.lower().endswith(BUILT_SUFFIXES) or page.placeholders:
        return False
    if any(mark in page.text for mark in TEMPLATE_MARKS):
        return False
    for node in page.tree.css("*") if page.tree is not None else []:
        for key, value in node.attributes.items():
            if key.startswith("th:") or (value and value != link and _templated(value)):
                return False
    return True


def _link_issue(number: str, link: str | None, line: int, column: int, built: bool = False) -> Issue | None:
    """ICP902 (not a link) or ICP903 (another host, a dead one, the police portal, or, on a
    built page, a template expression left unrendered), or None. A template's link written as
    a template expression naming the ministry (`{{ .Site.Params.miit_url }}`) is taken on trust;
    on a built page it is a link to nowhere (F05)."""
    if link is None:
        return Issue.of("ICP902", line=line, column=column, params={"number": number})
    host = _host(link)
    if host == MIIT_HOST:
        return None
    if _templated(link) and built:
        params = {"number": number, "link": link, "host": host, "hint": "unrendered"}
        return Issue.of("ICP903", line=line, column=column, params=params)
    if _templated(link) and "miit" in link:
        return None
    hint = "dead" if host in DEAD_HOSTS else "police" if host in POLICE_HOSTS else None
    params = {"number": number, "link": link or "（空）", "host": host, "hint": hint}
    return Issue.of("ICP903", line=line, column=column, params=params)


def _at(page: Page, found: Number, hits: list[Number]) -> tuple[int, int]:
    return page.position(found.raw_serial or found.serial, page.rank(found, hits))


def _filing(page: Page, hits: list[Number], target: Target, detail: dict[str, Any]) -> Iterator[Issue]:
    want, number = target.want, target.number
    filing = [h for h in hits if h.filing]
    matches = [h for h in filing if number and same_filing(h, number)]
    if matches:
        links = [(h, page.links(h)) for h in matches[:MAX_LOOKED_AT]]
        best, hrefs = next(((h, x) for h, x in links if any(_host(y) == MIIT_HOST for y in x)), links[0])
        link = next((x for x in hrefs if _host(x) == MIIT_HOST), hrefs[0] if hrefs else None)
        detail.update(number=best.written, canonical=best.canonical, form=list(best.forms) or ["canonical"],
                      link=link)
        line, column = _at(page, best, hits)
        built = _templated(link) and _built(page, link or "", target.name)
        issue = _link_issue(best.written, link, line, column, built)
        if issue:
            yield issue
        if want.subject_only and best.seq:
            yield Issue.of("ICP906", line=line, column=column, params={"found": best.written, "expected": want.number})
        elif best.forms:
            yield Issue.of("ICP909", line=line, column=column,
                        params={"found": best.written, "expected": best.canonical, "forms": ", ".join(best.forms)})
        return
    alt_hits = [(n, link) for alt, link in page.alts() for n in scan(alt) if number and same_filing(n, number)]
    if alt_hits:
        line, column = page.position(alt_hits[0][0].raw_serial)
        yield Issue.of("ICP904", line=line, column=column, params={"number": want.number})
        return
    if filing:
        others = sorted(filing, key=lambda h: (not number or h.serial != number.serial, h.start))
        h = others[0]
        detail.update(number=h.written, canonical=h.canonical, form=list(h.forms) or ["canonical"],
                      link=next(iter(page.links(h)), None))
        line, column = _at(page, h, hits)
        yield Issue.of("ICP905", line=line, column=column, params={"found": h.written, "expected": want.number})
        return
    if page.placeholders:
        detail["template"] = " ".join(page.placeholders[0].expression.split())
        yield from _template(page, want)
        return
    licence = any(h.kind == "licence" for h in hits)
    hint = _why_missing(page.source, number) or ("licence" if licence else None)
    yield Issue.of("ICP901", line=1, column=1, params={"number": want.number, "hint": hint})


def _why_missing(source: str, number: Number | None) -> str | None:
    """Why a page that does not show the number may still hold it (issue 24.6, F10–F12): it is
    there but not drawn ("hidden"), written by a script ("script") or a stylesheet's `content`
    ("css"), or the page is a frameset whose frames are other pages ("frames"). Asked only of a
    page that fails: one more parse of it, kept whole."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(source)
    if tree.css_first("frameset") is not None and tree.body is None:
        return "frames"
    if number is None:
        return None
    serial = number.serial
    if tree.body is not None:
        tree.strip_tags(["script", "style", "template"])
        text = tree.body.text(deep=True, separator=SPLIT).translate(_INVISIBLE)
        if any(same_filing(n, number) for n in scan(text)):
            return "hidden"
    kept = LexborHTMLParser(source)
    for kind, selector in (("script", "script"), ("css", "style, [style]")):
        for node in kept.css(selector)[:4096]:
            text = node.text() if node.tag in ("script", "style") else node.attributes.get("style") or ""
            if serial in text.translate(_INVISIBLE):
                return kind
    return None


def _template(page: Page, want: Expected) -> Iterator[Issue]:
    """A template: the number is a placeholder; what can be judged is the link around it. A
    placeholder outside any link is ICP911, unless it prints its value as HTML (`{{ . | safeHTML }}`,
    `<%- … %>`): the link may be in the configuration's HTML, so it is ICP916, a note that it
    could not be checked (W30-13, LoveIt's footer)."""
    unverified = None
    for placeholder in page.placeholders:
        if not placeholder.linked:  # placed only when reported: a position each was quadratic (T05)
            shown = " ".join(placeholder.expression.split())
            if placeholder.raw:
                unverified = unverified or placeholder
                continue
            line, column = page.position(placeholder.expression, placeholder.nth)
            yield Issue.of("ICP911", line=line, column=column, params={"expression": shown})
            return
    first = next((p for p in page.placeholders if p.linked), None)
    if first is None:  # every one prints HTML outside a link
        assert unverified is not None
        line, column = page.position(unverified.expression, unverified.nth)
        yield Issue.of("ICP916", line=line, column=column,
                       params={"expression": " ".join(unverified.expression.split()), "number": want.number})
        return
    line, column = page.position(first.expression, first.nth)
    shown = " ".join(first.expression.split())
    issue = None if _templated(first.link) else _link_issue(shown, first.link, line, column)
    yield issue or Issue.of("ICP912", line=line, column=column, params={"expression": shown, "number": want.number})


def _police(page: Page, hits: list[Number], target: Target) -> Iterator[Issue]:
    police = [h for h in hits if h.kind == "police"]
    for h in police:
        found = [p for p in problems(h, "", builtin()) if p[0] in ("abbr", "code-province", "serial")]
        if found:
            reason, fields = found[0]
            line, column = _at(page, h, hits)
            yield Issue.of("ICP910", line=line, column=column, params={**fields, "police": h.written, "hint": reason})
    want = target.want
    if not want.police:
        return
    code = target.police.serial if target.police else "".join(c for c in want.police if c.isdigit())
    shown = [h for h in police if h.serial == code][:MAX_LOOKED_AT]
    linked = [h for h in shown if any(_host(x) in POLICE_HOSTS for x in page.links(h))]
    if not linked:
        # another site's number in its place (walker21: a two-site order's footers swapped) is named
        other = next((h for h in police if h.serial != code), None) if not shown else None
        where = _at(page, shown[0] if shown else other, hits) if shown or other else (1, 1)
        hint = "unlinked" if shown else "other" if other else None
        yield Issue.of("ICP907", line=where[0], column=where[1],
                    params={"police": want.police, "hint": hint, "found": other.written if other else ""})
        return
    yield from _police_link(page, linked[0], hits, want.police)


def police_link_code(link: str) -> str | None:
    """The record code a police link names: `code=` of the current form
    (beian.mps.gov.cn/#/query/webSearch?code=…) or `recordcode=` of the older one
    (www.beian.gov.cn/portal/registerSystemInfo?recordcode=…); None for a link without one. The
    fragment's is read first: the portal is routed by its fragment, so that is the record it shows
    (breaker21 K32: a right `?code=` before a wrong `#/…?code=` passed)."""
    from urllib.parse import parse_qs

    # the older portal (www.beian.gov.cn/portal/registerSystemInfo) reads `recordcode`, the current
    # one `code` (breaker22 L21: recordcode=<another>&code=<this> passed on the old portal)
    keys = ("recordcode", "code") if "registersysteminfo" in urlsplit(link).path.lower() else ("code", "recordcode")
    for part in (urlsplit(link).fragment.partition("?")[2], urlsplit(link).query):
        query = parse_qs(part)
        for key in keys:
            if query.get(key):
                return query[key][0].strip()
    return None


def _police_link(page: Page, number: Number, hits: list[Number], police: str) -> Iterator[Issue]:
    """Both link forms are accepted (domain-2026b §2.6); a link naming another record's code is
    ICP915; no emblem image in the link or beside it is ICP914 (an info: no source calls it a
    violation, the platform hands it out to be shown with the number)."""
    line, column = _at(page, number, hits)
    links = [x for x in page.links(number) if _host(x) in POLICE_HOSTS]
    # every copy's link names this record: a visitor may click any of them (K32: a wrong first copy
    # passed beside a right second one)
    wrong = [c for c in (police_link_code(x) for x in links) if c and c != number.serial]
    if wrong:
        yield Issue.of("ICP915", line=line, column=column,
                       params={"police": police, "code": wrong[0], "expected": number.serial})
    if page.tree is None:
        return
    for anchor in page.tree.css("a")[:4096]:
        href = anchor.attributes.get("href") or ""
        if _host(href) in POLICE_HOSTS and number.raw_serial in anchor.text():
            around = anchor.parent if anchor.parent is not None else anchor
            if anchor.css_first("img") is not None or around.css_first("img") is not None:
                return
            break
    yield Issue.of("ICP914", line=line, column=column, params={"police": police})


def judge(text: str, want: Expected, name: str = "index.html") -> tuple[list[Issue], dict[str, Any]]:
    """The issues of one decoded page named `name`, and what a reviewer sees: the number found,
    the form it is written in, the link it is inside (`{"number", "canonical", "form", "link"}`,
    None if absent)."""
    target = Target(want, parse_number(want.given or want.number),
                    parse_number(want.police) if want.police else None, name)
    page = parse(text)
    hits = scan(page.text)
    detail: dict[str, Any] = {"number": None, "canonical": None, "form": None, "link": None}
    issues = list(_filing(page, hits, target, detail))
    issues += _police(page, hits, target)
    for key in ("number", "canonical", "link", "template"):  # echoed in the JSON report: escaped and bounded
        if isinstance(detail.get(key), str):
            detail[key] = shown(detail[key], limit=MAX_DETAIL)
    if want.copyright:
        whole = page.text
        if "©" not in whole and "版权所有" not in whole:
            issues.append(Issue.of("ICP908", line=1, column=1, params={"holder": want.holder or "（单位名称）"}))
        elif want.holder and want.holder not in whole:
            issues.append(Issue.of("ICP908", line=1, column=1, params={"holder": want.holder, "hint": "holder"}))
    return issues, detail


def page_issues(text: str, want: Expected, name: str = "index.html") -> list[Issue]:
    """The issues of one decoded page (see `judge`)."""
    return judge(text, want, name)[0]


def pages(paths: list[str]) -> list[tuple[str, Path, str | None]]:
    """(shown path, file, problem) for every page and site configuration: files as given, folders
    walked in sorted order by the shared iterative walker (`icpfile.load.files.walk`; hidden
    folders skipped, except `.vitepress`). `problem` is set for a page that must not be read (a
    symlink leaving the folder, a FIFO or device). Raises FileNotFoundError, NoPages."""
    found: list[tuple[str, Path, str | None]] = []
    for raw in paths:
        path = Path(raw)
        if files.escapes(path) is not None:  # `public -> ../outside`: judged like a walked link (issue 24.2, C05)
            found.append((raw, path, files.OUTSIDE))
        elif path.is_dir():
            walked = files.walk(path, raw, PAGE_SUFFIXES, fold_case=True, also=configs.is_config,
                                hidden_kept=(".vitepress",))
            found.extend((e.shown, e.path, e.problem) for e in walked)
        elif path.exists():
            found.append((raw, path, None))
        else:
            raise FileNotFoundError(f"{raw}: no such file or folder")
    if not found:
        raise NoPages(f"no pages found in {' '.join(paths)} (*.html, templates, site configurations)")
    return found


def _refusal(kind: str) -> Issue:
    if kind == files.OUTSIDE:
        return Issue.of("ICP015", line=1, column=1)
    return Issue.of("ICP001", line=1, column=1, params={"reason": "not a regular file"})


def _one(item: tuple[str, Path, str | None], want: Expected, lang: str) -> FileReport:
    shown, path, problem = item
    detail: dict[str, Any] | None = None
    try:
        if problem is not None:
            raise files.FileProblem(problem, "refused")
        text, encoding = decode(read_page(path))
    except files.FileProblem as exc:
        issues = [_refusal(exc.kind)]
    except PageTooLarge as exc:
        issues = [Issue.of("ICP005", line=1, column=1, params={"size": exc.size, "limit": exc.limit})]
    except OSError as exc:
        issues = [Issue.of("ICP001", line=1, column=1, params={"reason": exc.strerror or str(exc)})]
    else:
        try:
            if configs.is_config(path.name):
                issues = list(configs.config_issues(path.name, text, want))
            else:
                issues, detail = judge(text, want, path.name)
                detail["encoding"] = encoding
        except PageTooDeep as exc:
            issues = [Issue.of("ICP001", line=1, column=1, params={"reason": str(exc)})]
        except Exception as exc:  # a page the parser chokes on is a finding for that page only
            issues = [Issue.of("ICP001", line=1, column=1, params={"reason": f"unparseable ({type(exc).__name__})"})]
    return FileReport(shown_path(shown), _worded(issues, lang), detail)


def _worded(issues: list[Issue], lang: str) -> list[Finding]:
    """The findings of one page, sorted; as `check` does (engine.MAX_PER_RULE), at most that many of
    one rule, the first by position, then one finding that counts the rest (breaker22: a page of
    5,000 wrong numbers listed all 5,000, where check stops at 100)."""
    from icpfile.engine import MAX_PER_RULE, unlisted

    by_code: dict[str, list[Issue]] = {}
    for issue in issues:
        by_code.setdefault(issue.code, []).append(issue)
    found: list[Finding] = []
    for each in by_code.values():
        each.sort(key=lambda i: (i.line or 1, i.column or 1))
        found.extend(catalog.word(i, i.line or 1, i.column or 1, lang) for i in each[:MAX_PER_RULE])
        if len(each) > MAX_PER_RULE:
            hidden = each[MAX_PER_RULE]
            found.append(unlisted(found[-1], len(each) - MAX_PER_RULE, hidden.line or 1, hidden.column or 1, lang))
    return sorted(found, key=Finding.sort_key)


def _chunk(items: list[tuple[str, Path, str | None]], want: Expected, lang: str) -> list[FileReport]:
    return [_one(item, want, lang) for item in items]


def check(paths: list[str], number: str, province: str = "", police: str | None = None, holder: str = "",
          lang: str = "en", progress: bool = False) -> list[FileReport]:
    """One report per page, in path order. Raises FileNotFoundError or NoPages (usage errors).
    `progress`: a transient bar on stderr for a site of `PARALLEL_FROM` pages or more."""
    want = expected(number, province, holder, police)
    found = pages(paths)
    work = functools.partial(_chunk, want=want, lang=lang)
    if len(found) < PARALLEL_FROM:
        return work(found)
    from icpfile.batch import in_workers
    from icpfile.progress import bar

    catalog.rules()  # loaded once, before the workers fork
    with bar(progress, len(found), "icpfile footer check") as advance:
        return in_workers(work, found, advance)

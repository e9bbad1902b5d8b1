"""`icpfile footer check`: does every page of a built site carry the footer its filing requires?

Pages are read with the standard library's HTML parser, which keeps each tag's line and column,
so a finding points at the element in the page. The number must appear as text (not only in an
image's alt), exactly, inside a link to beian.miit.gov.cn; the public-security number, when
given, links to beian.mps.gov.cn; provinces that ask for it need © / 版权所有 with the holder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from icpfile.findings import FileReport, Finding, Issue
from icpfile.footer.snippet import MIIT_HOST, MPS_HOST, Expected, expected
from icpfile.load import files
from icpfile.rules import catalog
from icpfile.values.echo import escape_controls

NUMBER = re.compile(r"(?P<abbr>[^\W\d_])ICP备(?P<serial>[0-9]{8}|[0-9]{10})号(?:-(?P<site>[0-9]+))?")
POLICE_HOSTS = (MPS_HOST, "www.beian.gov.cn", "beian.gov.cn")
PAGE_SUFFIXES = (".html", ".htm")
MAX_PAGE_BYTES = 16 * 1024 * 1024  # a built page is rarely over 1 MiB; /dev/zero must end somewhere


@dataclass
class _Text:
    text: str
    line: int
    column: int
    link: str | None  # href of the enclosing <a>, if any


@dataclass
class _Page(HTMLParser):
    texts: list[_Text] = field(default_factory=list)
    alts: list[_Text] = field(default_factory=list)
    _links: list[str | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        line, column = self.getpos()
        if tag == "a":
            self._links.append(values.get("href") or "")
        elif tag == "img" and values.get("alt"):
            self.alts.append(_Text(values["alt"] or "", line, column + 1, self._links[-1] if self._links else None))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._links:
            self._links.pop()

    def handle_data(self, data: str) -> None:
        line, column = self.getpos()
        self.texts.append(_Text(data, line, column + 1, self._links[-1] if self._links else None))


@dataclass(frozen=True, slots=True)
class _Hit:
    number: str
    abbr: str
    serial: str
    line: int
    column: int
    link: str | None


def _hits(chunks: list[_Text]) -> list[_Hit]:
    found = []
    for chunk in chunks:
        for match in NUMBER.finditer(chunk.text):
            before = chunk.text[: match.start()]
            line = chunk.line + before.count("\n")
            column = (len(before) - before.rfind("\n")) if "\n" in before else chunk.column + len(before)
            found.append(_Hit(match.group(0), match.group("abbr"), match.group("serial"), line, column, chunk.link))
    return found


def _host(link: str | None) -> str:
    """The lower-case host of a link; '' for none or a malformed one (`http://[::1`)."""
    try:
        return (urlsplit(link).hostname or "").lower() if link else ""
    except ValueError:
        return ""


def _why_absent(hits: list[_Hit], alts: list[_Hit], want: Expected, accepted: set[str], subject_form: str,
                serial: str) -> Issue:
    """The most useful reason the right number is not on the page."""
    for h in hits:
        if want.subject_only and h.number.split("-")[0] == subject_form:
            return Issue("ICP906", line=h.line, column=h.column, params={"found": h.number, "expected": want.number})
    for h in alts:
        if h.number in accepted:
            return Issue("ICP904", line=h.line, column=h.column, params={"number": want.number})
    others = [h for h in hits if h.serial == serial] + hits  # a wrong abbreviation first, then any other
    if others:
        h = others[0]
        return Issue("ICP905", line=h.line, column=h.column, params={"found": h.number, "expected": want.number})
    return Issue("ICP901", line=1, column=1, params={"number": want.number})


def page_issues(text: str, want: Expected) -> list[Issue]:
    page = _Page()
    page.feed(text)
    page.close()
    issues: list[Issue] = []
    subject_form = want.number.split("-")[0]
    serial = subject_form.split("ICP备")[-1].rstrip("号")
    # The guide allows the subject's or the website's number (指南 11); 广东 wants the subject's.
    accepted = {want.number} if want.subject_only else {want.number, subject_form}
    hits = _hits(page.texts)
    good = [h for h in hits if h.number in accepted]
    if not good:
        issues.append(_why_absent(hits, _hits(page.alts), want, accepted, subject_form, serial))
    elif not any(_host(h.link) == MIIT_HOST for h in good):
        h = good[0]
        code = "ICP903" if h.link else "ICP902"
        issues.append(Issue(code, line=h.line, column=h.column,
                            params={"number": h.number, "link": h.link or "", "host": _host(h.link)}))
    if want.police:
        police = [t for t in page.texts if want.police.replace(" ", "") in t.text.replace(" ", "")]
        linked = [t for t in police if _host(t.link) in POLICE_HOSTS]
        if not linked:
            where = police[0] if police else None
            issues.append(Issue("ICP907", line=where.line if where else 1, column=where.column if where else 1,
                                params={"police": want.police, "hint": "unlinked" if police else None}))
    if want.copyright:
        whole = "".join(t.text for t in page.texts)
        if "©" not in whole and "版权所有" not in whole:
            issues.append(Issue("ICP908", line=1, column=1, params={"holder": want.holder or "（单位名称）"}))
        elif want.holder and want.holder not in whole:
            issues.append(Issue("ICP908", line=1, column=1, params={"holder": want.holder, "hint": "holder"}))
    return issues


def pages(paths: list[str]) -> list[tuple[str, Path, str | None]]:
    """(shown path, file, problem) for every page: HTML files as given, folders walked in sorted
    order by the shared iterative walker (`icpfile.load.files.walk`); `problem` is set for a page
    that must not be read (a symlink leaving the folder, a FIFO or device)."""
    found: list[tuple[str, Path, str | None]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend((e.shown, e.path, e.problem) for e in files.walk(path, raw, PAGE_SUFFIXES, fold_case=True))
        elif path.exists():
            found.append((raw, path, None))
        else:
            raise FileNotFoundError(f"{raw}: no such file or folder")
    return found


def _refusal(kind: str) -> Issue:
    if kind == files.OUTSIDE:
        return Issue("ICP015", line=1, column=1)
    return Issue("ICP001", line=1, column=1, params={"reason": "not a regular file"})


def read_page(path: Path, problem: str | None = None) -> tuple[str | None, Issue | None]:
    """A page's text (at most MAX_PAGE_BYTES, regular files only), or the issue saying why not.

    `problem` is what `pages()` found while walking (files.OUTSIDE or files.NOT_REGULAR)."""
    if problem is not None:
        return None, _refusal(problem)
    try:
        data = files.read_regular(path, MAX_PAGE_BYTES)
    except files.FileProblem as exc:
        return None, _refusal(exc.kind)
    except OSError as exc:
        return None, Issue("ICP001", line=1, column=1, params={"reason": exc.strerror or str(exc)})
    if len(data) > MAX_PAGE_BYTES:
        return None, Issue("ICP005", line=1, column=1, params={"size": len(data), "limit": MAX_PAGE_BYTES})
    return data.decode("utf-8", errors="replace"), None


def check(paths: list[str], number: str, province: str = "", police: str | None = None, holder: str = "",
          lang: str = "en") -> list[FileReport]:
    want = expected(number, province, holder, police)
    reports = []
    for shown, path, problem in pages(paths):
        text, refused = read_page(path, problem)
        if text is None:
            issues = [refused]
        else:
            try:
                issues = page_issues(text, want)
            except Exception as exc:  # a page the parser chokes on is a finding for that page only
                reason = f"unparseable HTML ({type(exc).__name__})"
                issues = [Issue("ICP001", line=1, column=1, params={"reason": reason})]
        findings: list[Finding] = [catalog.word(i, i.line or 1, i.column or 1, lang) for i in issues]
        reports.append(FileReport(escape_controls(shown), sorted(findings, key=Finding.sort_key)))
    return reports

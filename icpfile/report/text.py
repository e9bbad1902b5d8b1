"""`--format text`: what a person reads in a terminal, grouped by file.

    drafts/acme.yaml:27:11  error  ICP201  website name '云栖' has 2 Chinese character(s) …
      = hint: Name the site with three or more Chinese characters …
      = source: 指南 3.1 附录一、附录二

Colour comes from rich, and only when asked for (a terminal without NO_COLOR); plain output
never imports rich, which keeps CI runs fast.
"""

from __future__ import annotations

from icpfile.data.sources import shown as shown_source
from icpfile.findings import FileReport, Severity
from icpfile.report import _WORDS, ReportOptions, portfolio, summary, words_of
from icpfile.values.echo import escape_controls

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(reports: list[FileReport], options: ReportOptions) -> str:
    words = words_of(options.lang, options.items)
    lines: list[tuple[str, str]] = []  # (text, rich style)
    for report in reports:
        # A line starting with `::` is a workflow command to the GitHub runner: a file named
        # `::error file=x::y.yaml` is shown as `./::error …`, the same file, and no command.
        # Whoever made a finding, a control in it (ESC, CR, NEL, a bidi override) is shown escaped
        # (`escape_controls`, idempotent on the already escaped), so a value forges no line and
        # drives no terminal; workflow commands are defused where the text is written (cli/output).
        path = escape_controls(f"./{report.path}" if report.path.startswith("::") else report.path)
        for f in report.findings:
            message = escape_controls(f.message)
            head = f"{path}:{f.line}:{f.column}  {words[f.severity.value]}  {f.rule}  {message}"
            lines.append((head, _STYLE[f.severity]))
            if f.hint:
                lines.append((f"  = {words['hint']}: {escape_controls(f.hint)}", "dim"))
            lines.append((f"  = {words['source']}: {escape_controls(shown_source(f.source, options.lang))}", "dim"))
    totals = summary(reports)
    tail = words["summary"].format(**totals)
    if not any(r.findings for r in reports):  # Chinese text takes full-width brackets (#22 B16)
        english = words["hint"] == _WORDS["en"]["hint"]
        tail = f"{tail} ({words['clean']})" if english else f"{tail}（{words['clean']}）"
    lines.append((tail, "bold"))
    if len(reports) > 1:  # a folder or a portfolio: the line a person reads first
        lines.append((drafts_line(reports, options.strict, words), "bold"))
    if not options.color:
        return "".join(text + "\n" for text, _ in lines)
    return _colour(lines)


def drafts_line(reports: list[FileReport], strict: bool, words: dict[str, str]) -> str:
    """`12 drafts: 9 ready, 3 failing (most common: ICP304 2 drafts, ICP201 1 drafts)`."""
    counts = portfolio(reports, strict)
    line = words["drafts"].format(**counts)
    if counts["top"]:
        english = words["hint"] == _WORDS["en"]["hint"]
        each = [f"{code} {words['drafts_of'].format(n=n)}" for code, n in counts["top"]]
        codes = (", " if english else "，").join(each)
        line += f" ({words['on']}: {codes})" if english else f"（{words['on']}：{codes}）"
    return line


def _colour(lines: list[tuple[str, str]]) -> str:
    from rich.console import Console
    from rich.text import Text

    console = Console(force_terminal=True, color_system="standard", width=10_000, highlight=False)
    with console.capture() as capture:
        for text, style in lines:
            console.print(Text(text, style=style), soft_wrap=True)
    return capture.get()

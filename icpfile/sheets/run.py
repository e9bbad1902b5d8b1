"""What `icpfile import` and `icpfile export --format xlsx|csv` do, apart from option parsing.

Both report through the one finding model: the sheet's cell problems are findings of one
`FileReport` (the sheet), an export's dropped fields findings of each draft's. `RunError` is a
usage error (one line, exit 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from icpfile.findings import FileReport, Issue, Severity
from icpfile.values.echo import escape_controls

# The lines `init` and `import` offer for .gitignore (filing/init_draft.py takes them from here):
# the wizard's state, the backups (an import's are numbered), the temporary files.
GITIGNORE_LINES = (".icpfile/", "*.bak", "*.bak.*", ".*.tmp")


class RunError(ValueError):
    """Nothing could be done (an unreadable sheet, no drafts): one line, exit 2. `key` and `line(lang)`,
    when set, give it in the run's language (`said`)."""

    key: str | None = None
    line: Any = None


class EmptySheet(RunError):
    """The sheet has no row to import (empty, or its header alone) and --allow-empty was not given."""


class OutputIsInput(RunError):
    """`export -o FILE` names one of the drafts it reads (directly, through a folder, or by a link)."""


WORDS = {
    "zh": {"done": "写出草稿 {written} 份到 {folder}（覆盖 {replaced} 份，与表格相同 {unchanged} 份，"
                   "已有且不同、未覆盖 {kept} 份，未写出 {refused} 份）；表格问题 {errors} 个错误、{warnings} 个警告",
           "next": "下一步：icpfile check {folder}", "hint": "修改建议",
           "gitignore": "草稿、.bak 备份和向导的状态里有身份证号和手机号，不要提交到 git：把下面几行加到 {ignore}："},
    "en": {"done": "wrote {written} draft(s) to {folder} ({replaced} replaced, {unchanged} unchanged, "
                   "{kept} differing and kept, {refused} not written); sheet problems: {errors} error(s), "
                   "{warnings} warning(s)",
           "next": "next: icpfile check {folder}", "hint": "hint",
           "gitignore": "the drafts, their .bak backups and the wizard's state hold ID and phone numbers: keep them "
                        "out of git, add these lines to {ignore}:"},
}


def word(issues: list[Issue], lang: str, show_pii: bool) -> list:
    from icpfile.data.catalog import word as worded

    found = [worded(i, i.line or 1, i.column or 1, lang, show_pii) for i in issues]
    return sorted(found, key=lambda f: (f.line, f.column, f.rule))


def reader_issues(table: Any) -> list[Issue]:
    """The reader's problems (a byte that is not text, a bad cell reference, a limit) at their cells, ICP955."""
    from icpfile.sheets.importer import column_letter

    found = []
    for problem in table.problems:
        name = f"{column_letter(problem.column)}{problem.row}"
        name = f"{table.name}!{name}" if table.name else name
        found.append(Issue.of("ICP955", name, {"cell": name, "label": "XLSX" if table.name else "CSV",
                                                        "what": problem.what},
                              line=problem.row, column=problem.column))
    return found


@dataclass(slots=True)
class Imported:
    report: FileReport
    counts: dict[str, int]
    folder: Path


def import_sheet(sheet: Path, folder: Path, lang: str, force: bool = False, sheet_name: str | None = None,
                 show_pii: bool = False, progress: bool = False, allow_empty: bool = False) -> Imported:
    from icpfile.sheets import importer, reader
    from icpfile.sheets.layout import layout
    from icpfile.values.echo import shown_path

    if not sheet.is_file():
        raise RunError(f"{sheet}: no such file")
    try:
        table = reader.read(sheet, sheet_name)
    except reader.SheetError as exc:
        error = RunError(str(exc))
        error.key, error.line = getattr(exc, "key", None), getattr(exc, "line", None)  # zh or en: `said`
        raise error from None
    orders, issues = importer.read_orders(table, layout())
    if not orders and not allow_empty and not table.problems and not importer.has_rows(table, layout()):
        raise EmptySheet(str(sheet))  # nothing is written, the folder not made
    if not orders and allow_empty and not importer.has_rows(table, layout()):
        issues = []  # an empty sheet accepted: no ICP954 for the header it has not
    issues = reader_issues(table) + issues
    from icpfile.progress import bar

    with bar(progress and len(orders) > 1, len(orders), "icpfile import") as advance:
        written, more = importer.write_orders(orders, folder, sheet.name, force=force, advance=advance,
                                               lang=lang)
    findings = word(issues + more, lang, show_pii)
    report = FileReport(shown_path(str(sheet), show_pii), findings)
    counts = {status: sum(1 for w in written if w.status == status)
              for status in ("written", "replaced", "unchanged", "kept", "refused")}
    counts["written"] += counts["replaced"]
    counts["errors"] = report.count(Severity.ERROR)
    counts["warnings"] = report.count(Severity.WARNING)
    return Imported(report, counts, folder)


def import_text(result: Imported, lang: str) -> str:
    """`clients.xlsx:Sheet1!D12  error  ICP950  message` a finding, its hint, then the summary."""
    words = WORDS.get(lang, WORDS["en"])
    lines = []
    for f in result.report.findings:  # the cell once, in front: `clients.xlsx:Sheet1!D12`
        lines.append(f"{result.report.path}:{f.pointer}  {f.severity.value}  {f.rule}  {f.message}")
        if f.hint:
            lines.append(f"  = {words['hint']}: {f.hint}")
    folder = escape_controls(str(result.folder))
    lines.append(words["done"].format(folder=folder, **result.counts))
    if result.counts["written"]:
        lines.append(words["next"].format(folder=folder))
        missing = gitignore_lines(result.folder)
        if missing:
            lines.append(words["gitignore"].format(ignore=escape_controls(str(result.folder / ".gitignore"))))
            lines.extend(missing)
    return "\n".join(lines) + "\n"


def gitignore_lines(folder: Path) -> list[str]:
    """What `init` offers for .gitignore (state, backups, temporary files) that the drafts folder's
    `.gitignore` (or the working folder's) does not list yet; read bounded, never followed to a device."""
    from icpfile.load.files import read_side_file

    listed = set(read_side_file(folder / ".gitignore").split()) | set(read_side_file(Path(".gitignore")).split())
    return [line for line in GITIGNORE_LINES if line not in listed]


def refuse_output(output: Path | None, inputs: list[Any], lang: str = "en") -> None:
    """`-o FILE` may not be a symbolic link, nor any draft being read (a folder's drafts included):
    the sheet would replace the client's draft."""
    import os

    lang = "zh" if lang == "zh" else "en"
    if output is None:
        return
    if output.is_symlink():
        raise RunError(WORDS_OUTPUT["symlink"][lang].format(output=escape_controls(str(output))))
    if not output.exists():
        return
    for item in inputs:
        try:
            same = item.path is not None and os.path.samefile(output, item.path)
        except OSError:
            same = False
        if same:
            raise OutputIsInput(WORDS_OUTPUT["input"][lang].format(output=escape_controls(str(output))))


WORDS_OUTPUT = {
    "symlink": {"zh": "-o {output} 是符号链接；icpfile 不通过链接写入，请写到普通文件",
                "en": "-o {output} is a symbolic link; icpfile does not write through links: name a regular file"},
    "input": {"zh": "-o {output} 是要导出的草稿之一；请把表格写到别处",
              "en": "-o {output} is one of the drafts being exported; write the sheet elsewhere"},
}


def load_drafts(paths: list[str], output: Path | None = None, lang: str = "en"
                ) -> tuple[list[tuple[str, str, dict[str, Any]]], list[FileReport]]:
    """(order id, shown, data) of each draft, and a report for each that could not be read;
    RunError when `output` is a link or one of the drafts (`refuse_output`)."""
    from icpfile import batch, engine
    from icpfile.load.read import load_path
    from icpfile.schema import typed

    try:
        inputs = batch.expand(paths)
    except batch.InputError as exc:
        raise RunError(str(exc)) from None
    refuse_output(output, inputs, lang)
    drafts, unreadable = [], []
    seen: set[str] = set()
    for item in inputs:
        if item.path is None or item.problem is not None:
            continue
        doc = load_path(item.path, item.shown)
        if not isinstance(doc.data, dict):
            from icpfile.options import Options

            unreadable.append(engine.check_document(doc, Options()).report)
            continue
        name = item.path.stem
        while name in seen:  # two folders with the same file name: keep both orders apart
            name += "_"
        seen.add(name)
        drafts.append((name, item.shown, typed.apply(doc.data)))
    if not drafts and not unreadable:
        raise RunError(f"no drafts (*.yaml, *.yml) in {' '.join(paths)}")
    return drafts, unreadable


def export_sheet(paths: list[str], fmt: str, output: Path | None, lang: str, show_pii: bool
                 ) -> tuple[str | bytes, list[FileReport]]:
    """The sheet (CSV text, or written to `output` for xlsx) and each draft's report of dropped fields."""
    from icpfile.sheets import exporter

    drafts, unreadable = load_drafts(paths, output, lang)
    rows, notes = exporter.export(drafts, show_pii)
    reports = [FileReport(shown, word(issues, lang, show_pii)) for shown, issues in notes] + unreadable
    if fmt == "csv":
        if output is not None:
            exporter.write_csv(output, rows)
        return exporter.csv_text(rows, "\n"), reports
    if output is None:
        raise RunError("--format xlsx writes a file: give it with -o FILE.xlsx")
    explained = exporter.explanation(exporter.layout(), lang)
    exporter.write_xlsx(output, [("客户" if lang == "zh" else "clients", rows), ("说明" if lang == "zh" else
                                                                                 "columns", explained)])
    return "", reports

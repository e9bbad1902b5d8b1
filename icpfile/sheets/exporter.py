"""Drafts → the sheet layout (`icpfile export --format xlsx|csv`), and the empty template.

One draft is one order: its first row carries the order fields, row i its i-th website and app,
as `icpfile import` reads them, so export → import gives the drafts back (a test keeps it so on
every bundled example). Codes are written as their Chinese labels, lists one item a line, records
`a | b | c` one a line, `long_term` as 长期. Unless `show_pii`, every cell is masked by shape as
every report masks (`values.pii.mask_text`: an ID or mobile typed into 备注 or an e-mail address too),
and an ID or phone column's value the shape does not catch (a passport number) as that column's kind;
so a certificate number reads as `check` shows it (`913**********5852F`). `--show-pii` exports in full.

What a draft holds that the layout cannot carry (an `x_` key, a fourth platform) is found by
reading the written rows back and comparing: each is an ICP957 warning, never silently dropped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from icpfile.findings import Issue
from icpfile.sheets import snapshot
from icpfile.sheets.layout import FORMULA_START, LISTS, Column, Layout, layout

PII_TYPES = ("id", "mobile", "phone")


def _get(node: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        if isinstance(key, int):
            if not isinstance(node, list) or key >= len(node):
                return None
        elif not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def _label(code: Any, codes: dict[str, str]) -> str:
    text = str(code)
    label = codes.get(text)
    if label is None or list(codes.values()).count(label) > 1:
        return text
    return label


def _masked(kind: str, text: str) -> str:
    """An ID or phone column's value: by shape first (as `check` shows it), by its kind when the
    shape leaves it whole (a 9-character passport number, a short landline)."""
    from icpfile.values.pii import mask_id, mask_phone, mask_text

    shaped = mask_text(text)
    if shaped != text:
        return shaped
    return mask_id(text) if kind == "id" else mask_phone(text)


def _shaped(text: str) -> str:
    """A cell masked by shape, IP addresses excepted: `192.168.100.200` has 12 digits, which the
    shape takes for a number to hide, but it is an address the client must read in full (in the
    IP column and inside a record copy's `"ip": [...]` alike)."""
    from icpfile.values.pii import mask_text

    if len(text) < 11:
        return text
    out, start = [], 0
    for match in _ADDRESS.finditer(text):
        if _is_ip(match.group(0)):
            out.append(mask_text(text[start:match.start()]))
            out.append(match.group(0))
            start = match.end()
    out.append(mask_text(text[start:]))
    return "".join(out)


# An IPv4 address standing alone (not a piece of a longer run of digits and dots), or an IPv6 one.
# Linear: a try starts only where a run of its characters starts (the look-behinds).
_ADDRESS = re.compile(r"(?<![0-9.])[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?![0-9.])"
                      r"|(?<![0-9A-Fa-f:])[0-9A-Fa-f:]*:[0-9A-Fa-f:.]+")


def _is_ip(text: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def snapshot_text(column: Column, value: Any, base: Any, recorded: bool, show_pii: bool) -> str:
    """A `snapshot` cell: `value` (the record's copy) as its changes from `base`; `recorded` says
    whether the record entry that would hold the copy exists (then no copy is 以上都不涉及)."""
    if value is None:
        return snapshot.NONE_TEXT if recorded else ""
    if not isinstance(value, dict):
        return ""  # not what this column holds: the read-back comparison names it
    paths = layout().pii_paths(column.of)

    def mask(path: tuple[str, ...], item: Any) -> Any:
        kind = paths.get(path)
        return _masked(kind, item) if kind and isinstance(item, str) and not show_pii else None

    return snapshot.text(snapshot.changes(base, value), mask)


def cell_text(column: Column, value: Any, show_pii: bool) -> str:
    """The text a cell holds for a draft value (import reads it back to the same value)."""
    if value is None:
        return ""
    kind = column.type
    if kind == "same" and value == "same_as_subject":
        return "同主体负责人"
    if kind == "same" and isinstance(value, dict):
        return ""  # a person: the person's columns hold it
    if kind == "bool" and isinstance(value, bool):
        return "是" if value else "否"
    if kind == "date" and value == "long_term":
        return "长期"  # as the template's 说明 offers it; import reads it back as long_term
    if kind == "code":
        return _label(value, column.codes)
    if kind == "codes" and isinstance(value, list):
        return "\n".join(_label(v, column.codes) for v in value)
    if kind == "list" and isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if kind == "records" and isinstance(value, list):
        if not value:
            return "以上都不涉及"
        lines = []
        for entry in value:
            if not isinstance(entry, dict):
                continue
            parts = []
            for spec in column.fields:
                item = entry.get(spec["key"], "")
                if spec["type"] == "code":
                    item = _label(item, layout().field_codes(column, spec["key"]))
                parts.append(str(item))
            while parts and not parts[-1]:
                parts.pop()
            lines.append(" | ".join(parts))
        return "\n".join(lines)
    if isinstance(value, dict | list):
        return ""  # not what this column holds: the read-back comparison names it
    text = str(value)
    if kind in PII_TYPES and not show_pii:
        return _masked(kind, text)
    return text


def rows_of(order_id: str, draft: dict[str, Any], sheet: Layout, show_pii: bool) -> list[list[str]]:
    """An order's rows: row i holds the order fields (i = 0) and item i of every list scope."""
    lists = {}
    for scope, path in LISTS.items():
        items = _get(draft, path)
        lists[scope] = items if isinstance(items, list) else []
    rows = []
    for i in range(max(1, *(len(items) for items in lists.values()))):
        row = [order_id]
        for column in sheet.columns:
            if column.scope == "order":
                container = _get(draft, column.path[:-1]) if i == 0 else None
                base = _get(draft, tuple(column.of.split("."))) if column.of else None
            else:
                items = lists[column.scope]
                container = items[i] if i < len(items) else None
                base = lists[column.of][i] if column.of and i < len(lists[column.of]) else None
            value = _get(container, column.path[-1:] if column.scope == "order" else column.path)
            if column.type == "snapshot":
                row.append(snapshot_text(column, value, base, isinstance(container, dict), show_pii))
            else:
                row.append(cell_text(column, value, show_pii))
        rows.append(row if show_pii else [_shaped(text) for text in row])  # by shape in every column
    return rows


def headers(sheet: Layout) -> list[str]:
    return [sheet.order.label, *(c.label for c in sheet.columns)]


def _differences(given: Any, back: Any, pointer: str = "") -> list[str]:
    """JSON Pointers where `back` (read back from the sheet) lacks or changes `given`."""
    if isinstance(given, dict) and isinstance(back, dict):
        return [p for k, v in given.items() for p in _differences(v, back.get(k), f"{pointer}/{k}")]
    if isinstance(given, list) and isinstance(back, list) and len(given) == len(back) and all(
            isinstance(v, dict | list) for v in given):
        return [p for i, v in enumerate(given) for p in _differences(v, back[i], f"{pointer}/{i}")]
    if isinstance(given, list) and isinstance(back, list) and len(given) > len(back) and all(
            isinstance(v, dict) for v in given):
        found = [p for i, v in enumerate(back) for p in _differences(given[i], v, f"{pointer}/{i}")]
        return found + [f"{pointer}/{i}" for i in range(len(back), len(given))]
    return [] if given == back else [pointer or "/"]


def dropped(order_id: str, draft: dict[str, Any], sheet: Layout) -> list[str]:
    """Where the layout cannot carry `draft`: its rows (unmasked) read back and compared."""
    from icpfile.sheets.importer import read_orders
    from icpfile.sheets.reader import Table

    rows = [headers(sheet), *rows_of(order_id, draft, sheet, show_pii=True)]
    orders, _ = read_orders(Table("", [(i, list(r)) for i, r in enumerate(rows, start=1)]), sheet)
    back = orders[0].draft() if orders else {}
    return _differences(draft, back)


def export(drafts: list[tuple[str, str, dict[str, Any]]], show_pii: bool = False
           ) -> tuple[list[list[str]], list[tuple[str, list[Issue]]]]:
    """(header + rows, [(draft shown, ICP957 issues)]) for drafts given as (order id, shown, data)."""
    sheet = layout()
    rows = [headers(sheet)]
    notes = []
    for order_id, shown, draft in drafts:
        rows.extend(rows_of(order_id, draft, sheet, show_pii))
        lost = dropped(order_id, draft, sheet)
        notes.append((shown, [Issue.of("ICP957", p, {"what": p}, line=1, column=1) for p in lost[:50]]))
    return rows, notes


def explanation(sheet: Layout, lang: str = "zh") -> list[list[str]]:
    """The second sheet of the template and of an export: what each column takes."""
    types = {
        "text": ("文字，照证件或实际填写", "text as on the certificate"),
        "id": ("证件号码：请把这一列设为“文本”格式", "an ID or certificate number: format the column as Text"),
        "mobile": ("11 位手机号码：请设为“文本”格式", "an 11-digit mobile: format the column as Text"),
        "phone": ("手机或座机（086-0571-88888888）：请设为“文本”格式", "a mobile or a landline: format as Text"),
        "date": ("日期 2030-06-30", "a date 2030-06-30"),
        "long_term": ("日期 2030-06-30，或 长期", "a date 2030-06-30, or 长期 (long_term)"),
        "code": ("下列取值之一（代码或中文名称）", "one of the values below (code or Chinese label)"),
        "codes": ("下列取值，可写多个，每行一个或用、分隔", "values below, several: one a line or separated by 、"),
        "list": ("可写多个，每行一个或用、分隔", "several: one a line or separated by 、"),
        "bool": ("是 或 否", "是 (yes) or 否 (no)"),
        "same": ("写“同主体负责人”，或留空并填写后面的负责人各列",
                 "同主体负责人 (same as the subject's), or empty and the person's columns filled"),
        "records": ("每行一条，字段用 | 分隔；以上都不涉及 表示空列表", "one entry a line, fields separated by |; "
                    "以上都不涉及 for none"),
        "snapshot": ("备案通过时的信息：与现在相同则留空；不同的项每行一条 字段: 值"
                     "（如 principal.mobile: \"13800138000\"），-字段 表示当时没有；以上都不涉及 表示记录里没有副本",
                     "what was approved: empty when it equals the current values; else one differing field a line, "
                     "field: value (principal.mobile: \"13800138000\"), -field for one absent then; 以上都不涉及 for "
                     "no copy"),
    }
    def words(zh: str, en: str) -> str:
        # The first sheet's headers are Chinese whatever --lang says (the portal's labels), so an
        # English reader gets the Chinese with the English under it; --lang zh gets the Chinese.
        return zh if lang == "zh" or not en else f"{zh}\n{en}"

    head = [words(zh, en) for zh, en in (("列名", "Header"), ("英文列名", "English header"),
                                         ("草稿字段", "Draft field"), ("怎么填", "How to fill it in"),
                                         ("允许的取值", "Allowed values"))]
    rows = [head, [sheet.order.label, sheet.order.english, words("（文件名）", "(file name)"),
                   words(sheet.order_help, sheet.order_help_en), ""]]
    for column in sheet.columns:
        scope = "".join(f"{p}[]." if p in ("websites", "apps") else f"{p}." for p in LISTS.get(column.scope, ()))
        field = scope + ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in column.path)
        how = words(*types["long_term" if column.takes_long_term() else column.type])
        allowed = " · ".join(f"{c} {label}" for c, label in column.codes.items())
        if column.type == "records":
            parts = []
            for spec in column.fields:
                codes = layout().field_codes(column, spec["key"]) if spec["type"] == "code" else {}
                parts.append(spec["key"] + (f" ({' · '.join(f'{c} {n}' for c, n in codes.items())})" if codes else ""))
            allowed = " | ".join(parts)
        rows.append([column.label, column.english, field.replace(".[", "["), how, allowed])
    return rows


def csv_text(rows: list[list[str]], line_end: str = "\r\n") -> str:
    """The rows as CSV; a value a spreadsheet would run as a formula gets Excel's text mark `'` in
    front (import takes it off again). The one writer for a file and for standard output alike."""
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=line_end)
    for row in rows:
        writer.writerow(["'" + v if v.startswith(FORMULA_START) else v for v in row])
    return buffer.getvalue()


def terminal_text(text: str) -> str:
    """CSV text for a terminal: every control, line separator and bidi control but the line
    break escaped (`\\x1b`), so a cell cannot colour, retitle or rewrite the screen; a file or a
    pipe gets the exact text (`csv_text`)."""
    from icpfile.values.echo import escape_controls

    return "\n".join(escape_controls(line) for line in text.split("\n"))


def write_csv(path: Path, rows: list[list[str]]) -> None:
    """UTF-8 with a BOM (Excel opens it as UTF-8), formula-like values marked (`csv_text`)."""
    from icpfile.load.files import write_atomic

    write_atomic(path, "\ufeff" + csv_text(rows))


def write_xlsx(path: Path, sheets: list[tuple[str, list[list[Any]]]], widths: dict[str, list[int]] | None = None
               ) -> None:
    """`xlsx_bytes` written to `path` by a temporary file and a rename."""
    from icpfile.load.files import write_atomic

    write_atomic(path, xlsx_bytes(sheets, widths))


# What an XLSX cell cannot hold (XML 1.0 forbids C0 controls but tab and line breaks; a lone
# surrogate cannot be encoded): openpyxl raises IllegalCharacterError on the first of them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
ESCAPED_NOTE = ("icpfile：这一格的控制字符无法存入 XLSX，已写成 \\x01 这样的转义；草稿里的值含有这些字符，"
                "请在草稿中改正。\nicpfile: control characters XLSX cannot hold were written as escapes "
                "such as \\x01; the draft's value holds them: correct it in the draft.")


def xlsx_safe(value: str) -> str:
    """`value` with what XLSX cannot hold written as a visible escape (`\\x01`, `\\ud800`)."""
    return _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                        value)


def xlsx_bytes(sheets: list[tuple[str, list[list[Any]]]], widths: dict[str, list[int]] | None = None) -> bytes:
    """Sheets of text cells (Excel's Text format, so a reopened sheet keeps every digit); a
    value that starts with `=` stays text, never a formula. The first row is bold and frozen. A
    control character XLSX cannot hold is written as an escape and the cell carries a comment
    saying so (`ESCAPED_NOTE`), never a crash."""
    import io

    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font

    book = openpyxl.Workbook(write_only=True)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for title, rows in sheets:
        ws = book.create_sheet(title)
        ws.freeze_panes = "A2"
        for i, width in enumerate((widths or {}).get(title, [])):
            from openpyxl.utils import get_column_letter

            ws.column_dimensions[get_column_letter(i + 1)].width = width
        for n, row in enumerate(rows):
            cells = []
            for value in row:
                if value == "" or value is None:
                    cells.append(None)  # no cell at all: a wide sheet is mostly empty, and reads faster so
                    continue
                safe = xlsx_safe(value) if isinstance(value, str) else value
                cell = WriteOnlyCell(ws, value=safe)
                if safe != value:
                    cell.comment = Comment(ESCAPED_NOTE, "icpfile")
                if isinstance(value, str):
                    cell.data_type = "s"  # "=1+1" is text here, not a formula
                    cell.number_format = "@"
                    if "\n" in value:
                        cell.alignment = wrap
                if n == 0:
                    cell.font = bold
                cells.append(cell)
            ws.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def template(path: Path, lang: str = "zh") -> None:
    """An empty sheet with the layout's headers, and a second sheet explaining each column."""
    sheet = layout()
    explained = explanation(sheet, lang)
    if path.suffix.lower() == ".csv":
        write_csv(path, [headers(sheet)])
        return
    write_xlsx(path, [("客户", [headers(sheet)]), ("说明", explained)],
               {"客户": [14] * len(headers(sheet)), "说明": [22, 28, 34, 50, 80]})

"""A client sheet → one draft per order, and findings at the cells that cannot be taken as written.

Shapes: `read_orders(table, layout)` → (orders, issues); an `Order` holds the draft data, the rows
it came from and a note per draft path that a cell had trouble with. `write_orders` writes each
order's draft into a folder (never overwriting unless `force`, then backing up to `.bak`; by a
temporary file and a rename; never through a symlink; never outside the folder).

A bad cell is an `Issue` (codes ICP95x, `sheets/rules.yaml`) with `pointer` `Sheet1!D12`, its row as
the line and its column number as the column; one bad cell or row never stops the others. A
value the spreadsheet turned into a number (an ID as 1.1010519491231E+17, a landline without its
leading zero) is named, and written into the draft as the sheet shows it, so `check` refuses it
too: import never guesses lost digits.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from icpfile.findings import Issue, Own
from icpfile.sheets import snapshot
from icpfile.sheets.layout import FORMULA_START, LISTS, Column, Layout, normal
from icpfile.sheets.reader import MAX_CELL, Table, Value

HEADER_ROWS = 20  # the header is looked for in the first rows (a title or group row above it)
_SPLIT = re.compile(r"[\n,，;；、]+")
_FIELD = re.compile(r"\s*[|｜]\s*")
_SCIENTIFIC = re.compile(r"[0-9](?:\.[0-9]+)?[eE][+-]?[0-9]+")
_YEAR_FIRST = re.compile(r"([0-9]{4})\s*[/.\-年]\s*([0-9]{1,2})\s*[/.\-月]\s*([0-9]{1,2})\s*日?")
_LOST_ZERO = re.compile(r"[2-9][0-9]{9,11}")  # 0571-88888888 typed as a number: 57188888888
# A number export masked inside a text (`联系 139****5678`): digits, then at least three `*`, then digits.
_MASKED_RUN = re.compile(r"[0-9０-９][ \-./]{0,3}\*{3,}[ \-./*]*[0-9０-９]")
NONE_WORDS = {normal(w) for w in ("以上都不涉及", "不涉及", "无", "none", "[]")}
SAME_WORDS = {normal(w) for w in ("same_as_subject", "同主体负责人", "同主体", "同上")}
TRUE_WORDS = {normal(w) for w in ("是", "true", "yes", "y", "1", "经营性")}
FALSE_WORDS = {normal(w) for w in ("否", "false", "no", "n", "0", "非经营性")}
LONG_TERM = {normal(w) for w in ("long_term", "长期", "长期有效")}
Path_ = tuple[str | int, ...]
LOST_DIGITS = {"zh": "数字单元格只保留 15 位有效数字，后几位已经丢失",
               "en": "a number cell keeps 15 significant digits: the last ones are lost"}
LOST_ZERO = {"zh": "座机号码开头的 0（区号）已经丢失", "en": "the landline lost its leading 0 (area code)"}
E_NOTATION = {"zh": "科学计数法的号码已经丢失了数字", "en": "a number in E notation has lost digits"}


def both(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def echoed(text: str, limit: int = 60) -> str:
    """A cell's text inside a message: masked by shape, controls and line separators escaped, at
    most `limit` characters (a message's `what` is words, not a value `--show-pii` unmasks)."""
    from icpfile.values.echo import shown

    return shown(text, False, limit)


def masked(zh_subject: str, en_subject: str) -> dict[str, str]:
    """The words for a number export masked (`330***********1238`): the digits are not in the sheet."""
    return both(f"{zh_subject}是 icpfile export 遮盖过的号码，真实号码不在表格里；"
                "请填写完整号码（导出时加 --show-pii）",
                f"{en_subject} number masked by icpfile export; the real number is not in the sheet: type it in "
                "full (or export with --show-pii)")


def sheet_prefix(table: Table) -> str:
    """`Sheet1!` for a cell name, the sheet's title escaped (a title is text the sheet's author chose:
    a U+2028 or newline in it must not start a line of the report or of the draft's comment)."""
    return _prefix(table.name) if table.name else ""


@cache
def _prefix(name: str) -> str:
    from icpfile.values.echo import escape_controls, shorten

    return f"{shorten(escape_controls(name), 60)}!"


@cache
def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(slots=True)
class Order:
    id: str
    row: int  # the order's first row
    cell: str = ""  # its order id's cell, `Sheet1!A12`: where a finding about the draft file points
    data: dict[str, Any] = field(default_factory=lambda: {"version": 1})
    notes: dict[Path_, str] = field(default_factory=dict)
    lists: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {scope: [] for scope in LISTS})
    taken: dict[Path_, Any] = field(default_factory=dict)  # order-level values, to spot a second one
    # the snapshot cells read: (scope, index of its entry, column label) → changes or NO_COPY
    snapshots: dict[tuple[str, int, str], Any] = field(default_factory=dict)
    # (scope, index) of an item → the index of each scope's item on the same row (a snapshot's baseline)
    rows_of: dict[tuple[str, int], dict[str, int]] = field(default_factory=dict)

    def draft(self) -> dict[str, Any]:
        data = dict(self.data)
        for scope, path in LISTS.items():
            items = self.lists[scope]
            if items:
                node = data
                for key in path[:-1]:
                    node = node.setdefault(key, {})
                node[path[-1]] = items
        order = ("version", "filing", "subject", "websites", "apps", "materials", "record", "police")
        return {k: data[k] for k in sorted(data, key=lambda k: order.index(k) if k in order else len(order))}


MISSING = object()
# A cell refused with an issue (a formula, an over-long cell, a masked number): the draft gets `null`
# there, marked `# ⚠ Sheet1!D12 ICP955`, so `check` refuses the draft at that line, which names the cell.
REFUSED = object()
NO_COPY = object()  # a snapshot cell saying the record holds no copy


class Cell:
    """One cell being read: where it is, for the issues it raises."""

    __slots__ = ("_name", "column", "issues", "number", "row", "table")

    def __init__(self, table: Table, row: int, number: int, column: Column, issues: list[Issue]) -> None:
        self.row, self.number, self.column, self.issues, self.table = row, number, column, issues, table
        self._name: str | None = None

    @property
    def name(self) -> str:
        """`Sheet1!D12`, made when an issue needs it (most cells raise none: 150,000 names unused, #19)."""
        if self._name is None:
            self._name = f"{sheet_prefix(self.table)}{column_letter(self.number)}{self.row}"
        return self._name

    def issue(self, code: str, **params: Any) -> None:
        self.issues.append(Issue.of(code, self.name, {"cell": self.name, "label": self.column.label, **params},
                                    line=self.row, column=self.number))


def _excel_shown(number: float) -> str:
    """How Excel shows a large number in a General cell: 1.1010519491231E+17."""
    mantissa, exponent = f"{number:.14E}".split("E")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}E{'+' if int(exponent) >= 0 else '-'}{abs(int(exponent)):02d}"


def _number_text(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value) if isinstance(value, int) else _excel_shown(value) if abs(value) >= 1e15 else repr(value)


_LOOKUPS: dict[int, tuple[dict[str, str], dict[str, str], dict[str, str]]] = {}


def _lookup(codes: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """(code folded → code, label normalised → code) of a code list, made once per list."""
    known = _LOOKUPS.get(id(codes))
    if known is None or known[0] is not codes:
        known = (codes, {c.casefold(): c for c in codes}, {normal(label): c for c, label in codes.items()})
        _LOOKUPS[id(codes)] = known
    return known[1], known[2]


def _code(cell: Cell, text: str, codes: dict[str, str]) -> str:
    if text in codes:
        return text
    folded, by_label = _lookup(codes)
    found = folded.get(text.casefold()) or by_label.get(normal(text))
    if found:
        return found
    allowed = Own(" · ".join(f"{c} {label}" for c, label in codes.items()))
    cell.issue("ICP952", value=text, allowed=allowed)
    return text


def _number_cell(cell: Cell, value: int | float, kind: str) -> str:
    """An ID or a phone number the spreadsheet stored as a number."""
    whole = isinstance(value, int) or value.is_integer()
    digits = len(str(int(value))) if whole else 0
    if kind == "id":
        if whole and digits <= 15 and isinstance(value, int):
            shown = str(value)
            cell.issue("ICP951", shown=shown)
            return shown
        shown = _excel_shown(float(value)) if whole else repr(value)
        cell.issue("ICP950", shown=shown, what=LOST_DIGITS)
        return shown
    shown = str(int(value)) if whole and digits <= 15 else _excel_shown(float(value))
    if whole and digits <= 15 and shown.startswith("1"):  # a mobile: its digits are all there
        cell.issue("ICP951", shown=shown)
    elif kind == "phone" and whole and digits <= 15:
        cell.issue("ICP950", shown=shown, what=LOST_ZERO)
    else:
        cell.issue("ICP950", shown=shown, what=both("号码的数字已经改变", "the number's digits were changed"))
    return shown


def _text_of(cell: Cell, value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number_text(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    text = str(value)
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_START:
        text = text[1:]  # Excel's text mark, as export writes it before a formula-like value in a CSV
    # A text keeps its line breaks (a PEM key ends with one); spaces around it are a typing accident.
    return text.strip(" \t\u3000\xa0") if cell.column.type == "text" else text.strip()


def convert(cell: Cell, value: Value, formula: bool = False) -> Any:
    """A cell's value as the draft takes it, MISSING (empty) or REFUSED (with an issue)."""
    column = cell.column
    if value is None or (isinstance(value, str) and not value.strip()):
        return MISSING
    if formula:
        cell.issue("ICP955", what=both("这是公式；icpfile 不计算公式，请“选择性粘贴 → 数值”后再导入",
                                      "a formula; icpfile does not compute formulas: paste it as values"))
        return REFUSED
    if isinstance(value, str) and len(value) > MAX_CELL:
        length = getattr(value, "length", len(value))  # a reader.Long: the text past the limit was not gathered
        cell.issue("ICP955", what=both(f"这一格有 {length} 个字符，超过 {MAX_CELL} 个，没有导入",
                                      f"the cell holds {length} characters, more than {MAX_CELL}; not imported"))
        return REFUSED
    kind = column.type
    if kind in ("id", "mobile", "phone"):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _number_cell(cell, value, kind)
        text = _text_of(cell, value)
        if "*" in text:  # export's mask (330***********1238, 138****8000): the digits are not in the sheet
            cell.issue("ICP955", what=masked("这", "a"))
            return REFUSED
        if _SCIENTIFIC.fullmatch(text):
            cell.issue("ICP950", shown=text, what=E_NOTATION)
        elif kind == "phone" and _LOST_ZERO.fullmatch(text):
            cell.issue("ICP950", shown=text, what=LOST_ZERO)
        return text
    if kind == "date":
        if isinstance(value, dt.datetime | dt.date):
            return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
        return _date(cell, _text_of(cell, value))
    text = _text_of(cell, value)
    if kind in ("text", "list", "records") and "*" in text and _MASKED_RUN.search(text):
        # export masks by shape in every column (备注 with a mobile): the real digits are not in the sheet
        cell.issue("ICP955", what=both("这一格里有 icpfile export 遮盖过的号码，真实号码不在表格里；"
                                      "请填写完整号码（导出时加 --show-pii）",
                                      "the cell holds a number masked by icpfile export; the real number is not "
                                      "in the sheet: type it in full (or export with --show-pii)"))
        return REFUSED
    if kind == "code":
        return _code(cell, text, column.codes)
    if kind == "codes":
        return [_code(cell, part.strip(), column.codes) for part in _SPLIT.split(text) if part.strip()]
    if kind == "list":
        return [part.strip() for part in _SPLIT.split(text) if part.strip()]
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if normal(text) in TRUE_WORDS or normal(text) in FALSE_WORDS:
            return normal(text) in TRUE_WORDS
        cell.issue("ICP952", value=text, allowed=Own("是 / 否 (true / false)"))
        return text
    if kind == "same":
        if normal(text) in SAME_WORDS:
            return "same_as_subject"
        cell.issue("ICP952", value=text, allowed=Own("same_as_subject 同主体负责人"))
        return text
    if kind == "records":
        return _records(cell, text)
    if kind == "snapshot":
        return _snapshot(cell, text)
    return text


def _date(cell: Cell, text: str) -> str:
    """A date cell holding text: 2034-06-30 as it is; the same date written year first another way
    (2034/6/30, as a spreadsheet's CSV writes a date cell; 2034.6.30, 2034年6月30日) as 2034-06-30;
    长期 as long_term. Anything else, or 长期 where the field cannot be long-term, is named at its
    cell and written as read, so `check` refuses it too (30/6/2034 may be either order: no guess)."""
    if normal(text) in LONG_TERM:
        if not cell.column.takes_long_term():
            cell.issue("ICP955", what=both("这个日期不能是“长期”，请填写具体日期（如 2034-06-30）",
                                          "this date cannot be 长期 (long_term): give the date, as 2034-06-30"))
        return "long_term"
    match = _YEAR_FIRST.fullmatch(text)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups())).isoformat()
        except ValueError:
            pass
    cell.issue("ICP955", what=both(f"“{echoed(text)}”不是日期（写作 2034-06-30）；按原样写入",
                                  f"'{echoed(text)}' is not a date (write it 2034-06-30); written as read"))
    return text


def _snapshot(cell: Cell, text: str) -> Any:
    """A `snapshot` cell's changes (`sheets/snapshot.py`), or NO_COPY for 以上都不涉及."""
    if normal(text) in NONE_WORDS:
        return NO_COPY
    found, bad = snapshot.parse(text)
    for line in bad[:3]:
        cell.issue("ICP955", what=both(f"“{echoed(line)}”不是“字段: 值”或“-字段”，没有导入",
                                      f"'{echoed(line)}' is not 'field: value' or '-field'; not imported"))
    from icpfile.sheets.layout import layout

    paths = layout().pii_paths(cell.column.of)
    for path, value in found:
        if path in paths and isinstance(value, str) and "*" in value:
            cell.issue("ICP955", what=masked(f"{echoed('.'.join(path))} ", f"{echoed('.'.join(path))} is a"))
    return found


def _records(cell: Cell, text: str) -> list[dict[str, Any]]:
    if normal(text) in NONE_WORDS:
        return []
    from icpfile.sheets.layout import layout

    fields = cell.column.fields
    entries = []
    for line in snapshot.LINES.split(text):
        if not line.strip():
            continue
        parts = _FIELD.split(line.strip())
        if len(parts) > len(fields):
            cell.issue("ICP955", what=both(f"“{echoed(line.strip())}”的字段多于 {len(fields)} 个（用 | 分隔）",
                                          f"'{echoed(line.strip())}' has more than {len(fields)} fields "
                                          "(separated by |)"))
            continue
        entry: dict[str, Any] = {}
        for spec, part in zip(fields, parts):
            if not part:
                continue
            if spec["type"] == "code":
                entry[spec["key"]] = _code(cell, part, layout().field_codes(cell.column, spec["key"]))
            else:
                entry[spec["key"]] = part
        if entry:
            entries.append(entry)
    return entries


def _put(target: dict[str, Any], path: Path_, value: Any) -> bool:
    """Set `value` at `path` (ints index lists, grown as needed); False if a value is in the way."""
    node: Any = target
    for i, key in enumerate(path[:-1]):
        following = path[i + 1]
        empty: Any = [] if isinstance(following, int) else {}
        if isinstance(key, int):
            while len(node) <= key:
                node.append(None)
            if node[key] is None:
                node[key] = empty
            node = node[key]
        else:
            if key not in node:
                node[key] = empty
            node = node[key]
        if not isinstance(node, list if isinstance(following, int) else dict):
            return False
    last = path[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
        node[last] = value
    else:
        node[last] = value
    return True


def _compact(node: Any) -> Any:
    """Numbered columns left empty leave holes: platform 1 and 3 given make a list of two."""
    if isinstance(node, dict):
        return {k: _compact(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_compact(v) for v in node if v is not None]
    return node


def find_header(table: Table, layout: Layout) -> tuple[int, dict[int, Column], list[Issue]]:
    """(index of the header row in table.rows, column number → Column, issues) or (-1, {}, issues).

    The header is the row among the first `HEADER_ROWS` with the most known headers (at least two,
    or the order column alone). An empty
    header cell takes a known header written above it (a header merged over two rows keeps its
    text in the top cell only)."""
    known = layout.by_header()
    best, best_count = -1, 0
    for index, (_, values) in enumerate(table.rows[:HEADER_ROWS]):
        found = [known[normal(v)] for v in values if isinstance(v, str) and normal(v) in known]
        # Two known headers make a header row; one does when it is the order column (a partial sheet,
        # a person's filing with few columns: 订单编号 alone is a sheet of orders).
        if len(found) > best_count and (len(found) > 1 or layout.order in found):
            best, best_count = index, len(found)
    issues: list[Issue] = []
    where = f"{sheet_prefix(table)}A1"
    if best < 0:
        issues.append(Issue.of("ICP954", where, {"cell": where}, line=1, column=1))
        return -1, {}, issues
    row_number, values = table.rows[best]
    columns: dict[int, Column] = {}
    seen: set[str] = set()
    for number, value in enumerate(values, start=1):
        text = str(value).strip() if value is not None else ""
        if not text:
            for _, above in reversed(table.rows[:best]):
                up = above[number - 1] if number - 1 < len(above) else None
                if isinstance(up, str) and normal(up) in known:
                    text = up.strip()
                    break
        if not text:
            continue
        cell_name = f"{sheet_prefix(table)}{column_letter(number)}{row_number}"
        column = known.get(normal(text))
        if column is None:
            issues.append(Issue.of("ICP953", cell_name, {"cell": cell_name, "value": text[:80]},
                                   line=row_number, column=number))
            continue
        if column.label in seen:
            issues.append(Issue.of("ICP955", cell_name, {"cell": cell_name, "label": column.label, "what": both(
                "这一列的表头重复了，只导入第一列", "a second column with this header; only the first is imported")},
                line=row_number, column=number))
            continue
        seen.add(column.label)
        columns[number] = column
    if layout.order.label not in seen:
        issues.append(Issue.of("ICP954", where, {"cell": where}, line=1, column=1))
        return -1, {}, issues
    return best, columns, issues


def has_rows(table: Table, layout: Layout) -> bool:
    """False when the sheet holds nothing to import: no cell at all, or a header and no row with a
    value under its known headers (`import` stops there, one line and exit 2, as `check` of a folder
    with no drafts, unless --allow-empty)."""
    def filled(value: Value) -> bool:
        return value is not None and not (isinstance(value, str) and not value.strip())

    header, columns, _ = find_header(table, layout)
    if header < 0:
        return any(filled(v) for _, values in table.rows for v in values)
    known = sorted(columns)
    return any(filled(values[n - 1]) for _, values in table.rows[header + 1 :] for n in known if n <= len(values))


def read_orders(table: Table, layout: Layout) -> tuple[list[Order], list[Issue]]:
    """Every order of the sheet, in the order of first appearance, and the issues of its cells."""
    header, columns, issues = find_header(table, layout)
    if header < 0:
        return [], issues
    order_at = next(n for n, c in columns.items() if c is layout.order)
    orders: dict[str, Order] = {}
    current: Order | None = None
    known = sorted(columns)  # a cell under no known header is never read: a row padded to ALL costs its columns
    for row, values in table.rows[header + 1 :]:
        width = len(values)
        if all(n > width or (v := values[n - 1]) is None or (isinstance(v, str) and not v.strip()) for n in known):
            continue  # an empty row (under the known headers)
        raw_id = values[order_at - 1] if order_at - 1 < len(values) else None
        order_id = ""
        if raw_id is not None and not (isinstance(raw_id, str) and not raw_id.strip()):
            # The same cell checks as every other cell: a formula or an over-long id is refused at its cell
            # and its row left out, rather than becoming a file name.
            value = convert(Cell(table, row, order_at, layout.order, issues), raw_id, (row, order_at) in table.formulas)
            if value is MISSING or value is REFUSED:
                continue
            order_id = str(value)
        if order_id:
            where = f"{sheet_prefix(table)}{column_letter(order_at)}{row}"
            current = orders.setdefault(order_id, Order(order_id, row, where))
        elif current is None:
            Cell(table, row, order_at, layout.order, issues).issue("ICP955", what=both(
                "这一行没有订单编号，前面也没有订单；这一行没有导入",
                "this row has no order id and no order above it; the row was not imported"))
            continue
        _read_row(table, row, values, columns, current, issues)
    snapshots = [c for c in layout.columns if c.type == "snapshot"]
    for order in orders.values():
        order.data = _compact(order.data)
        _personal_investor(order.data)
        order.lists = {scope: [_compact(item) for item in items] for scope, items in order.lists.items()}
        _fill_snapshots(order, snapshots)
    return list(orders.values()), issues


def _personal_investor(data: dict[str, Any]) -> None:
    """A person's 投资人 is the person (the draft format and the schema: 个人填本人姓名), and a sheet
    of persons leaves the column empty: an empty one becomes the 主办人's name, next to it."""
    subject = data.get("subject")
    if not isinstance(subject, dict) or subject.get("nature") != "personal" or "investor" in subject \
            or not isinstance(subject.get("name"), str):
        return
    items = list(subject.items())
    after = next((i for i, (k, _) in enumerate(items) if k == "mailing_address"),
                 next(i for i, (k, _) in enumerate(items) if k == "name"))
    items.insert(after + 1, ("investor", subject["name"]))
    data["subject"] = dict(items)


def _fill_snapshots(order: Order, columns: list[Column]) -> None:
    """Each record entry's copy of what was approved: the baseline with the cell's changes applied,
    the baseline itself when the cell was empty, none for 以上都不涉及 (`sheets/snapshot.py`)."""
    for column in columns:
        if column.scope == "order":
            container: Any = order.data
            for key in column.path[:-1]:
                container = container.get(key) if isinstance(container, dict) else None
            entries = [(0, container)] if isinstance(container, dict) else []
        else:
            entries = list(enumerate(order.lists[column.scope]))
        for index, entry in entries:
            found = order.snapshots.get((column.scope, index, column.label), [])
            if found is NO_COPY:
                entry.pop(str(column.path[-1]), None)
                continue
            if found is None:  # refused (a formula): null, marked at its cell
                entry[str(column.path[-1])] = None
                continue
            if column.scope == "order":
                base: Any = order.data
                for key in column.of.split("."):
                    base = base.get(key) if isinstance(base, dict) else None
            else:
                at = order.rows_of.get((column.scope, index), {}).get(column.of)
                base = order.lists[column.of][at] if at is not None else None
            entry[str(column.path[-1])] = snapshot.apply(base, found)


def _read_row(table: Table, row: int, values: list[Value], columns: dict[int, Column], order: Order,
              issues: list[Issue]) -> None:
    items: dict[str, dict[str, Any]] = {scope: {} for scope in LISTS}
    index = {scope: len(order.lists[scope]) for scope in LISTS}
    numbers: list[tuple[Cell, dict[str, Any], Path_, Path_]] = []  # ID cells taken as text, checked at the end
    for number, column in columns.items():
        if column.scope == "order" and not column.path:
            continue  # the order id itself
        value = values[number - 1] if number - 1 < len(values) else None
        if value is None or value == "":
            continue  # most cells of a wide sheet are empty: no work for them
        cell = Cell(table, row, number, column, issues)
        before = len(issues)
        result = convert(cell, value, (row, number) in table.formulas)
        if result is MISSING:
            continue
        if result is REFUSED:
            result = None  # `null` at the field, the cell named beside it (a formula: W7)
        if column.type == "snapshot":
            # Applied once the order is read whole (the baseline may come later); the entry exists now.
            where = index[column.scope] if column.scope != "order" else 0
            order.snapshots.setdefault((column.scope, where, column.label), result)
            _put(order.data if column.scope == "order" else items[column.scope], column.path, {})
            if len(issues) > before:
                at = column.path if column.scope == "order" else (*LISTS[column.scope], where, *column.path)
                order.notes.setdefault(at, f"{cell.name} {issues[-1].code}")
            continue
        if column.scope == "order":
            full: Path_ = column.path
            if full in order.taken:
                if order.taken[full] != result:
                    cell.issue("ICP955", what=both("同一订单的这一项在前面的行里已有不同的值，保留第一行的",
                                                  "this order field has another value on an earlier row; "
                                                  "the first row's is kept"))
                continue
            order.taken[full] = result
            target: dict[str, Any] = order.data
        else:
            full = (*LISTS[column.scope], index[column.scope], *column.path)
            target = items[column.scope]
        if not _put(target, column.path, result):
            cell.issue("ICP955", what=both("与同一行的“同主体负责人”矛盾，没有导入",
                                          "contradicts 同主体负责人 (same_as_subject) on this row; not imported"))
            continue
        if len(issues) > before:
            order.notes[full] = f"{cell.name} {issues[-1].code}"
        elif column.type == "id" and isinstance(result, str):
            numbers.append((cell, target, column.path, full))
    for cell, target, path, full in numbers:
        _resident_id_shape(cell, target, path, order, full)
    for scope, item in items.items():
        if item:
            order.lists[scope].append(item)
    here = {scope: index[scope] for scope, item in items.items() if item}
    for scope in here:
        order.rows_of[(scope, here[scope])] = here


_ID_TYPE = {"id_number": "id_type", "number": "type", "holder_id_number": "holder_id_type"}


def _resident_id_shape(cell: Cell, target: dict[str, Any], path: Path_, order: Order, full: Path_) -> None:
    """A 居民身份证 number (its row's type says so) that is not 17 digits and a check character (GB
    11643, as ICP303 says at `check`) is named at its cell: a sheet mangles IDs (a digit lost or
    added, a `.0` after a number)."""
    type_key = _ID_TYPE.get(str(path[-1]))
    node: Any = target
    for key in path[:-1]:
        node = node.get(key) if isinstance(node, dict) else None
    if type_key is None or not isinstance(node, dict) or node.get(type_key) != "resident_id":
        return
    from icpfile.values.identifiers import RID_SHAPE

    number = node.get(str(path[-1]))
    if isinstance(number, str) and not RID_SHAPE.match(number):
        cell.issue("ICP955", what=both(f"居民身份证号码有 {len(number)} 位，应为 17 位数字加 1 位校验码",
                                      f"the resident ID number has {len(number)} characters; it must be 17 "
                                      "digits and a check character"))
        order.notes[full] = f"{cell.name} ICP955"


_UNSAFE = re.compile(r"[^\w.\-]+")


def file_name(order_id: str) -> str:
    """The draft's file name for an order id: letters, digits, CJK, `.`, `-`, `_` only; no dot first."""
    name = _UNSAFE.sub("_", order_id).strip("._")[:100]
    return f"{name}.yaml" if name else ""


@dataclass(slots=True)
class Written:
    order: str
    path: Path
    status: str  # written, replaced, unchanged (holds the sheet's text), kept (differs, no --force), refused


def write_orders(orders: list[Order], folder: Path, source: str, force: bool = False,
                 advance: Any = None, lang: str = "zh") -> tuple[list[Written], list[Issue]]:
    """Write each order's draft into `folder` (created if missing), its comments in `lang`."""
    from icpfile.load.files import inside, write_atomic
    from icpfile.sheets.draft_text import render

    # A folder this import makes holds nothing of the user's: its drafts are written straight to their
    # names (`_write_fresh`); into a folder that was there, a new draft goes by a temporary file.
    fresh = not (folder.is_symlink() or folder.exists())
    folder.mkdir(parents=True, exist_ok=True)
    real = folder.resolve()
    mask = _umask()
    done: list[Written] = []
    issues: list[Issue] = []
    names: set[str] = set()

    def refuse(order: Order, code: str, **params: Any) -> None:
        cell = order.cell or f"A{order.row}"
        issues.append(Issue.of(code, cell, {"cell": cell, "label": "订单编号", **params}, line=order.row, column=1))

    for order in orders:
        if advance is not None:
            advance(1)
        name = file_name(order.id)
        target = folder / name
        # Before `inside`, which follows a link (L24). A folder this import made holds none: one planted
        # meanwhile fails O_EXCL below and is refused there.
        if name and name not in names and not fresh and target.is_symlink():
            _refuse_link(order, name, names, refuse, done, target)
            continue
        if not name or name in names or not (fresh or inside(target, real)):  # a name has no separator
            refuse(order, "ICP955", what=both(f"订单编号“{echoed(order.id)}”不能作为文件名，或与另一订单重名",
                                             f"the order id '{echoed(order.id)}' cannot name a file, or names "
                                             "the same file as another order"))
            done.append(Written(order.id, target, "refused"))
            continue
        names.add(name)
        if fresh:
            text = render(order.draft(), order.notes, source, lang)
            try:
                if _write_fresh(target, text):
                    done.append(Written(order.id, target, "written"))
                    continue
            except OSError as exc:
                refuse(order, "ICP955", what=both(f"无法写入 {name}：{exc.strerror or exc}",
                                                 f"cannot write {name}: {exc.strerror or exc}"))
                done.append(Written(order.id, target, "refused"))
                continue
            # something appeared at the name meanwhile: judged below as in a folder that was there
            if target.is_symlink():
                _refuse_link(order, name, names, refuse, done, target)
                continue
        exists = target.is_symlink() or target.exists()
        if exists and not target.is_file():
            refuse(order, "ICP955", what=both(f"{name} 不是普通文件（是文件夹、管道或设备），没有写入",
                                             f"{name} is not a regular file (a folder, pipe or device); not written"))
            done.append(Written(order.id, target, "refused"))
            continue
        text = render(order.draft(), order.notes, source, lang)
        other = "en" if lang == "zh" else "zh"  # the same row imported before under the other --lang
        if exists and (_same(target, text) or _same(target, render(order.draft(), order.notes, source, other))):
            # a re-import of an unchanged row: nothing to keep or back up
            done.append(Written(order.id, target, "unchanged"))
            continue
        if exists and not force:
            refuse(order, "ICP956", file=name)
            done.append(Written(order.id, target, "kept"))
            continue
        try:
            if exists:
                back_up(target)
                write_atomic(target, text)
            else:
                _write_new(target, text, mask)
        except OSError as exc:
            refuse(order, "ICP955", what=both(f"无法写入 {name}：{exc.strerror or exc}",
                                             f"cannot write {name}: {exc.strerror or exc}"))
            done.append(Written(order.id, target, "refused"))
            continue
        done.append(Written(order.id, target, "replaced" if exists else "written"))
    if any(w.status == "written" for w in done):
        _sync(folder)
    return done, issues


def _refuse_link(order: Order, name: str, names: set[str], refuse: Any, done: list[Written], target: Path) -> None:
    """A symbolic link at a draft's name: never written through, said as every command says it."""
    from icpfile.data.words import say

    names.add(name)
    refuse(order, "ICP955", what={lang: say("link_not_written", lang, path=name) for lang in ("zh", "en")})
    done.append(Written(order.id, target, "refused"))


def _same(target: Path, text: str) -> bool:
    """True when the draft at `target` holds exactly `text` (read bounded: a huge file is not it)."""
    from icpfile.load.files import read_regular

    blob = text.encode("utf-8")
    try:
        held = read_regular(target, len(blob) + 4096)
    except OSError:
        return False
    if held == blob:
        return True
    # The header line names the sheet it came from: the same rows from a renamed sheet are the same
    # draft (walker22: all 29 drafts "differed", ICP956, for the file name alone)
    head = b"# icpfile draft"
    return held.startswith(head) and blob.startswith(head) and held.partition(b"\n")[2] == blob.partition(b"\n")[2]


def back_up(target: Path) -> Path:
    """Keep `target`'s content before it is replaced, once per overwrite, losing no earlier backup.

    `NAME.bak` is always the content just replaced. A `NAME.bak` already there from an earlier
    overwrite is moved to the first free `NAME.bak.1`, `NAME.bak.2` … unless it holds the same bytes
    (then it is that backup already). A symlink at any of these names is moved aside like a file,
    never written through. Returns the `.bak` path."""
    import os

    from icpfile.load.decoding import MAX_BYTES
    from icpfile.load.files import read_regular, write_atomic

    backup = target.with_name(target.name + ".bak")
    # More than a draft can be (or not a regular file): moved to `.bak` as it is, never read (breaker22
    # L14: a 3 GiB sparse file under a draft's name was read whole and written back dense)
    info = target.lstat()
    content = None if not target.is_file() or target.is_symlink() or info.st_size > MAX_BYTES \
        else read_regular(target, MAX_BYTES + 1)
    if backup.is_symlink() or backup.exists():
        try:
            same = content is not None and not backup.is_symlink() and \
                read_regular(backup, len(content) + 1) == content
        except OSError:
            same = False
        if same:
            return backup
        number = 1
        while (older := target.with_name(f"{target.name}.bak.{number}")).is_symlink() or older.exists():
            number += 1
        os.rename(backup, older)
    if content is None:
        os.rename(target, backup)
    else:
        write_atomic(backup, content, streams=False)
    return backup


def _write_fresh(target: Path, text: str) -> bool:
    """Write a draft into the folder this import made, straight to its name: False (nothing written)
    when anything stands there (a link, a file made meanwhile), so the caller judges it.

    Why no temporary file here: the folder did not exist, so no user's file can be at the name, and
    O_EXCL | O_NOFOLLOW never replaces nor follows anything that appears. What a temporary file would
    still add is only what a killed import leaves: here a cut draft in a folder wholly the import's
    (Ctrl-C removes it; `check` refuses a cut draft; a re-import names it, ICP956) instead of a `.tmp`.
    Durability is the same either way: neither is flushed per file (`_write_new`), `_sync` flushes all.
    It saves a rename and the temporary name's checks per draft (#19: 4,166 drafts, 0.5 s)."""
    import os

    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(target, flags, 0o666)  # the umask applies, as for `open(path, "w")`
    except FileExistsError:
        return False
    try:
        blob = text.encode("utf-8")
        view = memoryview(blob)
        while view:
            view = view[os.write(fd, view):]
    except BaseException:
        os.close(fd)
        os.unlink(target)
        raise
    os.close(fd)
    return True


def _write_new(target: Path, text: str, mask: int | None = None) -> None:
    """A new draft in a folder that was there, by a temporary file and a rename (a killed import
    leaves a `.tmp`, never a cut draft among the user's), without a flush to disk per file:
    thousands of drafts would wait on thousands of fsyncs (6 s for 4,000 on this machine). `_sync`
    makes them durable at once when all are written. The temporary file is made with the final
    bits (0o666 less the umask), so no chmod follows."""
    import contextlib
    import os
    import tempfile

    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    temporary = str(target.with_name(f".{target.name}.{os.getpid()}.tmp"))
    try:
        fd = os.open(temporary, flags, 0o666)
    except FileExistsError:  # a leftover or a planted name: a fresh random one, as write_atomic makes
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.chmod(temporary, 0o666 & ~(_umask() if mask is None else mask))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
        os.replace(temporary, target)  # a symlink that appeared meanwhile is replaced, never followed
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sync(folder: Path) -> None:
    """Flush the written drafts and the folder to disk once (POSIX `sync`; elsewhere a no-op)."""
    import contextlib
    import os

    with contextlib.suppress(AttributeError, OSError):
        os.sync()

"""Import a 5,000-row client sheet and check the drafts it makes, as whole `icpfile` processes.

    python bench/import_check.py                 # 5,000 rows, CSV and XLSX, 3 runs each
    python bench/import_check.py --rows 1000 --runs 1
    python bench/import_check.py --formats xlsx --pad-rows 200000 --runs 1   # and the padded sheet

`--pad-rows N` adds, beside the sheet, the same XLSX padded as a spreadsheet program pads a sheet
whose whole columns were formatted: every row up to N ends with an empty cell in column `--pad-column`
(ALL, the 1,000th), so the sheet's dimension is A1:ALL<N> while its data stays `--rows` rows. Its
import is timed beside the unpadded sheet's, the bench's yardstick: the padding should cost little.

The sheet is the bundled examples exported with `icpfile export --show-pii` and repeated under new
order ids until it has `--rows` rows (an order with three websites is three rows). Prints the
median wall time of `icpfile import` (drafts written into an empty folder), of `icpfile check` of
that folder, and their sum; the goal (issue 19) is under 10 s for both on two cores. Beside them, in
the same run, the yardstick (`floor`): the time to write the same files again (temporary file and
rename, in one process) and to parse them with libyaml, which no import or check can go below.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_sheet(folder: Path, rows: int, fmt: str) -> tuple[Path, int]:
    sys.path.insert(0, str(ROOT))
    from icpfile.sheets import exporter, run

    drafts, _ = run.load_drafts([str(ROOT / "examples")])
    sheet = exporter.layout()
    table = [exporter.headers(sheet)]
    orders = 0
    while len(table) - 1 < rows:
        for name, _, data in drafts:
            table.extend(exporter.rows_of(f"{name}-{orders:05d}", data, sheet, show_pii=True))
            orders += 1
            if len(table) - 1 >= rows:
                break
    path = folder / f"clients.{fmt}"
    if fmt == "csv":
        exporter.write_csv(path, table)
    else:
        exporter.write_xlsx(path, [("clients", table)])
    return path, orders


def pad(sheet: Path, rows: int, column: str) -> Path:
    """A copy of the XLSX `sheet` whose rows 2…`rows` each end with an empty cell in `column`."""
    import re
    import zipfile

    padded = sheet.with_name(f"padded-{sheet.name}")
    with zipfile.ZipFile(sheet) as source, zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                seen: set[int] = set()

                def padded_row(match: re.Match[str], seen: set[int] = seen) -> str:
                    number = int(match.group(1))
                    seen.add(number)
                    return match.group(0) if number == 1 else match.group(0)[:-6] + f'<c r="{column}{number}"/></row>'

                text = re.sub(r'<row r="(\d+)"[^>]*>.*?</row>', padded_row, text, flags=re.S)
                extra = "".join(f'<row r="{n}"><c r="{column}{n}"/></row>' for n in range(max(seen) + 1, rows + 1))
                text = text.replace("</sheetData>", extra + "</sheetData>")
                dimension = f'<dimension ref="A1:{column}{rows}"/>'  # as Excel writes it, before the views
                text = re.sub(r'<dimension ref="[^"]*"\s*/>', "", text)
                text = text.replace("<sheetViews>", dimension + "<sheetViews>", 1)
                data = text.encode("utf-8")
            target.writestr(info, data)
    return padded


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its workers, user + system)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "icpfile", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def floor(drafts: Path) -> tuple[float, float]:
    """The yardstick beside each run, in one process: (seconds to write every draft of `drafts`
    again as the import does, a temporary file then a rename, into a fresh folder; seconds to read
    and parse them all with libyaml's safe loader). On a disk shared with other jobs the first is
    most of an import's wall time, whatever icpfile does."""
    import yaml

    texts = [path.read_bytes() for path in sorted(drafts.glob("*.yaml"))]
    target = drafts.parent / "floor"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    start = time.perf_counter()
    for n, data in enumerate(texts):
        temporary = target / f".{n}.tmp"
        with open(temporary, "xb") as out:
            out.write(data)
        os.replace(temporary, target / f"{n}.yaml")
    write = time.perf_counter() - start
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    start = time.perf_counter()
    for path in sorted(target.glob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=loader)  # the safe loader (libyaml)
    parse = time.perf_counter() - start
    shutil.rmtree(target)
    return write, parse


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", help="Where the sheet and the drafts go (default: the system's temporary folder).")
    parser.add_argument("--formats", default="csv,xlsx")
    parser.add_argument("--pad-rows", type=int, default=0, help="Also time the XLSX padded to this many rows.")
    parser.add_argument("--pad-column", default="ALL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="icpfile-bench-", dir=args.dir) as tmp:
        folder = Path(tmp)
        for named in ("assets", "materials"):  # the files the drafts name
            shutil.copytree(ROOT / "examples" / named, folder / "drafts" / named)
        for fmt in args.formats.split(","):
            sheet, orders = make_sheet(folder, args.rows, fmt)
            imports, checks, floors = [], [], []
            for _ in range(args.runs):
                for draft in (folder / "drafts").glob("*.yaml"):
                    draft.unlink()
                imports.append(timed(["import", sheet.name, "-o", "drafts", "--lang", "en"], folder))
                checks.append(timed(["check", "drafts", "--isolated", "--format", "json", "-o", "report.json"],
                                    folder))
                floors.append(floor(folder / "drafts"))
            i, c = (statistics.median(w for w, _ in imports), statistics.median(w for w, _ in checks))
            ic, cc = (statistics.median(u for _, u in imports), statistics.median(u for _, u in checks))
            fw, fp = (statistics.median(w for w, _ in floors), statistics.median(p for _, p in floors))
            print(f"{fmt}: {args.rows} rows, {orders} orders ({sheet.stat().st_size / 1e6:.1f} MB): "
                  f"import {i:.2f} s (CPU {ic:.2f} s), check {c:.2f} s (CPU {cc:.2f} s), together {i + c:.2f} s; "
                  f"yardstick: writing the drafts' files {fw:.2f} s, parsing them with CSafeLoader {fp:.2f} s "
                  f"(median of {args.runs}; load average {os.getloadavg()[0]:.1f})")
            if fmt == "xlsx" and args.pad_rows:
                padded = pad(sheet, args.pad_rows, args.pad_column)
                walls = []
                for _ in range(args.runs):
                    for draft in (folder / "drafts").glob("*.yaml"):
                        draft.unlink()
                    walls.append(timed(["import", padded.name, "-o", "drafts", "--lang", "en"], folder))
                print(f"xlsx padded to {args.pad_column}{args.pad_rows} ({padded.stat().st_size / 1e6:.1f} MB): "
                      f"import {statistics.median(w for w, _ in walls):.2f} s "
                      f"(CPU {statistics.median(u for _, u in walls):.2f} s) beside {i:.2f} s unpadded "
                      f"(median of {args.runs}; load average {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

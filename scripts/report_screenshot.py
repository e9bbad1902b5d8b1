"""Render an `icpfile check --format html` report in headless Chromium (Debian's `chromium`).

    python scripts/report_screenshot.py                   # docs/report-example.png, the bundled examples
    python scripts/report_screenshot.py OUT.png PATH...   # another picture, other drafts

Also used by tests/test_report_html.py: `chromium(args)` runs the browser with a throw-away
profile, no network services and no sandbox (CI runs as root), and returns its stdout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(*args: str, timeout: int = 90) -> str:
    """Run headless Chromium with `args` (a throw-away profile); its stdout."""
    exe = browser()
    if exe is None:
        raise FileNotFoundError("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="icpfile-chromium-") as profile:
        done = subprocess.run([exe, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                              text=True, timeout=timeout, check=False)
    return done.stdout


def report(paths: list[str], html: Path, lang: str = "zh") -> None:
    subprocess.run([sys.executable, "-m", "icpfile", "check", *paths, "--isolated", "--lang", lang,
                    "--today", "2026-11-29", "--format", "html", "-o", str(html.resolve())], check=False,
                   timeout=120, cwd=ROOT)


def screenshot(html: Path, png: Path, size: str = "1100,1500") -> None:
    chromium(f"--screenshot={png}", f"--window-size={size}", html.resolve().as_uri())


def main(argv: list[str]) -> int:
    png = Path(argv[0]) if argv else ROOT / "docs" / "report-example.png"
    paths = argv[1:] or ["examples", "tests/data/broken.yaml"]  # relative to the repository
    with tempfile.TemporaryDirectory() as folder:
        html = Path(folder) / "report.html"
        report(paths, html)
        screenshot(html, png)
    print(f"wrote {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

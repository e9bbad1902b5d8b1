"""Time `icpfile footer check` on a built site of many pages, as a whole process.

    python bench/footer_site.py --pages 20000 --runs 3

The site is written once into a temporary folder: pages of a blog build (head with styles and
scripts, navigation, an article of about 12 KB, a footer with the linked filing and police
numbers), one in 50 with a broken footer, in folders of 100 as static-site generators lay them out.
The median wall time and the peak resident memory of the process are printed.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NUMBER = "浙ICP备12345678号-1"
POLICE = "浙公网安备 33010602000001号"
HEAD = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>第 {i} 篇 | 示例博客</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/css/main.css">
<style>body{{margin:0;font:16px/1.6 sans-serif}}.post{{max-width:48em}}</style>
<script>window.CONFIG = {{"root": "/", "page": {i}, "icp": "浙ICP备00000000号"}};</script></head>
<body><header class="site-nav"><nav><ul>{nav}</ul></nav></header>
<main><article class="post"><h1>第 {i} 篇：静态站点的页脚</h1>
"""
PARAGRAPH = ("<p>这是一段示例正文，用来让页面的大小接近真实的博客文章。<a href=\"/posts/{j}/\">相关文章 {j}</a>，"
             "<code>npm run build</code> 之后，<strong>每个页面</strong>都带有同一个页脚。Lorem ipsum dolor sit amet, "
             "consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.</p>\n")
FOOTER = """</article></main>
<footer class="site-footer"><div class="copyright">&copy; 2026 示例博客</div>
<div class="beian"><a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener">{number}</a>
<img src="/img/police.png" alt=""><a href="https://beian.mps.gov.cn/#/query/webSearch?code=33010602000001">{police}</a></div>
</footer><script src="/js/main.js"></script></body></html>
"""


def build(root: Path, pages: int) -> None:
    nav = "".join(f'<li><a href="/c/{k}/">分类 {k}</a></li>' for k in range(12))
    body = "".join(PARAGRAPH.format(j=j) for j in range(40))
    for i in range(pages):
        folder = root / f"{i // 100:03}" / f"post-{i}"
        folder.mkdir(parents=True, exist_ok=True)
        number = NUMBER if i % 50 else "浙ICP备12345678号"  # subject number: fine
        footer = FOOTER.format(number=number, police=POLICE) if i % 97 else "</article></main></body></html>"
        (folder / "index.html").write_text(HEAD.format(i=i, nav=nav) + body + footer, encoding="utf-8")


def timed(command: list[str]) -> tuple[float, int, int, float]:
    """Wall seconds, peak RSS in MiB, exit code and CPU seconds (the process and its workers)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    cpu = usage.ru_utime + usage.ru_stime
    return time.perf_counter() - start, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status), cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    icpfile = str(Path(sys.executable).with_name("icpfile"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "public"
        build(root, args.pages)
        size = sum(f.stat().st_size for f in root.rglob("*.html")) / 2**20
        command = [icpfile, "footer", "check", str(root), "--number", NUMBER, "--police", POLICE, "--format", "json",
                   "-o", os.devnull]
        runs = [timed(command) for _ in range(args.runs)]
    seconds = statistics.median(r[0] for r in runs)
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}")
    print(f"{args.pages} pages, {size:.0f} MiB: median {seconds:.2f} s over {args.runs} runs "
          f"({[round(r[0], 2) for r in runs]}), CPU {[round(r[3], 1) for r in runs]} s, "
          f"peak {max(r[1] for r in runs)} MiB, exit {runs[0][2]}, load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

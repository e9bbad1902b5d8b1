"""`--format html`: one self-contained page an agency opens in a browser.

No script, style sheet, font or image from outside the file (a Content-Security-Policy forbids
them too), so it can be mailed or opened offline. A head with the counts (drafts, ready,
failing, errors, warnings: each also as `data-count` for tools), then a card per draft with the
failing ones first, titled by the draft's 主办单位名称 (masked and escaped) with its file name
beside, each finding linked to its rule's explanation further down the page (`#ICP304`:
summary, rationale, hint, source). Words in `--lang`; every value HTML-escaped; ID and phone
numbers are masked as in every report (the findings arrive masked). At most
`ReportOptions.max_findings` findings a card, errors first, and a line saying how many more.
"""

from __future__ import annotations

from html import escape

from icpfile.data.sources import shown as shown_source
from icpfile.findings import FileReport
from icpfile.report import ReportOptions, listed, portfolio, summary, words_of

WORDS = {
    "zh": {"title": "icpfile 备案草稿检查报告", "drafts": "草稿", "ready": "可以提交", "failing": "不通过",
           "errors": "错误", "warnings": "警告", "infos": "提示", "rules": "规则说明", "hint": "修改建议",
           "source": "依据", "why": "原因", "clean": "没有发现问题", "line": "第 {n} 行", "most": "主要问题"},
    "en": {"title": "icpfile report on ICP filing drafts", "drafts": "drafts", "ready": "ready",
           "failing": "failing", "errors": "errors", "warnings": "warnings", "infos": "infos", "rules": "Rules",
           "hint": "hint", "source": "source", "why": "why", "clean": "no problems found", "line": "line {n}",
           "most": "most common"},
}
# `icpfile footer check`: the cards are web pages (#21).
PAGE_WORDS = {"zh": {"title": "icpfile 页脚检查报告", "drafts": "页面", "ready": "通过"},
              "en": {"title": "icpfile report on web pages' footers", "drafts": "pages", "ready": "passing"}}
SEVERITY = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
            "en": {"error": "error", "warning": "warning", "info": "info"}}
STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
margin:0;background:#f4f5f7;color:#1d2129}
header{background:#1d2129;color:#fff;padding:16px 24px}header h1{margin:0 0 8px;font-size:20px}
.counts{display:flex;gap:12px;flex-wrap:wrap}.count{background:#2e3440;border-radius:6px;padding:6px 12px}
.count b{font-size:20px;margin-right:6px}.count.failing b{color:#ff7875}.count.ready b{color:#95de64}
main{padding:16px 24px;max-width:1100px}.card{background:#fff;border-radius:8px;margin:0 0 14px;
padding:12px 16px;border-left:6px solid #52c41a;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.card.failing{border-left-color:#f5222d}.card h2{font-size:16px;margin:0 0 6px;word-break:break-all}
.badge{font-size:12px;border-radius:10px;padding:1px 8px;margin-left:8px;background:#f6ffed;color:#389e0d}
.failing .badge{background:#fff1f0;color:#cf1322}ul{margin:4px 0;padding-left:20px}li{margin:4px 0}
.sev{font-weight:600;margin-right:6px}.sev.error{color:#cf1322}.sev.warning{color:#d48806}
.sev.info{color:#1677ff}.hint{color:#595959;font-size:13px}a{color:#1677ff}
.rule{background:#fff;border-radius:8px;padding:10px 16px;margin:0 0 10px}.rule h3{margin:0;font-size:15px}
.rule p{margin:4px 0;font-size:13px}.clean{color:#389e0d}
.left-out{color:#8c8c8c;font-size:13px}.card h2 .file{font-weight:400;font-size:13px;color:#8c8c8c;margin-left:6px}
"""


def render(reports: list[FileReport], options: ReportOptions) -> str:
    from icpfile.data.catalog import rules

    lang = options.lang if options.lang in WORDS else "en"
    w, sev = WORDS[lang], SEVERITY[lang]
    if options.items == "pages":
        w = {**w, **PAGE_WORDS[lang]}
    totals, counts = summary(reports), portfolio(reports, options.strict)
    ordered = sorted(reports, key=lambda r: (r.valid(options.strict), r.path))
    out = ["<!DOCTYPE html>", f'<html lang="{"zh-CN" if lang == "zh" else "en"}">', "<head>", '<meta charset="utf-8">',
           '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{escape(w['title'])}</title>", f"<style>{STYLE}</style>", "</head>", "<body>", "<header>",
           f"<h1>{escape(w['title'])}</h1>", '<div class="counts">']
    for key, value, css in (("drafts", counts["drafts"], ""), ("ready", counts["ready"], " ready"),
                            ("failing", counts["failing"], " failing"), ("errors", totals["errors"], ""),
                            ("warnings", totals["warnings"], "")):
        out.append(f'<span class="count{css}" id="count-{key}" data-count="{value}"><b>{value}</b>'
                   f"{escape(w[key])}</span>")
    out.append("</div>")
    if counts["top"]:
        shown = ", ".join(f'<a href="#{code}">{code}</a> ({n})' for code, n in counts["top"])
        out.append(f"<p>{escape(w['most'])}: {shown}</p>")
    out += ["</header>", "<main>"]
    cited: list[str] = []
    for report in ordered:
        ok = report.valid(options.strict)
        state = "ready" if ok else "failing"
        out.append(f'<section class="card {state}" data-valid="{str(ok).lower()}">')
        # The client's name first (the agency knows its clients by 主办单位), the file beside it.
        title = f'<span class="file">{escape(report.path)}</span>'
        if report.subject:
            title = f'<span class="subject">{escape(report.subject)}</span> {title}'

        out.append(f'<h2>{title}<span class="badge">{escape(w[state])}</span></h2>')
        findings, left_out = listed(report.findings, options.max_findings)
        if not findings:
            out.append(f'<p class="clean">{escape(w["clean"])}</p>')
        else:
            out.append("<ul>")
            for f in findings:
                if f.rule not in cited:
                    cited.append(f.rule)
                hint = f'<div class="hint">{escape(w["hint"])}: {escape(f.hint)}</div>' if f.hint else ""
                out.append(f'<li class="finding {f.severity.value}"><span class="sev {f.severity.value}">'
                           f'{escape(sev[f.severity.value])}</span><a href="#{escape(f.rule)}">{escape(f.rule)}</a> '
                           f'<span class="where">{escape(w["line"].format(n=f.line))}</span> '
                           f"{escape(f.message)}{hint}</li>")
            out.append("</ul>")
        if left_out:
            shown = words_of(lang)["left_out"].format(n=left_out, cap=options.max_findings)
            out.append(f'<p class="left-out" data-count="{left_out}">{escape(shown)}</p>')
        out.append("</section>")
    catalog = rules()
    if cited:
        out.append(f"<h2>{escape(w['rules'])}</h2>")
    for code in sorted(cited):
        rule = catalog.get(code)
        if rule is None:
            continue
        out.append(f'<section class="rule" id="{escape(code)}"><h3>{escape(code)} {escape(rule.summary[lang])}</h3>'
                   f"<p>{escape(w['why'])}: {escape(rule.rationale[lang])}</p>"
                   f"<p>{escape(w['hint'])}: {escape(rule.hint[lang])}</p>"
                   f"<p>{escape(w['source'])}: {escape(shown_source(rule.source, lang))}</p></section>")
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"

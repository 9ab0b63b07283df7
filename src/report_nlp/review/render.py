"""The review as a self-contained HTML page, an XLSX workbook, or a short text summary.

The HTML has no script and loads nothing: styles inline, the chart an inline SVG, every piece
of document text escaped. The workbook has one sheet per section, each with a frozen header
row and an autofilter (office staff sort and filter in Excel or WPS 表格).
"""
from __future__ import annotations

import html
import io
import re

from ..model import Severity

CELL = {"present": "✓", "missing": "✗", "not_required": "—"}
KIND_NAMES = {"across_units": "单位之间", "previous": "与本单位上期"}
SECTIONS = (("matrix", "完整性"), ("landscape", "问题分布"), ("copies", "雷同段落"),
            ("recurring", "反复出现的问题"), ("measures", "照搬的措施"), ("figures", "数字"), ("reports", "各单位的问题"))


def esc(text) -> str:
    return html.escape(str(text), quote=True)


def _anchor(rid: str) -> str:
    return f"report-{rid}"


def _unit_link(payload_reports: dict, rid: str) -> str:
    r = payload_reports.get(rid)
    label = r["unit"] if r else rid
    return f'<a href="#{_anchor(rid)}">{esc(label)}</a>'


def _marked(text: str, spans: list[list[int]]) -> str:
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out.append(esc(text[pos:start]))
        out.append(f"<mark>{esc(text[start:end])}</mark>")
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def bar_chart(rows: list[dict], width: int = 640) -> str:
    """A horizontal bar chart of ``{name, count}`` rows as inline SVG."""
    bar_h, gap, label_w = 20, 6, 200
    height = max(1, len(rows)) * (bar_h + gap) + gap
    top = max([r["count"] for r in rows] + [1])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="问题类别分布" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}">']
    for k, r in enumerate(rows):
        y = gap + k * (bar_h + gap)
        w = (width - label_w - 60) * r["count"] / top
        parts.append(f'<text x="{label_w - 6}" y="{y + bar_h - 5}" text-anchor="end" font-size="13">{esc(r["name"])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="#b22222"><title>'
                     f'{esc(r["name"])}：{r["count"]}</title></rect>')
        parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h - 5}" font-size="13">{r["count"]}</text>')
    parts.append("</svg>")
    return "".join(parts)


_STYLE = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif;margin:24px;color:#222;line-height:1.5}
h1{font-size:22px}h2{font-size:18px;border-bottom:2px solid #b22222;padding-bottom:4px;margin-top:32px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #ccc;padding:3px 6px;vertical-align:top}
th{background:#f4f4f4;position:sticky;top:0}td.miss{background:#fde0e0;color:#a00;text-align:center}
td.ok{color:#2a7a2a;text-align:center}td.na{color:#999;text-align:center}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:12px;border:1px solid #ddd;padding:8px;margin:8px 0}
.pair div{font-size:13px}mark{background:#ffe08a}.meta{color:#666;font-size:12px}
nav a{margin-right:12px}.num{text-align:right}details{margin:2px 0}
"""


def to_html(payload: dict) -> str:
    reports = {r["id"]: r for r in payload["reports"]}
    current = [r for r in payload["reports"] if r["period"] == "current"]
    s = payload["stats"]
    out = ['<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
           '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">',
           f"<title>报告审阅（{s['reports']}份）</title><style>{_STYLE}</style></head><body>",
           f"<h1>报告审阅：{s['reports']}份报告，{s['units']}个单位</h1>",
           f'<p class="meta">上期报告{s["previous_reports"]}份；无法读取{s["failed"]}份；雷同段落{s["copies"]}对；'
           f'反复出现的问题{s["recurring_problems"]}条；照搬的措施{s["copied_measures"]}条；数字前后不一{s["figure_conflicts"]}处。'
           f'雷同判定：{payload["settings"]["shingle"]}字片段的Jaccard相似度≥{payload["settings"]["copy_threshold"]}'
           f'（MinHash {payload["settings"]["permutations"]}个哈希，{payload["settings"]["bands"]}段×{payload["settings"]["rows"]}行）；'
           f'不计标题、主送、结束语、署名、日期，少于{payload["settings"]["min_chars"]}字的段落，'
           f'以及超过{payload["settings"]["boilerplate_units"]}个单位共有的规范表述。</p>',
           "<nav>" + "".join(f'<a href="#{k}">{v}</a>' for k, v in SECTIONS) + "</nav>"]
    if payload["errors"]:
        out.append("<h2>无法读取的文件</h2><table><tr><th>文件</th><th>期别</th><th>错误</th></tr>")
        out += [f"<tr><td>{esc(e['path'])}</td><td>{'本期' if e['period'] == 'current' else '上期'}</td>"
                f"<td>错误[{esc(e['code'])}]：{esc(e['message'])}</td></tr>" for e in payload["errors"]]
        out.append("</table>")
    # 1. completeness
    comp = payload["completeness"]
    out.append('<h2 id="matrix">一、完整性（必备部分）</h2><table><tr><th>单位</th><th>文件</th><th>类型</th>')
    out += [f"<th>{esc(p['name'])}</th>" for p in comp["parts"]]
    out.append("<th>错误</th><th>疑似</th><th>提示</th></tr>")
    for row in comp["rows"]:
        cls = {"present": "ok", "missing": "miss", "not_required": "na"}
        out.append(f"<tr><td>{_unit_link(reports, row['report'])}</td><td>{esc(row['path'])}</td><td>{esc(row['kind_name'])}</td>")
        out += [f'<td class="{cls[row["parts"][p["id"]]]}">{CELL[row["parts"][p["id"]]]}</td>' for p in comp["parts"]]
        out.append(f'<td class="num">{row["error"]}</td><td class="num">{row["warning"]}</td><td class="num">{row["info"]}</td></tr>')
    out.append("</table>")
    # 2. landscape
    land = payload["landscape"]
    cats = [c for c in land["overall"]["category"] if c["count"]]
    out.append('<h2 id="landscape">二、问题分布</h2>')
    out.append(bar_chart(cats))
    for axis, title in (("discipline", "纪律"), ("sifeng", "四风")):
        tags = [t for t in land["overall"][axis] if t["count"]]
        if tags:
            out.append(f"<p>{title}：" + "；".join(f"{esc(t['name'])} {t['count']}" for t in tags) + "</p>")
    out.append("<table><tr><th>单位</th><th>类别／标签</th><th>条数</th><th>问题表述</th></tr>")
    for cell in land["cells"]:
        items = "".join(f"<li>{_unit_link(reports, land['statements'][k]['report'])}："
                        f"{esc(land['statements'][k]['text'])}</li>" for k in cell["statements"])
        axis = {"category": "", "discipline": "纪律：", "sifeng": "四风："}[cell["axis"]]
        out.append(f"<tr><td>{esc(cell['unit'])}</td><td>{axis}{esc(cell['name'])}</td><td class=\"num\">{cell['count']}</td>"
                   f"<td><details><summary>{cell['count']}条</summary><ul>{items}</ul></details></td></tr>")
    out.append("</table>")
    # 3. copies
    out.append('<h2 id="copies">三、雷同段落</h2>')
    if not payload["copies"]:
        out.append("<p>没有发现雷同段落。</p>")
    for c in payload["copies"]:
        how = "逐字相同" if c["verbatim"] else f"相似度{c['similarity']:.2f}"
        out.append(f'<div class="pair"><p class="meta" style="grid-column:1/3">{KIND_NAMES[c["kind"]]}，{how}</p>')
        for side in ("a", "b"):
            x = c[side]
            tag = "（上期）" if reports.get(x["report"], {}).get("period") == "previous" else ""
            out.append(f'<div><p class="meta">{_unit_link(reports, x["report"])}{tag} 第{x["paragraph"] + 1}段</p>'
                       f"<p>{_marked(x['text'], x['spans'])}</p></div>")
        out.append("</div>")
    # 4. recurring problems and copied measures
    out.append('<h2 id="recurring">四、反复出现的问题</h2>')
    out.append(_pairs_table(payload["recurring_problems"], reports, with_category=True))
    out.append('<h2 id="measures">照搬上期的措施（下一步打算）</h2>')
    out.append(_pairs_table(payload["copied_measures"], reports, with_category=False))
    # 5. figures
    out.append('<h2 id="figures">五、数字</h2>')
    if payload["figure_conflicts"]:
        out.append("<p>同一事项两期报告的数字不一致（提示，请核实）：</p><table><tr><th>单位</th><th>时间</th><th>事项</th>"
                   "<th>本期</th><th>上期</th></tr>")
        for f in payload["figure_conflicts"]:
            out.append(f"<tr><td>{_unit_link(reports, f['report'])}</td><td>{esc(f['anchor'])}</td><td>{esc(f['lead'])}</td>"
                       f"<td>{esc(f['current']['value'] + f['measure'])}：{esc(f['current']['context'])}</td>"
                       f"<td>{esc(f['previous']['value'] + f['measure'])}：{esc(f['previous']['context'])}</td></tr>")
        out.append("</table>")
    out.append("<details><summary>全部数字（" + str(len(payload["figures"])) + "个）</summary><table><tr><th>单位</th>"
               "<th>数字</th><th>上下文</th></tr>")
    out += [f"<tr><td>{_unit_link(reports, f['report'])}</td><td class=\"num\">{esc(f['value'] + f['measure'])}</td>"
            f"<td>{esc(f['context'])}</td></tr>" for f in payload["figures"]]
    out.append("</table></details>")
    # per-report findings
    out.append('<h2 id="reports">各单位的问题</h2>')
    for r in current:
        s_ = r["summary"]
        out.append(f'<h3 id="{_anchor(r["id"])}">{esc(r["unit"])}</h3><p class="meta">{esc(r["path"])}；{esc(r["profile_name"])}；'
                   f'错误{s_["error"]}，疑似{s_["warning"]}，提示{s_["info"]}</p>')
        if r["findings"]:
            out.append("<table><tr><th>行</th><th>级别</th><th>规则</th><th>说明</th></tr>")
            out += [f"<tr><td class=\"num\">{f['line']}</td><td>{Severity(f['severity']).label}</td><td>{esc(f['rule'])}</td>"
                    f"<td>{esc(f['message'])}</td></tr>" for f in r["findings"]]
            out.append("</table>")
    for r in payload["reports"]:
        if r["period"] == "previous":
            out.append(f'<p id="{_anchor(r["id"])}" class="meta">上期：{esc(r["unit"])}，{esc(r["path"])}</p>')
    out.append("</body></html>")
    return "\n".join(out)


def _pairs_table(rows: list[dict], reports: dict, with_category: bool) -> str:
    if not rows:
        return "<p>没有发现。</p>"
    head = "<th>类别</th>" if with_category else ""
    out = [f"<table><tr><th>单位</th>{head}<th>相似度</th><th>本期</th><th>上期</th></tr>"]
    for x in rows:
        cat = f"<td>{esc(x['category_name'])}</td>" if with_category else ""
        out.append(f"<tr><td>{_unit_link(reports, x['report'])}</td>{cat}<td class=\"num\">{x['similarity']:.2f}</td>"
                   f"<td>{esc(x['current']['text'])}</td><td>{esc(x['previous']['text'])}</td></tr>")
    out.append("</table>")
    return "".join(out)


# --- XLSX --------------------------------------------------------------------------------

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _cell(value):
    """Text safe for a spreadsheet: no control characters, and no formula (=, +, -, @ at the
    start would make Excel evaluate document text: CSV/formula injection, OWASP)."""
    if isinstance(value, str):
        value = _ILLEGAL.sub("", value)
        if value[:1] in ("=", "+", "-", "@"):
            value = "'" + value
    return value


def to_xlsx(payload: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    reports = {r["id"]: r for r in payload["reports"]}
    wb = Workbook()
    wb.remove(wb.active)

    def sheet(title: str, header: list[str], rows: list[list]) -> None:
        ws = wb.create_sheet(title)
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([_cell(v) for v in row])
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        for k, name in enumerate(header, start=1):
            ws.column_dimensions[ws.cell(1, k).column_letter].width = min(60, max(8, 2 * len(name) + 4))

    comp = payload["completeness"]
    sheet("完整性", ["单位", "文件", "类型"] + [p["name"] for p in comp["parts"]] + ["错误", "疑似", "提示"],
          [[r["unit"], r["path"], r["kind_name"]] + [CELL[r["parts"][p["id"]]] for p in comp["parts"]]
           + [r["error"], r["warning"], r["info"]] for r in comp["rows"]])
    land = payload["landscape"]
    sheet("问题分布", ["单位", "文件", "类别", "纪律", "四风", "置信度", "问题表述"],
          [[s["unit"], reports[s["report"]]["path"], s["category_name"], "、".join(s["discipline"]),
            "、".join(s["sifeng"]), s["confidence"], s["text"]] for s in land["statements"]])
    sheet("分类汇总", ["单位", "维度", "类别／标签", "条数"],
          [[c["unit"], {"category": "类别", "discipline": "纪律", "sifeng": "四风"}[c["axis"]], c["name"], c["count"]]
           for c in land["cells"]]
          + [["（全部）", {"category": "类别", "discipline": "纪律", "sifeng": "四风"}[axis], x["name"], x["count"]]
             for axis, xs in land["overall"].items() for x in xs])
    sheet("雷同段落", ["范围", "相似度", "逐字相同", "单位A", "文件A", "段落A", "文字A", "单位B", "文件B", "段落B", "文字B"],
          [[KIND_NAMES[c["kind"]], c["similarity"], "是" if c["verbatim"] else "否",
            c["a"]["unit"], reports[c["a"]["report"]]["path"], c["a"]["paragraph"] + 1, c["a"]["text"],
            c["b"]["unit"], reports[c["b"]["report"]]["path"], c["b"]["paragraph"] + 1, c["b"]["text"]]
           for c in payload["copies"]])
    sheet("反复出现的问题", ["单位", "类别", "相似度", "本期表述", "上期表述", "上期文件"],
          [[x["unit"], x["category_name"], x["similarity"], x["current"]["text"], x["previous"]["text"],
            reports[x["previous"]["report"]]["path"]] for x in payload["recurring_problems"]])
    sheet("照搬的措施", ["单位", "相似度", "本期措施", "上期措施", "上期文件"],
          [[x["unit"], x["similarity"], x["current"]["text"], x["previous"]["text"],
            reports[x["previous"]["report"]]["path"]] for x in payload["copied_measures"]])
    sheet("数字", ["单位", "文件", "数值", "单位词", "时间", "上下文", "段落"],
          [[f["unit"], reports[f["report"]]["path"], float(f["value"]), f["measure"], f["anchor"] or "", f["context"],
            f["paragraph"] + 1] for f in payload["figures"]])
    sheet("数字不一致", ["单位", "时间", "事项", "单位词", "本期数值", "本期上下文", "上期数值", "上期上下文"],
          [[f["unit"], f["anchor"], f["lead"], f["measure"], float(f["current"]["value"]), f["current"]["context"],
            float(f["previous"]["value"]), f["previous"]["context"]] for f in payload["figure_conflicts"]])
    sheet("无法读取", ["文件", "期别", "错误代码", "说明"],
          [[e["path"], "本期" if e["period"] == "current" else "上期", e["code"], e["message"]] for e in payload["errors"]])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_text(payload: dict) -> str:
    s = payload["stats"]
    lines = [f"审阅：本期{s['reports']}份报告（{s['units']}个单位），上期{s['previous_reports']}份，无法读取{s['failed']}份",
             f"缺少必备部分的报告：{sum(1 for r in payload['completeness']['rows'] if r['missing'])}份",
             f"雷同段落：{s['copies']}对；反复出现的问题：{s['recurring_problems']}条；照搬的措施：{s['copied_measures']}条；"
             f"数字前后不一：{s['figure_conflicts']}处",
             "问题类别：" + "；".join(f"{c['name']} {c['count']}" for c in payload["landscape"]["overall"]["category"]
                                  if c["count"])]
    return "\n".join(lines)

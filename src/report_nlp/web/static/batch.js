// 批量: many files or one .zip, checked one by one with a progress bar; a sortable table,
// drill-down, a chart of problem categories and a table of missing parts.
import {
  $, $$, api, csvBlob, download, el, findingList, focusFinding, highlightNodes, setStatus, showError,
} from "./common.js";

let files = [];
let rows = [];
let sortKey = null;
let sortDir = 1;

async function start(list) {
  files = Array.from(list);
  if (!files.length) return;
  rows = [];
  $("#table tbody").replaceChildren();
  $("#table").hidden = true;
  $("#detail").hidden = true;
  showError("");
  const progress = $("#progress");
  progress.hidden = false;
  progress.value = 0;
  setStatus("上传中…");
  const form = new FormData();
  files.forEach((f) => form.append("file", f));
  form.append("profile", $("#profile").value);
  form.append("with_text", "true");
  let response;
  try {
    response = await api("/api/v1/batch", { form, as: "response" });
  } catch (e) {
    progress.hidden = true;
    setStatus("");
    showError(e.message);
    return;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let nl;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line.trim()) addRow(JSON.parse(line));
    }
  }
  progress.hidden = true;
  const bad = rows.filter((r) => r.error).length;
  setStatus(`已检查 ${rows.length - bad} 个文件` + (bad ? `，${bad} 个文件无法读取` : ""));
  $("#dl-zip").disabled = false;
  $("#dl-csv").disabled = false;
  drawSummaries();
}

function addRow(row) {
  const progress = $("#progress");
  progress.max = row.total;
  progress.value = row.index + 1;
  setStatus(`已检查 ${row.index + 1}/${row.total} 个文件`);
  const s = row.file ? row.file.summary : {};
  rows.push({ ...row, error_count: s.error, warning: s.warning, info: s.info });
  drawTable();
}

function value(row, key) {
  if (key === "error") return row.error ? -1 : row.error_count;
  if (key === "missing") return row.missing ? row.missing.length : -1;
  if (key === "warning" || key === "info") return row[key] ?? -1;
  return row[key] || "";
}

function drawTable() {
  const sorted = rows.slice();
  if (sortKey) {
    sorted.sort((a, b) => {
      const x = value(a, sortKey), y = value(b, sortKey);
      return (typeof x === "number" ? x - y : String(x).localeCompare(String(y), "zh")) * sortDir;
    });
  }
  const body = $("#table tbody");
  body.replaceChildren(...sorted.map((r) => r.error
    ? el("tr", { class: "row-error" }, el("td", {}, r.name),
      el("td", { colspan: "6", class: "error" }, `无法检查：${r.error.message}（${r.error.code}）`))
    : el("tr", {}, el("td", {}, r.name), el("td", {}, r.kind), el("td", { class: "num" }, r.error_count),
      el("td", { class: "num" }, r.warning), el("td", { class: "num" }, r.info),
      el("td", {}, r.missing.join("、") || "—"),
      el("td", {}, el("button", { type: "button", class: "open", onclick: () => drill(r) }, "查看")))));
  $("#table").hidden = false;
}

$$("#table th[data-key] button").forEach((b) => b.addEventListener("click", () => {
  const th = b.parentElement;
  const key = th.dataset.key;
  sortDir = sortKey === key ? -sortDir : 1;
  sortKey = key;
  $$("#table th").forEach((h) => h.setAttribute("aria-sort", "none"));
  th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
  drawTable();
}));

function drill(row) {
  const box = $("#detail");
  box.hidden = false;
  $("#detail-title").textContent = `${row.name}：${row.kind}`;
  const text = $("#detail-text");
  const findings = row.file.findings;
  text.replaceChildren(...highlightNodes(row.text || "", findings));
  findingList($("#detail-list"), findings, { onPick: (i) => focusFinding(text, i) });
  box.scrollIntoView({ block: "start" });
}

function drawSummaries() {
  const totals = new Map();
  rows.filter((r) => r.categories).forEach((r) => Object.entries(r.categories).forEach(([c, n]) => totals.set(c, (totals.get(c) || 0) + n)));
  const chart = $("#chart");
  const max = Math.max(1, ...totals.values());
  chart.replaceChildren(...[...totals.entries()].sort((a, b) => b[1] - a[1]).map(([c, n]) => {
    const bar = el("span", { class: "bar" });
    bar.style.width = `${(100 * n) / max}%`;
    return el("div", { class: "bar-row" }, el("span", { class: "label" }, c), el("span", { class: "track" }, bar), el("span", { class: "num" }, n));
  }));
  if (!totals.size) chart.append(el("p", { class: "empty" }, "这些文件中没有识别出“存在问题”的表述。"));
  $("#chart-box").hidden = false;
  const parts = [...new Set(rows.flatMap((r) => r.missing || []))];
  const table = el("table", { class: "grid" },
    el("thead", {}, el("tr", {}, el("th", {}, "文件"), ...parts.map((p) => el("th", {}, p)))),
    el("tbody", {}, ...rows.filter((r) => r.missing && r.missing.length).map((r) =>
      el("tr", {}, el("td", {}, r.name), ...parts.map((p) => el("td", { class: "mark" }, r.missing.includes(p) ? "缺" : ""))))));
  $("#missing").replaceChildren(parts.length ? table : el("p", { class: "empty" }, "所有文件都不缺少必备部分。"));
  $("#missing-box").hidden = false;
}

$("#dl-csv").addEventListener("click", () => {
  const table = [["文件", "类型", "错误", "疑似", "提示", "缺少部分", "无法检查的原因"]];
  rows.forEach((r) => table.push(r.error ? [r.name, "", "", "", "", "", r.error.message]
    : [r.name, r.kind, r.error_count, r.warning, r.info, r.missing.join("、"), ""]));
  download(csvBlob(table), "批量检查汇总.csv");
});

$("#dl-zip").addEventListener("click", async () => {
  const form = new FormData();
  files.forEach((f) => form.append("file", f));
  form.append("profile", $("#profile").value);
  try {
    download(await api("/api/v1/batch/annotated", { form, as: "blob" }), "批注副本.zip");
  } catch (e) { showError(e.message); }
});

$("#files").addEventListener("change", (e) => start(e.target.files));
const drop = $("#drop");
drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); start(e.dataTransfer.files); });

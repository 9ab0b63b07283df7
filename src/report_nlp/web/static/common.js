// Shared helpers of the workbench pages. Every piece of document text goes into the page as a
// text node (never as HTML), so a report containing <script> or " onmouseover= shows as text.

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
export const SEVERITY = { error: "错误", warning: "疑似", info: "提示" };
export const SEVERITY_ORDER = ["error", "warning", "info"];

/** An element with attributes and children (strings become text nodes). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export class ApiError extends Error {
  constructor(code, message, field) { super(message); this.code = code; this.field = field; }
}

/** POST (or GET) to the API; ``json`` or ``form`` body; answers JSON, a Blob or the Response. */
export async function api(path, { json, form, method, as = "json" } = {}) {
  const init = { method: method || (json || form ? "POST" : "GET"), credentials: "same-origin" };
  if (json !== undefined) { init.headers = { "Content-Type": "application/json" }; init.body = JSON.stringify(json); }
  if (form !== undefined) init.body = form;
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError("E000", "无法连接本机服务，请确认 report-nlp serve 仍在运行");
  }
  if (!response.ok) {
    let body = null;
    try { body = await response.json(); } catch (e) { /* not JSON */ }
    const err = body && body.error ? body.error : { code: "E000", message: `请求失败（${response.status}）` };
    throw new ApiError(err.code, err.message, err.field);
  }
  if (as === "blob") return response.blob();
  if (as === "response") return response;
  return response.json();
}

export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function showError(message) {
  const box = $("#file-error");
  if (!box) return;
  box.hidden = !message;
  box.textContent = message || "";
}

export function setStatus(message) {
  const s = $("#status");
  if (s) s.textContent = message || "";
}

export function toast(message) {
  const t = $("#toast");
  t.textContent = message;
  t.classList.add("show");
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => t.classList.remove("show"), 3000);
}

export function debounce(fn, ms) {
  let timer = null;
  const wrapped = (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}

/** CSV with a BOM, so Excel and WPS open the Chinese text correctly. */
export function csvBlob(rows) {
  const cell = (v) => {
    const s = String(v ?? "");
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
  return new Blob(["\ufeff" + text], { type: "text/csv;charset=utf-8" });
}

export function stem(name) {
  const base = (name || "报告").split("/").pop();
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}

const RANK = { error: 0, warning: 1, info: 2 };

/**
 * The report text as nodes with every finding highlighted in place: pieces of text covered by
 * findings become <span class="hl sev-…" data-fids="i j">, a zero-width finding (something
 * missing) an empty marker. Returns the nodes to put into a container.
 */
export function highlightNodes(text, findings) {
  const cuts = new Set([0, text.length]);
  findings.forEach((f) => { cuts.add(clamp(f.start, text)); cuts.add(clamp(f.end, text)); });
  const points = Array.from(cuts).sort((a, b) => a - b);
  const zeros = new Map();
  findings.forEach((f, i) => {
    if (f.end <= f.start) {
      const at = clamp(f.start, text);
      if (!zeros.has(at)) zeros.set(at, []);
      zeros.get(at).push(i);
    }
  });
  const nodes = [];
  const marker = (ids) => el("span", {
    class: `hl zero sev-${worst(ids, findings)}`, "data-fids": ids.join(" "), contenteditable: "false",
    "aria-label": ids.map((i) => findings[i].message).join("；"),
  });
  for (let k = 0; k < points.length; k++) {
    const a = points[k];
    if (zeros.has(a)) nodes.push(marker(zeros.get(a)));
    if (k + 1 >= points.length) break;
    const b = points[k + 1];
    if (b <= a) continue;
    const ids = [];
    findings.forEach((f, i) => { if (f.start < f.end && f.start <= a && f.end >= b) ids.push(i); });
    const piece = text.slice(a, b);
    nodes.push(ids.length ? el("span", { class: `hl sev-${worst(ids, findings)}`, "data-fids": ids.join(" ") }, piece)
      : document.createTextNode(piece));
  }
  return nodes;
}

function clamp(n, text) { return Math.max(0, Math.min(n, text.length)); }
function worst(ids, findings) {
  return ids.map((i) => findings[i].severity).sort((x, y) => RANK[x] - RANK[y])[0];
}

/** Ids of the findings that have at least one highlight in ``root``. */
export function highlightedIds(root) {
  const ids = new Set();
  $$("[data-fids]", root).forEach((n) => n.dataset.fids.split(" ").forEach((i) => ids.add(i)));
  return ids;
}

export function focusFinding(root, i) {
  $$(".hl.focused", root).forEach((n) => n.classList.remove("focused"));
  const hits = $$("[data-fids]", root).filter((n) => n.dataset.fids.split(" ").includes(String(i)));
  hits.forEach((n) => n.classList.add("focused"));
  if (hits.length) hits[0].scrollIntoView({ block: "center", behavior: "instant" });
  return hits;
}

/** Details of a finding for a tooltip or the list: message, original, suggestion, basis. */
export function findingDetails(f) {
  return el("div", { class: "details" },
    el("div", { class: "msg" }, el("b", {}, `${SEVERITY[f.severity]} ${f.rule}`), " ", f.message),
    f.match ? el("div", {}, "原文：", el("q", {}, f.match.length > 60 ? f.match.slice(0, 59) + "…" : f.match)) : null,
    f.suggestion ? el("div", {}, "建议：", f.suggestion) : null,
    f.basis ? el("div", { class: "basis" }, "依据：", f.basis) : null);
}

export const FAMILY_NAMES = {
  STR: "必备部分与主题", ELM: "公文要素", NUM: "序号", PUN: "标点", PLH: "占位符", TYP: "错别字",
  TRM: "规范表述", GEN: "文种（请示用语）", PER: "报告期", PAR: "问题与措施对应", CNT: "内容提示", LAY: "版式（.docx）",
};

/**
 * The side list: findings grouped by severity, then by rule family, each a button that calls
 * ``onPick(i)``; ``extra(f, i)`` may add buttons (fix, insert).
 */
export function findingList(container, findings, { onPick, extra, filter } = {}) {
  container.replaceChildren();
  if (!findings.length) { container.append(el("p", { class: "empty" }, "没有发现问题。")); return; }
  for (const sev of SEVERITY_ORDER) {
    const mine = findings.map((f, i) => [f, i]).filter(([f]) => f.severity === sev);
    if (!mine.length) continue;
    const group = el("section", { class: `group sev-${sev}`, "data-sev": sev },
      el("h3", {}, `${SEVERITY[sev]}（${mine.length}）`));
    const families = [...new Set(mine.map(([f]) => f.rule.slice(0, 3)))];
    for (const fam of families) {
      const list = el("ul", { class: "plain" });
      mine.filter(([f]) => f.rule.slice(0, 3) === fam).forEach(([f, i]) => {
        const li = el("li", { class: "finding", "data-i": i, "data-family": fam, "data-sev": sev },
          el("button", { type: "button", class: "pick", "data-i": i, onclick: () => onPick && onPick(i) },
            el("span", { class: `dot sev-${sev}` }), `${f.rule} `, f.message,
            el("small", {}, ` 第${f.line}行`)),
          f.suggestion ? el("div", { class: "sugg" }, "建议：", f.suggestion) : null,
          extra ? extra(f, i) : null);
        list.append(li);
      });
      group.append(el("div", { class: "family", "data-family": fam },
        el("h4", {}, `${fam} ${FAMILY_NAMES[fam] || ""}`), list));
    }
    container.append(group);
  }
  if (filter) filter();
}

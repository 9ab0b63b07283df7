// 检查: a report with its findings highlighted in place, re-checked as the user types.
import {
  $, $$, api, debounce, download, el, findingDetails, findingList, focusFinding, highlightNodes,
  setStatus, showError, stem, toast, FAMILY_NAMES,
} from "./common.js";

const editor = $("#editor");
const tip = $("#tip");
const state = {
  name: "粘贴的文字", file: null, docx: false, edited: false, result: null, findings: [],
  layout: [], checkedText: null, seq: 0, composing: false,
};

// --- reading and writing the editor's text, keeping the caret by character offset ---------
function editorText() {
  let out = "";
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) out += child.data;
      else if (child.nodeName === "BR") out += "\n";
      else {
        const block = child.nodeName === "DIV" || child.nodeName === "P";
        if (block && out && !out.endsWith("\n")) out += "\n";
        walk(child);
      }
    }
  };
  walk(editor);
  return out;
}

function caretOffset() {
  const sel = getSelection();
  if (!sel.rangeCount || !editor.contains(sel.focusNode)) return null;
  const range = document.createRange();
  range.setStart(editor, 0);
  range.setEnd(sel.focusNode, sel.focusOffset);
  return range.toString().length;
}

function setCaret(offset) {
  const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
  let node, seen = 0;
  while ((node = walker.nextNode())) {
    if (seen + node.data.length >= offset) {
      const sel = getSelection();
      const range = document.createRange();
      range.setStart(node, offset - seen);
      range.collapse(true);
      sel.removeAllRanges();
      sel.addRange(range);
      return;
    }
    seen += node.data.length;
  }
}

function insertPlain(text) {
  const sel = getSelection();
  if (!sel.rangeCount) return;
  const range = sel.getRangeAt(0);
  range.deleteContents();
  const node = document.createTextNode(text);
  range.insertNode(node);
  range.setStartAfter(node);
  range.collapse(true);
  sel.removeAllRanges();
  sel.addRange(range);
  onEdit();
}

// --- rendering --------------------------------------------------------------------------
function render(text) {
  const caret = document.activeElement === editor ? caretOffset() : null;
  editor.replaceChildren(...highlightNodes(text, state.findings));
  if (caret !== null) setCaret(caret);
  findingList($("#findings"), state.findings, { onPick: pick, extra: actions, filter: applyFilter });
  const families = [...new Set(state.findings.map((f) => f.rule.slice(0, 3)))];
  const select = $("#family");
  const current = select.value;
  select.replaceChildren(el("option", { value: "" }, "全部规则族"),
    ...families.map((f) => el("option", { value: f }, `${f} ${FAMILY_NAMES[f] || ""}`)));
  select.value = families.includes(current) ? current : "";
  applyFilter();
  const fixable = state.findings.some(isFixable);
  $("#fix-all").disabled = !fixable;
  const layoutBox = $("#layout-box");
  layoutBox.hidden = !(state.docx && state.edited && state.layout.length);
  $("#layout-list").replaceChildren(...state.layout.map((f) => el("li", {}, findingDetails(f))));
  $("#dl-layout").hidden = !state.docx;
  const file = state.result.files[0];
  const s = file.summary;
  $("#summary").replaceChildren(el("span", { class: "count sev-error" }, `错误 ${s.error}`),
    el("span", { class: "count sev-warning" }, `疑似 ${s.warning}`), el("span", { class: "count sev-info" }, `提示 ${s.info}`));
  const doc = state.result.document;
  $("#kind").textContent = `类型：${doc.profile_name}（${file.profile_detected ? "自动识别" : ($("#profile").value === "auto" ? "未能识别，按默认" : "指定")}）`;
}

function isFixable(f) { return f.fix && !f.rule.startsWith("NUM"); }

function actions(f, i) {
  const box = el("div", { class: "row-actions" });
  if (isFixable(f)) {
    box.append(el("button", { type: "button", class: "fix-one", "data-i": i, onclick: () => fixOne(f) },
      `修正为“${f.fix.replacement}”`));
  }
  if (["STR001", "STR002", "PAR001"].includes(f.rule)) {
    box.append(el("button", { type: "button", class: "insert", "data-i": i, onclick: () => insertSuggestion(f) }, "插入建议文字"));
  }
  return box.childNodes.length ? box : null;
}

function pick(i) {
  const hits = focusFinding(editor, i);
  $$(".finding.current").forEach((n) => n.classList.remove("current"));
  const item = $(`.finding[data-i="${i}"]`);
  if (item) item.classList.add("current");
  if (!hits.length) toast("这条问题不在正文的某一处（如版式或整篇的问题）");
  else showTip(hits[0], [i]);
}

function applyFilter() {
  const sevs = new Set($$(".sev").filter((c) => c.checked).map((c) => c.value));
  const fam = $("#family").value;
  $$(".finding").forEach((li) => { li.hidden = !sevs.has(li.dataset.sev) || (fam && li.dataset.family !== fam); });
  $$(".findings .family").forEach((box) => { box.hidden = !$$(".finding", box).some((li) => !li.hidden); });
  $$(".findings .group").forEach((box) => { box.hidden = !$$(".finding", box).some((li) => !li.hidden); });
}

function showTip(target, ids) {
  tip.replaceChildren(...ids.map((i) => findingDetails(state.findings[i])));
  const box = target.getBoundingClientRect();
  const wrap = tip.parentElement.getBoundingClientRect();
  tip.style.left = `${Math.max(0, box.left - wrap.left)}px`;
  tip.style.top = `${box.bottom - wrap.top + tip.parentElement.scrollTop + 4}px`;
  tip.hidden = false;
}

editor.addEventListener("mouseover", (e) => {
  const hl = e.target.closest("[data-fids]");
  if (hl) showTip(hl, hl.dataset.fids.split(" ").map(Number));
});
editor.addEventListener("mouseleave", () => { tip.hidden = true; });

// --- checking ---------------------------------------------------------------------------
function profile() { return $("#profile").value; }

async function run(request) {
  const seq = ++state.seq;
  setStatus("检查中…");
  try {
    const result = await request();
    if (seq !== state.seq) return null;
    showError("");
    return result;
  } catch (e) {
    if (seq === state.seq) { setStatus(""); showError(e.message); }
    return null;
  }
}

function accept(result, text) {
  state.result = result;
  state.findings = result.files[0].findings;
  state.checkedText = text;
  render(text);
  const s = result.files[0].summary;
  setStatus(`已检查：错误${s.error}，疑似${s.warning}，提示${s.info}`);
}

async function checkFile(file) {
  state.file = file; state.name = file.name; state.docx = /\.docx$/i.test(file.name); state.edited = false;
  const form = new FormData();
  form.append("file", file);
  form.append("profile", profile());
  form.append("with_text", "true");
  const result = await run(() => api("/api/v1/check", { form }));
  if (!result) return;
  state.layout = result.files[0].findings.filter((f) => f.rule.startsWith("LAY"));
  accept(result, result.document.text);
}

async function checkText() {
  const text = editorText();
  if (!text.trim()) { setStatus(""); return; }
  const result = await run(() => api("/api/v1/check", { json: { text, name: textName(), profile: profile(), with_text: true } }));
  if (!result) return;
  if (editorText() !== text) return; // the user typed on; the next check will follow
  if (state.composing) return;
  accept(result, text);
}

function textName() { return state.docx ? `${stem(state.name)}.txt` : state.name; }

const recheck = debounce(checkText, 450);

function onEdit() {
  if (state.file && state.docx) state.edited = true;
  recheck();
}

function setText(text) {
  editor.replaceChildren(document.createTextNode(text));
  onEdit();
  recheck.cancel();
  return checkText();
}

async function fixOne(f) {
  const text = editorText();
  const out = await run(() => api("/api/v1/fix", { json: { text, profile: profile(), only: [{ rule: f.rule, start: f.start, end: f.end }] } }));
  if (out) { await setText(out.text); toast(`已修正${out.applied}处`); }
}

async function fixAll() {
  const text = editorText();
  const out = await run(() => api("/api/v1/fix", { json: { text, profile: profile() } }));
  if (out) { await setText(out.text); toast(`已修正${out.applied}处`); }
}

async function insertSuggestion(f) {
  const text = editorText();
  const data = await run(() => api("/api/v1/suggest", { json: { text, profile: profile() } }));
  if (!data) return;
  const key = f.data.part || f.data.theme;
  const s = data.suggestions.find((x) => x.rules.includes(f.rule) && (f.rule === "PAR001" || x.key === key));
  if (!s) { toast("这一项没有可插入的建议文字"); setStatus(""); return; }
  const out = await run(() => api("/api/v1/insert", { json: { text, offset: s.offset, insertion: s.text } }));
  if (out) { await setText(out.text); toast(`已插入“${s.name}”的建议文字，请按实际情况修改`); }
}

// --- downloads --------------------------------------------------------------------------
function sourceBody(extra = {}) {
  if (state.file && !state.edited) {
    const form = new FormData();
    form.append("file", state.file);
    form.append("profile", profile());
    for (const [k, v] of Object.entries(extra)) form.append(k, v);
    return { form };
  }
  return { json: { text: editorText(), name: textName(), profile: profile(), ...extra } };
}

async function guarded(fn) {
  try { await fn(); showError(""); } catch (e) { showError(e.message); }
}

$("#dl-text").addEventListener("click", () => {
  download(new Blob([editorText()], { type: "text/plain;charset=utf-8" }), `${stem(state.name)}-修改后.txt`);
});
$("#dl-docx").addEventListener("click", () => guarded(async () => {
  download(await api("/api/v1/annotate", { ...sourceBody(), as: "blob" }), `${stem(state.name)}-批注.docx`);
}));
$("#dl-json").addEventListener("click", () => {
  if (!state.result) return;
  const { document: _doc, ...findings } = state.result;
  download(new Blob([JSON.stringify(findings, null, 2)], { type: "application/json" }), `${stem(state.name)}.findings.json`);
});
$("#dl-sarif").addEventListener("click", () => guarded(async () => {
  const data = await api("/api/v1/check", sourceBody({ format: "sarif" }));
  download(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }), `${stem(state.name)}.sarif`);
}));
$("#dl-layout").addEventListener("click", () => guarded(async () => {
  const form = new FormData();
  form.append("file", state.file);
  download(await api("/api/v1/fix-layout", { form, as: "blob" }), `${stem(state.name)}-版式.docx`);
}));
$("#fix-all").addEventListener("click", fixAll);

// --- input --------------------------------------------------------------------------------
$("#file").addEventListener("change", (e) => { if (e.target.files[0]) checkFile(e.target.files[0]); });
const drop = $("#drop");
drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => {
  e.preventDefault(); drop.classList.remove("over");
  if (e.dataTransfer.files[0]) checkFile(e.dataTransfer.files[0]);
});
$("#profile").addEventListener("change", () => (state.file && !state.edited ? checkFile(state.file) : checkText()));
$$(".sev").forEach((c) => c.addEventListener("change", applyFilter));
$("#family").addEventListener("change", applyFilter);

editor.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.isComposing) { e.preventDefault(); insertPlain("\n"); }
});
editor.addEventListener("paste", (e) => {
  e.preventDefault();
  insertPlain((e.clipboardData.getData("text/plain") || "").replace(/\r\n?/g, "\n"));
});
editor.addEventListener("drop", (e) => {
  if (e.dataTransfer.files.length) { e.preventDefault(); checkFile(e.dataTransfer.files[0]); }
});
editor.addEventListener("compositionstart", () => { state.composing = true; });
editor.addEventListener("compositionend", () => { state.composing = false; onEdit(); });
editor.addEventListener("input", () => { if (!state.composing) onEdit(); });

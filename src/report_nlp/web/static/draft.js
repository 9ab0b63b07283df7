// 起草: a form built from the drafter's fields, with the drafter's own field-path messages
// beside the fields, a live preview, downloads, YAML in and out, and init's examples.
import { $, $$, api, debounce, download, el, setStatus, showError } from "./common.js";

let spec = null;
let state = {};

// --- paths like work[1].items[0].text ----------------------------------------------------
function parsePath(path) {
  return path.split(/\.|(?=\[)/).filter(Boolean).map((p) => (p.startsWith("[") ? Number(p.slice(1, -1)) : p));
}
function join(base, key) { return typeof key === "number" ? `${base}[${key}]` : base ? `${base}.${key}` : key; }
function getAt(path) { return parsePath(path).reduce((o, k) => (o == null ? undefined : o[k]), state); }
function setAt(path, value) {
  const keys = parsePath(path);
  let o = state;
  keys.slice(0, -1).forEach((k, n) => {
    if (o[k] == null) o[k] = typeof keys[n + 1] === "number" ? [] : {};
    o = o[k];
  });
  const last = keys[keys.length - 1];
  if (value === undefined && !Array.isArray(o)) delete o[last];
  else o[last] = value;
}

// --- values typed in the form → the drafter's input ----------------------------------------
function parseValue(type, raw) {
  if (type === "int") { const t = raw.trim(); return t === "" ? undefined : /^-?\d+$/.test(t) ? Number(t) : t; }
  if (type === "refs") { const ids = raw.split(/[,，、\s]+/).filter(Boolean); return ids.length ? ids : undefined; }
  if (type === "map") {
    const out = {};
    raw.split("\n").forEach((line) => {
      const m = line.match(/^\s*([^:：]+?)\s*[:：]\s*(.*?)\s*$/);
      if (m) out[m[1]] = /^-?\d+(\.\d+)?$/.test(m[2]) ? Number(m[2]) : m[2];
    });
    return Object.keys(out).length ? out : undefined;
  }
  return raw.trim() === "" ? undefined : raw;
}
function showValue(type, value) {
  if (value == null) return "";
  if (type === "refs") return [].concat(value).join(", ");
  if (type === "map") return Object.entries(value).map(([k, v]) => `${k}: ${v}`).join("\n");
  return String(value);
}

// --- building the form ----------------------------------------------------------------------
function control(field, path) {
  const id = `f-${path.replace(/[^\w]/g, "_")}`;
  const value = getAt(path);
  let input;
  if (field.type === "choice") {
    input = el("select", { id, "data-path": path },
      el("option", { value: "" }, "—"),
      ...spec.options[field.options].map((o) => el("option", { value: o.value }, `${o.label}（${o.value}）`)));
    input.value = value ?? "";
  } else if (field.type === "longtext" || field.type === "map") {
    input = el("textarea", { id, "data-path": path, rows: field.type === "map" ? 2 : 3, placeholder: field.placeholder || "" });
    input.value = showValue(field.type, value);
  } else {
    input = el("input", { id, "data-path": path, type: field.type === "date" ? "text" : "text",
      inputmode: field.type === "int" ? "numeric" : null,
      placeholder: field.placeholder || (field.type === "date" ? "2022-03-31" : "") });
    input.value = showValue(field.type, value);
  }
  const update = () => { setAt(path, parseValue(field.type, input.value)); preview(); };
  input.addEventListener(field.type === "choice" ? "change" : "input", update);
  return el("div", { class: "field", "data-field": path },
    el("label", { for: id }, field.label || field.key), input,
    field.help ? el("small", { class: "help" }, field.help) : null,
    el("div", { class: "field-error", role: "alert" }));
}

function build(fields, base) {
  return fields.map((field) => node(field, join(base, field.key)));
}

function node(field, path) {
  if (field.type === "group") {
    return el("fieldset", { class: "group", "data-field": path }, el("legend", {}, field.label || ""),
      field.help ? el("small", { class: "help" }, field.help) : null,
      ...build(field.fields, path), el("div", { class: "field-error", role: "alert" }));
  }
  if (field.type === "list") {
    const list = getAt(path) || [];
    const item = field.item;
    const entries = list.map((_, i) => {
      const p = join(path, i);
      const inner = item.type === "group" ? build(item.fields, p) : [control({ ...item, label: `第${i + 1}条` }, p)];
      return el("div", { class: "list-item", "data-field": p },
        el("div", { class: "list-head" }, el("span", {}, `${field.label} ${i + 1}`),
          el("button", { type: "button", class: "remove", onclick: () => { getAt(path).splice(i, 1); redraw(); preview(); } }, "删除")),
        ...inner);
    });
    return el("fieldset", { class: "list", "data-field": path }, el("legend", {}, field.label),
      ...entries,
      el("button", { type: "button", class: "add", "data-add": path, onclick: () => {
        const arr = getAt(path) || [];
        arr.push(item.type === "group" ? {} : "");
        setAt(path, arr);
        redraw();
      } }, `＋ ${field.add || "增加"}`),
      el("div", { class: "field-error", role: "alert" }));
  }
  return control(field, path);
}

function redraw() {
  const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.path : null;
  $("#form").replaceChildren(...build(spec.fields, ""));
  if (focused) { const again = $(`[data-path="${CSS.escape(focused)}"]`); if (again) again.focus(); }
}

// --- preview and messages -------------------------------------------------------------------
function clean(value) {
  if (Array.isArray(value)) return value.map(clean).filter((v) => v !== undefined && v !== "" && !(typeof v === "object" && !Array.isArray(v) && !Object.keys(v).length));
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const c = clean(v);
      if (c !== undefined && c !== "" && !(typeof c === "object" && !Array.isArray(c) && !Object.keys(c).length)) out[k] = c;
    }
    return out;
  }
  return value;
}

function markError(field, message) {
  $$(".field-error").forEach((n) => { n.textContent = ""; });
  $$(".invalid").forEach((n) => n.classList.remove("invalid"));
  if (!field) return;
  let path = field.replace(/^--/, "");
  let box = null;
  while (path && !(box = $(`[data-field="${CSS.escape(path)}"]`))) {
    path = path.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
    if (!/[.[]/.test(path) && !$(`[data-field="${CSS.escape(path)}"]`)) break;
  }
  box = box || $(`[data-field="${CSS.escape(path)}"]`);
  if (!box) return;
  box.classList.add("invalid");
  const slot = Array.from(box.children).find((c) => c.classList.contains("field-error"));
  if (slot) slot.textContent = message;
}

const preview = debounce(async () => {
  setStatus("生成预览…");
  try {
    const out = await api("/api/v1/draft", { json: { input: clean(state) } });
    $("#preview").textContent = out.text;
    markError(null);
    showError("");
    $("#problems").replaceChildren(...out.warnings.map((w) => el("li", { class: "warn" }, `提示：${w}`)),
      ...out.self_check.map((w) => el("li", { class: "self" }, `自查：${w}`)));
    setStatus(`${out.profile_name}：预览已更新`);
  } catch (e) {
    setStatus("输入有误");
    markError(e.field, e.message);
    $("#problems").replaceChildren(el("li", { class: "error" }, e.message));
  }
}, 400);

async function load(input) {
  state = input || {};
  redraw();
  preview();
}

async function save(format, name) {
  try {
    download(await api("/api/v1/draft", { json: { input: clean(state), format }, as: "blob" }), name);
    showError("");
  } catch (e) { showError(e.message); markError(e.field, e.message); }
}

$("#dl-docx").addEventListener("click", () => save("docx", "报告草稿.docx"));
$("#dl-txt").addEventListener("click", () => save("txt", "报告草稿.txt"));
$("#dl-md").addEventListener("click", () => save("md", "报告草稿.md"));
$("#dl-yaml").addEventListener("click", () => save("yaml", "起草输入.yaml"));
$("#example").addEventListener("change", async (e) => {
  if (!e.target.value) return;
  try { load((await api(`/api/v1/draft/example?profile=${encodeURIComponent(e.target.value)}`)).input); } catch (err) { showError(err.message); }
});
$("#load-yaml").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  const form = new FormData();
  form.append("file", file);
  try { load((await api("/api/v1/draft/parse", { form })).input); showError(""); } catch (err) { showError(err.message); }
  e.target.value = "";
});

(async () => {
  spec = await api("/api/v1/draft/form");
  $("#example").value = "quarterly";
  load((await api("/api/v1/draft/example?profile=quarterly")).input);
})();

// 问题分类: statements (one per line) or a whole report → category, confidence, tags.
import { $, api, csvBlob, download, el, setStatus, showError } from "./common.js";

let items = [];

async function run() {
  const text = $("#input").value;
  setStatus("分类中…");
  try {
    items = (await api("/api/v1/classify", { json: { text } })).items;
    showError("");
  } catch (e) { setStatus(""); showError(e.message); return; }
  const tags = (x) => [...x.discipline_names, ...x.sifeng_names].join("、") || "—";
  $("#table tbody").replaceChildren(...items.map((x, n) => el("tr", {},
    el("td", { class: "num" }, n + 1), el("td", {}, x.text), el("td", {}, x.category_name),
    el("td", { class: "num" }, x.confidence.toFixed(2)),
    el("td", {}, x.alternatives.map((a) => `${a.name} ${a.confidence.toFixed(2)}`).join("；")),
    el("td", {}, tags(x)))));
  $("#table").hidden = false;
  $("#dl-csv").disabled = false;
  setStatus(`共${items.length}条`);
}

$("#run").addEventListener("click", run);
$("#dl-csv").addEventListener("click", () => {
  const rows = [["序号", "表述", "类别", "置信度", "备选", "纪律／四风"]];
  items.forEach((x, n) => rows.push([n + 1, x.text, x.category_name, x.confidence,
    x.alternatives.map((a) => `${a.name} ${a.confidence}`).join("；"), [...x.discipline_names, ...x.sifeng_names].join("、")]));
  download(csvBlob(rows), "问题分类.csv");
});

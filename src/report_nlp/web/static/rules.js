// 规则: the rule catalogue, searchable by any text of a rule (id, message, basis, examples).
import { $, api, el, setStatus } from "./common.js";

const SEV = { error: "错误", warning: "疑似", info: "提示" };
let rules = [];

function draw() {
  const q = $("#q").value.trim().toLowerCase();
  const fam = $("#family").value;
  const shown = rules.filter((r) => (!fam || r.family === fam) &&
    (!q || [r.id, r.name, r.message, r.suggestion, r.basis, ...r.examples.bad, ...r.examples.good].join(" ").toLowerCase().includes(q)));
  $("#table tbody").replaceChildren(...shown.map((r) => el("tr", { class: `sev-row-${r.severity}` },
    el("td", {}, el("code", {}, r.id)), el("td", {}, SEV[r.severity]), el("td", {}, r.message),
    el("td", {}, r.suggestion), el("td", { class: "basis" }, r.basis),
    el("td", {}, r.examples.bad[0] ? el("div", {}, "错例：", r.examples.bad[0]) : null,
      r.examples.good[0] ? el("div", {}, "正例：", r.examples.good[0]) : null),
    el("td", {}, r.fixable ? "是" : "否"))));
  setStatus(`${shown.length} / ${rules.length} 条规则`);
}

(async () => {
  const data = await api("/api/v1/rules");
  rules = data.rules;
  $("#family").append(...Object.entries(data.families).map(([k, v]) => el("option", { value: k }, `${k} ${v}`)));
  draw();
})();
$("#q").addEventListener("input", draw);
$("#family").addEventListener("change", draw);

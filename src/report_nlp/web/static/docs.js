// 接口文档: the OpenAPI description of /api/v1, rendered here (no external viewer).
import { $, api, el } from "./common.js";

(async () => {
  const spec = await api("/openapi.json");
  const box = $("#endpoints");
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const body = op.requestBody ? op.requestBody.content : {};
      const fields = Object.entries(body).map(([type, c]) => el("div", {}, el("code", {}, type), "：",
        Object.entries((c.schema && c.schema.properties) || {}).map(([k, v]) => `${k}${v.description ? `（${v.description}）` : ""}`).join("；") || "—"));
      box.append(el("section", { class: "endpoint" },
        el("h2", {}, el("code", {}, `${method.toUpperCase()} ${path}`), " ", op.summary || ""),
        el("p", {}, op.description || ""), ...fields));
    }
  }
})();

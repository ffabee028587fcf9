// The upload page: posts the file as a dry run, shows its columns with a field to choose
// for each, the first rows with each cell's error, and the diff of updates; imports when
// the dry run found nothing wrong. Every control is a native form element.
const data = JSON.parse(document.getElementById("upload-data").textContent);
const T = data.texts;
const form = document.getElementById("upload");
const lang = form.dataset.lang;
const status = document.getElementById("u-status");
const out = document.getElementById("u-report");
const importButton = document.getElementById("u-import");
const csrf = document.querySelector('meta[name="csrf-token"]').content;
let mapping = null; // header -> field, once the first dry run has named the columns

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function say(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ""));
}

function fieldsFor() {
  const what = form.elements.what.value;
  const extra = form.elements.preset.value && what === "organisations" ? data.fields.preset : {};
  return { ...data.fields[what], ...extra };
}

async function send(dryRun) {
  const file = form.elements.file.files[0];
  if (!file) return form.elements.file.reportValidity();
  const body = new FormData();
  body.append("file", file);
  body.append("lang", lang);
  if (dryRun) body.append("dry_run", "true");
  if (mapping) body.append("mapping", JSON.stringify(mapping));
  if (form.elements.preset.value) body.append("preset", form.elements.preset.value);
  body.append("update", form.elements.update.checked ? "true" : "false");
  status.textContent = T.working;
  importButton.disabled = true;
  const response = await fetch(`/import/${form.elements.what.value}`, {
    method: "POST",
    body,
    headers: { "X-CSRF-Token": csrf, Accept: "application/json" },
    credentials: "same-origin",
  });
  const answer = await response.json();
  show(answer, dryRun);
}

function counts(report) {
  const c = report.created || {};
  return { o: c.organisations ?? 0, p: c.people ?? 0, t: c.ties ?? 0, u: report.updated ?? 0 };
}

function show(answer, dryRun) {
  const report = answer.report || (answer.errors ? null : answer);
  const errors = answer.errors || [];
  out.replaceChildren();
  out.hidden = false;
  if (report) {
    out.append(columnTable(report), previewTable(report, errors));
    if (report.changes?.length) out.append(changeList(report.changes));
    if (report.warnings?.length) {
      const list = el("ul", { id: "u-warnings" });
      for (const w of report.warnings) list.append(el("li", {}, w.message));
      out.append(el("h2", {}, T.warnings), list);
    }
  }
  if (errors.length) {
    const list = el("ul", { class: "errors", id: "u-errors" });
    for (const e of errors) list.append(el("li", { class: "error" }, e.message));
    if (report?.moreErrors) list.append(el("li", {}, say(T.moreErrors, { n: report.moreErrors })));
    out.append(el("h2", {}, T.errors), list);
    status.textContent = T.refused;
    return;
  }
  status.textContent = say(dryRun ? T.wouldCreate : T.created, counts(report));
  importButton.disabled = !dryRun;
}

function columnTable(report) {
  const options = fieldsFor();
  mapping = {};
  const body = el("tbody");
  report.columns.forEach((column, i) => {
    if (!column.header) return;
    mapping[column.header] = column.field || "";
    const select = el("select", { id: `map-${i}`, "data-header": column.header });
    select.append(el("option", { value: "" }, T.ignore));
    for (const [name, label] of Object.entries(options)) {
      const option = el("option", { value: name }, label);
      if (name === column.field) option.selected = true;
      select.append(option);
    }
    select.addEventListener("change", () => {
      mapping[column.header] = select.value;
      send(true);
    });
    const label = el("label", { for: `map-${i}` }, column.header);
    body.append(el("tr", {}, el("th", { scope: "row" }, label), el("td", {}, select)));
  });
  const head = el("thead", {}, el("tr", {}, el("th", {}, T.column), el("th", {}, T.field)));
  return el("section", {}, el("h2", {}, T.columns), el("table", { id: "u-columns" }, head, body));
}

function previewTable(report, errors) {
  const wrong = new Map(); // "row/header" -> messages
  for (const e of errors) {
    const key = `${e.extensions?.row}/${e.extensions?.column}`;
    wrong.set(key, [...(wrong.get(key) || []), e.message]);
  }
  const headers = report.columns.map((c) => c.header);
  const head = el("tr", {}, el("th", {}, T.row), ...headers.map((h) => el("th", {}, h)));
  const body = el("tbody");
  report.preview.forEach((cells, i) => {
    const row = i + 2;
    const tr = el("tr", {}, el("th", { scope: "row" }, String(row)));
    headers.forEach((header, j) => {
      const messages = wrong.get(`${row}/${header}`);
      const td = el("td", {}, cells[j] ?? "");
      if (messages) {
        td.className = "bad";
        td.title = messages.join("\n");
        td.append(el("span", { class: "visually-hidden" }, ` (${messages.join("; ")})`));
      }
      tr.append(td);
    });
    body.append(tr);
  });
  const table = el("table", { id: "u-preview" }, el("thead", {}, head), body);
  return el("section", {}, el("h2", {}, T.preview), el("div", { class: "scroll" }, table));
}

function changeList(changes) {
  const list = el("ul", { id: "u-changes" });
  for (const c of changes) {
    const parts = Object.entries(c.diff).map(([f, [a, b]]) => `${f}: ${a ?? "–"} → ${b ?? "–"}`);
    list.append(el("li", {}, `${T.row} ${c.row}, ${c.name}: ${parts.join("; ")}`));
  }
  return el("section", {}, el("h2", {}, T.changes), list);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  send(true);
});
form.elements.file.addEventListener("change", () => {
  mapping = null;
  importButton.disabled = true;
});
form.elements.preset.addEventListener("change", () => {
  mapping = null;
  form.elements.update.checked = Boolean(form.elements.preset.value);
});
importButton.addEventListener("click", () => send(false));

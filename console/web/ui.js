// Small DOM helpers: elements, labelled fields, selectable tables, menus, dialogs and error banners.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else if (key === "value") el.value = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

let fieldCount = 0;
// A labelled control: <label for> + the control, so screen readers and tests find it by its label.
export function field(label, control, hint) {
  const id = control.id || `f${++fieldCount}`;
  control.id = id;
  return h("div", { class: "field" }, h("label", { for: id }, label), control, hint ? h("p", { class: "hint" }, hint) : null);
}

export function select(options, attrs = {}) {
  return h("select", attrs, options.map(([value, text, selected]) => h("option", { value, selected: !!selected }, text)));
}

// The banner at the top of the page: errors in AWS's words with their code, or a success note.
export function flash(message, kind = "error") {
  const box = document.getElementById("flash");
  box.className = kind;
  box.replaceChildren(h("span", {}, message), h("button", { type: "button", "aria-label": "Dismiss", onclick: () => box.replaceChildren() }, "×"));
}
export function clearFlash() {
  document.getElementById("flash").replaceChildren();
}
export function showError(error) {
  flash(error.code ? `${error.code}: ${error.awsMessage}` : String(error.message || error));
}

const PAGE_SIZE = 50;
const remembered = new Map();  // each table's selection, kept across refreshes
const applied = new Map();  // each table's last preselection, applied once
// A table whose rows select as in the AWS console: clicking a row selects it alone, its checkbox adds it.
// columns: [[heading, row => cell]]; key: row => id. The selection survives a refresh of the page;
// `preselected` (e.g. the instance just launched) replaces it. Returns {element, selected()}.
export function selectableTable(caption, columns, rows, key, onChange = () => {}, preselected = []) {
  const fresh = preselected.length && applied.get(caption) !== preselected.join();
  if (fresh) applied.set(caption, preselected.join());
  const wanted = fresh ? preselected : remembered.get(caption) || [];
  const chosen = new Set(wanted.filter((id) => rows.some((r) => key(r) === id)));
  const body = h("tbody");
  const render = () => {
    for (const tr of body.children) {
      if (!tr.dataset.key) continue;  // the "No … found" row
      const on = chosen.has(tr.dataset.key);
      tr.classList.toggle("selected", on);
      tr.setAttribute("aria-selected", on ? "true" : "false");
      tr.querySelector("input").checked = on;
    }
    remembered.set(caption, [...chosen]);
    onChange([...chosen]);
  };
  const makeRow = (row) => {
    const id = key(row);
    const box = h("input", { type: "checkbox", "aria-label": `Select ${id}` });
    box.addEventListener("click", (e) => {
      e.stopPropagation();
      box.checked ? chosen.add(id) : chosen.delete(id);
      render();
    });
    const tr = h("tr", { "data-key": id }, h("td", {}, box), columns.map(([, cell]) => h("td", {}, cell(row))));
    tr.addEventListener("click", (e) => {
      if (e.target.closest("a,button")) return;
      chosen.clear();
      chosen.add(id);
      render();
    });
    return tr;
  };
  // Past PAGE_SIZE rows the table is paginated, as the AWS console's are: only one page is in the DOM.
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  let page = Math.min(pages - 1, Math.floor(Math.max(0, rows.findIndex((r) => chosen.has(key(r)))) / PAGE_SIZE));
  const status = h("span", { "aria-live": "polite" });
  const previous = h("button", { type: "button", onclick: () => show(page - 1) }, "Previous page");
  const next = h("button", { type: "button", onclick: () => show(page + 1) }, "Next page");
  const show = (n) => {
    page = n;
    body.replaceChildren(...rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).map(makeRow));
    status.textContent = `Page ${page + 1} of ${pages} (${rows.length} ${caption.toLowerCase()})`;
    previous.disabled = page === 0;
    next.disabled = page >= pages - 1;
    render();
  };
  show(page);
  const table = h("table", { "aria-label": caption },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, h("span", { class: "sr" }, "Select")), columns.map(([heading]) => h("th", { scope: "col" }, heading)))),
    body);
  if (!rows.length) body.append(h("tr", {}, h("td", { colspan: columns.length + 1, class: "empty" }, `No ${caption} found`)));
  const pager = pages > 1 ? h("div", { class: "pager", role: "navigation", "aria-label": `${caption} pages` }, previous, status, next) : null;
  return { element: h("div", {}, pager, h("div", { class: "table-wrap" }, table)), selected: () => [...chosen] };
}

// A menu button: items are [label, action, disabledReason] or a group heading string.
export function menu(label, items) {
  const list = h("div", { class: "menu", role: "menu", "aria-label": label, hidden: true });
  const button = h("button", { type: "button", "aria-haspopup": "menu", "aria-expanded": "false" }, `${label} ▾`);
  const close = () => {
    list.hidden = true;
    button.setAttribute("aria-expanded", "false");
  };
  for (const item of items) {
    if (typeof item === "string") {
      list.append(h("div", { class: "menu-group", role: "presentation" }, item));
      continue;
    }
    const [text, action, disabled] = item;
    list.append(h("button", { type: "button", role: "menuitem", disabled: !!disabled, title: disabled || null,
      onclick: () => { close(); action(); } }, text));
  }
  button.addEventListener("click", () => {
    list.hidden = !list.hidden;
    button.setAttribute("aria-expanded", String(!list.hidden));
    if (!list.hidden) list.querySelector("[role=menuitem]:not([disabled])")?.focus();
  });
  list.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { close(); button.focus(); }
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      const items = [...list.querySelectorAll("[role=menuitem]:not([disabled])")];
      const at = items.indexOf(document.activeElement);
      items[(at + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length]?.focus();
      e.preventDefault();
    }
  });
  document.addEventListener("click", (e) => { if (!wrap.contains(e.target)) close(); });
  const wrap = h("div", { class: "menu-wrap" }, button, list);
  return wrap;
}

// A modal dialog: title, body nodes, and buttons [[label, onClick(close) | null for Cancel, {primary, disabled}]].
// An error thrown by onClick is shown inside the dialog, in AWS's words.
export function dialog(title, body, buttons) {
  const titleId = `d${++fieldCount}`;
  const error = h("div", { class: "dialog-error", role: "alert" });
  const close = () => { backdrop.remove(); opener?.focus?.(); };
  const opener = document.activeElement;
  const footer = h("div", { class: "dialog-buttons" }, buttons.map(([label, onClick, opts = {}]) =>
    h("button", { type: "button", class: opts.primary ? "primary" : null, disabled: !!opts.disabled,
      onclick: async (e) => {
        if (!onClick) return close();
        error.replaceChildren();
        e.target.disabled = true;
        try { await onClick(close); } catch (err) {
          error.replaceChildren(err.code ? `${err.code}: ${err.awsMessage}` : String(err.message || err));
        } finally { e.target.disabled = false; }
      } }, label)));
  const box = h("div", { class: "dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId },
    h("h2", { id: titleId }, title), h("div", { class: "dialog-body" }, body), error, footer);
  const backdrop = h("div", { class: "backdrop" }, box);
  backdrop.addEventListener("keydown", (e) => { if (e.key === "Escape") close(); });
  document.body.append(backdrop);
  (box.querySelector("input,select,textarea,button:not([disabled])"))?.focus();
  return { close, box };
}

// Offers `text` as a file download (a key pair's private key: shown once, never kept).
export function download(filename, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/x-pem-file" }));
  const a = h("a", { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function stateBadge(state) {
  return h("span", { class: `state state-${state}` }, state);
}

export function pageHeader(title, ...actions) {
  return h("div", { class: "page-header" }, h("h1", {}, title), h("div", { class: "actions" }, actions));
}

// "Add new tag": rows of Key / Value inputs. Returns {element, tags() → [{Key, Value}] with a key}.
export function tagEditor(label = "Tags") {
  const rows = h("div", {});
  const add = h("button", { type: "button", onclick: () => {
    const n = rows.children.length + 1;
    const key = h("input", { type: "text", "aria-label": `Tag ${n} key` });
    const value = h("input", { type: "text", "aria-label": `Tag ${n} value` });
    const row = h("div", { class: "field inline" }, key, value,
      h("button", { type: "button", "aria-label": `Remove tag ${n}`, onclick: () => row.remove() }, "Remove"));
    rows.append(row);
    key.focus();
  } }, "Add new tag");
  return {
    element: h("div", { role: "group", "aria-label": label }, rows, add),
    tags: () => [...rows.children].map((row) => row.querySelectorAll("input")).filter(([k]) => k.value)
      .map(([k, v]) => ({ Key: k.value, Value: v.value })),
  };
}

// Query parameters for tags on resources of `type`: TagSpecification.N.ResourceType / .Tag.M.Key/Value.
export function tagSpecification(n, type, tags) {
  const out = {};
  if (!tags.length) return out;
  out[`TagSpecification.${n}.ResourceType`] = type;
  tags.forEach((t, i) => {
    out[`TagSpecification.${n}.Tag.${i + 1}.Key`] = t.Key;
    out[`TagSpecification.${n}.Tag.${i + 1}.Value`] = t.Value;
  });
  return out;
}

// The handouts page: a list from /api/status, a handout's pages from /api/pages/<name>,
// refreshed after every rebuild (server-sent events on /events), never by a reload.
"use strict";

const STATUS_TEXT = {"up to date": "✓ up to date", "warnings": "⚠ warnings", "error": "✗ error"};
let rows = [];
let selected = decodeURIComponent(location.hash.slice(1)) || null;
let shownVersion = null;
let generation = -1;      // of the newest status shown: an older answer arriving late is dropped
let renderToken = 0;      // of the newest detail being made: an older one is not shown

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

async function getJSON(url) {
  const response = await fetch(url, {cache: "no-store"});
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

async function refresh() {
  const status = await getJSON("/api/status");
  if (status.generation < generation) return;
  generation = status.generation;
  rows = status.rows;
  const problem = document.getElementById("project-error");
  problem.hidden = !status.error;
  problem.textContent = status.error || "";
  renderList();
  const row = rows.find(r => r.name === selected);
  if (row && row.version !== shownVersion) await renderDetail(row);
  if (!row && selected) document.getElementById("detail").replaceChildren(el("p", {class: "hint"}, "This handout is gone."));
}

function renderList() {
  const list = document.getElementById("handouts");
  list.replaceChildren(...rows.map(row => {
    const item = el("li", {class: `row ${row.status.replace(/ /g, "-")}`, "data-name": row.name},
      el("span", {class: "title"}, row.title),
      el("span", {class: "meta"}, `${row.kind === "booklet" ? "汇编 booklet · " : ""}${row.name} · ${row.pages ? `${row.pages} pages` : "no pages"}`),
      el("span", {class: "status"}, STATUS_TEXT[row.status] || row.status),
      el("span", {class: "todo-count"}, row.todo.length ? `${row.todo.length} to do before printing` : "nothing to fill in"));
    if (row.name === selected) item.classList.add("selected");
    item.addEventListener("click", () => select(row.name));
    return item;
  }));
}

async function select(name) {
  selected = name;
  history.replaceState(null, "", `#${encodeURIComponent(name)}`);
  shownVersion = null;
  await refresh();
}

async function renderDetail(row) {
  const token = ++renderToken;
  const detail = document.getElementById("detail");
  const links = el("p", {class: "links"});
  for (const [format, url] of Object.entries(row.files)) links.append(el("a", {href: url, download: ""}, `download ${format.toUpperCase()}`), " ");
  if (row.report) links.append(el("a", {href: row.report, target: "_blank"}, "ingest report"));
  const parts = [el("h2", {}, row.title), el("p", {class: `status ${row.status.replace(/ /g, "-")}`}, STATUS_TEXT[row.status] || row.status), links];
  if (row.messages.length) parts.push(el("ul", {class: "messages"}, ...row.messages.map(m => el("li", {}, m))));
  parts.push(el("h3", {}, `To do before printing (${row.todo.length})`));
  parts.push(row.todo.length ? el("ul", {class: "todo"}, ...row.todo.map(t => el("li", {}, t))) : el("p", {}, "Nothing."));
  const pagesBox = el("div", {class: "pages", id: "pages"});
  const pagesTitle = el("h3", {}, "Pages");
  parts.push(pagesTitle);
  if (row.status === "error" && row.files.pdf) parts.push(el("p", {class: "hint"}, "The pages of the last build that worked:"));
  parts.push(pagesBox);
  if (row.files.pdf) {
    const data = await getJSON(`/api/pages/${encodeURIComponent(row.name)}`);
    if (token !== renderToken) return;
    pagesTitle.textContent = `Pages (${data.pages.length})`;
    pagesBox.append(...data.pages.map((page, i) => el("figure", {class: "page", "data-page": String(i + 1)},
      el("img", {src: page.image, alt: `page ${i + 1}`, loading: "lazy"}),
      el("figcaption", {}, `page ${i + 1}`),
      el("details", {}, el("summary", {}, "text"), el("pre", {class: "page-text"}, page.text)))));
  } else {
    pagesBox.append(el("p", {}, "No PDF yet."));
  }
  detail.replaceChildren(...parts);
  shownVersion = row.version;
}

function listen() {
  const live = document.getElementById("live");
  const events = new EventSource("/events");
  events.addEventListener("hello", () => { live.textContent = "live"; live.classList.add("on"); refresh(); });
  events.addEventListener("rebuilt", () => refresh());
  events.onerror = () => { live.textContent = "disconnected (is build.py serve running?)"; live.classList.remove("on"); };
}

refresh();
listen();

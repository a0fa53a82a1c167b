// The workbench page: the list from /api/status, a handout's pages from /api/pages/<name>,
// its editable parts from /api/speech/<name>; refreshed after every rebuild (server-sent
// events on /events), never by a reload. Every change is a POST carrying the session token;
// the server answers {error, field} when it refuses, and the message is shown at its place.
"use strict";

const W = JSON.parse(document.getElementById("words").textContent);
const TOKEN = document.querySelector("meta[name=handout-token]").content;
let rows = [];
let selected = decodeURIComponent(location.hash.slice(1)) || null;
let shownVersion = null;
let generation = -1;      // of the newest status shown: an older answer arriving late is dropped
let renderToken = 0;      // of the newest detail being made: an older one is not shown
let pending = new Set();  // handouts saved and not yet rebuilt: shown as 生成中

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

async function getJSON(url) {
  const response = await fetch(url, {cache: "no-store"});
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

// A POST with the token; resolves to the answer's JSON, throws {error, field} when refused.
async function post(url, body) {
  const init = {method: "POST", headers: {"X-Handout-Token": TOKEN}, body};
  if (!(body instanceof FormData)) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  const data = await response.json().catch(() => ({error: `${response.status}`}));
  if (!response.ok) throw data;
  return data;
}

const enc = encodeURIComponent;
const statusText = row => pending.has(row.name) ? W["building"] : (W[row.status] || row.status);
const statusClass = row => pending.has(row.name) ? "building" : row.status.replace(/ /g, "-");

async function refresh() {
  const status = await getJSON("/api/status");
  if (status.generation < generation) return;
  if (status.generation > generation) pending.clear();
  generation = status.generation;
  rows = status.rows;
  const problem = document.getElementById("project-error");
  problem.hidden = !status.error;
  problem.textContent = status.error || "";
  renderList();
  const row = rows.find(r => r.name === selected);
  if (row && row.version !== shownVersion) await renderDetail(row);
  if (!row && selected) document.getElementById("detail").replaceChildren(el("p", {class: "hint"}, W["gone"]));
}

function renderList() {
  const list = document.getElementById("handouts");
  list.replaceChildren(...rows.map(row => {
    const button = el("button", {type: "button", class: "pick", onclick: () => select(row.name)},
      el("span", {class: "title"}, row.title),
      el("span", {class: "meta"}, `${row.kind === "booklet" ? W["booklet"] + " · " : ""}${row.pages ? `${row.pages} ${W["pages"]}` : W["no pages"]}`),
      el("span", {class: "status"}, statusText(row)),
      el("span", {class: "todo-count"}, row.todo.length ? `${W["to do"]} ${row.todo.length}` : W["nothing to fill"]));
    const item = el("li", {class: `row ${statusClass(row)}`, "data-name": row.name}, button);
    if (row.name === selected) item.classList.add("selected");
    return item;
  }));
}

async function select(name) {
  selected = name;
  history.replaceState(null, "", `#${enc(name)}`);
  shownVersion = null;
  await refresh();
}

async function renderDetail(row) {
  const token = ++renderToken;
  const detail = document.getElementById("detail");
  const links = el("p", {class: "links"});
  for (const [format, url] of Object.entries(row.files)) links.append(el("a", {href: url, download: ""}, `${W["download"]} ${format.toUpperCase()}`), " ");
  if (row.report) links.append(el("a", {href: row.report, target: "_blank"}, W["review"]));
  const parts = [el("h2", {}, row.title), el("p", {class: `status ${statusClass(row)}`}, statusText(row)), links];
  if (row.messages.length) parts.push(el("ul", {class: "messages"}, ...row.messages.map(m => el("li", {}, m))));
  // a speech's placeholders are filled in its form below; what else is to do is listed here
  const todo = row.kind === "speech" ? row.todo.filter(t => t.startsWith("ingest: ")) : row.todo;
  if (todo.length) parts.push(el("h3", {}, `${W["to do"]} (${todo.length})`), el("ul", {class: "todo"}, ...todo.map(t => el("li", {}, t))));
  const columns = el("div", {class: "columns"});
  const editing = el("div", {class: "editing", "data-name": row.name});
  editing.addEventListener("input", event => event.target.classList.add("dirty"));
  const pagesBox = el("div", {class: "pages", id: "pages"});
  columns.append(editing, pagesBox);
  parts.push(columns);
  const [speech, pageList] = await Promise.all([
    row.kind === "speech" ? getJSON(`/api/speech/${enc(row.name)}`).catch(() => null) : null,
    row.files.pdf ? getJSON(`/api/pages/${enc(row.name)}`) : null]);
  if (token !== renderToken) return;
  const typing = document.querySelector(`.editing[data-name="${CSS.escape(row.name)}"] .dirty`);
  if (typing) columns.replaceChild(typing.closest(".editing"), editing);   // keep what is being typed
  else if (speech) editing.append(...speechForms(row, speech));
  if (row.status === "error" && pageList) pagesBox.append(el("p", {class: "hint"}, W["last good"]));
  if (pageList) {
    pagesBox.append(...pageList.pages.map((page, i) => el("figure", {class: "page", "data-page": String(i + 1)},
      el("img", {src: page.image, alt: W["page"].replace("{n}", i + 1), loading: i < 4 ? "eager" : "lazy"}),
      el("figcaption", {}, W["page"].replace("{n}", i + 1)),
      el("details", {}, el("summary", {}, W["text"]), el("pre", {class: "page-text"}, page.text)))));
  } else {
    pagesBox.append(el("p", {}, W["no pdf"]));
  }
  detail.replaceChildren(...parts);
  shownVersion = row.version;
}

// A form whose POST answer replaces the speech's version; its error shows in `where`.
function saving(row, speech, url, body, where) {
  where.textContent = "";
  return post(url, {...body, version: speech.version}).then(answer => {
    speech.version = answer.version;
    where.closest("form")?.querySelectorAll(".dirty").forEach(e => e.classList.remove("dirty"));
    pending.add(row.name);
    renderList();
    where.textContent = W["saved"];
    return answer;
  }, problem => { where.textContent = problem.error; throw problem; });
}

function speechForms(row, speech) {
  const base = `/api/speech/${enc(row.name)}`;
  // title and cover lines
  const front = el("form", {class: "front", id: "front-form"});
  const frontError = el("p", {class: "form-error", role: "alert"});
  for (const key of ["title", "subtitle", "date", "speaker", "occasion"]) {
    const id = `front-${key}`;
    front.append(el("label", {for: id}, W[key]), el("input", {id, name: key, value: speech.front[key] || ""}),
                 el("span", {class: "field-error", "data-field": key}));
  }
  front.append(el("button", {type: "submit"}, W["save"]), frontError);
  front.addEventListener("submit", event => {
    event.preventDefault();
    front.querySelectorAll(".field-error").forEach(e => e.textContent = "");
    const values = Object.fromEntries(new FormData(front));
    saving(row, speech, `${base}/front`, {values}, frontError).catch(problem => {
      const at = front.querySelector(`.field-error[data-field="${problem.field}"]`);
      if (at) at.textContent = problem.error;
    });
  });
  // placeholders
  const fills = el("ol", {class: "fills"});
  speech.placeholders.forEach((p, i) => {
    const id = `fill-${i}`;
    const error = el("span", {class: "field-error", role: "alert"});
    const input = el("input", {id, class: "fill", size: "6", "aria-label": W["fill label"].replace("{x}", p.text)});
    const form = el("form", {}, el("span", {class: "context"}, `…${p.before}`), el("mark", {}, p.text),
      el("span", {class: "context"}, `${p.after}…`), " ", input, el("button", {type: "submit"}, W["fill"]), error);
    form.addEventListener("submit", event => {
      event.preventDefault();
      saving(row, speech, `${base}/fill`, {line: p.line, start: p.start, old: p.text, new: input.value}, error)
        .then(() => { shownVersion = null; }).catch(() => {});
    });
    fills.append(el("li", {"data-line": String(p.line)}, form));
  });
  // paragraphs
  const paras = el("ol", {class: "blocks"});
  for (const block of speech.blocks) {
    const error = el("span", {class: "field-error", role: "alert"});
    const area = el("textarea", {rows: block.kind === "heading" ? "1" : "3", "aria-label": `${W["edit"]} ${block.line}`});
    area.value = block.text;
    const change = (url, body) => saving(row, speech, url, body, error).then(() => { shownVersion = null; }).catch(() => {});
    const levels = block.kind === "heading" ? [[0, W["make paragraph"]], [3 - block.level, W[`make heading ${3 - block.level}`]]]
                                            : [[1, W["make heading 1"]], [2, W["make heading 2"]]];
    const form = el("form", {class: block.kind}, area, el("button", {type: "submit"}, W["save"]),
      el("button", {type: "button", class: "drop", onclick: () => change(`${base}/drop`, {line: block.line})}, W["drop"]),
      ...levels.map(([level, label]) => el("button", {type: "button", onclick: () => change(`${base}/heading`, {line: block.line, level})}, label)),
      error);
    form.addEventListener("submit", event => {
      event.preventDefault();
      saving(row, speech, `${base}/paragraph`, {line: block.line, text: area.value}, error).then(() => { shownVersion = null; }).catch(() => {});
    });
    paras.append(el("li", {"data-line": String(block.line)}, form));
  }
  return [el("h3", {}, W["front matter"]), front,
          el("h3", {}, `${W["placeholders"]} (${speech.placeholders.length})`),
          speech.placeholders.length ? fills : el("p", {}, W["nothing"]),
          el("details", {class: "text-edit"}, el("summary", {}, W["paragraphs"]), paras),
          ...(speech.comments.length ? [el("details", {class: "comments", open: ""}, el("summary", {}, `${W["comments"]} (${speech.comments.length})`),
                                       commentList(speech.comments))] : []),
          ...(speech.dropped.length ? [el("details", {class: "dropped"}, el("summary", {}, `${W["dropped"]} (${speech.dropped.length})`),
                                      droppedList(row, speech, base))] : []),
          ...(speech.review ? [el("details", {class: "review", open: ""}, el("summary", {}, W["review"]),
                                  el("pre", {class: "report-text"}, speech.review))] : [])];
}

// Reviewers' comments (批注): who, on which text, what they say.
function commentList(comments) {
  return el("ul", {class: "comment-list"}, ...comments.map(c => el("li", {},
    el("span", {class: "author"}, c.author), "：",
    el("q", {class: "on"}, c.on), " ", el("span", {class: "said"}, c.text))));
}

// The lines ingest dropped, each with a place to put it back (after which paragraph).
function droppedList(row, speech, base) {
  const list = el("ol", {class: "dropped-lines"});
  speech.dropped.forEach((d, i) => {
    const error = el("span", {class: "field-error", role: "alert"});
    const where = el("select", {"aria-label": W["after"]}, el("option", {value: "0"}, W["at the start"]),
      ...speech.blocks.map(b => el("option", {value: String(b.line)}, `${W["after"]} ${b.text.slice(0, 16)}…`)));
    const form = el("form", {}, el("span", {class: "context"}, `${d.line}（${d.reason}）`), " ", d.text, " ",
      where, el("button", {type: "submit"}, W["put back"]), error);
    form.addEventListener("submit", event => {
      event.preventDefault();
      saving(row, speech, `${base}/put-back`, {after: Number(where.value), text: d.text}, error)
        .then(() => { shownVersion = null; }).catch(() => {});
    });
    list.append(el("li", {"data-source-line": String(d.line)}, form));
  });
  return list;
}

// ------------------------------------------------------------ add a speech
document.getElementById("add-form").addEventListener("submit", async event => {
  event.preventDefault();
  const form = event.target, error = document.getElementById("add-error");
  error.textContent = "";
  const data = new FormData();
  const file = document.getElementById("add-file").files[0];
  if (file) data.append("file", file); else data.append("text", document.getElementById("paste").value);
  try {
    const answer = await post("/api/ingest", data);
    form.reset();
    error.textContent = `${W["new speeches"]}: ${answer.speeches.join(", ")}`;
    if (answer.speeches.length) await waitFor(answer.speeches[0], selected);
  } catch (problem) { error.textContent = problem.error; }
});

// Select a handout as soon as the watcher has built it, unless the clerk chose another meanwhile.
async function waitFor(name, before) {
  for (let i = 0; i < 600 && !rows.some(r => r.name === name); i++) {
    await new Promise(r => setTimeout(r, 100));
    if (i % 10 === 9) await refresh();
  }
  if (selected === before) await select(name);
}

// ------------------------------------------------------------ take back a DOCX
document.getElementById("takeback-form").addEventListener("submit", async event => {
  event.preventDefault();
  const error = document.getElementById("takeback-error");
  error.textContent = "";
  const file = document.getElementById("takeback-file").files[0];
  const data = new FormData();
  if (file) data.append("file", file);
  try { showPlan(await post("/api/takeback", data)); } catch (problem) { error.textContent = problem.error; }
});

function showPlan(plan) {
  selected = null; renderToken++; shownVersion = null;
  const detail = document.getElementById("detail");
  const result = el("p", {class: "form-error", role: "status"});
  const parts = [el("h2", {}, W["changed"])];
  if (!plan.speeches.length) parts.push(el("p", {}, W["no changes"]));
  for (const speech of plan.speeches) {
    parts.push(el("h3", {}, speech.name));
    parts.push(el("ol", {class: "diff"}, ...speech.paragraphs.map(p => el("li", {class: p.kind},
      el("span", {class: "kind"}, W[p.kind]),
      p.old !== null ? el("del", {}, p.old) : "", p.new !== null ? el("ins", {}, p.new) : ""))));
  }
  if (plan.conflicts.length) parts.push(el("h3", {}, `${W["conflicts"]} (${plan.conflicts.length})`),
    el("ol", {class: "conflicts"}, ...plan.conflicts.map(c => el("li", {},
      el("span", {class: "kind"}, `${c.file} ${c.where}`),
      el("p", {class: "ours"}, `${W["today's text"]}：${c.ours}`),
      el("p", {class: "theirs"}, `${W["the copy's text"]}：${c.theirs || W["removed"]}`)))));
  if (plan.comments.length) parts.push(el("h3", {}, `${W["comments"]} (${plan.comments.length})`), commentList(plan.comments));
  for (const report of plan.reports) parts.push(el("details", {open: ""}, el("summary", {}, W["review"]), el("pre", {class: "report-text"}, report)));
  const decide = what => post(`/api/takeback/${enc(plan.id)}/${what}`, {}).then(answer => {
    result.textContent = what === "discard" ? W["discarded"] : `${W["applied"]}: ${answer.written.join(", ")}`;
    buttons.remove();
  }, problem => { result.textContent = problem.error; });
  const buttons = el("p", {class: "decide"},
    el("button", {type: "button", id: "apply", onclick: () => decide("apply")}, W["apply"]), " ",
    ...(plan.conflicts.length ? [el("button", {type: "button", id: "apply-theirs", onclick: () => decide("theirs")}, W["apply theirs"]), " "] : []),
    el("button", {type: "button", id: "discard", onclick: () => decide("discard")}, W["discard"]));
  parts.push(buttons, result);
  detail.replaceChildren(...parts);
}

// ------------------------------------------------------------ arrange the 汇编
document.getElementById("arrange").addEventListener("click", async () => {
  selected = null; renderToken++; shownVersion = null;
  const data = await getJSON("/api/booklet");
  const detail = document.getElementById("detail");
  const form = el("form", {id: "booklet-form"});
  const error = el("p", {class: "form-error", role: "alert"});
  for (const key of ["title", "subtitle", "organiser", "date"]) {
    const id = `booklet-${key}`;
    form.append(el("label", {for: id}, W[key]), el("input", {id, name: key, value: data.values[key] || ""}),
                el("span", {class: "field-error", "data-field": key}));
  }
  const order = data.values.order.concat(data.speeches.map(s => s.name).filter(n => !data.values.order.includes(n)));
  const title = Object.fromEntries(data.speeches.map(s => [s.name, s.title]));
  const list = el("ol", {class: "order"});
  // the neighbour is moved, not the item: the pressed button keeps the keyboard's focus
  const move = (item, by) => {
    const items = [...list.children], at = items.indexOf(item) + by;
    if (at < 0 || at >= items.length) return;
    if (by < 0) list.insertBefore(items[at], item.nextSibling); else list.insertBefore(items[at], item);
  };
  for (const name of order) {
    const id = `in-${name}`;
    const item = el("li", {"data-name": name, draggable: "true", title: W["drag"]},
      el("span", {class: "grip", "aria-hidden": "true"}, "⠿"),
      el("input", {type: "checkbox", id, ...(!data.values.order.length || data.values.order.includes(name) ? {checked: ""} : {})}),
      el("label", {for: id}, title[name] || name), " ",
      el("button", {type: "button", class: "up", onclick: () => move(item, -1)}, W["up"]),
      el("button", {type: "button", class: "down", onclick: () => move(item, 1)}, W["down"]));
    list.append(item);
  }
  draggableOrder(list);
  form.append(el("h3", {}, W["in booklet"]), list, el("button", {type: "submit"}, W["save"]), error);
  form.addEventListener("submit", async event => {
    event.preventDefault();
    error.textContent = "";
    form.querySelectorAll(".field-error").forEach(e => e.textContent = "");
    const values = Object.fromEntries(["title", "subtitle", "organiser", "date"].map(k => [k, form.elements[k].value]));
    const chosen = [...list.children].filter(li => li.querySelector("input").checked).map(li => li.dataset.name);
    try {
      const answer = await post("/api/booklet", {values, order: chosen, version: data.version});
      data.version = answer.version;
      error.textContent = W["saved"];
    } catch (problem) {
      error.textContent = problem.error;
      const at = form.querySelector(`.field-error[data-field="${problem.field}"]`);
      if (at) at.textContent = problem.error;
    }
  });
  detail.replaceChildren(el("h2", {}, W["booklet"]), form);
});

// Drag a speech of the 汇编 above or below another (HTML5 drag and drop; the up/down
// buttons do the same from the keyboard). Saved with the form, as the buttons' order is.
function draggableOrder(list) {
  let dragged = null;
  list.addEventListener("dragstart", event => {
    dragged = event.target.closest("li");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.name);
    dragged.classList.add("dragging");
  });
  list.addEventListener("dragover", event => {
    const over = event.target.closest("li");
    if (!dragged || !over || over === dragged) return;
    event.preventDefault();
    const box = over.getBoundingClientRect();
    list.insertBefore(dragged, event.clientY < box.top + box.height / 2 ? over : over.nextSibling);
  });
  list.addEventListener("drop", event => event.preventDefault());
  list.addEventListener("dragend", () => { dragged?.classList.remove("dragging"); dragged = null; });
}

function listen() {
  const live = document.getElementById("live");
  const events = new EventSource("/events");
  events.addEventListener("hello", () => { live.textContent = W["live"]; live.classList.add("on"); refresh(); });
  events.addEventListener("rebuilt", () => refresh());
  events.onerror = () => { live.textContent = W["disconnected"]; live.classList.remove("on"); };
}

refresh();
listen();

// The claims list: the items the server rendered, the rest of a long list built from the
// server's rows and its <template>, the current item, the filters and j / k neighbours.
import { fillTemplate } from "./api.js";

const FILTERS = ["status", "kind", "q"];

/** Text as the claims search compares it: case folded, compatibility forms (NFKC), and any
 * run of spaces, hyphens or dashes as one space, so "$95 billion" finds "$95-billion". */
export function searchable(text) {
  return text.normalize("NFKC").toLowerCase().replace(/[\s\u002d\u2010-\u2015\u2212]+/gu, " ");
}

export class ClaimList {
  /**
   * @param {HTMLElement} root  the article page
   * @param {{index: import("./text.js").TextIndex}} options  the text, for searching quotes
   */
  constructor(root, { index }) {
    this.root = root;
    this.index = index;
    this.filters = root.querySelector(".claim-filters");
    this.template = root.querySelector("#claim-item-template");
    this.byId = null; // claim id -> its item, built once; dropped whenever items change
    this.marked = null;
    this.serverMarks = true; // the server marked one item as the list's tab stop
    this.rest = null;
    this.filters?.addEventListener("input", () => {
      this.applyFilters();
      this.#keepFiltersInUrl();
    });
    this.filters?.addEventListener("submit", (e) => e.preventDefault());
    this.#filtersFromUrl();
  }

  /** Filters set in the address (?status=&kind=&q=) survive a reload and a shared link. */
  #filtersFromUrl() {
    if (!this.filters) return;
    const params = new URLSearchParams(location.search);
    let any = false;
    for (const name of FILTERS) {
      const value = params.get(name);
      const el = this.filters.elements[name];
      if (!value || !el) continue;
      if (el.tagName === "SELECT" && ![...el.options].some((o) => o.value === value)) continue;
      el.value = value;
      any = true;
    }
    if (any) this.applyFilters();
  }

  #keepFiltersInUrl() {
    const url = new URL(location.href);
    for (const name of FILTERS) {
      const value = this.filters.elements[name].value.trim();
      if (value) url.searchParams.set(name, value);
      else url.searchParams.delete(name);
    }
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  }

  get el() {
    return this.root.querySelector("#claim-list");
  }

  get complete() {
    return !this.el.dataset.rest;
  }

  contains(node) {
    return this.el.contains(node);
  }

  item(id) {
    if (!this.byId) {
      this.byId = new Map();
      for (const li of this.el.children) if (li.dataset.claim) this.byId.set(li.dataset.claim, li);
    }
    return this.byId.get(String(id)) || null;
  }

  link(id) {
    return this.item(id)?.querySelector("a") || null;
  }

  /** Make one item the current one (and the list's only tab stop). */
  mark(id) {
    if (this.marked) {
      this.marked.classList.remove("current");
      const a = this.marked.querySelector("a");
      if (a) a.tabIndex = -1;
    }
    if (this.serverMarks) {
      for (const el of this.el.querySelectorAll(":scope > li.current, :scope > li > a[tabindex='0']")) {
        if (el.tagName === "LI") el.classList.remove("current");
        else el.tabIndex = -1;
      }
      this.serverMarks = false;
    }
    const li = this.item(id);
    if (li) {
      li.classList.add("current");
      li.querySelector("a").tabIndex = 0;
    }
    this.marked = li;
  }

  /** A part of the item <template> (the badge, the assignee note...), filled in. */
  #part(selector, values) {
    return fillTemplate(this.template.content.querySelector(selector).cloneNode(true), values);
  }

  setStatus(id, status) {
    const li = this.item(id);
    if (!li) return;
    li.dataset.status = status;
    li.querySelector(".badge").replaceWith(this.#part(".badge", { status }));
  }

  setAssignee(id, name) {
    const li = this.item(id);
    if (!li) return;
    const old = li.querySelector(".assignee");
    if (!name) {
      old?.remove();
      return;
    }
    const small = this.#part(".assignee", { assignee: name });
    if (old) old.replaceWith(small);
    else (li.querySelector(".kinds") || li.querySelector("a")).after(small);
  }

  /** One item from a row of named fields (article_pages._list_rows), as the server renders it. */
  #build(row) {
    const li = this.template.content.firstElementChild.cloneNode(true);
    fillTemplate(li, { ...row, kinds: row.kinds.join(", "), assignee: row.assignee || "" });
    li.dataset.kinds = row.kinds.join("|"); // kinds hold spaces ("aid amount")
    if (!row.kinds.length) li.querySelector(".kinds").remove();
    if (!row.assignee) li.querySelector(".assignee").remove();
    const warning = li.querySelector(".hint-warning");
    for (const text of row.warnings) {
      warning.before(fillTemplate(this.template.content.querySelector(".hint-warning").cloneNode(true), { warning: text }));
    }
    warning.remove();
    return li;
  }

  /** The rest of a long list, built in one go from the rows the server sent in data-rest. */
  loadRest() {
    if (this.rest) return this.rest;
    const list = this.el;
    if (!list.dataset.rest) {
      this.rest = Promise.resolve();
      return this.rest;
    }
    this.rest = new Promise((resolve) => {
      const rows = JSON.parse(list.dataset.rest);
      delete list.dataset.rest;
      const fragment = document.createDocumentFragment();
      for (const row of rows) fragment.append(this.#build(row));
      list.append(fragment);
      this.byId = null;
      this.root.querySelector("#list-more")?.remove();
      const current = this.marked?.dataset.claim || this.root.dataset.selected;
      if (current) this.mark(current);
      if (this.#filtering()) this.applyFilters();
      this.root.dataset.list = "complete";
      resolve();
    });
    return this.rest;
  }

  /** Take the list of a freshly fetched page (and the rest of it, if long). */
  async replaceFrom(doc) {
    this.el.replaceWith(document.adoptNode(doc.getElementById("claim-list")));
    this.byId = null;
    this.marked = null;
    this.serverMarks = true;
    const more = doc.getElementById("list-more");
    this.root.querySelector("#list-more")?.remove();
    if (more) this.el.after(document.adoptNode(more));
    this.rest = null;
    await this.loadRest();
    this.root.querySelector(".claim-count").textContent = doc.querySelector(".claim-count").textContent;
  }

  #filtering() {
    const f = this.filters?.elements;
    return Boolean(f && (f.status.value || f.kind.value || f.q.value));
  }

  applyFilters() {
    if (!this.filters) return;
    if (this.el.dataset.rest) this.loadRest();
    const status = this.filters.elements.status.value;
    const kind = this.filters.elements.kind.value;
    const q = searchable(this.filters.elements.q.value.trim());
    let shown = 0;
    const items = this.el.children;
    for (const li of items) {
      let ok = (!status || li.dataset.status === status) && (!kind || li.dataset.kinds.split("|").includes(kind));
      if (ok && q) ok = searchable(this.index.slice(Number(li.dataset.start), Number(li.dataset.end))).includes(q);
      li.hidden = !ok;
      if (ok) shown += 1;
    }
    this.filters.querySelector(".filter-count").textContent =
      status || kind || q ? `Showing ${shown} of ${items.length}` : "";
  }

  focusSearch() {
    this.filters?.elements.q.focus();
  }

  /** The claim after (step 1) or before (step -1) `current` among the shown items. */
  async neighbour(current, step) {
    if (this.el.dataset.rest) await this.loadRest();
    // Walk from the current item to the next shown one; no pass over the whole list.
    const move = (li) => (step > 0 ? li.nextElementSibling : li.previousElementSibling);
    const here = current ? this.item(current) : null;
    let li = here ? move(here) : step > 0 ? this.el.firstElementChild : this.el.lastElementChild;
    while (li && li.hidden) li = move(li);
    if (!li) return here ? current : null; // at either end: stay
    return Number(li.dataset.claim);
  }
}

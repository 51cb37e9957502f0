// Article page: highlighted text, the claims list, the claim panel and the keyboard.
import { api, ApiError, fetchDocument } from "./api.js";
import { announce, Panel } from "./panel.js";
import { TextIndex, u16OffsetOf } from "./text.js";
import { bindShortcuts } from "./keys.js";

export { codePointLength } from "./text.js";

export function initArticlePage(root) {
  const articleId = root.dataset.articleId;
  let textEl = root.querySelector("#article-text");
  const index = new TextIndex(() => textEl.textContent); // built on first use, not at load
  const listEl = () => root.querySelector("#claim-list");
  const filters = root.querySelector(".claim-filters");
  const preview = root.querySelector(".selection-preview");
  let pending = null; // the last text selection, as [startCp, endCp]
  let current = Number(root.dataset.selected) || null;

  const panel = new Panel(root.querySelector("#claim-panel"), {
    index,
    onConflict: async (id, how) => {
      if (how.structure) await refresh(id);
      else {
        await panel.load(id);
        syncStatus(id);
        syncAssignee(id);
      }
    },
    onChanged: async (id, how) => {
      if (how.structure) await refresh(id);
      else {
        await panel.load(id);
        if (how.status) syncStatus(id);
        if (how.assignee) syncAssignee(id);
      }
      // The focused control went away with the old panel: keep the keyboard on the claim.
      if (!document.activeElement || document.activeElement === document.body) {
        highlights(id)[0]?.focus({ preventScroll: true });
      }
    },
  });

  const claimUrl = (id) => `/articles/${articleId}/claims/${id}`;

  // Claim id -> its highlights and its list item, built once (not a scan per opened claim);
  // dropped whenever the text or the list is replaced.
  let byClaim = null;
  let itemById = null;
  function highlights(id) {
    if (!byClaim) {
      byClaim = new Map();
      for (const a of textEl.getElementsByClassName("claim")) {
        const key = a.dataset.claim;
        const list = byClaim.get(key);
        if (list) list.push(a);
        else byClaim.set(key, [a]);
      }
    }
    return byClaim.get(String(id)) || [];
  }
  function listItem(id) {
    if (!itemById) {
      itemById = new Map();
      for (const li of listEl().children) if (li.dataset.claim) itemById.set(li.dataset.claim, li);
    }
    return itemById.get(String(id)) || null;
  }

  let marked = { id: null, els: [], li: null };
  let serverMarks = true;
  function markCurrent(id) {
    for (const el of marked.els) el.classList.remove("focused");
    if (marked.li) {
      marked.li.classList.remove("current");
      const a = marked.li.querySelector("a");
      if (a) a.tabIndex = -1;
    }
    if (serverMarks) {
      // The server marked the first (or the selected) item as the list's tab stop: once.
      for (const el of listEl().querySelectorAll(":scope > li.current, :scope > li > a[tabindex='0']")) {
        if (el.tagName === "LI") el.classList.remove("current");
        else el.tabIndex = -1;
      }
      serverMarks = false;
    }
    const els = highlights(id);
    for (const a of els) a.classList.add("focused");
    const li = listItem(id);
    if (li) {
      li.classList.add("current");
      li.querySelector("a").tabIndex = 0;
    }
    marked = { id, els, li };
  }

  /** Open a claim: panel loaded, both places marked; `from` says which place to reveal. */
  async function select(id, { from = "key", push = true } = {}) {
    current = id;
    root.dataset.selected = String(id);
    markCurrent(id);
    const first = highlights(id)[0];
    const li = listItem(id);
    if (from === "text") {
      li?.scrollIntoView({ block: "nearest" });
    } else {
      first?.scrollIntoView({ block: "center" });
      li?.scrollIntoView({ block: "nearest" });
    }
    if (from === "list") first?.focus({ preventScroll: true });
    else if (from === "key") first?.focus({ preventScroll: true });
    else li?.querySelector("a")?.focus({ preventScroll: true });
    if (push && location.pathname !== claimUrl(id)) history.pushState({ claim: id }, "", claimUrl(id));
    try {
      await panel.load(id);
    } catch (error) {
      announce(error.message, "error");
    }
    if (current === id) root.dataset.ready = "panel";
  }

  function syncStatus(id) {
    const status = panel.detail?.dataset.status;
    if (!status) return;
    for (const a of highlights(id)) a.className = `claim status-${status} focused`;
    const li = listItem(id);
    if (li) {
      li.dataset.status = status;
      const badge = li.querySelector(".badge");
      badge.className = `badge status-${status}`;
      badge.textContent = status;
    }
  }

  /** Show the panel's assignee in the claims list too. */
  function syncAssignee(id) {
    const li = listItem(id);
    const detail = panel.detail;
    if (!li || !detail) return;
    const name = detail.dataset.assigneeName || "";
    let small = li.querySelector(".assignee");
    if (!name) {
      small?.remove();
      return;
    }
    if (!small) {
      small = document.createElement("small");
      small.className = "assignee";
      const after = li.querySelector(".kinds") || li.querySelector("a");
      after.after(small);
    }
    small.textContent = `assigned to ${name}`;
  }

  // --- the rest of a long claims list, built once the page is interactive -----------------
  // The server sends the first items as HTML and the rest as compact rows in data-rest;
  // quotes come from the text. Built in one go, after the page is ready, not per claim.
  function truncate(text, n = 140) {
    if (text.length <= n + 5) return text;
    const cut = text.slice(0, n - 3);
    const space = cut.lastIndexOf(" ");
    return `${space > 0 ? cut.slice(0, space) : cut}...`;
  }

  function itemFor([id, status, kinds, start, end, assignee, warnings]) {
    const li = document.createElement("li");
    Object.assign(li.dataset, { claim: id, status, kinds, start, end });
    const a = document.createElement("a");
    a.href = claimUrl(id);
    a.dataset.claim = id;
    a.tabIndex = -1;
    const badge = document.createElement("span");
    badge.className = `badge status-${status}`;
    badge.textContent = status;
    const quote = document.createElement("span");
    quote.className = "quote";
    quote.dir = "auto";
    quote.textContent = truncate(index.slice(start, end));
    a.append(badge, " ", quote);
    li.append(a);
    const small = (cls, text) => {
      const el = document.createElement("small");
      el.className = cls;
      el.textContent = text;
      li.append(el);
    };
    if (kinds) small("kinds", kinds.split(" ").join(", "));
    if (assignee) small("assignee", `assigned to ${assignee}`);
    for (const w of warnings) small("hint-warning", `⚠ ${w}`);
    return li;
  }

  let rest = null;
  function loadRest() {
    if (rest) return rest;
    const list = listEl();
    if (!list.dataset.rest) {
      rest = Promise.resolve();
      return rest;
    }
    rest = new Promise((resolve) => {
      const rows = JSON.parse(list.dataset.rest);
      delete list.dataset.rest;
      const fragment = document.createDocumentFragment();
      for (const row of rows) fragment.append(itemFor(row));
      list.append(fragment);
      itemById = null;
      root.querySelector("#list-more")?.remove();
      if (current) markCurrent(current);
      if (filters && (filters.elements.status.value || filters.elements.kind.value || filters.elements.q.value)) {
        applyFilters();
      }
      root.dataset.list = "complete";
      resolve();
    });
    return rest;
  }
  const later = window.requestIdleCallback || ((fn) => setTimeout(fn, 50));

  /** Reload text and list after span changes (server-rendered, parsed, swapped in). */
  async function refresh(id) {
    const doc = await fetchDocument(id ? claimUrl(id) : `/articles/${articleId}`);
    const newText = doc.getElementById("article-text");
    textEl.replaceWith(document.adoptNode(newText));
    textEl = newText;
    index.reset();
    listEl().replaceWith(document.adoptNode(doc.getElementById("claim-list")));
    byClaim = itemById = null;
    marked = { id: null, els: [], li: null };
    serverMarks = true;
    const more = doc.getElementById("list-more");
    root.querySelector("#list-more")?.remove();
    if (more) listEl().after(document.adoptNode(more));
    rest = null;
    await loadRest();
    root.querySelector(".claim-count").textContent = doc.querySelector(".claim-count").textContent;
    const newPanel = doc.querySelector("#claim-panel .claim-detail");
    if (newPanel) panel.host.replaceChildren(document.adoptNode(newPanel));
    applyFilters();
    if (id) {
      current = id;
      markCurrent(id);
      highlights(id)[0]?.focus({ preventScroll: false });
      if (location.pathname !== claimUrl(id)) history.pushState({ claim: id }, "", claimUrl(id));
    }
  }

  // --- clicks in the text and the list ----------------------------------------------------
  root.addEventListener("click", (event) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest("a[data-claim]");
    if (!link) return;
    const inText = textEl.contains(link);
    if (!inText && !listEl().contains(link)) return;
    const sel = document.getSelection();
    if (inText && sel && !sel.isCollapsed) {
      event.preventDefault(); // the reviewer was selecting words, not opening the claim
      return;
    }
    event.preventDefault();
    select(Number(link.dataset.claim), { from: inText ? "text" : "list" });
  });
  window.addEventListener("popstate", () => {
    const m = location.pathname.match(/\/claims\/(\d+)$/);
    if (m) select(Number(m[1]), { push: false });
  });

  // --- selection -> new claim -------------------------------------------------------------
  document.addEventListener("selectionchange", () => {
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    if (!textEl.contains(range.startContainer) || !textEl.contains(range.endContainer)) return;
    const s = u16OffsetOf(textEl, range.startContainer, range.startOffset);
    const e = u16OffsetOf(textEl, range.endContainer, range.endOffset);
    const snapped = index.snap(s, e);
    if (!snapped) return;
    pending = [index.cp(snapped[0]), index.cp(snapped[1])];
    const shown = index.text.slice(snapped[0], snapped[1]);
    preview.textContent = `Selected: “${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}” (${pending[0]}–${pending[1]})`;
    // The caret inside the open claim also sets its split point.
    const split = panel.host.querySelector(".split-form input[name=at]");
    if (split && pending[0] > Number(split.min) - 1 && pending[0] < Number(split.max) + 1) {
      split.value = String(pending[0]);
    }
  });

  async function addClaim() {
    if (!pending) {
      announce("Select some words in the article text first.", "warning");
      return;
    }
    const [start, end] = pending;
    try {
      const claim = await api("POST", root.dataset.claimsUrl, { start, end });
      pending = null;
      document.getSelection()?.removeAllRanges();
      announce(`Claim ${claim.id} added.`, "success");
      await refresh(claim.id);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.body.current) {
        announce(error.message, "warning");
        await select(error.body.current.id);
      } else announce(error.message, "error");
    }
  }
  root.querySelector("[data-action=add-claim]")?.addEventListener("click", addClaim);

  // --- filters ----------------------------------------------------------------------------
  function applyFilters() {
    if (!filters) return;
    if (listEl().dataset.rest) loadRest();
    const status = filters.elements.status.value;
    const kind = filters.elements.kind.value;
    const q = filters.elements.q.value.trim().toLowerCase();
    let shown = 0;
    const items = listEl().children;
    for (const li of items) {
      let ok = (!status || li.dataset.status === status) && (!kind || li.dataset.kinds.split(" ").includes(kind));
      if (ok && q) ok = index.slice(Number(li.dataset.start), Number(li.dataset.end)).toLowerCase().includes(q);
      li.hidden = !ok;
      if (ok) shown += 1;
    }
    filters.querySelector(".filter-count").textContent =
      status || kind || q ? `Showing ${shown} of ${items.length}` : "";
  }
  filters?.addEventListener("input", applyFilters);
  filters?.addEventListener("submit", (e) => e.preventDefault());

  async function neighbour(step) {
    if (listEl().dataset.rest) await loadRest();
    // Walk from the current item to the next shown one; no pass over the whole list.
    const move = (li) => (step > 0 ? li.nextElementSibling : li.previousElementSibling);
    const here = current ? listItem(current) : null;
    let li = here ? move(here) : step > 0 ? listEl().firstElementChild : listEl().lastElementChild;
    while (li && li.hidden) li = move(li);
    if (!li) return here ? current : null; // at either end: stay
    return Number(li.dataset.claim);
  }

  bindShortcuts(root, panel, {
    next: async () => {
      const id = await neighbour(1);
      if (id) select(id);
    },
    previous: async () => {
      const id = await neighbour(-1);
      if (id) select(id);
    },
    addClaim,
    search: () => filters?.elements.q.focus(),
    back: () => (current ? highlights(current)[0]?.focus() : textEl.focus()),
  });

  if (current) {
    markCurrent(current);
    highlights(current)[0]?.scrollIntoView({ block: "center" });
    listItem(current)?.scrollIntoView({ block: "nearest" });
  }
  root.dataset.ready = "true";
  // Once idle: the rest of a long list, then the claim -> highlights/item maps, so that the
  // first claim opened does not pay for a pass over every highlight and list item.
  const warm = () => {
    highlights(0);
    listItem(0);
  };
  if (listEl().dataset.rest) later(() => loadRest().then(() => later(warm)), { timeout: 1000 });
  else {
    root.dataset.list = "complete";
    later(warm);
  }
}

/** The standalone claim page: the same panel, reloaded in place after each change. */
export function initClaimPage(root) {
  const host = root.querySelector("#claim-panel");
  const panel = new Panel(host, {
    index: null,
    onChanged: async (id, how) => {
      if (how.structure) location.reload();
      else await panel.load(id);
    },
  });
  bindShortcuts(root, panel, {});
  root.dataset.ready = "true";
}

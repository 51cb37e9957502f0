// Article page: highlighted text, the claims list, the claim panel and the keyboard.
import { api, ApiError, fetchDocument } from "./api.js";
import { announce, Panel } from "./panel.js";
import { TextIndex, u16OffsetOf } from "./text.js";
import { bindShortcuts } from "./keys.js";

export { codePointLength } from "./text.js";

export function initArticlePage(root) {
  const articleId = root.dataset.articleId;
  let textEl = root.querySelector("#article-text");
  const index = new TextIndex(textEl.textContent);
  const listEl = () => root.querySelector("#claim-list");
  const filters = root.querySelector(".claim-filters");
  const preview = root.querySelector(".selection-preview");
  let pending = null; // the last text selection, as [startCp, endCp]
  let current = Number(root.dataset.selected) || null;

  const panel = new Panel(root.querySelector("#claim-panel"), {
    index,
    onChanged: async (id, how) => {
      if (how.structure) await refresh(id);
      else {
        await panel.load(id);
        if (how.status) syncStatus(id);
      }
      // The focused control went away with the old panel: keep the keyboard on the claim.
      if (!document.activeElement || document.activeElement === document.body) {
        highlights(id)[0]?.focus({ preventScroll: true });
      }
    },
  });

  const claimUrl = (id) => `/articles/${articleId}/claims/${id}`;
  const highlights = (id) => textEl.querySelectorAll(`a.claim[data-claim="${id}"]`);
  const listItem = (id) => listEl().querySelector(`li[data-claim="${id}"]`);

  function markCurrent(id) {
    for (const el of root.querySelectorAll(".claim.focused, #claim-list li.current")) {
      el.classList.remove("focused", "current");
    }
    for (const a of listEl().querySelectorAll("a[tabindex='0']")) a.tabIndex = -1;
    for (const a of highlights(id)) a.classList.add("focused");
    const li = listItem(id);
    if (li) {
      li.classList.add("current");
      li.querySelector("a").tabIndex = 0;
    }
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

  /** Reload text and list after span changes (server-rendered, parsed, swapped in). */
  async function refresh(id) {
    const doc = await fetchDocument(id ? claimUrl(id) : `/articles/${articleId}`);
    const newText = doc.getElementById("article-text");
    textEl.replaceWith(document.adoptNode(newText));
    textEl = newText;
    listEl().replaceWith(document.adoptNode(doc.getElementById("claim-list")));
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

  function neighbour(step) {
    const items = [...listEl().children].filter((li) => !li.hidden);
    if (!items.length) return null;
    const at = items.findIndex((li) => Number(li.dataset.claim) === current);
    const next = at < 0 ? (step > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, at + step));
    return Number(items[next].dataset.claim);
  }

  bindShortcuts(root, panel, {
    next: () => {
      const id = neighbour(1);
      if (id) select(id);
    },
    previous: () => {
      const id = neighbour(-1);
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

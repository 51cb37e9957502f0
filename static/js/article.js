// The article page's coordinator: the text, the claims list and the claim panel, kept on the
// same claim; the browser history and the keyboard. URLs come from the page (data-urls).
import { api, ApiError, dataJson, fetchDocument, fillUrl } from "./api.js";
import { ClaimList } from "./claim-list.js";
import { bindShortcuts } from "./keys.js";
import { announce, Panel } from "./panel.js";
import { TextView } from "./text-view.js";

export { codePointLength } from "./text.js";

export function initArticlePage(root) {
  const urls = dataJson(root, "urls");
  const claimUrl = (id) => fillUrl(urls.claim_page, { claim_id: id });
  const text = new TextView(root, { onSelection: (start) => panel.suggestSplit(start) });
  const list = new ClaimList(root, { index: text.index });
  let current = Number(root.dataset.selected) || null; // the one mutable piece of page state

  const panel = new Panel(root.querySelector("#claim-panel"), {
    index: text.index,
    urls,
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
      if (!document.activeElement || document.activeElement === document.body) text.focusClaim(id);
    },
  });

  function mark(id) {
    text.mark(id);
    list.mark(id);
  }

  /** Open a claim: panel loaded, both places marked; `from` says which place to reveal. */
  async function select(id, { from = "key", push = true, opener = null } = {}) {
    current = id;
    root.dataset.selected = String(id);
    sheetOpener = opener || (document.activeElement !== document.body ? document.activeElement : null);
    showSheet();
    mark(id);
    const first = text.highlights(id)[0];
    const li = list.item(id);
    if (from !== "text") first?.scrollIntoView({ block: "center" });
    // A claim tapped in the text stays where it is, unless the claim sheet of small screens
    // would cover it (its scroll-margin-bottom leaves room for the sheet; none on wide screens).
    else first?.scrollIntoView({ block: "nearest" });
    li?.scrollIntoView({ block: "nearest" });
    if (sheetOver()) {
      // Small screens: the sheet is over the text, and the keyboard is in it until it closes.
    } else if (from === "text") li?.querySelector("a")?.focus({ preventScroll: true });
    else first?.focus({ preventScroll: true });
    if (push && location.pathname !== claimUrl(id)) history.pushState({ claim: id }, "", claimUrl(id) + location.search);
    try {
      await panel.load(id);
    } catch (error) {
      announce(error.message, "error");
    }
    if (current === id) {
      if (sheetOver() && !sheet.contains(document.activeElement)) panel.host.focus({ preventScroll: true });
      root.dataset.ready = "panel";
    }
  }

  function syncStatus(id) {
    const status = panel.detail?.dataset.status;
    if (!status) return;
    text.setStatus(id, status);
    list.setStatus(id, status);
  }

  /** Show the panel's assignee in the claims list too. */
  function syncAssignee(id) {
    if (panel.detail) list.setAssignee(id, panel.detail.dataset.assigneeName || "");
  }

  /** Reload text and list after span changes (server-rendered, parsed, swapped in). */
  async function refresh(id) {
    const doc = await fetchDocument(id ? claimUrl(id) : urls.article);
    text.replaceFrom(doc);
    await list.replaceFrom(doc);
    const newPanel = doc.querySelector("#claim-panel .claim-detail");
    if (newPanel) panel.adopt(newPanel); // with the split point and the kept drafts
    list.applyFilters();
    if (id) {
      current = id;
      mark(id);
      text.focusClaim(id, { preventScroll: false });
      if (location.pathname !== claimUrl(id)) history.pushState({ claim: id }, "", claimUrl(id) + location.search);
    }
  }

  // --- small screens: the claim panel a sheet over the text, the list behind a button ------
  // (the classes only take effect in the single-column layout; see app.css)
  const listToggle = root.querySelector("[data-action=list-toggle]");
  const sheet = root.querySelector("#claim-sheet");
  const claimsPane = root.querySelector("#claims-pane");
  let sheetOpener = null; // what opened the sheet: focus goes back there when it closes
  // The sheet and the list lie over the page only in the single-column layout (app.css).
  const over = (el) => Boolean(el) && getComputedStyle(el).position === "fixed";
  const sheetOver = () => root.classList.contains("sheet-open") && over(sheet);
  const listOver = () => root.classList.contains("list-open") && over(claimsPane);
  function closeSheet() {
    root.classList.remove("sheet-open");
    const back = sheetOpener?.isConnected && sheetOpener.offsetParent !== null ? sheetOpener : null;
    if (back) back.focus();
    else if (current) text.focusClaim(current);
  }
  const focusables = (el) =>
    [...el.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")].filter(
      (x) => !x.disabled && x.tabIndex >= 0 && x.offsetParent !== null && !x.closest("details:not([open]) > :not(summary)"),
    );
  // Escape closes the list or the sheet (focus back to what opened it); Tab stays in the sheet.
  document.addEventListener(
    "keydown",
    (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (root.querySelector("#shortcut-help")?.open) return;
      const typingNow = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
      if (event.key === "Escape" && listOver()) {
        event.preventDefault();
        event.stopImmediatePropagation();
        showList(false);
        listToggle?.focus();
      } else if (event.key === "Escape" && sheetOver() && !typingNow) {
        event.preventDefault();
        event.stopImmediatePropagation();
        closeSheet();
      } else if (event.key === "Tab" && sheetOver() && !listOver()) {
        const items = focusables(sheet);
        if (!items.length) return;
        const [first, last] = [items[0], items[items.length - 1]];
        const inside = sheet.contains(event.target);
        if (!inside || (event.shiftKey && event.target === first) || (!event.shiftKey && event.target === last)) {
          event.preventDefault();
          (event.shiftKey ? last : first).focus();
        } else if (event.shiftKey && event.target === panel.host) {
          event.preventDefault();
          last.focus();
        }
      }
    },
    true,
  );
  function showList(open) {
    root.classList.toggle("list-open", open);
    listToggle?.setAttribute("aria-expanded", String(open));
    if (open) (list.item(current)?.querySelector("a") || root.querySelector("#claims-heading"))?.focus({ preventScroll: false });
  }
  function showSheet() {
    root.classList.add("sheet-open");
    showList(false);
  }
  listToggle?.addEventListener("click", () => showList(!root.classList.contains("list-open")));
  root.querySelector("[data-action=list-close]")?.addEventListener("click", () => {
    showList(false);
    listToggle?.focus();
  });
  root.querySelector("[data-action=sheet-close]")?.addEventListener("click", closeSheet);

  // --- clicks in the text and the list ----------------------------------------------------
  root.addEventListener("click", (event) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest("a[data-claim]");
    if (!link) return;
    const inText = text.contains(link);
    if (!inText && !list.contains(link)) return;
    const sel = document.getSelection();
    event.preventDefault();
    if (inText && sel && !sel.isCollapsed) return; // the reviewer was selecting words
    // Chosen from the list (which closes over small screens): its button is what opened it.
    const opener = inText ? link : listOver() ? listToggle : link;
    select(Number(link.dataset.claim), { from: inText ? "text" : "list", opener });
  });
  history.replaceState({ ...history.state, claim: current }, "");
  window.addEventListener("popstate", (event) => {
    const id = event.state?.claim;
    if (id) select(id, { push: false });
  });

  // --- selection -> new claim -------------------------------------------------------------
  async function addClaim() {
    if (!text.pending) {
      announce("Select some words in the article text first.", "warning");
      return;
    }
    const [start, end] = text.pending;
    try {
      const claim = await api("POST", urls.create_claim, { start, end });
      text.clearSelection();
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

  const go = (step) => async () => {
    const id = await list.neighbour(current, step);
    if (id) select(id);
  };
  bindShortcuts(root, panel, {
    next: go(1),
    previous: go(-1),
    addClaim,
    search: () => list.focusSearch(),
    back: () => {
      if (sheetOver()) panel.host.focus(); // Escape in a field: back to the claim, in the sheet
      else if (current) text.highlights(current)[0]?.focus();
      else text.el.focus();
    },
  });

  if (current) {
    root.classList.add("sheet-open");
    mark(current);
    text.highlights(current)[0]?.scrollIntoView({ block: "center" });
    list.item(current)?.scrollIntoView({ block: "nearest" });
  }
  root.dataset.ready = "true";
  // Once idle: the rest of a long list, then the claim -> highlights/item maps, so that the
  // first claim opened does not pay for a pass over every highlight and list item.
  const later = window.requestIdleCallback || ((fn) => setTimeout(fn, 50));
  const warm = () => {
    text.highlights(0);
    list.item(0);
  };
  if (!list.complete) later(() => list.loadRest().then(() => later(warm)), { timeout: 1000 });
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
    urls: dataJson(root, "urls"),
    onChanged: async (id, how) => {
      if (how.structure) location.reload();
      else await panel.load(id);
    },
  });
  bindShortcuts(root, panel, {});
  root.dataset.ready = "true";
}

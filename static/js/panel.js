// The claim panel: sources, verdict, state moves and span tools, all through the JSON API.
// What the user may do and the URLs to call come from the server (data-permitted, data-urls
// on the panel fragment; the page's data-urls for loading another claim).
import { api, ApiError, dataJson, fetchDocument, fillUrl } from "./api.js";
import { TextIndex, u16OffsetOf } from "./text.js";

const CHECK_DELAY_MS = 200; // typing pause before a source URL is checked with the server

const DRAFT_PREFIX = "workbench:draft:";
// Forms whose typing is kept as a draft per claim (the split point and assignee are choices
// that follow the claim as it is now, not typing).
const DRAFTED = new Set(["verdict", "source", "dismiss", "return", "reopen"]);

let home = null; // where the page's status line sits when no action placed it
let said = 0; // only the latest message is written

/** Show a short message in the page's status line (errors as alerts). Given `place` (an
 * element), the line moves right after it: the message is read where the action was, and
 * announced (aria-live) from there. */
export function announce(text, kind = "info", place = null) {
  let line = document.getElementById("workbench-status");
  if (line && !line.dataset.placed && !home) home = { parent: line.parentElement, next: line.nextSibling };
  const moved = place ? line?.previousElementSibling !== place : Boolean(line?.dataset.placed);
  if (!line || moved) {
    // A live region is announced when its text changes: put it in place empty, then fill it.
    line?.remove();
    line = document.createElement("p");
    line.id = "workbench-status";
    if (place) {
      line.dataset.placed = "true";
      place.after(line);
    } else if (home?.parent?.isConnected) home.parent.insertBefore(line, home.next?.isConnected ? home.next : null);
    else return;
  }
  line.className = `status-line flash flash-${kind}${place ? " action-message" : ""}`;
  line.setAttribute("role", kind === "error" ? "alert" : "status");
  line.setAttribute("aria-live", kind === "error" ? "assertive" : "polite");
  const ticket = ++said;
  const write = () => {
    if (ticket === said) line.textContent = text;
  };
  if (moved || !line.textContent) setTimeout(write, 30);
  else write();
  line.textContent = moved ? "" : line.textContent;
}

/** Forget every kept draft (signing out: the next person at this browser must not see them). */
export function forgetDrafts() {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(DRAFT_PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // storage unavailable: nothing kept
  }
}

export class Panel {
  /**
   * @param {HTMLElement} host  element whose content is the panel fragment
   * @param {{index?: import("./text.js").TextIndex, urls?: {panel?: string}, onChanged: Function}} options
   */
  constructor(host, { index = null, urls = {}, onChanged, onConflict = null }) {
    this.host = host;
    this.index = index;
    this.pageUrls = urls;
    this.checks = 0; // source URL checks sent; only the latest answer is shown
    this.onChanged = onChanged;
    // After a 409: show the claim as it is now ({structure} when its span moved).
    this.onConflict = onConflict || ((id) => this.load(id));
    host.addEventListener("submit", (e) => this.#onSubmit(e));
    host.addEventListener("click", (e) => this.#onClick(e));
    host.addEventListener("input", (e) => this.#onInput(e));
    host.addEventListener("keydown", (e) => this.#onSplitKey(e));
    this.#prepare();
  }

  get detail() {
    return this.host.querySelector(".claim-detail");
  }

  get claimId() {
    return Number(this.detail?.dataset.claimId) || null;
  }

  get version() {
    return Number(this.detail?.dataset.version);
  }

  /** The URLs this claim's actions call (claim_urls on the server). */
  get urls() {
    return dataJson(this.detail, "urls");
  }

  /** What the user may do with this claim (services.review.permitted). */
  get permitted() {
    return dataJson(this.detail, "permitted");
  }

  #panelUrl(claimId) {
    if (claimId === this.claimId) return this.urls.panel;
    return fillUrl(this.pageUrls.panel, { claim_id: claimId });
  }

  /** Load a claim's panel fragment from the server. */
  async load(claimId) {
    const doc = await fetchDocument(this.#panelUrl(claimId));
    const section = doc.querySelector(".claim-detail");
    if (!section) throw new ApiError(500, { message: "the claim panel did not load" });
    return this.adopt(section);
  }

  /** Show a panel fragment rendered by the server (loaded here or with the whole page):
   * the split point and the kept drafts are put back every time. */
  adopt(section) {
    this.host.replaceChildren(document.adoptNode(section));
    this.#prepare();
    this.host.dataset.loaded = String(this.claimId);
    return section;
  }

  /** Per-load touches: the split point, a kept draft, the duplicate-URL check. */
  #prepare() {
    const d = this.detail;
    if (!d) return;
    const chooser = d.querySelector(".split-chooser");
    if (chooser) {
      // The claim's own text, indexed on its own: offsets in it are code points from its start.
      this.quote = new TextIndex(chooser.textContent);
      const at = this.quote.middle(0, this.quote.length);
      if (at !== null) this.setSplit(Number(d.dataset.start) + at, { quiet: true });
    }
    for (const form of d.querySelectorAll("form[data-action]")) {
      if (DRAFTED.has(form.dataset.action)) this.#restoreDraft(form);
    }
    const verdict = d.querySelector(".verdict-form");
    if (verdict && !this.#draft("verdict")) this.#saveState(verdict, "saved");
  }

  // --- drafts: what was typed, per claim and form, until saved or discarded ---------------

  #draftKey(action, claimId = this.claimId) {
    return `${DRAFT_PREFIX}${claimId}:${action}`;
  }

  #draft(action) {
    try {
      return JSON.parse(sessionStorage.getItem(this.#draftKey(action)) || "null");
    } catch {
      return null;
    }
  }

  /** Forget the kept draft of one of this claim's forms (saved or discarded). */
  discard(action) {
    try {
      sessionStorage.removeItem(this.#draftKey(action));
    } catch {
      // storage unavailable: nothing was kept
    }
  }

  /** The typed fields of a form; null when nothing differs from what the server gave. */
  static #typedFields(form) {
    const fields = {};
    let changed = false;
    for (const el of form.elements) {
      if (!el.name || el.type === "hidden" || el.type === "submit" || el.type === "button") continue;
      fields[el.name] = el.value;
      const initial =
        el.tagName === "SELECT"
          ? ([...el.options].find((o) => o.defaultSelected) || el.options[0])?.value
          : el.defaultValue;
      if (el.value !== initial) changed = true;
    }
    if (form.dataset.editing) {
      fields._editing = form.dataset.editing;
      changed = true;
    }
    return changed ? fields : null;
  }

  #keepDraft(form) {
    const action = form.dataset.action;
    const fields = Panel.#typedFields(form);
    try {
      if (fields) sessionStorage.setItem(this.#draftKey(action), JSON.stringify(fields));
      else sessionStorage.removeItem(this.#draftKey(action));
    } catch {
      // storage full or unavailable: the form still holds the text
    }
    if (action === "verdict") this.#saveState(form, fields ? "unsaved" : "saved");
  }

  #restoreDraft(form) {
    const draft = this.#draft(form.dataset.action);
    if (!draft) return;
    for (const [name, value] of Object.entries(draft)) {
      const el = name === "_editing" ? null : form.querySelector(`[name="${CSS.escape(name)}"]`);
      if (!el) continue;
      if (el.tagName === "SELECT" && ![...el.options].some((o) => o.value === value)) continue;
      el.value = value;
    }
    if (draft._editing && this.#source(draft._editing)) this.#markEditing(form, draft._editing);
    const details = form.closest("details");
    if (details) details.open = true;
    if (form.dataset.action === "verdict") this.#saveState(form, "restored");
  }

  /** The verdict form's visible state: saved, unsaved (kept in this browser), saving. */
  #saveState(form, state) {
    const line = form.querySelector(".save-state");
    if (!line) return;
    const discard = form.querySelector("[data-draft=discard]");
    const hasVerdict = Boolean(form.dataset.savedRating);
    const words = {
      saved: hasVerdict ? "All changes saved." : "Nothing saved yet.",
      unsaved: "Unsaved changes: kept in this browser until you save or discard them.",
      restored: "Your unsaved draft was restored: save or discard it.",
      saving: "Saving…",
      failed: "Not saved: your draft is kept in this browser.",
    };
    if (line.dataset.state === state) return; // no new announcement for every keystroke
    line.dataset.state = state;
    line.textContent = words[state] || "";
    if (discard) discard.hidden = !["unsaved", "restored", "failed"].includes(state);
  }

  #onInput(event) {
    const form = event.target.closest("form[data-action]");
    if (form && DRAFTED.has(form.dataset.action)) this.#keepDraft(form);
    if (event.target.matches(".source-form [name=url]")) this.#checkDuplicateUrl(event.target);
  }

  /** Say what an action did next to where it was done. `place`: an element or a selector
   * in the panel as it is now (a closed <details> stands for what is inside it). */
  say(text, kind = "info", place = null) {
    const d = this.detail;
    let anchor = null;
    for (const sel of typeof place === "string" ? place.split(",") : [place]) {
      anchor = typeof sel === "string" ? d?.querySelector(sel.trim()) : sel;
      if (anchor) break;
    }
    if (anchor && !this.host.contains(anchor)) anchor = null;
    anchor = anchor?.closest("details:not([open])") || anchor || d?.querySelector(".meta") || null;
    announce(text, kind, anchor);
    setTimeout(() => document.getElementById("workbench-status")?.scrollIntoView({ block: "nearest" }), 40);
  }

  /** Whether the claim has the typed URL already: the server says (it owns what "the same
   * URL" means), after a pause in typing; only the answer to the latest check is shown. */
  #checkDuplicateUrl(input) {
    const form = input.closest("form");
    const note = form.querySelector(".duplicate-url");
    const ticket = ++this.checks;
    if (!input.value.trim()) {
      note.hidden = true;
      return;
    }
    const url = new URL(this.urls.check_source, location.href);
    setTimeout(async () => {
      if (ticket !== this.checks) return;
      url.searchParams.set("url", input.value);
      if (form.dataset.editing) url.searchParams.set("source", form.dataset.editing);
      try {
        const answer = await api("GET", url.href);
        if (ticket === this.checks) note.hidden = !answer.duplicate;
      } catch {
        if (ticket === this.checks) note.hidden = true; // the save will say what is wrong
      }
    }, CHECK_DELAY_MS);
  }

  /** The caret or a selection in the article text sets the split point inside the open claim. */
  suggestSplit(at) {
    const d = this.detail;
    if (d && at > Number(d.dataset.start) && at < Number(d.dataset.end)) this.setSplit(at);
  }

  // --- the split point, chosen in the claim's text: a click places it at the nearest word
  // start, ← → move it a word, Home/End to the first/last place, Enter splits there. --------

  /** Put the split point at `at` (a code-point offset of the article), shown as a mark in
   * the claim's text and said in words. False when `at` is not inside the claim. */
  setSplit(at, { quiet = false } = {}) {
    const d = this.detail;
    const chooser = d?.querySelector(".split-chooser");
    const input = d?.querySelector(".split-form input[name=at]");
    if (!chooser || !input || !this.quote) return false;
    const rel = at - Number(d.dataset.start);
    if (!(rel > 0 && rel < this.quote.length)) return false;
    input.value = String(at);
    const u = this.quote.u16(rel);
    const text = this.quote.text;
    const mark = document.createElement("span");
    mark.className = "split-mark";
    mark.setAttribute("aria-hidden", "true");
    const bdi = chooser.querySelector("bdi") || chooser;
    bdi.replaceChildren(text.slice(0, u), mark, text.slice(u));
    const before = text.slice(0, u).trim().split(/\s+/).slice(-3).join(" ");
    const after = text.slice(u).trim().split(/\s+/).slice(0, 3).join(" ");
    const where = d.querySelector(".split-where");
    if (where) {
      where.setAttribute("aria-live", quiet ? "off" : "polite");
      where.textContent = `Split between “…${before}” and “${after}…”. Click in the text or use ← → to move the point.`;
    }
    return true;
  }

  /** The word start nearest to a UTF-16 index of the claim's text (0 when none inside). */
  #nearestWordStart(u) {
    const q = this.quote;
    const seg = q.words.containing(Math.min(u, q.text.length - 1));
    let at = u;
    if (seg && seg.isWordLike && seg.index < u) {
      // inside a word: to its start or past it, whichever is nearer
      at = u - seg.index <= seg.index + seg.segment.length - u ? seg.index : q.nextWordStart(u);
    } else if (seg && !seg.isWordLike) at = q.nextWordStart(u) ?? u;
    return at === null ? null : q.cp(at);
  }

  /** A click in the claim's text chooses the split point there. */
  chooseSplitAt(x, y) {
    const chooser = this.detail?.querySelector(".split-chooser");
    if (!chooser || !this.quote) return;
    let node = null;
    let offset = 0;
    if (document.caretPositionFromPoint) {
      const pos = document.caretPositionFromPoint(x, y);
      if (pos) [node, offset] = [pos.offsetNode, pos.offset];
    } else if (document.caretRangeFromPoint) {
      const range = document.caretRangeFromPoint(x, y);
      if (range) [node, offset] = [range.startContainer, range.startOffset];
    }
    if (!node || !chooser.contains(node)) return;
    const rel = this.#nearestWordStart(u16OffsetOf(chooser, node, offset));
    if (rel === null || !this.setSplit(Number(this.detail.dataset.start) + rel)) {
      this.say("Choose a point between two words inside the claim.", "warning", ".span-tools");
    }
  }

  #onSplitKey(event) {
    const chooser = event.target.closest?.(".split-chooser");
    if (!chooser || !this.quote || event.ctrlKey || event.metaKey || event.altKey) return;
    const d = this.detail;
    const start = Number(d.dataset.start);
    const input = d.querySelector(".split-form input[name=at]");
    const q = this.quote;
    const u = q.u16(Number(input.value || start) - start);
    let next = null;
    const rtl = getComputedStyle(chooser).direction === "rtl";
    const key = rtl ? { ArrowLeft: "ArrowRight", ArrowRight: "ArrowLeft" }[event.key] || event.key : event.key;
    if (key === "ArrowRight" || key === "ArrowDown") next = q.nextWordStart(u);
    else if (key === "ArrowLeft" || key === "ArrowUp") next = q.prevWordStart(u);
    else if (key === "Home") next = q.nextWordStart(0);
    else if (key === "End") next = q.prevWordStart(q.text.length);
    else if (key === "Enter") {
      event.preventDefault();
      d.querySelector(".split-form")?.requestSubmit();
      return;
    } else return;
    event.preventDefault();
    if (next !== null && next > 0) this.setSplit(start + q.cp(next));
  }

  async #onSubmit(event) {
    const form = event.target.closest("form[data-action]");
    if (!form || !this.host.contains(form)) return;
    event.preventDefault();
    const action = event.submitter?.dataset.action || form.dataset.action;
    const button = event.submitter;
    if (form.getAttribute("aria-busy") === "true") return; // one request at a time per form
    form.setAttribute("aria-busy", "true");
    if (button) button.disabled = true;
    try {
      await this.run(action, form);
    } catch (error) {
      await this.#failed(error, form);
    } finally {
      form.removeAttribute("aria-busy");
      if (button) button.disabled = false;
    }
  }

  #onClick(event) {
    const button = event.target.closest("button");
    if (!button && event.target.closest?.(".split-chooser")) {
      this.chooseSplitAt(event.clientX, event.clientY);
      return;
    }
    if (!button || !this.host.contains(button)) return;
    let job = null;
    if (button.dataset.span) job = () => this.adjust(button.dataset.span);
    else if (button.dataset.action === "merge") job = () => this.merge();
    else if (button.dataset.action === "preview") job = () => this.preview(button.closest("form"));
    else if (button.dataset.sourceEdit) job = () => this.editSource(button.dataset.sourceEdit);
    else if (button.dataset.sourceRemove) job = () => this.removeSource(button.dataset.sourceRemove);
    else if (button.dataset.conflict) job = () => this.#resolve(button);
    else if (button.classList.contains("source-cancel")) job = () => this.#resetSourceForm();
    else if (button.dataset.draft === "discard") job = () => this.#discardVerdict(button.closest("form"));
    if (!job) return;
    event.preventDefault();
    job().catch((error) => this.#failed(error, button.closest("form") || button.closest(".span-tools") || button));
  }

  /** Run one of the panel's actions (also used by keyboard shortcuts). */
  async run(action, form) {
    const id = this.claimId;
    const urls = this.urls;
    const moves = this.permitted.moves || {};
    const fields = Object.fromEntries(new FormData(form));
    if (action === "source") return this.#saveSource(form, fields);
    if (action === "verdict") {
      await this.#saveVerdict(form);
      await this.#changed(id);
      return this.say("Verdict saved.", "success", ".verdict-form .buttons");
    }
    if (action === "submit") {
      if (form.classList.contains("verdict-form")) {
        const missing = Panel.#incomplete(form);
        if (missing) return this.say(`Not submitted: ${missing}`, "error", ".verdict-form .buttons");
        if (this.#verdictChanged(form)) await this.#saveVerdict(form);
      }
      await api("POST", urls.moves.submit, { version: this.version });
      this.discard("verdict");
      await this.#changed(id, { status: true });
      return this.say(moves.submit.done, "success", ".verdict-form .buttons");
    }
    if (action === "assign") {
      const select = form.querySelector("[name=assignee]");
      const body = { assignee: select.value || null, version: this.version };
      await api("PATCH", urls.claim, body);
      await this.onChanged(id, { assignee: true });
      const name = this.detail?.dataset.assigneeName;
      return this.say(name ? `Claim assigned to ${name}.` : "Claim assigned to nobody.", "success", ".assign-form");
    }
    if (action === "split") {
      if (!fields.at) return this.say("Choose where to split: click between two words in the claim's text.", "warning", ".span-tools");
      const at = Number(fields.at);
      const answer = await api("POST", urls.split, { at, version: this.version });
      await this.onChanged(id, { structure: true });
      return this.say(`Claim split in two: ${answer.claims[1].id} is new.`, "success", ".span-tools");
    }
    const move = moves[action];
    if (move) {
      const body = { version: this.version };
      if (move.needs) body[move.needs] = fields[move.needs];
      // Dismissed claims are not highlighted: a move into or out of "dismissed" redraws the text.
      const structure = move.target === "dismissed" || this.detail.dataset.status === "dismissed";
      await api("POST", urls.moves[action], body);
      if (DRAFTED.has(action)) this.discard(action);
      await this.#changed(id, { status: true, structure });
      return this.say(move.done, "success", `form[data-action="${action}"]`);
    }
    return undefined;
  }

  /** A change was saved: show the claim as it is now (the other forms' drafts are kept). */
  async #changed(id, how = {}) {
    await this.onChanged(id, how);
  }

  /** What a verdict lacks to be submitted, in words; "" when it is complete. */
  static #incomplete(form) {
    const rating = form.querySelector("[name=rating]").value;
    const rationale = form.querySelector("[name=rationale]").value.trim();
    for (const [name, lacking] of [
      ["rating", !rating],
      ["rationale", !rationale],
    ]) {
      const small = form.querySelector(`[data-field-error="${name}"]`);
      if (small) {
        small.textContent = lacking ? (name === "rating" ? "Choose a rating." : "Write a rationale.") : "";
        small.hidden = !lacking;
      }
    }
    if (!rating && !rationale) return "choose a rating and write a rationale first.";
    if (!rating) return "choose a rating first.";
    if (!rationale) return "write a rationale first: the editor needs to see why.";
    return "";
  }

  async #discardVerdict(form) {
    this.discard("verdict");
    await this.load(this.claimId);
    this.say("Draft discarded: showing the saved verdict.", "info", ".verdict-form .buttons");
  }

  #verdictChanged(form) {
    return (
      form.dataset.savedRating === "" ||
      form.querySelector("[name=rating]").value !== form.dataset.savedRating ||
      form.querySelector("[name=rationale]").value !== form.dataset.savedRationale
    );
  }

  async #saveVerdict(form) {
    const body = {
      rating: form.querySelector("[name=rating]").value,
      rationale: form.querySelector("[name=rationale]").value,
      version: Number(form.dataset.baseVersion || this.version),
    };
    const claimId = this.claimId;
    this.#saveState(form, "saving");
    try {
      const claim = await api("PUT", this.urls.verdict, body);
      this.detail.dataset.version = String(claim.version);
      form.dataset.savedRating = body.rating;
      form.dataset.savedRationale = body.rationale;
      delete form.dataset.baseVersion;
      // Saved: the draft is what the server has now, unless more was typed meanwhile.
      const now = Panel.#typedFields(form);
      if (!now || (now.rating === body.rating && now.rationale === body.rationale)) {
        sessionStorage.removeItem(this.#draftKey("verdict", claimId));
      }
      this.#saveState(form, "saved");
      return claim;
    } catch (error) {
      this.#saveState(form, "failed");
      if (error instanceof ApiError && error.status === 409 && error.body.current) {
        this.#showConflict(form, body, error.body.current);
        error.handled = true;
      }
      throw error;
    }
  }

  #showConflict(form, mine, current) {
    const box = form.querySelector(".conflict");
    const verdict = current.verdict;
    box.querySelector(".mine-rating").textContent = `Rating: ${mine.rating}`;
    box.querySelector(".mine-rationale").textContent = mine.rationale;
    box.querySelector(".current-rating").textContent = verdict
      ? `Rating: ${verdict.rating} (by ${verdict.author}), status ${current.status}`
      : `No verdict; status ${current.status}`;
    box.querySelector(".current-rationale").textContent = verdict ? verdict.rationale : "";
    box.dataset.currentVersion = String(current.version);
    box.dataset.currentRating = verdict ? verdict.rating : "";
    box.dataset.currentRationale = verdict ? verdict.rationale : "";
    box.hidden = false;
    this.say("Not saved: the claim changed meanwhile. Compare both versions below.", "error", box);
  }

  async #resolve(button) {
    const form = button.closest("form");
    const box = form.querySelector(".conflict");
    if (button.dataset.conflict === "mine") {
      form.dataset.baseVersion = box.dataset.currentVersion; // save over the version we have seen
      box.hidden = true;
      await this.#saveVerdict(form);
      await this.#changed(this.claimId);
      return this.say("Verdict saved.", "success", ".verdict-form .buttons");
    }
    this.discard("verdict");
    box.hidden = true;
    await this.load(this.claimId);
    this.say("Showing the current version; your draft is discarded.", "info", ".verdict-form .buttons");
    return undefined;
  }

  async preview(form) {
    const markdown = form.querySelector("[name=rationale]").value;
    const { html } = await api("POST", this.urls.preview, { markdown });
    const out = form.querySelector(".preview");
    out.innerHTML = html; // sanitized by the server's render_markdown allow-list
    out.hidden = false;
  }

  async #saveSource(form, fields) {
    const body = {
      url: fields.url,
      title: fields.title,
      publisher: fields.publisher,
      published: fields.published || null,
      excerpt: fields.excerpt,
      stance: fields.stance,
      version: this.version,
    };
    for (const small of form.querySelectorAll("[data-field-error]")) small.hidden = true;
    const editing = form.dataset.editing;
    const answer = editing
      ? await api("PATCH", this.#source(editing).dataset.apiUrl, body)
      : await api("POST", this.urls.sources, body);
    const warning = answer.warnings?.length ? ` Warning: ${answer.warnings.join("; ")}.` : "";
    this.discard("source");
    await this.#changed(this.claimId);
    this.say((editing ? "Source saved." : "Source added.") + warning, warning ? "warning" : "success", "details.add-source");
  }

  #source(id) {
    return this.host.querySelector(`.sources li[data-source-id="${CSS.escape(String(id))}"]`);
  }

  editSource(id) {
    const li = this.#source(id);
    const details = this.host.querySelector(".add-source");
    const form = details.querySelector("form");
    for (const name of ["url", "title", "publisher", "published", "excerpt", "stance"]) {
      form.querySelector(`[name=${name}]`).value = li.dataset[name] || "";
    }
    this.#markEditing(form, id);
    details.open = true;
    this.#keepDraft(form);
    form.querySelector("[name=url]").focus();
    return Promise.resolve();
  }

  #markEditing(form, id) {
    form.dataset.editing = id;
    form.querySelector(".source-submit").textContent = "Save source";
    form.querySelector(".source-cancel").hidden = false;
  }

  #resetSourceForm() {
    const form = this.host.querySelector(".source-form");
    form.reset();
    delete form.dataset.editing;
    form.querySelector(".source-submit").textContent = "Add source";
    form.querySelector(".source-cancel").hidden = true;
    this.discard("source");
    return Promise.resolve();
  }

  async removeSource(id) {
    await api("DELETE", this.#source(id).dataset.apiUrl, { version: this.version });
    await this.onChanged(this.claimId, {});
    this.say("Source removed.", "success", ".sources, details.add-source");
  }

  /** Grow or shrink the span by one word at one edge. */
  async adjust(how) {
    const d = this.detail;
    if (!this.index || !d) return;
    const next = this.index.step(Number(d.dataset.start), Number(d.dataset.end), how);
    if (!next) {
      this.say("The span cannot move further that way.", "warning", ".span-tools");
      return;
    }
    const [start, end] = next;
    await api("PATCH", this.urls.claim, { start, end, version: this.version });
    await this.onChanged(this.claimId, { structure: true });
    this.say(`Span now ${start}–${end}.`, "success", ".span-tools");
  }

  async merge() {
    const d = this.detail;
    if (!d?.dataset.nextId) {
      this.say("There is no next claim to merge with.", "warning", ".span-tools");
      return;
    }
    await api("POST", this.urls.merge, {
      next: Number(d.dataset.nextId),
      version: this.version,
      next_version: Number(d.dataset.nextVersion),
    });
    const merged = d.dataset.nextId;
    await this.onChanged(this.claimId, { structure: true });
    this.say(`Merged claim ${merged} into this one.`, "success", ".span-tools");
  }

  /** What the user has typed or chosen in the panel's forms, to put back after a reload. */
  #typed() {
    const kept = [];
    const d = this.detail;
    if (!d) return { kept, open: [], editing: null };
    for (const form of d.querySelectorAll("form[data-action]")) {
      if (form.dataset.action === "split") continue; // its default follows the current span
      for (const el of form.elements) {
        if (!el.name || el.type === "hidden" || el.type === "submit" || el.type === "button") continue;
        const initial =
          el.tagName === "SELECT" ? ([...el.options].find((o) => o.defaultSelected) || el.options[0])?.value : el.defaultValue;
        if (el.value === initial) continue;
        kept.push({ action: form.dataset.action, name: el.name, value: el.value });
      }
    }
    const open = [...d.querySelectorAll("details[open]")].map((x) => x.className);
    return { kept, open, editing: d.querySelector(".source-form")?.dataset.editing || null };
  }

  #putBack({ kept, open, editing }) {
    const d = this.detail;
    if (!d) return;
    for (const { action, name, value } of kept) {
      const el = d.querySelector(`form[data-action="${action}"] [name="${name}"]`);
      if (!el) continue;
      if (el.tagName === "SELECT" && ![...el.options].some((o) => o.value === value)) continue;
      el.value = value;
    }
    for (const cls of open) {
      const details = cls && d.querySelector(`details.${cls.split(" ")[0]}`);
      if (details) details.open = true;
    }
    const form = d.querySelector(".source-form");
    if (form && editing && this.#source(editing)) this.#markEditing(form, editing);
  }

  /** A 409: show the claim as it is now, keep what the user typed, say what happened. */
  async #conflict(error, place) {
    // Where the action was, found again in the panel as it is after the reload.
    const form = place?.closest?.("form[data-action]");
    const where = form ? `form[data-action="${form.dataset.action}"]` : place?.closest?.(".span-tools") ? ".span-tools" : null;
    const current = error.body.current || null;
    const before = this.detail?.dataset || {};
    const id = this.claimId;
    const typed = this.#typed();
    const moved =
      current && current.id === id && (current.start !== Number(before.start) || current.end !== Number(before.end));
    try {
      await this.onConflict(id, { structure: Boolean(moved) });
    } catch {
      // the reload failed too: the message below still says what happened
    }
    this.#putBack(typed);
    const what = current
      ? `Claim ${current.id} is now at version ${current.version}, ${current.status}`
      : "Reload it to see the current version";
    const text = `Not saved: changed by someone else meanwhile (${error.message}). ${what}. What you typed is kept; check it and try again.`;
    const d = this.detail;
    if (d) {
      const note = document.createElement("p");
      note.className = "conflict-note";
      note.setAttribute("role", "alert");
      note.textContent = text;
      // Next to the action when it is still there; else under the claim's heading.
      const anchor = (where && d.querySelector(where)) || d.querySelector(".meta") || d.firstElementChild;
      anchor.after(note);
      note.scrollIntoView({ block: "nearest" });
    }
  }

  /** A refused or failed action: field errors in the form, the message next to `place`. */
  async #failed(error, place) {
    const form = place?.tagName === "FORM" ? place : null;
    const where = form?.classList.contains("verdict-form") ? form.querySelector(".buttons") : form?.closest("details") || place;
    if (!(error instanceof ApiError)) {
      this.say(`Something went wrong: ${error.message}`, "error", where);
      throw error;
    }
    if (error.handled) return;
    const fields = error.body.fields || {};
    let shown = false;
    if (form) {
      for (const [name, message] of Object.entries(fields)) {
        const small = form.querySelector(`[data-field-error="${name}"]`);
        if (small) {
          small.textContent = message;
          small.hidden = false;
          shown = true;
        }
      }
    }
    if (error.status === 409) {
      await this.#conflict(error, form || place);
      return;
    }
    this.say(shown ? `Not saved: ${error.message}` : error.message, "error", where);
  }
}

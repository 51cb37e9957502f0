// The claim panel: sources, verdict, state moves and span tools, all through the JSON API.
// What the user may do and the URLs to call come from the server (data-permitted, data-urls
// on the panel fragment; the page's data-urls for loading another claim).
import { api, ApiError, dataJson, fetchDocument, fillUrl } from "./api.js";

const CHECK_DELAY_MS = 200; // typing pause before a source URL is checked with the server

/** Show a short message in the page's status line (errors as alerts). */
export function announce(text, kind = "info") {
  const line = document.getElementById("workbench-status");
  if (!line) return;
  line.textContent = text;
  line.className = `status-line flash flash-${kind}`;
  line.setAttribute("role", kind === "error" ? "alert" : "status");
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
    this.host.replaceChildren(document.adoptNode(section));
    this.#prepare();
    this.host.dataset.loaded = String(claimId);
    return section;
  }

  /** Per-load touches: the split point, a kept draft, the duplicate-URL check. */
  #prepare() {
    const d = this.detail;
    if (!d) return;
    const split = d.querySelector(".split-form input[name=at]");
    if (split && this.index) {
      const at = this.index.middle(Number(d.dataset.start), Number(d.dataset.end));
      if (at !== null) split.value = String(at);
    }
    const form = d.querySelector(".verdict-form");
    const draft = this.#draft();
    if (form && draft) {
      const rating = form.querySelector("[name=rating]");
      const rationale = form.querySelector("[name=rationale]");
      if (draft.rating !== rating.value || draft.rationale !== rationale.value) {
        rating.value = draft.rating;
        rationale.value = draft.rationale;
        announce("Your unsaved verdict draft was restored.");
      }
    }
  }

  #draftKey() {
    return `workbench:draft:${this.claimId}`;
  }

  #draft() {
    try {
      return JSON.parse(sessionStorage.getItem(this.#draftKey()) || "null");
    } catch {
      return null;
    }
  }

  #onInput(event) {
    const form = event.target.closest(".verdict-form");
    if (form) {
      const draft = {
        rating: form.querySelector("[name=rating]").value,
        rationale: form.querySelector("[name=rationale]").value,
      };
      sessionStorage.setItem(this.#draftKey(), JSON.stringify(draft));
    }
    if (event.target.matches(".source-form [name=url]")) this.#checkDuplicateUrl(event.target);
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

  /** The caret or a selection in the text sets the split point inside the open claim. */
  suggestSplit(at) {
    const split = this.host.querySelector(".split-form input[name=at]");
    if (split && at > Number(split.min) - 1 && at < Number(split.max) + 1) split.value = String(at);
  }

  async #onSubmit(event) {
    const form = event.target.closest("form[data-action]");
    if (!form || !this.host.contains(form)) return;
    event.preventDefault();
    const action = event.submitter?.dataset.action || form.dataset.action;
    try {
      await this.run(action, form);
    } catch (error) {
      await this.#failed(error, form);
    }
  }

  #onClick(event) {
    const button = event.target.closest("button");
    if (!button || !this.host.contains(button)) return;
    let job = null;
    if (button.dataset.span) job = () => this.adjust(button.dataset.span);
    else if (button.dataset.action === "merge") job = () => this.merge();
    else if (button.dataset.action === "preview") job = () => this.preview(button.closest("form"));
    else if (button.dataset.sourceEdit) job = () => this.editSource(button.dataset.sourceEdit);
    else if (button.dataset.sourceRemove) job = () => this.removeSource(button.dataset.sourceRemove);
    else if (button.dataset.conflict) job = () => this.#resolve(button);
    else if (button.classList.contains("source-cancel")) job = () => this.#resetSourceForm();
    if (!job) return;
    event.preventDefault();
    job().catch((error) => this.#failed(error, button.closest("form")));
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
      return announce("Verdict saved.", "success");
    }
    if (action === "submit") {
      if (form.classList.contains("verdict-form") && this.#verdictChanged(form)) {
        await this.#saveVerdict(form);
      }
      await api("POST", urls.moves.submit, { version: this.version });
      await this.#changed(id, { status: true });
      return announce(moves.submit.done, "success");
    }
    if (action === "assign") {
      const select = form.querySelector("[name=assignee]");
      const body = { assignee: select.value || null, version: this.version };
      await api("PATCH", urls.claim, body);
      await this.onChanged(id, { assignee: true });
      const name = this.detail?.dataset.assigneeName;
      return announce(name ? `Claim assigned to ${name}.` : "Claim assigned to nobody.", "success");
    }
    if (action === "split") {
      const at = Number(fields.at);
      const answer = await api("POST", urls.split, { at, version: this.version });
      await this.onChanged(id, { structure: true });
      return announce(`Claim split in two: ${answer.claims[1].id} is new.`, "success");
    }
    const move = moves[action];
    if (move) {
      const body = { version: this.version };
      if (move.needs) body[move.needs] = fields[move.needs];
      // Dismissed claims are not highlighted: a move into or out of "dismissed" redraws the text.
      const structure = move.target === "dismissed" || this.detail.dataset.status === "dismissed";
      await api("POST", urls.moves[action], body);
      await this.#changed(id, { status: true, structure });
      return announce(move.done, "success");
    }
    return undefined;
  }

  async #changed(id, how = {}) {
    sessionStorage.removeItem(this.#draftKey());
    await this.onChanged(id, how);
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
    try {
      const claim = await api("PUT", this.urls.verdict, body);
      this.detail.dataset.version = String(claim.version);
      form.dataset.savedRating = body.rating;
      form.dataset.savedRationale = body.rationale;
      delete form.dataset.baseVersion;
      sessionStorage.removeItem(this.#draftKey());
      return claim;
    } catch (error) {
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
    announce("Not saved: the claim changed meanwhile. Compare both versions below.", "error");
  }

  async #resolve(button) {
    const form = button.closest("form");
    const box = form.querySelector(".conflict");
    if (button.dataset.conflict === "mine") {
      form.dataset.baseVersion = box.dataset.currentVersion; // save over the version we have seen
      box.hidden = true;
      await this.#saveVerdict(form);
      await this.#changed(this.claimId);
      return announce("Verdict saved.", "success");
    }
    sessionStorage.removeItem(this.#draftKey());
    box.hidden = true;
    await this.load(this.claimId);
    announce("Showing the current version.");
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
    await this.#changed(this.claimId);
    announce((editing ? "Source saved." : "Source added.") + warning, warning ? "warning" : "success");
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
    form.dataset.editing = id;
    form.querySelector(".source-submit").textContent = "Save source";
    form.querySelector(".source-cancel").hidden = false;
    details.open = true;
    form.querySelector("[name=url]").focus();
    return Promise.resolve();
  }

  #resetSourceForm() {
    const form = this.host.querySelector(".source-form");
    form.reset();
    delete form.dataset.editing;
    form.querySelector(".source-submit").textContent = "Add source";
    form.querySelector(".source-cancel").hidden = true;
    return Promise.resolve();
  }

  async removeSource(id) {
    await api("DELETE", this.#source(id).dataset.apiUrl, { version: this.version });
    await this.onChanged(this.claimId, {});
    announce("Source removed.", "success");
  }

  /** Grow or shrink the span by one word at one edge. */
  async adjust(how) {
    const d = this.detail;
    if (!this.index || !d) return;
    const next = this.index.step(Number(d.dataset.start), Number(d.dataset.end), how);
    if (!next) {
      announce("The span cannot move further that way.", "warning");
      return;
    }
    const [start, end] = next;
    await api("PATCH", this.urls.claim, { start, end, version: this.version });
    await this.onChanged(this.claimId, { structure: true });
    announce(`Span now ${start}–${end}.`, "success");
  }

  async merge() {
    const d = this.detail;
    if (!d?.dataset.nextId) {
      announce("There is no next claim to merge with.", "warning");
      return;
    }
    await api("POST", this.urls.merge, {
      next: Number(d.dataset.nextId),
      version: this.version,
      next_version: Number(d.dataset.nextVersion),
    });
    const merged = d.dataset.nextId;
    await this.onChanged(this.claimId, { structure: true });
    announce(`Merged claim ${merged} into this one.`, "success");
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
    if (form && editing && d.querySelector(`.sources li[data-source-id="${editing}"]`)) {
      form.dataset.editing = editing;
      form.querySelector(".source-submit").textContent = "Save source";
      form.querySelector(".source-cancel").hidden = false;
    }
  }

  /** A 409: show the claim as it is now, keep what the user typed, say what happened. */
  async #conflict(error) {
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
      (d.querySelector(".meta") || d.firstElementChild).after(note);
    }
    announce(text, "error");
  }

  async #failed(error, form) {
    if (!(error instanceof ApiError)) {
      announce(`Something went wrong: ${error.message}`, "error");
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
      await this.#conflict(error);
      return;
    }
    announce(shown ? `Not saved: ${error.message}` : error.message, "error");
  }
}

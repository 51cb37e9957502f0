// The discussion thread in the claim panel (issue 14): post, edit and resolve through the JSON
// API without losing typed text. What is typed is kept per claim in sessionStorage (the same
// prefix as the panel's verdict drafts, so signing out forgets it) until the server has it.
// Comment bodies are shown only as the server's sanitized HTML, swapped in as a fragment.
import { api, ApiError, fetchDocument } from "./api.js";
import { announce } from "./panel.js";

const DRAFT_PREFIX = "workbench:draft:";

function key(claimId, what) {
  return `${DRAFT_PREFIX}${claimId}:${what}`;
}

function load(claimId, what) {
  try {
    return sessionStorage.getItem(key(claimId, what));
  } catch {
    return null;
  }
}

function keep(claimId, what, text) {
  try {
    if (text) sessionStorage.setItem(key(claimId, what), text);
    else sessionStorage.removeItem(key(claimId, what));
  } catch {
    // storage full or unavailable: the textarea still holds the text
  }
}

function sectionOf(el) {
  return el.closest("section.discussion");
}

function fieldError(form, message) {
  const small = form.querySelector('[data-field-error="body"]');
  if (!small) return;
  small.textContent = message || "";
  small.hidden = !message;
}

/** Put the thread as the server has it now in place of `section`, keeping what was typed. */
async function refresh(section) {
  const doc = await fetchDocument(section.dataset.panelUrl);
  const fresh = doc.querySelector("section.discussion");
  if (!fresh) throw new ApiError(500, { message: "the discussion did not load" });
  const node = document.adoptNode(fresh);
  section.replaceWith(node);
  prepare(node);
  return node;
}

/** Restore the kept drafts into a thread just shown: the new comment and open edits. */
function prepare(section) {
  if (section.dataset.prepared) return;
  section.dataset.prepared = "true";
  const claimId = section.dataset.threadClaim;
  const textarea = section.querySelector(".comment-form textarea[name=body]");
  const draft = load(claimId, "comment");
  if (textarea && draft && !textarea.value) textarea.value = draft;
  for (const button of section.querySelectorAll("[data-comment-edit]")) {
    const kept = load(claimId, `comment-edit:${button.dataset.commentEdit}`);
    if (kept !== null) openEditor(button, kept);
  }
}

function openEditor(button, text) {
  const item = button.closest("li.comment");
  if (!item || item.querySelector(".comment-edit-form")) return;
  const id = button.dataset.commentEdit;
  const form = document.createElement("form");
  form.className = "comment-edit-form";
  form.dataset.thread = "edit";
  form.dataset.commentId = id;
  const label = document.createElement("label");
  label.htmlFor = `comment-edit-${id}`;
  label.textContent = "Edit comment";
  const area = document.createElement("textarea");
  area.id = `comment-edit-${id}`;
  area.name = "body";
  area.rows = 3;
  area.value = text;
  const error = document.createElement("small");
  error.className = "error field-error";
  error.setAttribute("role", "alert");
  error.dataset.fieldError = "body";
  error.hidden = true;
  const save = document.createElement("button");
  save.type = "submit";
  save.textContent = "Save comment";
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "secondary";
  cancel.dataset.commentCancel = id;
  cancel.textContent = "Cancel";
  const buttons = document.createElement("div");
  buttons.className = "buttons";
  buttons.append(save, cancel);
  const field = document.createElement("div");
  field.className = "field field-body";
  field.append(label, area, error);
  form.append(field, buttons);
  item.querySelector(".comment-body").hidden = true;
  button.hidden = true;
  button.after(form);
  area.focus();
}

function closeEditor(form) {
  const item = form.closest("li.comment");
  const section = sectionOf(form);
  keep(section.dataset.threadClaim, `comment-edit:${form.dataset.commentId}`, null);
  item.querySelector(".comment-body").hidden = false;
  const button = item.querySelector("[data-comment-edit]");
  if (button) {
    button.hidden = false;
    button.focus();
  }
  form.remove();
}

async function submit(form) {
  const section = sectionOf(form);
  const claimId = section.dataset.threadClaim;
  const kind = form.dataset.thread;
  if (kind === "resolve") {
    const resolved = section.dataset.resolved !== "true";
    await api("POST", section.dataset.resolveUrl, { resolved });
    const fresh = await refresh(section);
    announce(resolved ? "Thread resolved." : "Thread reopened.", "success", fresh.querySelector("h3"));
    return;
  }
  const area = form.querySelector("textarea[name=body]");
  const body = area.value;
  if (!body.trim()) {
    fieldError(form, "Write something first.");
    area.focus();
    return;
  }
  if (kind === "comment") {
    const comment = await api("POST", section.dataset.commentsUrl, { body });
    keep(claimId, "comment", null);
    area.value = "";
    const fresh = await refresh(section);
    const posted = fresh.querySelector(`#comment-${comment.id}`);
    const who = comment.mentions.length ? ` Mentioned: ${comment.mentions.join(", ")}.` : "";
    announce(`Comment posted.${who}`, "success", fresh.querySelector(".comment-form") || posted);
  } else if (kind === "edit") {
    const item = form.closest("li.comment");
    await api("PATCH", item.dataset.url, { body });
    keep(claimId, `comment-edit:${form.dataset.commentId}`, null);
    const fresh = await refresh(section);
    announce("Comment saved.", "success", fresh.querySelector(`#comment-${form.dataset.commentId}`));
  }
}

function onSubmit(event) {
  const form = event.target.closest("form[data-thread]");
  if (!form || !sectionOf(form)) return;
  event.preventDefault();
  if (form.getAttribute("aria-busy") === "true") return;
  form.setAttribute("aria-busy", "true");
  const button = event.submitter;
  if (button) button.disabled = true;
  fieldError(form, "");
  submit(form)
    .catch((error) => {
      // The typed text stays in the form and in the kept draft.
      const message = error?.body?.message || error.message || "The discussion could not be saved.";
      fieldError(form, message);
      announce(`Not saved: ${message}`, "error", form);
    })
    .finally(() => {
      form.removeAttribute("aria-busy");
      if (button?.isConnected) button.disabled = false;
    });
}

function onClick(event) {
  const edit = event.target.closest("[data-comment-edit]");
  if (edit && sectionOf(edit)) {
    event.preventDefault();
    const claimId = sectionOf(edit).dataset.threadClaim;
    const kept = load(claimId, `comment-edit:${edit.dataset.commentEdit}`);
    openEditor(edit, kept ?? edit.dataset.body ?? "");
    keep(claimId, `comment-edit:${edit.dataset.commentEdit}`, kept ?? edit.dataset.body ?? "");
    return;
  }
  const cancel = event.target.closest("[data-comment-cancel]");
  if (cancel && sectionOf(cancel)) {
    event.preventDefault();
    closeEditor(cancel.closest("form"));
  }
}

function onInput(event) {
  const area = event.target;
  if (!area.matches?.("textarea[name=body]")) return;
  const form = area.closest("form[data-thread]");
  const section = form && sectionOf(form);
  if (!section) return;
  fieldError(form, "");
  const what = form.dataset.thread === "edit" ? `comment-edit:${form.dataset.commentId}` : "comment";
  keep(section.dataset.threadClaim, what, form.dataset.thread === "edit" ? area.value : area.value || null);
}

/** Wire every discussion on the page, now and whenever a panel shows another claim. */
export function initDiscussions(root = document) {
  root.addEventListener("submit", onSubmit);
  root.addEventListener("click", onClick);
  root.addEventListener("input", onInput);
  for (const section of root.querySelectorAll("section.discussion")) prepare(section);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        if (node.matches("section.discussion")) prepare(node);
        for (const section of node.querySelectorAll("section.discussion")) prepare(section);
      }
    }
  }).observe(root.body || root, { childList: true, subtree: true });
}

// The article text: its claim highlights, the focused claim, and the words selected in it.
import { TextIndex, u16OffsetOf } from "./text.js";

export class TextView {
  /**
   * @param {HTMLElement} root  the article page
   * @param {{onSelection?: (startCp: number) => void}} options  told where a new selection starts
   */
  constructor(root, { onSelection = () => {} } = {}) {
    this.root = root;
    this.el = root.querySelector("#article-text");
    this.index = new TextIndex(() => this.el.textContent); // built on first use, not at load
    this.preview = root.querySelector(".selection-preview");
    this.pending = null; // the last text selection, as [startCp, endCp]
    this.byClaim = null; // claim id -> its highlights, built once; dropped with the text
    this.marked = [];
    document.addEventListener("selectionchange", () => this.#selectionChanged(onSelection));
  }

  contains(node) {
    return this.el.contains(node);
  }

  /** The highlights of one claim (a claim may be cut in several by figures and overlaps). */
  highlights(id) {
    if (!this.byClaim) {
      this.byClaim = new Map();
      for (const a of this.el.getElementsByClassName("claim")) {
        const key = a.dataset.claim;
        const list = this.byClaim.get(key);
        if (list) list.push(a);
        else this.byClaim.set(key, [a]);
      }
    }
    return this.byClaim.get(String(id)) || [];
  }

  mark(id) {
    for (const el of this.marked) el.classList.remove("focused");
    this.marked = this.highlights(id);
    for (const a of this.marked) a.classList.add("focused");
  }

  setStatus(id, status) {
    for (const a of this.highlights(id)) a.className = `claim status-${status} focused`;
  }

  focusClaim(id, options = { preventScroll: true }) {
    this.highlights(id)[0]?.focus(options);
  }

  /** Take the text of a freshly fetched page. */
  replaceFrom(doc) {
    const text = doc.getElementById("article-text");
    this.el.replaceWith(document.adoptNode(text));
    this.el = text;
    this.index.reset();
    this.byClaim = null;
    this.marked = [];
  }

  clearSelection() {
    this.pending = null;
    document.getSelection()?.removeAllRanges();
  }

  #selectionChanged(onSelection) {
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    if (!this.el.contains(range.startContainer) || !this.el.contains(range.endContainer)) return;
    const s = u16OffsetOf(this.el, range.startContainer, range.startOffset);
    const e = u16OffsetOf(this.el, range.endContainer, range.endOffset);
    const snapped = this.index.snap(s, e);
    if (!snapped) return;
    this.pending = [this.index.cp(snapped[0]), this.index.cp(snapped[1])];
    const shown = this.index.text.slice(snapped[0], snapped[1]);
    if (this.preview) {
      const [start, end] = this.pending;
      this.preview.textContent = `Selected: “${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}” (${start}–${end})`;
    }
    onSelection(this.pending[0]);
  }
}

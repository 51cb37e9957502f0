// The article text as the server stores it: code points, with word and grapheme boundaries.
// The browser counts UTF-16 units; every offset that goes to the server is converted here.

export class TextIndex {
  /** @param {string | (() => string)} source  the text, or a function reading it when first needed */
  constructor(source) {
    this.source = source;
    this.built = null;
  }

  /** Forget the tables (the page's text was replaced); they are rebuilt on next use. */
  reset() {
    this.built = null;
  }

  #build() {
    if (this.built) return this.built;
    const text = typeof this.source === "function" ? this.source() : this.source;
    const n = text.length;
    const u16ToCp = new Int32Array(n + 1).fill(-1); // -1: inside a surrogate pair
    const cpToU16 = new Int32Array(n + 1);
    let cp = 0;
    for (let i = 0; i < n; ) {
      u16ToCp[i] = cp;
      cpToU16[cp] = i;
      const code = text.codePointAt(i);
      i += code > 0xffff ? 2 : 1;
      cp += 1;
    }
    u16ToCp[n] = cp;
    cpToU16[cp] = n;
    this.built = {
      text,
      u16ToCp,
      cpToU16: cpToU16.subarray(0, cp + 1),
      length: cp,
      words: new Intl.Segmenter(undefined, { granularity: "word" }).segment(text),
      graphemes: new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text),
    };
    return this.built;
  }

  get text() {
    return this.#build().text;
  }

  get u16ToCp() {
    return this.#build().u16ToCp;
  }

  get cpToU16() {
    return this.#build().cpToU16;
  }

  get length() {
    return this.#build().length;
  }

  get words() {
    return this.#build().words;
  }

  get graphemes() {
    return this.#build().graphemes;
  }

  /** UTF-16 index -> code-point offset (null when it falls inside a surrogate pair). */
  cp(u16) {
    const v = this.u16ToCp[u16];
    return v < 0 ? null : v;
  }

  u16(cp) {
    return this.cpToU16[Math.max(0, Math.min(cp, this.length))];
  }

  slice(startCp, endCp) {
    return this.text.slice(this.u16(startCp), this.u16(endCp));
  }

  /** Snap a UTF-16 selection outwards to whole words (never inside a grapheme), trimmed. */
  snap(s, e) {
    const t = this.text;
    if (s > e) [s, e] = [e, s];
    while (s < e && /\s/u.test(t[s])) s += 1;
    while (e > s && /\s/u.test(t[e - 1])) e -= 1;
    if (s >= e) return null;
    const first = this.words.containing(s);
    if (first && first.isWordLike && first.index < s) s = first.index;
    const last = this.words.containing(e - 1);
    if (last && last.isWordLike) e = Math.max(e, last.index + last.segment.length);
    // Grapheme safety (word segments already respect clusters; a partial symbol may not).
    const g1 = this.graphemes.containing(s);
    if (g1) s = g1.index;
    const g2 = this.graphemes.containing(e - 1);
    if (g2) e = g2.index + g2.segment.length;
    return [s, e];
  }

  /** Start (UTF-16) of the word-like segment before index i, or null. */
  prevWordStart(i) {
    let j = i - 1;
    while (j >= 0) {
      const seg = this.words.containing(j);
      if (seg.isWordLike && seg.index < i) return seg.index;
      j = seg.index - 1;
    }
    return null;
  }

  /** Start (UTF-16) of the next word-like segment strictly after index i, or null. */
  nextWordStart(i) {
    let j = i;
    const n = this.text.length;
    if (j < n) j = this.words.containing(j).index + this.words.containing(j).segment.length;
    while (j < n) {
      const seg = this.words.containing(j);
      if (seg.isWordLike) return seg.index;
      j = seg.index + seg.segment.length;
    }
    return null;
  }

  /** End (UTF-16) of the next word-like segment ending after index i, or null. */
  nextWordEnd(i) {
    let j = i;
    const n = this.text.length;
    while (j < n) {
      const seg = this.words.containing(j);
      const end = seg.index + seg.segment.length;
      if (seg.isWordLike && end > i) return end;
      j = end;
    }
    return null;
  }

  /** End (UTF-16) of the word-like segment before the one that ends at or after i, or null. */
  prevWordEnd(i) {
    let j = i - 1;
    while (j >= 0) {
      const seg = this.words.containing(j);
      const end = seg.index + seg.segment.length;
      if (seg.isWordLike && end < i) return end;
      j = seg.index - 1;
    }
    return null;
  }

  /** The claim [startCp, endCp) moved by a word at one edge; null when it cannot move. */
  step(startCp, endCp, how) {
    const s = this.u16(startCp);
    const e = this.u16(endCp);
    let ns = s;
    let ne = e;
    if (how === "grow-start") ns = this.prevWordStart(s);
    else if (how === "shrink-start") ns = this.nextWordStart(s);
    else if (how === "grow-end") ne = this.nextWordEnd(e);
    else if (how === "shrink-end") ne = this.prevWordEnd(e);
    if (ns === null || ne === null || ns >= ne) return null;
    return [this.cp(ns), this.cp(ne)];
  }

  /** A word boundary near the middle of a claim, for the default split point. */
  middle(startCp, endCp) {
    const s = this.u16(startCp);
    const e = this.u16(endCp);
    const mid = Math.floor((s + e) / 2);
    const at = this.nextWordStart(mid);
    if (at !== null && at > s && at < e) return this.cp(at);
    const back = this.prevWordStart(mid);
    if (back !== null && back > s && back < e) return this.cp(back);
    return null;
  }
}

/** Number of Unicode code points in a JavaScript (UTF-16) string. */
export function codePointLength(text) {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** UTF-16 offset of a DOM position inside root, counting the text before it. */
export function u16OffsetOf(root, node, offset) {
  const range = document.createRange();
  range.selectNodeContents(root);
  range.setEnd(node, offset);
  return range.toString().length;
}

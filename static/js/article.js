// Article page: turn a text selection into code-point offsets for the "Add claim" form.

/** Number of Unicode code points in a JavaScript (UTF-16) string. */
export function codePointLength(text) {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** Code-point offset of a DOM position inside the article text element. */
function offsetOf(root, node, offset) {
  const range = document.createRange();
  range.selectNodeContents(root);
  range.setEnd(node, offset);
  return codePointLength(range.toString());
}

export function initArticlePage(article) {
  const text = article.querySelector("#article-text");
  const form = article.querySelector("#add-claim-form");
  if (!text || !form) return;
  const start = form.querySelector("[name=start]");
  const end = form.querySelector("[name=end]");
  document.addEventListener("selectionchange", () => {
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
    start.value = offsetOf(text, range.startContainer, range.startOffset);
    end.value = offsetOf(text, range.endContainer, range.endOffset);
    form.closest("details")?.setAttribute("open", "");
  });
}

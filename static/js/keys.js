// Keyboard shortcuts for the reviewer's whole flow; "?" shows them all.

function typing(el) {
  return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

export function bindShortcuts(root, panel, actions) {
  const help = root.querySelector("#shortcut-help") || document.querySelector("#shortcut-help");
  const inPanel = (selector) => panel.host.querySelector(selector);
  const toggleHelp = () => {
    if (!help) return;
    if (help.open) help.close();
    else help.showModal();
  };
  root.querySelector("[data-action=help]")?.addEventListener("click", toggleHelp);

  const open = (detailsSel, fieldSel) => {
    const details = inPanel(detailsSel);
    if (details) details.open = true;
    const field = inPanel(fieldSel);
    field?.focus();
    field?.scrollIntoView({ block: "nearest" });
  };
  const click = (sel) => inPanel(sel)?.click();

  const keys = {
    j: actions.next,
    k: actions.previous,
    c: actions.addClaim,
    "/": actions.search,
    "?": toggleHelp,
    s: () => open(".add-source", "[name=url]"),
    v: () => open(".verdict-form", "[name=rating]"),
    d: () => open(".dismiss", "[name=reason]"),
    u: () => click("[data-action=restore] button[type=submit]"),
    a: () => click("[data-action=approve] button[type=submit]"),
    r: () => open("[data-action=return]", "[name=note]"),
    x: () => inPanel(".split-form")?.requestSubmit(),
    m: () => click("[data-action=merge]"),
    "[": () => click("[data-span=grow-start]"),
    "]": () => click("[data-span=grow-end]"),
    "{": () => click("[data-span=shrink-start]"),
    "}": () => click("[data-span=shrink-end]"),
  };

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (event.key === "Escape" && typing(event.target)) {
      event.target.blur();
      actions.back?.();
      return;
    }
    if (typing(event.target)) return;
    if (help?.open && event.key !== "?") return;
    const run = keys[event.key];
    if (!run) return;
    event.preventDefault();
    run();
  });
}

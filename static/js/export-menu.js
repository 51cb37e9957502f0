// Export links the server may refuse (a final export while claims are pending, 409; a
// reviewer asking for one, 403): asked first, and the reason said next to the link, instead
// of a download that silently does not happen.

async function refusal(url) {
  const head = await fetch(url, { method: "HEAD", credentials: "same-origin" });
  if (head.ok) return null;
  try {
    const answer = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    const body = await answer.json();
    return body.message || `The export was refused (${answer.status}).`;
  } catch {
    return `The export was refused (${head.status}).`;
  }
}

function say(link, text) {
  let note = link.parentElement.querySelector(".export-message");
  if (!note) {
    note = document.createElement("p");
    note.className = "export-message flash flash-error";
    note.setAttribute("role", "alert");
    link.after(note);
  }
  note.textContent = text;
  note.hidden = !text;
}

export function bindCheckedExports(root = document) {
  root.addEventListener("click", async (event) => {
    const link = event.target.closest("a[data-export-checked]");
    if (!link || link.dataset.checked === "yes") return;
    event.preventDefault();
    say(link, "");
    link.setAttribute("aria-busy", "true");
    let why;
    try {
      why = await refusal(link.href);
    } catch (error) {
      why = `The export could not be checked: ${error.message}`;
    } finally {
      link.removeAttribute("aria-busy");
    }
    if (why) {
      say(link, `Not exported: ${why}`);
      return;
    }
    link.dataset.checked = "yes"; // this one click goes through as an ordinary download
    link.click();
    delete link.dataset.checked;
  });
}

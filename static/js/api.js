// JSON API calls from page scripts: CSRF header from the page's meta tag, errors as exceptions.

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `request failed (${status})`);
    this.status = status;
    this.body = body || {};
  }
}

function csrfToken() {
  return document.querySelector('meta[name="csrf-token"]')?.content || "";
}

/** Call the JSON API; resolves to the parsed answer, rejects with ApiError on 4xx/5xx. */
export async function api(method, url, body) {
  const headers = { Accept: "application/json" };
  const init = { method, headers, credentials: "same-origin" };
  if (method !== "GET") headers["X-CSRFToken"] = csrfToken();
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** Fetch one of our own server-rendered pages or fragments as a parsed document. */
export async function fetchDocument(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
  if (!response.ok) throw new ApiError(response.status, { message: `could not load ${url}` });
  const html = await response.text();
  return new DOMParser().parseFromString(html, "text/html");
}

/** Fill a URL template the server gave ("/claims/{claim_id}/panel"); values are encoded. */
export function fillUrl(template, values) {
  return template.replace(/\{(\w+)\}/g, (m, key) => (key in values ? encodeURIComponent(values[key]) : m));
}

/** Put values in a node cloned from a server-rendered <template>: each "{name}" in its
 * attributes and text, in one pass (a value is never read again as a placeholder). */
export function fillTemplate(node, values) {
  const fill = (s) => s.replace(/\{(\w+)\}/g, (m, key) => (key in values ? String(values[key]) : m));
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let n = node; n; n = walker.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) {
      if (n.data.includes("{")) n.data = fill(n.data);
    } else {
      for (const attr of n.attributes) if (attr.value.includes("{")) attr.value = fill(attr.value);
    }
  }
  return node;
}

/** A JSON data attribute the server wrote (data-urls, data-permitted), parsed; {} if absent. */
export function dataJson(el, name) {
  const raw = el?.dataset[name];
  return raw ? JSON.parse(raw) : {};
}

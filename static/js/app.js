// Progressive enhancement for server-rendered pages. Loaded as an ES module under a strict CSP.
import { initArticlePage, initClaimPage } from "./article.js";
import { initDiscussions } from "./discussion.js";
import { bindCheckedExports } from "./export-menu.js";
import { forgetDrafts } from "./panel.js";

document.documentElement.classList.add("js");

for (const bar of document.querySelectorAll(".progress .bar[data-share]")) {
  bar.style.width = `${Number(bar.dataset.share)}%`;
}

const article = document.querySelector(".workbench[data-article-id]");
if (article) initArticlePage(article);
const claimPage = document.querySelector("[data-claim-page]");
if (claimPage) initClaimPage(claimPage);

// Signing out forgets the drafts kept in this tab: the next person here must not see them.
document.querySelector("form.signout")?.addEventListener("submit", forgetDrafts);
bindCheckedExports();
initDiscussions();

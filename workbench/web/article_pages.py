"""Articles: the list, import, the annotated page, metadata edits and export downloads."""

from __future__ import annotations

from html import escape

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from jinja2.filters import do_truncate
from markupsafe import Markup

from .. import exporters, services
from ..errors import Forbidden, Invalid, WorkbenchError
from ..highlight import segments
from ..models import ClaimStatus
from ..services import queries
from ..services.imports import import_file, import_text
from ..wording import hint_text
from .claim_pages import panel_context
from .downloads import download
from .forms import ArticleMetaForm, ClaimSpanForm, ImportForm

bp = Blueprint("articles", __name__)

# A long claims list comes in two parts: the first items as HTML, the rest as rows of named
# fields (_list_rows) that the page script turns into the same items, from a <template>,
# once the page is interactive. Without script, ?all=1 lists every claim as HTML.
LIST_ALL_UP_TO = 150
LIST_FIRST = 60
QUOTE_CHARS = 140  # a list item quotes this much of its claim


def _text_html(segs, article_url: str) -> Markup:
    """The article text with its claims as links and figures marked: built in one pass here
    (a template loop escapes and concatenates each of thousands of pieces far slower)."""
    out: list[str] = []
    add = out.append
    for seg in segs:
        claim = seg.claim
        if claim is not None:
            add(
                f'<a class="claim status-{claim.status.value}"'
                f' href="{article_url}/claims/{claim.id}" data-claim="{claim.id}"'
                ' tabindex="-1" draggable="false">'
            )
        for p in seg.pieces:
            if p.category:
                fig = p.category
                add(f'<mark class="fig fig-{fig}" title="{fig}">{escape(p.text)}</mark>')
            else:
                add(escape(p.text))
        if claim is not None:
            add("</a>")
    return Markup("".join(out))


def _list_rows(claims, users, text: str, article_url: str) -> list[dict]:
    """The claims list's items, one dict of named fields each: rendered as HTML by the
    articles/_claim_item.html macro, or sent as JSON for the page script to fill the same
    macro's <template> with. The quote is cut here, once, as Jinja's truncate(140) would."""
    env = current_app.jinja_env
    return [
        {
            "id": c.id,
            "url": f"{article_url}/claims/{c.id}",
            "status": c.status.value,
            "kinds": list(c.kinds),
            "start": c.start_offset,
            "end": c.end_offset,
            "quote": do_truncate(env, text[c.start_offset : c.end_offset], QUOTE_CHARS),
            "assignee": (
                (users[c.assignee_id].display_name if c.assignee_id in users else "someone")
                if c.assignee_id
                else None
            ),
            "warnings": [hint_text(h.message, text) for h in c.hints if not h.ok],
        }
        for c in claims
    ]


@bp.get("/")
def index():
    """The dashboard: my queue, my approvals, and one page of articles (?page=, newest first)
    with their claims counted by status."""
    listing = queries.dashboard(_page_arg())
    return render_template(
        "articles/index.html",
        articles=listing.articles,
        progress=listing.progress,
        listing=listing,
        statuses=list(ClaimStatus),
        queue=(queue := queries.my_queue(current_user)),
        return_notes=queries.return_notes(
            [c.id for c in queue if c.status is ClaimStatus.returned]
        ),
        approvals=queries.awaiting_approval(current_user),
        approvals_count=queries.awaiting_approval_count(current_user),
        approvals_cap=queries.approvals.COUNT_CAP,
        discussions=queries.discussion_queue(current_user),
    )


def _page_arg() -> int:
    """?page= as a page number from 1; anything else is a 400, a page past the end is empty."""
    raw = request.args.get("page", "1")
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9 or int(raw) < 1:
        abort(400, description="page must be a whole number from 1")
    return int(raw)


@bp.route("/articles/new", methods=["GET", "POST"])
def new():
    """Import an article from pasted text or an uploaded file."""
    form = ImportForm()
    if form.validate_on_submit():
        overrides = {
            "title": form.title.data or None,
            "byline": form.byline.data or None,
            "published": form.published.data,
            "source_url": form.source_url.data or None,
        }
        upload = request.files.get(form.file.name)
        try:
            if upload and upload.filename:
                article = import_file(
                    current_user, upload.read(), upload.filename, upload.mimetype, **overrides
                )
            elif form.text.data and form.text.data.strip():
                article = import_text(current_user, form.text.data, **overrides)
            else:
                raise Invalid("paste the article text or choose a file")
        except services.DuplicateArticle as exc:
            flash(f"{exc.message}: opened the existing one.", "warning")
            return redirect(url_for("articles.show", article_id=exc.existing.id))
        except WorkbenchError as exc:
            services.discard_changes()  # nothing of a refused change stays pending
            flash(exc.message, "error")
            return render_template("articles/new.html", form=form), exc.status
        flash(f"Imported with {len(article.claims)} proposed claims.", "success")
        return redirect(url_for("articles.show", article_id=article.id))
    return render_template("articles/new.html", form=form), 400 if form.errors else 200


@bp.get("/articles/<int:article_id>")
@bp.get("/articles/<int:article_id>/claims/<int:claim_id>")
def show(article_id: int, claim_id: int | None = None):
    """The article with its claims highlighted and listed; with a claim, its panel open."""
    bundle = services.load_article(article_id)
    article, claims = bundle.article, bundle.claims
    selected = None
    if claim_id is not None:
        selected = queries.find_claim(claim_id)
        if selected is None or selected.article_id != article.id:
            abort(404, description=f"article {article_id} has no claim {claim_id}")
    panel = panel_context(selected, users=bundle.users) if selected is not None else {}
    show_all = request.args.get("all", "") in ("1", "true", "yes")
    chunked = not show_all and len(claims) > LIST_ALL_UP_TO
    article_url = url_for("articles.show", article_id=article.id)
    rows = _list_rows(claims, bundle.users, article.text, article_url)
    context = {
        **panel,
        "article": article,
        "list_rows": rows[:LIST_FIRST] if chunked else rows,
        "list_more": chunked,
        "list_rest": rows[LIST_FIRST:] if chunked else None,
        "text_html": _text_html(segments(article.text, claims), article_url),
        "claims": claims,
        "kinds": sorted({k for c in claims for k in c.kinds}),
        "statuses": list(ClaimStatus),
        "users": bundle.users,
        "selected": selected,
        "meta_form": ArticleMetaForm(obj=article),
        "span_form": ClaimSpanForm(),
    }
    return render_template("articles/show.html", **context)


@bp.post("/articles/<int:article_id>/meta")
def edit_meta(article_id: int):
    """Change title, byline, publication date or source URL."""
    article = services.get_article(article_id)
    form = ArticleMetaForm()
    if not form.validate():
        flash("Check the article details: " + _form_errors(form), "error")
        return redirect(url_for("articles.show", article_id=article_id))
    services.update_article(
        current_user,
        article,
        title=form.title.data,
        byline=form.byline.data,
        published=form.published.data,
        source_url=form.source_url.data,
    )
    flash("Article details saved.", "success")
    return redirect(url_for("articles.show", article_id=article_id))


@bp.post("/articles/<int:article_id>/claims")
def add_claim(article_id: int):
    """Add a claim over a span of the text (code-point offsets)."""
    article = services.get_article(article_id)
    form = ClaimSpanForm()
    if not form.validate():
        flash("Choose a span of the text: " + _form_errors(form), "error")
        return redirect(url_for("articles.show", article_id=article_id))
    claim = services.create_claim(current_user, article, form.start.data, form.end.data)
    return redirect(url_for("review.claim", claim_id=claim.id))


@bp.get("/articles/<int:article_id>/export")
def export(article_id: int):
    """Download the article in one of the export formats (?format=, ?final=1), streamed."""
    fmt = request.args.get("format", "annotated-json")
    final = request.args.get("final", "") in ("1", "true", "yes")
    if final and not current_user.is_editor:
        raise Forbidden("only editors export final versions; export a draft instead")
    try:
        result = exporters.prepare(
            article_id,
            fmt,
            final=final,
            signed_by=current_user.username if final else None,
            config=current_app.config,
            base_url=request.url_root,
        )
    except exporters.UnknownFormat as exc:
        abort(400, description=str(exc))
    return download(result)


def _form_errors(form) -> str:
    return "; ".join(
        f"{form[name].label.text}: {', '.join(errs)}" for name, errs in form.errors.items()
    )

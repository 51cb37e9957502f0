"""Articles: the list, import, the annotated page, metadata edits and export downloads."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from . import services
from .db import db
from .errors import WorkbenchError, ingest_failure
from .exporters.annotated import article_document
from .forms import ArticleMetaForm, ClaimSpanForm, ImportForm
from .highlight import runs
from .ingest import IngestError, ingest_text, ingest_upload
from .models import Article, Claim, ClaimStatus

bp = Blueprint("articles", __name__)


@bp.get("/")
def index():
    """The dashboard: every article with its claims counted by status."""
    counts = db.session.execute(
        db.select(Claim.article_id, Claim.status, db.func.count(Claim.id)).group_by(
            Claim.article_id, Claim.status
        )
    ).all()
    progress: dict[int, dict[str, int]] = {}
    for article_id, status, n in counts:
        progress.setdefault(article_id, {})[status.value] = n
    articles = db.session.scalars(db.select(Article).order_by(Article.created_at.desc())).all()
    return render_template(
        "articles/index.html", articles=articles, progress=progress, statuses=list(ClaimStatus)
    )


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
                doc = ingest_upload(upload.read(), upload.filename, upload.mimetype, **overrides)
            elif form.text.data and form.text.data.strip():
                doc = ingest_text(form.text.data, **overrides)
            else:
                raise IngestError("paste the article text or choose a file")
            article = services.import_article(current_user, doc)
        except services.DuplicateArticle as exc:
            flash(f"{exc.message}: opened the existing one.", "warning")
            return redirect(url_for("articles.show", article_id=exc.existing.id))
        except (IngestError, WorkbenchError) as exc:
            failure = ingest_failure(exc) if isinstance(exc, IngestError) else exc
            flash(failure.message, "error")
            return render_template("articles/new.html", form=form), failure.status
        flash(f"Imported with {len(article.claims)} proposed claims.", "success")
        return redirect(url_for("articles.show", article_id=article.id))
    return render_template("articles/new.html", form=form), 400 if form.errors else 200


@bp.get("/articles/<int:article_id>")
def show(article_id: int):
    """The article with its claims highlighted and listed."""
    bundle = services.load_article(article_id)
    article = bundle.article
    meta_form = ArticleMetaForm(obj=article)
    return render_template(
        "articles/show.html",
        article=article,
        runs=runs(article.text, article.claims),
        users=bundle.users,
        meta_form=meta_form,
        span_form=ClaimSpanForm(),
    )


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
    """Download the annotated article."""
    fmt = request.args.get("format", "annotated-json")
    if fmt != "annotated-json":
        abort(400, description=f"unknown export format {fmt!r}; use annotated-json")
    bundle = services.load_article(article_id)
    doc = article_document(bundle.article, bundle.events, bundle.users)
    body = json.dumps(doc, ensure_ascii=False, indent=1)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="article-{article_id}.json"'},
    )


def _form_errors(form) -> str:
    return "; ".join(
        f"{form[name].label.text}: {', '.join(errs)}" for name, errs in form.errors.items()
    )

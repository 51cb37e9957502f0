"""The claim page: sources, verdict and state moves, one form per action."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from . import services
from .db import db
from .errors import Conflict, Invalid
from .forms import NoteForm, ReasonForm, SourceForm, VerdictForm, VersionedForm
from .models import Claim, Event
from .ratings import scale_by_slug
from .sanitize import render_markdown

bp = Blueprint("review", __name__)

MOVE_FORMS = {
    "submit": VersionedForm,
    "approve": VersionedForm,
    "restore": VersionedForm,
    "return": NoteForm,
    "dismiss": ReasonForm,
    "reopen": ReasonForm,
}


def _page(claim: Claim, status: int = 200, **forms):
    """Render the claim page, with the given forms (kept with their errors) or fresh ones."""
    history = db.session.scalars(
        db.select(Event).where(Event.claim_id == claim.id).order_by(Event.at, Event.id)
    ).all()
    verdict = claim.verdict
    defaults = {
        "source_form": SourceForm(formdata=None, version=claim.version, stance="supports"),
        "verdict_form": VerdictForm(
            formdata=None,
            version=claim.version,
            rating=verdict.rating if verdict else "unverifiable",
            rationale=verdict.rationale if verdict else "",
        ),
        "move_form": VersionedForm(formdata=None, version=claim.version),
        "note_form": NoteForm(formdata=None, version=claim.version),
        "reason_form": ReasonForm(formdata=None, version=claim.version),
    }
    defaults.update(forms)
    returned_note = next(
        (e.detail.get("note") for e in reversed(history) if e.action == "return"), None
    )
    return (
        render_template(
            "review/claim.html",
            claim=claim,
            article=claim.article,
            quote=claim.article.text[claim.start_offset : claim.end_offset],
            history=history,
            scale=scale_by_slug(),
            rationale_html=render_markdown(verdict.rationale) if verdict else None,
            returned_note=returned_note,
            **defaults,
        ),
        status,
    )


@bp.get("/claims/<int:claim_id>")
def claim(claim_id: int):
    """A claim with its figures, hints, sources, verdict and history."""
    return _page(services.get_claim(claim_id))


@bp.post("/claims/<int:claim_id>/sources")
def add_source(claim_id: int):
    """Attach a source."""
    claim = services.get_claim(claim_id)
    form = SourceForm()
    if not form.validate():
        return _page(claim, 422, source_form=form)
    try:
        services.add_source(current_user, claim, form.version.data, form.data)
    except (Invalid, Conflict) as exc:
        flash(exc.message, "error")
        return _page(claim, exc.status, source_form=form)
    flash("Source added.", "success")
    return redirect(url_for("review.claim", claim_id=claim_id))


@bp.post("/claims/<int:claim_id>/verdict")
def save_verdict(claim_id: int):
    """Draft or replace the verdict."""
    claim = services.get_claim(claim_id)
    form = VerdictForm()
    if not form.validate():
        return _page(claim, 422, verdict_form=form)
    try:
        services.save_verdict(
            current_user, claim, form.version.data, form.rating.data, form.rationale.data or ""
        )
    except (Invalid, Conflict) as exc:
        flash(exc.message, "error")
        return _page(claim, exc.status, verdict_form=form)
    flash("Verdict saved.", "success")
    return redirect(url_for("review.claim", claim_id=claim_id))


@bp.post("/claims/<int:claim_id>/<any(submit,approve,return,dismiss,restore,reopen):action>")
def move(claim_id: int, action: str):
    """Submit, approve, return, dismiss, restore or reopen."""
    claim = services.get_claim(claim_id)
    form = MOVE_FORMS[action]()
    if not form.validate():
        flash("Missing: " + ", ".join(form.errors), "error")
        return _page(claim, 422)
    text = getattr(form, "note", None) or getattr(form, "reason", None)
    try:
        services.move(current_user, claim, action, form.version.data, text.data if text else None)
    except (Invalid, Conflict) as exc:
        flash(exc.message, "error")
        return _page(claim, exc.status)
    flash(f"Claim {claim.status.value}.", "success")
    return redirect(url_for("review.claim", claim_id=claim_id))

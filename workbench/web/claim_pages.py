"""The claim page: sources, verdict and state moves, one form per action."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from .. import services
from ..errors import Conflict, Forbidden, Invalid
from ..models import Claim, User
from ..ratings import scale_by_slug
from ..sanitize import render_markdown
from ..services import queries
from .forms import AssignForm, NoteForm, ReasonForm, SourceForm, VerdictForm, VersionedForm

bp = Blueprint("review", __name__)

MOVE_FORMS = {
    "submit": VersionedForm,
    "approve": VersionedForm,
    "restore": VersionedForm,
    "return": NoteForm,
    "dismiss": ReasonForm,
    "reopen": ReasonForm,
}


def panel_context(claim: Claim, users: dict[int, User] | None = None, **forms) -> dict:
    """What the claim panel shows, in a fixed number of queries whatever the article's size:
    the read side's panel data, the claim's verdict rendered, and one form per action (the
    given ones, kept with their errors, replace the fresh ones)."""
    panel = queries.claim_panel(claim, users)
    verdict = claim.verdict
    return {
        "claim": claim,
        "article": claim.article,
        "quote": panel.quote,
        "history": panel.history,
        "users": panel.users,
        "scale": scale_by_slug(),
        "rationale_html": render_markdown(verdict.rationale) if verdict else None,
        "returned_note": panel.returned_note,
        "duplicate_urls": panel.duplicate_urls,
        "next_claim": panel.next_claim,
        "overlaps": panel.overlaps,
        **_fresh_forms(claim, panel.users),
        **forms,
    }


def _fresh_forms(claim: Claim, users: dict[int, User]) -> dict:
    """Empty forms for every action on the claim, at its current version."""
    verdict = claim.verdict
    fresh = {
        "source_form": SourceForm(formdata=None, version=claim.version, stance="supports"),
        "verdict_form": VerdictForm(
            formdata=None,
            version=claim.version,
            rating=verdict.rating if verdict else "",
            rationale=verdict.rationale if verdict else "",
        ),
        "move_form": VersionedForm(formdata=None, version=claim.version),
        "note_form": NoteForm(formdata=None, version=claim.version),
        "reason_form": ReasonForm(formdata=None, version=claim.version),
    }
    if current_user.is_editor:  # only editors assign; reviewers never get the control
        current = users.get(claim.assignee_id) if claim.assignee_id else None
        fresh["assign_form"] = AssignForm(
            formdata=None,
            version=claim.version,
            assignee=current.username if current else "",
        ).offer(queries.assignable_users(current))
    return fresh


def _page(claim: Claim, status: int = 200, **forms):
    """Render the claim page, with the given forms (kept with their errors) or fresh ones."""
    return render_template("review/claim.html", **panel_context(claim, **forms)), status


@bp.get("/claims/<int:claim_id>/panel")
def panel(claim_id: int):
    """The claim detail as an HTML fragment, for the panel beside the article text."""
    return render_template(
        "review/_claim_panel.html", **panel_context(services.get_claim(claim_id))
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
        services.discard_changes()  # nothing of a refused change stays pending
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
        services.discard_changes()  # nothing of a refused change stays pending
        flash(exc.message, "error")
        return _page(claim, exc.status, verdict_form=form)
    flash("Verdict saved.", "success")
    return redirect(url_for("review.claim", claim_id=claim_id))


@bp.post("/claims/<int:claim_id>/assign")
def assign(claim_id: int):
    """Editors: give the claim to someone, or to nobody."""
    if not current_user.is_editor:
        raise Forbidden("only editors may assign claims")
    claim = services.get_claim(claim_id)
    form = AssignForm().offer(queries.assignable_users(claim.assignee))
    if not form.validate():
        flash("Choose an assignee: " + "; ".join(sum(form.errors.values(), [])), "error")
        return _page(claim, 422, assign_form=form)
    try:
        services.assign(current_user, claim, form.version.data, form.assignee.data or None)
    except (Invalid, Conflict) as exc:
        services.discard_changes()  # nothing of a refused change stays pending
        flash(exc.message, "error")
        if isinstance(exc, Conflict):  # keep the choice; a retry goes against the current version
            form.version.data, form.version.raw_data = claim.version, [str(claim.version)]
        return _page(claim, exc.status, assign_form=form)
    who = claim.assignee.display_name if claim.assignee else "nobody"
    flash(f"Claim assigned to {who}.", "success")
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
        services.discard_changes()  # nothing of a refused change stays pending
        flash(exc.message, "error")
        return _page(claim, exc.status)
    flash(f"Claim {claim.status.value}.", "success")
    return redirect(url_for("review.claim", claim_id=claim_id))

"""Sign in and sign out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from .db import db
from .errors import Invalid
from .forms import LoginForm
from .models import User
from .security import verify_password
from .services import normalize_username

bp = Blueprint("auth", __name__)


def is_safe_next(target: str | None) -> bool:
    """Only same-site relative paths are allowed as a post-login destination."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the sign-in form; sign in with a fresh session on success."""
    form = LoginForm(next=request.args.get("next", ""))
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("articles.index"))
    if form.validate_on_submit():
        try:
            name = normalize_username(form.username.data)
        except Invalid:
            name = None
        user = db.session.scalar(db.select(User).where(User.username == name)) if name else None
        if verify_password(user, form.password.data):
            session.clear()  # no session fixation: nothing from before sign-in survives
            login_user(user)
            target = form.next.data
            return redirect(target if is_safe_next(target) else url_for("articles.index"))
        flash("Unknown user name or wrong password.", "error")
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form), 400 if form.errors else 200


@bp.post("/logout")
@login_required
def logout():
    """Sign out of this browser."""
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))

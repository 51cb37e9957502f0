"""Sign in and sign out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user

from ..errors import Invalid
from ..services import queries
from ..services.accounts import end_session, normalize_username, start_session, verify_password
from .forms import LoginForm
from .security import SESSION_KEY, password_limits, remember_browser

bp = Blueprint("auth", __name__)

TOO_MANY = (
    "Too many failed sign-in attempts for this account or from this address. "
    "Wait a minute and try again."
)


def is_safe_next(target: str | None) -> bool:
    """Only same-site relative paths are allowed as a post-login destination."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def _failed(response) -> bool:
    """Only failed attempts count towards the limits; a successful sign-in redirects."""
    return response.status_code != 302


@bp.route("/login", methods=["GET", "POST"])
@password_limits(_failed, TOO_MANY)
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
        user = queries.user_named(name)
        if verify_password(user, form.password.data):
            end_session(session.get(SESSION_KEY))  # signing in over a session ends it
            session.clear()  # no session fixation: nothing from before sign-in survives
            login_user(user)
            session[SESSION_KEY] = start_session(user, request.user_agent.string)
            target = form.next.data
            response = redirect(target if is_safe_next(target) else url_for("articles.index"))
            return remember_browser(response, user.username)
        flash("Unknown user name or wrong password.", "error")
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form), 400 if form.errors else 200


@bp.post("/logout")
@login_required
def logout():
    """Sign out this browser: its session ends, and a copy of its cookie stops working too.

    Other browsers stay signed in (settings has "Sign out everywhere"); API tokens stay valid
    until revoked.
    """
    end_session(session.get(SESSION_KEY))
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))

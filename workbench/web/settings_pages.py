"""The signed-in user's own settings: personal API tokens, password, signed-in sessions."""

from __future__ import annotations

import secrets

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Length, Optional

from .. import limits as L
from ..errors import Invalid
from ..services import accounts
from ..services.common import discard_changes
from .security import SESSION_KEY, TOO_MANY_PASSWORDS, password_limits

bp = Blueprint("settings", __name__, url_prefix="/settings")


class TokenForm(FlaskForm):
    name = StringField("Token name", validators=[DataRequired(), Length(max=L.TOKEN_NAME_CHARS)])
    # One value per rendered form: the same form sent twice (a reload of the page that showed
    # the new secret re-sends it) creates one token, not two.
    once = HiddenField(validators=[Optional(), Length(max=64)])


#: The session remembers this many sent token forms.
SENT_FORMS_KEPT = 20


def _fresh_token_form() -> TokenForm:
    return TokenForm(formdata=None, once=secrets.token_urlsafe(16))


class PasswordForm(FlaskForm):
    current = PasswordField(
        "Current password", validators=[DataRequired(), Length(max=L.PASSWORD_CHARS)]
    )
    new = PasswordField("New password", validators=[DataRequired(), Length(max=L.PASSWORD_CHARS)])


def _me():
    return current_user._get_current_object()


def _page(status: int = 200, new_secret: str | None = None, **forms):
    """Render the settings page with fresh forms unless given ones (kept with their errors)."""
    defaults = {
        "token_form": _fresh_token_form(),
        "password_form": PasswordForm(formdata=None),
        "plain_form": FlaskForm(formdata=None),
    }
    defaults.update(forms)
    return (
        render_template(
            "settings/tokens.html",
            tokens=accounts.list_tokens(_me()),
            sessions=accounts.list_sessions(_me()),
            this_session=accounts.session_digest(session.get(SESSION_KEY) or ""),
            new_secret=new_secret,
            **defaults,
        ),
        status,
    )


@bp.get("/tokens")
def tokens():
    """Your API tokens, a form for a new one, password change and sign out everywhere."""
    return _page()


@bp.post("/tokens")
def create_token():
    """Create a token; its secret is shown on this one response and never again."""
    form = TokenForm()
    if not form.validate():
        return _page(422, token_form=form)
    sent = list(session.get("sent_token_forms") or [])
    if form.once.data and form.once.data in sent:
        flash(
            f"That form was already sent: the token “{form.name.data.strip()}” exists, and its "
            "secret was shown once only. If you did not copy it, revoke the token and create "
            "another.",
            "warning",
        )
        return redirect(url_for("settings.tokens"), 303)
    try:
        _token, secret = accounts.create_token(_me(), form.name.data)
    except Invalid as exc:
        discard_changes()  # nothing of a refused change stays pending
        flash(exc.message, "error")
        return _page(exc.status, token_form=form)
    if form.once.data:
        session["sent_token_forms"] = [*sent, form.once.data][-SENT_FORMS_KEPT:]
    # Rendered, not flashed: the flash would put the secret into the session cookie.
    return _page(201, new_secret=secret)


@bp.post("/tokens/<int:token_id>/revoke")
def revoke_token(token_id: int):
    """Revoke one of your tokens (someone else's is 404)."""
    if not FlaskForm().validate():
        return _page(400)
    accounts.revoke_token(_me(), token_id)
    flash("Token revoked.", "success")
    return redirect(url_for("settings.tokens"))


def _wrong_current_password(_response) -> bool:
    """A password change counts against the sign-in limits when the current password was
    wrong (a too-short new password is no guess)."""
    return bool(g.get("wrong_current_password"))


@bp.post("/password")
@password_limits(_wrong_current_password, TOO_MANY_PASSWORDS)
def change_password():
    """Change your password: every other session ends, this browser stays signed in.

    Checking the current password is a password guess: the sign-in limits apply, sharing
    their counts with sign-in (see security.password_limits)."""
    form = PasswordForm()
    if not form.validate():
        return _page(422, password_form=form)
    user = _me()
    try:
        accounts.change_password(user, form.current.data, form.new.data)
    except Invalid as exc:
        g.wrong_current_password = exc.fields.get("current") == "wrong"
        discard_changes()  # nothing of a refused change stays pending
        flash(exc.message, "error")
        return _page(exc.status, password_form=form)
    session.clear()
    login_user(user)  # a fresh session carrying the new session version
    session[SESSION_KEY] = accounts.start_session(user, request.user_agent.string)
    flash("Password changed; your other sessions have ended.", "success")
    return redirect(url_for("settings.tokens"))


@bp.post("/sessions/end")
def end_sessions():
    """Sign out everywhere, this browser included."""
    if not FlaskForm().validate():
        return _page(400)
    accounts.sign_out_everywhere(_me())
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))


@bp.post("/sessions/<int:session_id>/end")
def end_session(session_id: int):
    """Sign one of your other browsers out (someone else's session is 404)."""
    if not FlaskForm().validate():
        return _page(400)
    accounts.end_other_session(_me(), session_id)
    flash("That session has ended.", "success")
    return redirect(url_for("settings.tokens"))

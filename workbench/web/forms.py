"""One WTForms class per browser action; CSRF comes with FlaskForm."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from .. import limits as L
from ..models import Stance
from ..ratings import DEFAULT_SCALE


class LoginForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(), Length(max=L.USERNAME_CHARS)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=L.PASSWORD_CHARS)])
    next = HiddenField()


class ImportForm(FlaskForm):
    text = TextAreaField("Article text", validators=[Optional()])
    file = FileField("Or upload a .txt, .md or .html file, or an annotated-JSON export (.json)")
    title = StringField("Title", validators=[Optional(), Length(max=L.ARTICLE_TITLE_CHARS)])
    byline = StringField("Byline", validators=[Optional(), Length(max=L.BYLINE_CHARS)])
    published = DateField("Published", validators=[Optional()])
    source_url = StringField("Source URL", validators=[Optional(), Length(max=L.URL_CHARS)])


class ArticleMetaForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=L.ARTICLE_TITLE_CHARS)])
    byline = StringField("Byline", validators=[Optional(), Length(max=L.BYLINE_CHARS)])
    published = DateField("Published", validators=[Optional()])
    source_url = StringField("Source URL", validators=[Optional(), Length(max=L.URL_CHARS)])


class VersionedForm(FlaskForm):
    """Every change to a claim carries the version it was made against."""

    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])


class ClaimSpanForm(FlaskForm):
    start = IntegerField("Start", validators=[InputRequired()])
    end = IntegerField("End", validators=[InputRequired()])


class SourceForm(VersionedForm):
    url = StringField("URL", validators=[DataRequired(), Length(max=L.URL_CHARS)])
    title = StringField("Title", validators=[DataRequired(), Length(max=L.SOURCE_TITLE_CHARS)])
    publisher = StringField("Publisher", validators=[Optional(), Length(max=L.BYLINE_CHARS)])
    published = DateField("Published", validators=[Optional()])
    excerpt = TextAreaField("Excerpt", validators=[Optional(), Length(max=L.EXCERPT_CHARS)])
    stance = SelectField("Stance", choices=[SelectChoice(s.value, s.value) for s in Stance])


class VerdictForm(VersionedForm):
    # No default rating: "" until the reviewer chooses one (a saved verdict needs one, and a
    # submitted one needs a rationale too: services.review.move refuses an incomplete submit).
    rating = SelectField(
        "Rating",
        choices=[SelectChoice("", "Choose a rating…", render_kw={"disabled": True})]
        + [SelectChoice(r.slug, r.label) for r in DEFAULT_SCALE],
    )
    rationale = TextAreaField("Rationale", validators=[Optional(), Length(max=L.RATIONALE_CHARS)])


class NoteForm(VersionedForm):
    note = TextAreaField("Note", validators=[DataRequired(), Length(max=L.NOTE_CHARS)])


class ReasonForm(VersionedForm):
    reason = TextAreaField("Reason", validators=[DataRequired(), Length(max=L.NOTE_CHARS)])


class AssignForm(VersionedForm):
    """Editors give a claim to a reviewer or an editor, or to nobody ("")."""

    assignee = SelectField("Assignee", choices=[SelectChoice("", "Nobody")], validate_choice=True)

    def offer(self, users) -> AssignForm:
        """Offer these users (reviewers and editors) besides "Nobody"."""
        self.assignee.choices = [SelectChoice("", "Nobody")] + [
            SelectChoice(u.username, f"{u.display_name} ({u.username}, {u.role.value})")
            for u in users
        ]
        return self

"""trust: who four-eyes counts as a verdict's authors; server-side session lifetimes

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05

"""
import sqlalchemy as sa
from alembic import op

import workbench.db

# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('verdict_contributor',
    sa.Column('verdict_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=40), nullable=False),
    sa.Column('at', workbench.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_verdict_contributor_user_id_users')),
    sa.ForeignKeyConstraint(['verdict_id'], ['verdict.id'], name=op.f('fk_verdict_contributor_verdict_id_verdict'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('verdict_id', 'user_id', name=op.f('pk_verdict_contributor'))
    )
    with op.batch_alter_table('verdict_contributor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_verdict_contributor_user_id'), ['user_id'], unique=False)
    # Every existing verdict's author counts as one.
    op.execute(
        "INSERT INTO verdict_contributor (verdict_id, user_id, reason, at) "
        "SELECT id, author_id, 'verdict', created_at FROM verdict"
    )
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_seen_at', workbench.db.UTCDateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.drop_column('last_seen_at')
    with op.batch_alter_table('verdict_contributor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_verdict_contributor_user_id'))
    op.drop_table('verdict_contributor')

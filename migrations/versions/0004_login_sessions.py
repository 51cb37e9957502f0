"""one row per signed-in browser, so that signing out ends that session alone

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28

"""
import sqlalchemy as sa
from alembic import op

import workbench.db

# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('login_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('user_agent', sa.String(length=300), nullable=False),
    sa.Column('created_at', workbench.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', workbench.db.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint('length(key_hash) = 64', name=op.f('ck_login_session_key_hash_length')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_login_session_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_session')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_login_session_key_hash'))
    )
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_session_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_session_user_id'))
    op.drop_table('login_session')

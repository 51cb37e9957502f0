"""personal API tokens; the database refuses edits to history rows

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

"""
import sqlalchemy as sa
from alembic import op

import workbench.db

# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

SQLITE_TRIGGER = (
    "CREATE TRIGGER event_append_only BEFORE UPDATE ON event "
    "BEGIN SELECT RAISE(ABORT, 'event rows are append-only'); END"
)
PG_FUNCTION = (
    "CREATE FUNCTION event_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'event rows are append-only'; END $$"
)
PG_TRIGGER = (
    "CREATE TRIGGER event_append_only BEFORE UPDATE ON event "
    "FOR EACH ROW EXECUTE FUNCTION event_append_only()"
)


def upgrade():
    op.create_table('api_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('hint', sa.String(length=16), nullable=False),
    sa.Column('created_at', workbench.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', workbench.db.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint('length(token_hash) = 64', name=op.f('ck_api_token_hash_length')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_token_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_token_token_hash'))
    )
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_token_user_id'), ['user_id'], unique=False)

    if op.get_bind().dialect.name == 'postgresql':
        op.execute(PG_FUNCTION)
        op.execute(PG_TRIGGER)
    else:
        op.execute(SQLITE_TRIGGER)


def downgrade():
    op.execute('DROP TRIGGER IF EXISTS event_append_only ON event'
               if op.get_bind().dialect.name == 'postgresql'
               else 'DROP TRIGGER IF EXISTS event_append_only')
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP FUNCTION IF EXISTS event_append_only()')
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_token_user_id'))

    op.drop_table('api_token')

"""threads: a discussion thread on every claim (comments, mentions, resolution, unread marks)

Revision ID: 0010_threads
Revises: 0009_figures
Create Date: 2026-12-06

"""
import sqlalchemy as sa
from alembic import op

import workbench.db

# revision identifiers, used by Alembic.
revision = '0010_threads'
down_revision = '0009_figures'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('claim_view',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('last_comment_id', sa.Integer(), nullable=False),
    sa.Column('at', workbench.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_claim_view_claim_id_claim'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_claim_view_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'claim_id', name=op.f('pk_claim_view'))
    )
    with op.batch_alter_table('claim_view', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_view_claim_id'), ['claim_id'], unique=False)

    op.create_table('comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('imported_author', sa.String(length=128), nullable=True),
    sa.Column('reply_to_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', workbench.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('edited_at', workbench.db.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint('(author_id IS NULL) <> (imported_author IS NULL)', name=op.f('ck_comment_one_author')),
    sa.CheckConstraint('length(body) > 0', name=op.f('ck_comment_body_not_empty')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_comment_author_id_users')),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_comment_claim_id_claim'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reply_to_id'], ['comment.id'], name=op.f('fk_comment_reply_to_id_comment'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comment'))
    )
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.create_index('ix_comment_claim_id', ['claim_id', 'id'], unique=False)

    op.create_table('comment_thread',
    sa.Column('claim_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('resolved', sa.Boolean(), nullable=False),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.Column('resolved_at', workbench.db.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint('resolved = (resolved_at IS NOT NULL)', name=op.f('ck_comment_thread_resolution_complete')),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_comment_thread_claim_id_claim'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_comment_thread_resolved_by_id_users')),
    sa.PrimaryKeyConstraint('claim_id', name=op.f('pk_comment_thread'))
    )
    op.create_table('mention',
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_mention_comment_id_comment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_mention_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('comment_id', 'user_id', name=op.f('pk_mention'))
    )
    with op.batch_alter_table('mention', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mention_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('mention', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mention_user_id'))

    op.drop_table('mention')
    op.drop_table('comment_thread')
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_index('ix_comment_claim_id')

    op.drop_table('comment')
    with op.batch_alter_table('claim_view', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_view_claim_id'))

    op.drop_table('claim_view')

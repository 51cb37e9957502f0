"""verdict indexes for the queues: author ("returned on a verdict I wrote", a reviewer's
queue) and submission time (an editor's approval queue, oldest first)

Revision ID: 0011_verdict_author
Revises: 0010_threads
Create Date: 2026-12-06

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0011_verdict_author'
down_revision = '0010_threads'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('verdict', schema=None) as batch_op:
        batch_op.create_index('ix_verdict_author_id', ['author_id'], unique=False)
        batch_op.create_index('ix_verdict_submitted', ['submitted_at', 'claim_id'], unique=False)


def downgrade():
    with op.batch_alter_table('verdict', schema=None) as batch_op:
        batch_op.drop_index('ix_verdict_submitted')
        batch_op.drop_index('ix_verdict_author_id')

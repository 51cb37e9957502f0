"""indexes for work queues and the dashboard at a newsroom's scale (10,000 articles)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.create_index('ix_article_created_at', ['created_at'], unique=False)
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.create_index('ix_claim_assignee_status', ['assignee_id', 'status'], unique=False)
        batch_op.create_index('ix_claim_status_updated', ['status', 'updated_at'], unique=False)


def downgrade():
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.drop_index('ix_claim_status_updated')
        batch_op.drop_index('ix_claim_assignee_status')
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.drop_index('ix_article_created_at')

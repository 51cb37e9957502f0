"""one claim per span of an article

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28

"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_article_span")
        batch_op.create_unique_constraint(
            batch_op.f("uq_claim_article_id_start_offset_end_offset"),
            ["article_id", "start_offset", "end_offset"],
        )


def downgrade():
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_claim_article_id_start_offset_end_offset"), type_="unique"
        )
        batch_op.create_index(
            "ix_claim_article_span", ["article_id", "start_offset", "end_offset"], unique=False
        )

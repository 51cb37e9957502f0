"""figures: supply and aid records on a claim (issue 12)

Revision ID: 0009_figures
Revises: 0008
Create Date: 2026-12-06

"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = "0009_figures"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    json_type = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.add_column(sa.Column("records", json_type, nullable=False, server_default="[]"))


def downgrade():
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_column("records")

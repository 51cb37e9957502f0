"""a GiST index for "figures between min and max" on PostgreSQL (a range overlap)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX ix_figure_key_range ON figure_key "
            "USING gist (numrange(low::numeric, high::numeric, '[]')) "
            "WHERE low IS NOT NULL AND high IS NOT NULL"
        )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_figure_key_range")

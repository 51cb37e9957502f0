"""search across articles: claim_search (PostgreSQL tsvector + GIN, SQLite FTS5) and figure_key

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05

"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    postgres = op.get_bind().dialect.name == "postgresql"
    op.create_table('claim_search',
    sa.Column('claim_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('tsv', sa.Text().with_variant(postgresql.TSVECTOR(), 'postgresql'), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], name=op.f('fk_claim_search_article_id_article'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_claim_search_claim_id_claim'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('claim_id', name=op.f('pk_claim_search'))
    )
    with op.batch_alter_table('claim_search', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_search_article_id'), ['article_id'], unique=False)
    op.create_index('ix_claim_search_tsv', 'claim_search', ['tsv'], unique=False, postgresql_using='gin')
    op.create_table('figure_key',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('low', sa.Float(), nullable=True),
    sa.Column('high', sa.Float(), nullable=True),
    sa.Column('unit', sa.String(length=100), nullable=True),
    sa.Column('date_low', sa.String(length=10), nullable=True),
    sa.Column('date_high', sa.String(length=10), nullable=True),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_figure_key_claim_id_claim'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_figure_key'))
    )
    with op.batch_alter_table('figure_key', schema=None) as batch_op:
        batch_op.create_index('ix_figure_key_category_date', ['category', 'date_low'], unique=False)
        batch_op.create_index('ix_figure_key_category_low', ['category', 'low'], unique=False)
        batch_op.create_index(batch_op.f('ix_figure_key_claim_id'), ['claim_id'], unique=False)
    if not postgres:
        from workbench.models import CLAIM_FTS_SQLITE

        for statement in CLAIM_FTS_SQLITE:
            op.execute(statement)
    # Index what is already there.
    from workbench.services.search import rebuild

    rebuild(Session(bind=op.get_bind()))


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TABLE IF EXISTS claim_fts")
    with op.batch_alter_table('figure_key', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_figure_key_claim_id'))
        batch_op.drop_index('ix_figure_key_category_low')
        batch_op.drop_index('ix_figure_key_category_date')
    op.drop_table('figure_key')
    op.drop_index('ix_claim_search_tsv', table_name='claim_search', postgresql_using='gin')
    with op.batch_alter_table('claim_search', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_search_article_id'))
    op.drop_table('claim_search')

"""privacy: questions.public (may be quoted: asked in public or published with consent) and
tickets.asker_ts (the asker's confirmation, whose DM thread is the ticket's conversation)

Revision ID: 0003_privacy
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_privacy"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("questions") as batch:
        batch.add_column(
            sa.Column("public", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("asker_ts", sa.String(length=32), nullable=True))
    # published, or asked in a Slack channel (not a DM: those ids start with D)
    op.execute(
        "UPDATE questions SET public = TRUE WHERE status IN ('community', 'solved') "
        "OR (origin = 'slack' AND channel IS NOT NULL AND channel NOT LIKE 'D%')"
    )


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("asker_ts")
    with op.batch_alter_table("questions") as batch:
        batch.drop_column("public")

"""tickets.announced_at: the ticket's announcement to the lead is claimed once

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("announced_at", sa.DateTime(), nullable=True))
    # tickets whose card is already posted count as announced
    op.execute("UPDATE tickets SET announced_at = created_at WHERE lead_ts IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("announced_at")

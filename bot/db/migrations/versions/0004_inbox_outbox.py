"""inbox and outbox: acknowledged requests and the Web API calls they must make

Revision ID: 0004_inbox_outbox
Revises: 0005_learning
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_inbox_outbox"
down_revision = "0005_learning"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("id", sa.String(160), primary_key=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_by", sa.String(64), nullable=True),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("not_before", sa.DateTime(), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("error", sa.String(200), nullable=True),
    )
    op.create_index("ix_inbox_pending", "inbox", ["done_at", "claimed_at"])
    op.create_table(
        "outbox",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("method", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(64), nullable=True),
        sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("response", sa.JSON(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_outbox_status", "outbox", ["status", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_outbox_status", "outbox")
    op.drop_table("outbox")
    op.drop_index("ix_inbox_pending", "inbox")
    op.drop_table("inbox")

"""when the ticket's SLA clock last started running (opened, reopened, or the customer's answer
after a wait): open time given back for days declared closed afterwards is counted from there,
not from the ticket's creation (a reopened ticket, a wait, were counted as if the clock ran)

Revision ID: 0008_ticket_clock_start
Revises: 0007_feedback_once
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_ticket_clock_start"
down_revision = "0007_feedback_once"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("clock_started_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("clock_started_at")

"""indexes for the per-message reads: an asker's questions of the last minute (flood check) and
an asker's tickets (open tickets), so that neither scans its whole table

Revision ID: 0006_asker_indexes
Revises: 0004_inbox_outbox
"""

from alembic import op

revision = "0006_asker_indexes"
down_revision = "0004_inbox_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_questions_asker", "questions", ["asker", "created_at"])
    op.create_index("ix_tickets_asker", "tickets", ["asker", "status"])


def downgrade() -> None:
    op.drop_index("ix_tickets_asker", table_name="tickets")
    op.drop_index("ix_questions_asker", table_name="questions")

"""one vote per person and answer, kept by the database: two clicks on 👍 handled at the same
moment (two workers, two instances) both saw no earlier vote and both inserted one. Earlier
duplicates are merged first (the newest vote stays).

Revision ID: 0007_feedback_once
Revises: 0006_asker_indexes
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_feedback_once"
down_revision = "0006_asker_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    feedback = sa.table(
        "feedback", sa.column("id", sa.Integer), sa.column("question_id"), sa.column("user")
    )
    newest = (
        sa.select(sa.func.max(feedback.c.id))
        .where(feedback.c.question_id.is_not(None))
        .group_by(feedback.c.question_id, feedback.c.user)
    )
    op.execute(
        feedback.delete().where(feedback.c.question_id.is_not(None), feedback.c.id.not_in(newest))
    )
    op.create_index("uq_feedback_question_user", "feedback", ["question_id", "user"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_feedback_question_user", table_name="feedback")

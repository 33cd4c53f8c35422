"""knowledge that grows: community answers, FAQ drafts and phrasings, knowledge version,
training progress, the chosen suggestion of a question, a ticket's intake details

Revision ID: 0005_learning
Revises: 0003_privacy
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_learning"
down_revision = "0003_privacy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "community_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=64), nullable=False),
        sa.Column("ts", sa.String(length=32), nullable=False),
        sa.Column("responder", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["thread_id"], ["community_threads.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("channel", "ts", name="uq_community_answers_channel_ts"),
    )
    op.create_index("ix_community_answers_thread_id", "community_answers", ["thread_id"])
    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("origin", sa.String(length=64), nullable=False),
        sa.Column("kb", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("unit_id", sa.String(length=128), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("link", sa.String(length=512), nullable=True),
        sa.Column("question_id", sa.Integer(), nullable=True),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("asker", sa.String(length=64), nullable=True),
        sa.Column("proposed_by", sa.String(length=64), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("lead_channel", sa.String(length=64), nullable=True),
        sa.Column("lead_ts", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"]),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "origin", name="uq_proposals_kind_origin"),
    )
    op.create_index("ix_proposals_unit_id", "proposals", ["unit_id"])
    op.create_table(
        "knowledge_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO knowledge_state (id, version) VALUES (1, 0)")
    op.create_table(
        "chapter_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user", sa.String(length=64), nullable=False),
        sa.Column("kb", sa.String(length=64), nullable=False),
        sa.Column("chapter", sa.Integer(), nullable=False),
        sa.Column("how", sa.String(length=16), nullable=False),
        sa.Column("unit_id", sa.String(length=128), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user", "kb", "chapter", name="uq_chapter_progress"),
    )
    op.create_index("ix_chapter_progress_user", "chapter_progress", ["user"])
    with op.batch_alter_table("questions") as batch:
        batch.add_column(sa.Column("chosen_unit_id", sa.String(length=128), nullable=True))
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("details", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("details")
    with op.batch_alter_table("questions") as batch:
        batch.drop_column("chosen_unit_id")
    op.drop_index("ix_chapter_progress_user", "chapter_progress")
    op.drop_table("chapter_progress")
    op.drop_table("knowledge_state")
    op.drop_index("ix_proposals_unit_id", "proposals")
    op.drop_table("proposals")
    op.drop_index("ix_community_answers_thread_id", "community_answers")
    op.drop_table("community_answers")

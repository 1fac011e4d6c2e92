"""Composite foreign keys between tenant rows: `(workspace_id, x_id)` references
`(x.workspace_id, x.id)`, so a row of one workspace can never point at another's (docs/design.md
§2)."""

from sqlalchemy import ForeignKeyConstraint


def member_fk(column: str, ondelete: str = "RESTRICT") -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["workspace_id", column], ["member.workspace_id", "member.id"], ondelete=ondelete
    )


def project_fk(ondelete: str = "CASCADE") -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["workspace_id", "project_id"], ["project.workspace_id", "project.id"], ondelete=ondelete
    )


def task_fk(column: str = "task_id", ondelete: str = "CASCADE") -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["workspace_id", column], ["task.workspace_id", "task.id"], ondelete=ondelete
    )

"""Comments on tasks, @mentions that notify, and the watchers who hear about new comments."""

import re
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal, Role
from app.comments.repository import CommentRepository
from app.core.clock import utcnow
from app.events import service as events
from app.kit.errors import Forbidden, NotFound, Unprocessable, found
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.models import Comment, Notification, Task
from app.notifications.repository import NotificationRepository
from app.tasks import service as tasks

MENTION_BY_ID = re.compile(r"<@([0-9a-fA-F-]{36})>")
MENTION_BY_EMAIL = re.compile(r"(?<![\w.@])@([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})")


def mentions_in(body: str) -> tuple[set[uuid.UUID], set[str]]:
    ids = set()
    for raw in MENTION_BY_ID.findall(body):
        try:
            ids.add(uuid.UUID(raw))
        except ValueError:
            continue
    return ids, {email.lower() for email in MENTION_BY_EMAIL.findall(body)}


async def _mentioned(session: AsyncSession, workspace_id: uuid.UUID, body: str) -> list[uuid.UUID]:
    ids, emails = mentions_in(body)
    members = await CommentRepository(session).members_by_reference(workspace_id, ids, emails)
    return sorted(member.id for member in members)


def _notify(
    session: AsyncSession,
    principal: Principal,
    task: Task,
    comment: Comment,
    recipients: dict[uuid.UUID, str],
    users: dict[uuid.UUID, uuid.UUID],
) -> None:
    repo = NotificationRepository(session)
    for member_id, kind in recipients.items():
        if member_id == principal.member_id or member_id not in users:
            continue
        verb = "mentioned you" if kind == "mention" else "commented"
        repo.append(
            Notification(
                workspace_id=task.workspace_id,
                user_id=users[member_id],
                recipient_id=member_id,
                kind=kind,
                task_id=task.id,
                comment_id=comment.id,
                actor_id=principal.member_id,
                summary=f"{principal.user.name} {verb} on {task.title}"[:500],
                created_at=utcnow(),
            )
        )


async def create(session: AsyncSession, principal: Principal, reference: str, body: str) -> Comment:
    task, _ = await tasks.resolve_writable(session, principal, reference)
    repo = CommentRepository(session)
    mentioned = await _mentioned(session, task.workspace_id, body)
    comment = await repo.add(
        Comment(
            workspace_id=task.workspace_id,
            task_id=task.id,
            author_id=principal.member_id,
            body=body,
            mentioned_member_ids=[str(m) for m in mentioned],
        )
    )
    watchers = await repo.watcher_ids(task.workspace_id, task.id)
    recipients = dict.fromkeys(watchers, "comment") | dict.fromkeys(mentioned, "mention")
    await _tell(session, principal, task, comment, recipients)
    # Commenting or being mentioned is taking part: both follow the task from now on.
    await repo.watch(task.workspace_id, task.id, [principal.member_id, *mentioned])
    events.record_change(
        session,
        principal,
        "comment.created",
        task,
        {
            "comment_id": {"before": None, "after": str(comment.id)},
            "comment_body": {"before": None, "after": body},
        },
        entity_type="task",
    )
    return comment


async def _tell(
    session: AsyncSession,
    principal: Principal,
    task: Task,
    comment: Comment,
    recipients: dict[uuid.UUID, str],
) -> None:
    users = await _user_ids(session, task.workspace_id, list(recipients))
    _notify(session, principal, task, comment, recipients, users)


async def _user_ids(
    session: AsyncSession, workspace_id: uuid.UUID, member_ids: list[uuid.UUID]
) -> dict[uuid.UUID, uuid.UUID]:
    members = await CommentRepository(session).members_by_reference(workspace_id, member_ids, [])
    return {member.id: member.user_id for member in members}


async def _own_comment(
    session: AsyncSession, principal: Principal, reference: str, comment_id: uuid.UUID
) -> tuple[Task, Comment]:
    task, _ = await tasks.resolve_writable(session, principal, reference)
    comment = await CommentRepository(session).get_under(
        task.workspace_id, comment_id, task_id=task.id
    )
    return task, found(comment, "No such comment on this task.", code="comment_not_found")


async def update(
    session: AsyncSession,
    principal: Principal,
    reference: str,
    comment_id: uuid.UUID,
    body: str,
    if_match: str | None,
) -> Comment:
    task, comment = await _own_comment(session, principal, reference, comment_id)
    check_if_match(if_match, comment)
    if comment.author_id != principal.member_id:
        raise Forbidden("Only the author can edit a comment.", code="not_author")
    before = comment.body
    already = set(comment.mentioned_member_ids)
    mentioned = await _mentioned(session, task.workspace_id, body)
    comment.body = body
    comment.mentioned_member_ids = [str(m) for m in mentioned]
    await session.flush()
    # Only those the edit mentions for the first time hear of it, and follow the task.
    newly = [m for m in mentioned if str(m) not in already]
    if newly:
        await _tell(session, principal, task, comment, dict.fromkeys(newly, "mention"))
        await CommentRepository(session).watch(task.workspace_id, task.id, newly)
    events.record_change(
        session,
        principal,
        "comment.updated",
        task,
        {"comment_body": {"before": before, "after": body}},
        entity_type="task",
    )
    return comment


async def delete(
    session: AsyncSession,
    principal: Principal,
    reference: str,
    comment_id: uuid.UUID,
    if_match: str | None,
) -> None:
    task, comment = await _own_comment(session, principal, reference, comment_id)
    check_if_match(if_match, comment)
    if comment.author_id != principal.member_id and not principal.at_least(Role.admin):
        raise Forbidden("Only the author or an admin can delete a comment.", code="not_author")
    await CommentRepository(session).delete(comment)
    events.record_change(
        session,
        principal,
        "comment.deleted",
        task,
        {
            "comment_id": {"before": str(comment.id), "after": None},
            "comment_body": {"before": comment.body, "after": None},
        },
        entity_type="task",
    )


async def page(
    session: AsyncSession, principal: Principal, reference: str, params: PageParams
) -> tuple[list[Comment], str | None]:
    task = await tasks.resolve(session, principal, reference)
    return await CommentRepository(session).page_matching(
        task.workspace_id, params, task_id=task.id
    )


async def watchers(session: AsyncSession, principal: Principal, reference: str) -> list[uuid.UUID]:
    task = await tasks.resolve(session, principal, reference)
    return await CommentRepository(session).watcher_ids(task.workspace_id, task.id)


async def watch(
    session: AsyncSession, principal: Principal, reference: str, member_id: uuid.UUID
) -> list[uuid.UUID]:
    task = await tasks.resolve(session, principal, reference)
    repo = CommentRepository(session)
    if not await repo.members_by_reference(task.workspace_id, [member_id], []):
        raise Unprocessable.at("/member_id", "not a member of this workspace")
    if member_id not in await repo.watcher_ids(task.workspace_id, task.id):
        await repo.watch(task.workspace_id, task.id, [member_id])
        events.record_change(
            session,
            principal,
            "task.watcher_added",
            task,
            {"member_id": {"before": None, "after": str(member_id)}},
        )
    return await repo.watcher_ids(task.workspace_id, task.id)


async def unwatch(
    session: AsyncSession, principal: Principal, reference: str, member_id: uuid.UUID
) -> None:
    task = await tasks.resolve(session, principal, reference)
    if not await CommentRepository(session).unwatch(task.workspace_id, task.id, member_id):
        raise NotFound("This member does not watch the task.", code="watcher_not_found")
    events.record_change(
        session,
        principal,
        "task.watcher_removed",
        task,
        {"member_id": {"before": str(member_id), "after": None}},
    )

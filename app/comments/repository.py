import uuid
from collections.abc import Iterable

from sqlalchemy import func, select

from app.kit.pagination import Sortable
from app.kit.repository import TenantRepository
from app.models import Comment, Member, TaskWatcher, User


class CommentRepository(TenantRepository[Comment]):
    model = Comment
    sorts = Sortable.by(Comment.created_at)

    async def members_by_reference(
        self, workspace_id: uuid.UUID, member_ids: Iterable[uuid.UUID], emails: Iterable[str]
    ) -> list[Member]:
        """Members of the workspace named by id or by their user's email."""
        ids, addresses = set(member_ids), {e.lower() for e in emails}
        if not ids and not addresses:
            return []
        by_email = (
            select(Member.id)
            .join(User, User.id == Member.user_id)
            .where(Member.workspace_id == workspace_id, func.lower(User.email).in_(addresses))
        )
        rows = await self.session.scalars(
            select(Member).where(
                Member.workspace_id == workspace_id, Member.id.in_(ids) | Member.id.in_(by_email)
            )
        )
        return list(rows)

    async def watcher_ids(self, workspace_id: uuid.UUID, task_id: uuid.UUID) -> list[uuid.UUID]:
        rows = await self.session.scalars(
            select(TaskWatcher.member_id)
            .where(TaskWatcher.workspace_id == workspace_id, TaskWatcher.task_id == task_id)
            .order_by(TaskWatcher.member_id)
        )
        return list(rows)

    async def watch(
        self, workspace_id: uuid.UUID, task_id: uuid.UUID, member_ids: Iterable[uuid.UUID]
    ) -> None:
        current = set(await self.watcher_ids(workspace_id, task_id))
        self.session.add_all(
            TaskWatcher(workspace_id=workspace_id, task_id=task_id, member_id=m)
            for m in dict.fromkeys(member_ids)
            if m not in current
        )
        await self.session.flush()

    async def unwatch(
        self, workspace_id: uuid.UUID, task_id: uuid.UUID, member_id: uuid.UUID
    ) -> bool:
        return await self.remove_link(
            TaskWatcher, workspace_id, task_id=task_id, member_id=member_id
        )

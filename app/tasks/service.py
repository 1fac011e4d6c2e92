"""Tasks: the rules. Keys (`OPS-42`) work wherever an id does."""

import uuid
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Caller, Principal
from app.core.clock import utcnow
from app.events import service as events
from app.events.repository import EventRepository
from app.kit.errors import Conflict, Unprocessable, found
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.models import Event, Project, Task
from app.models.task import TASK_KEY
from app.projects.repository import ProjectRepository
from app.projects.service import ensure_writable
from app.schedules import network as schedule_network
from app.schedules import service as schedules
from app.schedules.repository import ScheduleRepository
from app.schedules.schemas import TaskSchedule
from app.scheduling.calendar import WorkingCalendar
from app.tasks import dates, schemas
from app.tasks.repository import TaskFilters, TaskLinks, TaskRepository

CLOSED_CATEGORIES = frozenset({"done", "cancelled"})
# Fields of the public contract that events record.
EVENT_FIELDS = (
    "title",
    "description",
    "status_id",
    "priority",
    "parent_id",
    "start_date",
    "duration_days",
    "finish_date",
    "due_date",
    "estimate_hours",
    "scheduling_mode",
    "constraint_type",
    "constraint_date",
    "leveling_delay_days",
    "position",
    "completed_at",
)
TASK_ROW_FIELDS = tuple(
    name for name in schemas.Task.model_fields if name not in {"key", "assignee_ids", "label_ids"}
)


def _output(task: Task, links: TaskLinks) -> schemas.Task:
    return schemas.Task.model_validate(
        {
            **{field: getattr(task, field) for field in TASK_ROW_FIELDS},
            "key": links.key,
            "assignee_ids": links.assignee_ids,
            "label_ids": links.label_ids,
        }
    )


async def present(session: AsyncSession, tasks: Sequence[Task]) -> list[schemas.Task]:
    if not tasks:
        return []
    links = await TaskRepository(session).links(tasks)
    return [_output(task, links[task.id]) for task in tasks]


_LISTED_TASKS = TypeAdapter(list[schemas.Task])


def present_listed(rows: Sequence[Mapping[str, Any]]) -> list[schemas.Task]:
    """Tasks from listed rows, which carry their key, assignees and labels already."""
    return _LISTED_TASKS.validate_python(rows)


async def resolve(session: AsyncSession, principal: Principal, reference: str) -> Task:
    """A task by id or by key, in the principal's workspace."""
    repo = TaskRepository(session)
    task: Task | None = None
    match = TASK_KEY.match(reference)
    if match:
        task = await repo.by_key(principal.workspace_id, match.group(1), int(match.group(2)))
    else:
        try:
            task = await repo.get(principal.workspace_id, uuid.UUID(reference))
        except ValueError:
            task = None
    return found(task, "No such task in this workspace.", code="task_not_found")


async def id_of(
    session: AsyncSession, principal: Principal, reference: str | None
) -> uuid.UUID | None:
    """The id of the task a list's filter names by id or key (404 if none); None for no filter."""
    return None if reference is None else (await resolve(session, principal, reference)).id


async def resolve_writable(
    session: AsyncSession, principal: Principal, reference: str
) -> tuple[Task, Project]:
    """A task that may change, with its project: 409 while the project is archived."""
    task = await resolve(session, principal, reference)
    project = await ProjectRepository(session).get(task.workspace_id, task.project_id)
    assert project is not None
    ensure_writable(project)
    return task, project


async def resolve_many(
    session: AsyncSession, principal: Principal, references: Sequence[str], pointer: str
) -> list[Task]:
    """Tasks for ids or keys, in order; the first unknown one is a 422 at `pointer/index`."""
    repo = TaskRepository(session)
    ids: dict[int, uuid.UUID] = {}
    keys: dict[int, tuple[str, int]] = {}
    for index, reference in enumerate(references):
        match = TASK_KEY.match(reference)
        if match:
            keys[index] = (match.group(1), int(match.group(2)))
            continue
        try:
            ids[index] = uuid.UUID(reference)
        except ValueError:
            raise Unprocessable.at(f"{pointer}/{index}", "not a task id or key") from None
    by_id = await repo.many(principal.workspace_id, ids.values())
    by_key = await repo.many_by_key(principal.workspace_id, keys.values())
    tasks: list[Task] = []
    for index in range(len(references)):
        task = by_id.get(ids[index]) if index in ids else by_key.get(keys[index])
        if task is None:
            raise Unprocessable.at(f"{pointer}/{index}", "no such task in this workspace")
        tasks.append(task)
    return tasks


async def _check_references(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    changes: dict[str, Any],
    task_id: uuid.UUID | None = None,
) -> None:
    repo = TaskRepository(session)
    wid = principal.workspace_id
    if changes.get("status_id") is not None:
        found = await repo.status_categories(wid, [changes["status_id"]])
        if found.get(changes["status_id"], (None,))[0] != project_id:
            raise Unprocessable.at("/status_id", "not a status of this task's project")
    for field, known in (("assignee_ids", repo.known_members), ("label_ids", repo.known_labels)):
        wanted = changes.get(field) or []
        existing = await known(wid, wanted)
        for index, value in enumerate(wanted):
            if value not in existing:
                raise Unprocessable.at(f"/{field}/{index}", "not found in this workspace")
    if changes.get("parent_id") is not None:
        parents = await repo.parents(wid, project_id)
        parent_id = changes["parent_id"]
        if parent_id not in parents:
            raise Unprocessable.at("/parent_id", "not a task of the same project")
        cursor: uuid.UUID | None = parent_id
        seen: set[uuid.UUID] = set()
        while cursor is not None and cursor not in seen:
            if cursor == task_id:
                raise Conflict("A task cannot be its own ancestor.", code="parent_cycle")
            seen.add(cursor)
            cursor = parents.get(cursor)


def set_completion(task: Task, category: str) -> None:
    """A task moved into a status of `category` is completed now, or no longer."""
    if category == "done" and task.completed_at is None:
        task.completed_at = utcnow()
    elif category != "done":
        task.completed_at = None


def record_update(
    session: AsyncSession,
    principal: Principal,
    task: Task,
    before: dict[str, Any],
    after: dict[str, Any],
) -> None:
    """Record `task.updated` with what changed between two `event_state`s, if anything did.
    Even when only assignees or labels changed, the task shows a new version."""
    diff = events.changes_between(before, after)
    if diff:
        task.updated_at = utcnow()
        events.record_change(session, principal, "task.updated", task, diff)


def event_state(
    task: Task, assignee_ids: Sequence[uuid.UUID], label_ids: Sequence[uuid.UUID]
) -> dict[str, Any]:
    """The task's public fields with its assignees and labels, as its events record them."""
    return {
        **events.snapshot(task, EVENT_FIELDS),
        "assignee_ids": sorted(str(a) for a in assignee_ids),
        "label_ids": sorted(str(label) for label in label_ids),
    }


# How a reschedule's cause names the task fields that changed.
_CAUSE_WORDS = {
    "start_date": "start",
    "duration_days": "duration",
    "finish_date": "duration",
    "scheduling_mode": "scheduling mode",
    "constraint_type": "constraint",
    "constraint_date": "constraint",
    "leveling_delay_days": "leveling delay",
}


async def _reschedule(
    session: AsyncSession,
    principal: Principal,
    project: Project,
    calendar: WorkingCalendar,
    task: Task,
    changed: Collection[str],
) -> None:
    """Reschedule what a change to the task reaches, then show the task as it ends up; the
    moves name the change (`changed`: the fields it set) as their cause."""
    if project.scheduling_mode != "auto":
        return
    await session.flush()
    what = sorted({_CAUSE_WORDS[field] for field in changed if field in _CAUSE_WORDS})
    cause = f"{project.key}-{task.number}'s {' and '.join(what)} changed" if what else None
    moved = await schedules.reschedule(
        session,
        principal,
        project,
        {task.id},
        already_versioned={task.id},
        calendar=calendar,
        cause=cause,
    )
    if task.id in moved:
        await session.refresh(task)


async def create(session: AsyncSession, principal: Principal, data: schemas.TaskCreate) -> Task:
    project = await ProjectRepository(session).get(principal.workspace_id, data.project_id)
    if project is None:
        raise Unprocessable.at("/project_id", "no such project in this workspace")
    ensure_writable(project)
    changes = data.model_dump(exclude_unset=True)
    await _check_references(session, principal, project.id, changes)
    calendar = await dates.calendar_for(session, project)
    plan = dates.plan_dates(calendar, dates.Plan(None, 1, None, None), changes)
    repo = TaskRepository(session)
    status_id = data.status_id
    if status_id is None:
        default = await repo.default_status(principal.workspace_id, project.id)
        if default is None:
            raise Conflict("The project has no statuses.", code="no_status")
        status_id = default.id
    number = await ProjectRepository(session).take_task_numbers(
        principal.workspace_id, project.id, 1
    )
    task = Task(
        workspace_id=principal.workspace_id,
        project_id=project.id,
        number=number,
        parent_id=data.parent_id,
        title=data.title,
        description=data.description,
        status_id=status_id,
        priority=data.priority.value,
        start_date=plan.start_date,
        duration_days=plan.duration_days,
        finish_date=plan.finish_date,
        due_date=plan.due_date,
        estimate_hours=data.estimate_hours,
        scheduling_mode=data.scheduling_mode.value,
        constraint_type=data.constraint_type.value if data.constraint_type else None,
        constraint_date=data.constraint_date,
        position=data.position
        if data.position is not None
        else await repo.last_position(principal.workspace_id, project.id) + 1,
    )
    category = (await repo.status_categories(principal.workspace_id, [status_id]))[status_id][1]
    set_completion(task, category)
    dates.pin_manual_move(project, task, changes)
    dates.place_new(project, calendar, task)
    await repo.add(task)
    await repo.replace_assignees(principal.workspace_id, task.id, data.assignee_ids)
    await repo.replace_labels(principal.workspace_id, task.id, data.label_ids)
    await session.flush()
    events.record_change(
        session,
        principal,
        "task.created",
        task,
        events.created(event_state(task, data.assignee_ids, data.label_ids)),
    )
    return task


async def update(
    session: AsyncSession,
    principal: Principal,
    reference: str,
    data: schemas.TaskUpdate,
    if_match: str | None,
) -> schemas.Task:
    """Change a task; answers it as shown, from the assignees, labels and calendar read here."""
    task, project = await resolve_writable(session, principal, reference)
    check_if_match(if_match, task)
    changes = data.model_dump(exclude_unset=True)
    await _check_references(session, principal, task.project_id, changes, task.id)
    repo = TaskRepository(session)
    wid = task.workspace_id
    assignees = (await repo.assignees(wid, [task.id])).get(task.id, [])
    labels = (await repo.labels(wid, [task.id])).get(task.id, [])
    before = event_state(task, assignees, labels)

    current = dates.Plan(task.start_date, task.duration_days, task.finish_date, task.due_date)
    calendar = await dates.calendar_for(session, project)
    plan = dates.plan_dates(calendar, current, changes)
    task.start_date, task.duration_days = plan.start_date, plan.duration_days
    task.finish_date, task.due_date = plan.finish_date, plan.due_date
    for field in (
        "title",
        "description",
        "parent_id",
        "estimate_hours",
        "position",
        "constraint_date",
        "leveling_delay_days",
    ):
        if field in changes:
            setattr(task, field, changes[field])
    for field in ("priority", "scheduling_mode", "constraint_type"):
        if field in changes:
            setattr(task, field, changes[field].value if changes[field] is not None else None)
    if changes.get("status_id") is not None and changes["status_id"] != task.status_id:
        task.status_id = changes["status_id"]
        category = (await repo.status_categories(wid, [task.status_id]))[task.status_id][1]
        set_completion(task, category)
    dates.pin_manual_move(project, task, changes)
    if (task.constraint_type is None) != (task.constraint_date is None):
        raise Unprocessable.at(
            "/constraint_date", "constraint_type and constraint_date go together"
        )
    if changes.get("assignee_ids") is not None:
        assignees = list(dict.fromkeys(changes["assignee_ids"]))
        await repo.replace_assignees(wid, task.id, assignees)
    if changes.get("label_ids") is not None:
        labels = list(dict.fromkeys(changes["label_ids"]))
        await repo.replace_labels(wid, task.id, labels)
    record_update(session, principal, task, before, event_state(task, assignees, labels))
    await session.flush()
    if plan.start_date is not None:
        await schedules.move_task_allocations(
            session, principal, project, calendar, {task.id: (current.start_date, plan.start_date)}
        )
    if dates.SCHEDULE_FIELDS & set(changes):
        await _reschedule(session, principal, project, calendar, task, set(changes))
    return _output(task, TaskLinks(f"{project.key}-{task.number}", assignees, labels))


async def delete(
    session: AsyncSession,
    principal: Principal,
    reference: str,
    if_match: str | None,
    children: schemas.ChildrenOnDelete | None,
) -> None:
    task, project = await resolve_writable(session, principal, reference)
    check_if_match(if_match, task)
    repo = TaskRepository(session)
    wid = task.workspace_id
    cause = f"{project.key}-{task.number} was deleted"
    subtree = [task.id]
    frontier = [task.id]
    while frontier:
        next_level: list[uuid.UUID] = []
        for parent_id in frontier:
            next_level += await repo.child_ids(wid, parent_id)
        subtree += next_level
        frontier = next_level
    if len(subtree) > 1 and children is None:
        raise Conflict(
            "The task has subtasks: pass children=delete or children=detach.",
            code="has_subtasks",
            subtask_count=len(subtree) - 1,
        )
    if children == schemas.ChildrenOnDelete.detach:
        await repo.detach_children(wid, task.id)
        subtree = [task.id]
    with_time = await TaskRepository(session).tasks_with_time(wid, subtree)
    if with_time:
        raise Conflict(
            "Time is logged on this task or its subtasks; logged time stays with its task, so "
            "it cannot be deleted (set it to a cancelled status instead).",
            code="task_has_time",
            tasks_with_time=with_time,
        )
    rows = await repo.many(wid, subtree)
    assignees, labels = await repo.assignees(wid, subtree), await repo.labels(wid, subtree)
    for task_id in subtree:
        row = rows[task_id]
        events.record_change(
            session,
            principal,
            "task.deleted",
            row,
            events.deleted(event_state(row, assignees.get(task_id, []), labels.get(task_id, []))),
        )
    successors = await ScheduleRepository(session).successors(wid, subtree)
    await repo.delete_many(wid, subtree)
    await _reschedule_successors(session, principal, wid, set(subtree), successors, cause)


async def _reschedule_successors(
    session: AsyncSession,
    principal: Principal,
    workspace_id: uuid.UUID,
    gone: set[uuid.UUID],
    successors: list[tuple[uuid.UUID, uuid.UUID]],
    cause: str,
) -> None:
    """Tasks that waited on deleted ones may now start earlier."""
    by_project: dict[uuid.UUID, set[uuid.UUID]] = {}
    for successor, project_id in successors:
        if successor not in gone:
            by_project.setdefault(project_id, set()).add(successor)
    projects = ProjectRepository(session)
    for project_id, changed in by_project.items():
        project = await projects.get(workspace_id, project_id)
        if project is not None:
            await schedules.reschedule(session, principal, project, changed, cause=cause)


def _filters(principal: Principal, given: schemas.TaskListQuery) -> TaskFilters:
    return TaskFilters(
        project_id=given.project_id,
        status_id=given.status_id,
        status_category=given.status_category.value if given.status_category else None,
        assignee_id=_assignee_filter(principal, given.assignee),
        label_id=given.label_id,
        priorities=tuple(p.value for p in given.priority or ()),
        parent_id=given.parent_id,
        due_after=given.due_after,
        due_before=given.due_before,
        updated_since=given.updated_since,
        text=given.q,
    )


async def page(
    session: AsyncSession, principal: Principal, given: schemas.TaskListQuery
) -> tuple[list[dict[str, Any]], str | None]:
    """A page of the workspace's tasks, as listed rows (key, assignees and labels included)."""
    return await TaskRepository(session).page(
        principal.workspace_id, _filters(principal, given), given
    )


async def activity(
    session: AsyncSession, principal: Principal, reference: str, params: PageParams
) -> tuple[list[Event], str | None]:
    task = await resolve(session, principal, reference)
    return await EventRepository(session).page_for_entity(
        task.workspace_id, "task", task.id, params
    )


async def schedule_of(session: AsyncSession, principal: Principal, reference: str) -> TaskSchedule:
    """The task's computed dates and what drives its start."""
    task = await resolve(session, principal, reference)
    project = await ProjectRepository(session).get(task.workspace_id, task.project_id)
    assert project is not None
    await schedule_network.check_plan_size(session, project)
    return await schedules.task_schedule(session, project, task.id)


async def page_mine(
    session: AsyncSession, caller: Caller, params: PageParams
) -> tuple[list[dict[str, Any]], str | None]:
    only = caller.token.workspace_id if caller.token else None
    return await TaskRepository(session).page_open_for_user(
        caller.user.id, params, only_workspace=only
    )


def _assignee_filter(principal: Principal, assignee: str | None) -> uuid.UUID | None:
    if assignee is None:
        return None
    if assignee == "me":
        return principal.member_id
    try:
        return uuid.UUID(assignee)
    except ValueError:
        raise Unprocessable.at("/query/assignee", "a member id or `me`") from None

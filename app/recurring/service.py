"""Recurring task rules of ongoing work: occurrences become tasks 30 days ahead."""

import logging
import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from dateutil.rrule import rrule, rrulestr
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.auth.access import Principal
from app.core.clock import today_in, utcnow
from app.events import service as events
from app.kit.errors import Conflict, Problem, Unprocessable, found
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.models import Project, RecurringRule, Task
from app.projects.repository import ProjectRepository
from app.projects.service import ensure_writable, get_project
from app.recurring.repository import RecurringRuleRepository
from app.recurring.schemas import RecurringRuleCreate, RecurringRuleUpdate
from app.tasks import dates
from app.tasks import service as tasks
from app.tasks.repository import TaskRepository

log = logging.getLogger("worklane.recurring")
HORIZON = timedelta(days=30)
AT_MOST_DAILY = frozenset({"YEARLY", "MONTHLY", "WEEKLY", "DAILY"})
# The parts that would repeat a rule within one day (from midnight, once each by default).
WITHIN_A_DAY = ("BYHOUR", "BYMINUTE", "BYSECOND")
# Top-ups in a row that may fail before the rule is given up on (marked failed).
MAX_FAILURES = 3
RULE_FIELDS = (
    "title",
    "rrule",
    "description",
    "priority",
    "assignee_ids",
    "duration_days",
    "estimate_hours",
    "active",
)


def parse_rule(text: str, starts_on: date) -> rrule:
    """The rule as dateutil reads it; 422 when it is not RFC 5545, or could make more than one
    task a day. dateutil reads a repeated part's last value, so every part must be given once
    for the checks here to see what it will run."""
    body = text.strip().removeprefix("RRULE:")
    if "DTSTART" in body.upper():
        raise Unprocessable.at("/rrule", "give the start as starts_on, not DTSTART")
    parts: dict[str, str] = {}
    for part in body.upper().split(";"):
        name, _, value = part.partition("=")
        if name.strip() in parts:
            raise Unprocessable.at("/rrule", f"{name.strip()} is given more than once")
        parts[name.strip()] = value.strip()
    if parts.get("FREQ") not in AT_MOST_DAILY:
        raise Unprocessable.at("/rrule", "FREQ must be YEARLY, MONTHLY, WEEKLY or DAILY")
    for name in WITHIN_A_DAY:
        if "," in parts.get(name, ""):
            raise Unprocessable.at("/rrule", f"tasks recur at most daily: one {name} at most")
    try:
        parsed = rrulestr(body, dtstart=datetime.combine(starts_on, time()))
    except (ValueError, TypeError) as exc:
        raise Unprocessable.at("/rrule", f"not a valid RFC 5545 rule: {exc}") from None
    if not isinstance(parsed, rrule):
        raise Unprocessable.at("/rrule", "give a single RRULE")
    return parsed


def check_rule(text: str, starts_on: date, today: date) -> None:
    """A rule must be valid and still have an occurrence from today on: one that never makes a
    task (COUNT=0, an UNTIL already past) is a mistake to point out, not to store."""
    parsed = parse_rule(text, starts_on)
    if parsed.after(datetime.combine(max(today, starts_on), time()), inc=True) is None:
        raise Unprocessable.at("/rrule", "the rule has no occurrence from today on")


def occurrences(text: str, starts_on: date, first: date, last: date) -> list[date]:
    parsed = parse_rule(text, starts_on)
    window = parsed.between(
        datetime.combine(first, time()), datetime.combine(last, time()), inc=True
    )
    # One task a day at most, whatever times of day the rule names.
    return list(dict.fromkeys(moment.date() for moment in window))


async def materialise(
    session: AsyncSession,
    principal: Principal | None,
    rule: RecurringRule,
    project: Project,
    today: date,
) -> list[Task]:
    """Create the tasks of the rule's occurrences up to today + 30 days, from where the last run
    stopped (so an occurrence someone deleted stays deleted). Running it again creates nothing
    new."""
    until = today + HORIZON
    first = max(today, rule.starts_on)
    if rule.materialized_until is not None:
        first = max(first, rule.materialized_until + timedelta(days=1))
    wanted = occurrences(rule.rrule, rule.starts_on, first, until) if first <= until else []
    repo = RecurringRuleRepository(session)
    existing = await repo.materialized_dates(rule.workspace_id, rule.id, wanted)
    missing = [day for day in wanted if day not in existing]
    created: list[Task] = []
    if missing:
        task_repo = TaskRepository(session)
        status = await task_repo.default_status(rule.workspace_id, project.id)
        if status is None:
            raise Conflict("The project has no statuses.", code="no_status")
        first_number = await ProjectRepository(session).take_task_numbers(
            rule.workspace_id, project.id, len(missing)
        )
        position = await task_repo.last_position(rule.workspace_id, project.id)
        assignees = [uuid.UUID(a) for a in rule.assignee_ids]
        calendar = await dates.calendar_for(session, project)
        for offset, day in enumerate(missing):
            task = await task_repo.add(
                Task(
                    workspace_id=rule.workspace_id,
                    project_id=project.id,
                    number=first_number + offset,
                    title=rule.title,
                    description=rule.description,
                    status_id=status.id,
                    priority=rule.priority,
                    start_date=day,
                    duration_days=rule.duration_days,
                    finish_date=dates.finish_of(calendar, day, rule.duration_days),
                    due_date=day,
                    estimate_hours=rule.estimate_hours,
                    scheduling_mode="manual",
                    position=position + offset + 1,
                    recurring_rule_id=rule.id,
                    occurrence_date=day,
                )
            )
            await task_repo.replace_assignees(rule.workspace_id, task.id, assignees)
            events.record_change(
                session,
                principal,
                "task.created",
                task,
                events.created(
                    {
                        "title": rule.title,
                        "start_date": day.isoformat(),
                        "recurring_rule_id": str(rule.id),
                    }
                ),
            )
            created.append(task)
    await repo.mark_materialized(rule, until)
    return created


async def _ongoing_project(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> Project:
    project = await get_project(session, principal, project_id)
    if project.kind != "ongoing":
        raise Conflict("Recurring rules belong to ongoing work.", code="not_ongoing_work")
    ensure_writable(project)
    return project


async def _check_assignees(
    session: AsyncSession, principal: Principal, assignee_ids: list[uuid.UUID]
) -> None:
    known = await TaskRepository(session).known_members(principal.workspace_id, assignee_ids)
    for index, member_id in enumerate(assignee_ids):
        if member_id not in known:
            raise Unprocessable.at(f"/assignee_ids/{index}", "not a member of this workspace")


async def create(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, data: RecurringRuleCreate
) -> RecurringRule:
    project = await _ongoing_project(session, principal, project_id)
    timezone = await ProjectRepository(session).workspace_timezone(principal.workspace_id)
    today = today_in(timezone)
    starts_on = data.starts_on or today
    check_rule(data.rrule, starts_on, today)
    await _check_assignees(session, principal, data.assignee_ids)
    repo = RecurringRuleRepository(session)
    rule = RecurringRule(
        workspace_id=principal.workspace_id,
        project_id=project.id,
        title=data.title,
        rrule=data.rrule.strip().removeprefix("RRULE:"),
        description=data.description,
        starts_on=starts_on,
        priority=data.priority.value,
        assignee_ids=[str(a) for a in data.assignee_ids],
        duration_days=data.duration_days,
        estimate_hours=data.estimate_hours,
    )
    await events.add_created(repo, principal, "recurring_rule.created", rule, RULE_FIELDS)
    await materialise(session, principal, rule, project, today)
    return rule


async def get(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, rule_id: uuid.UUID
) -> RecurringRule:
    rule = await RecurringRuleRepository(session).get_under(
        principal.workspace_id, rule_id, project_id=project_id
    )
    return found(rule, "No such recurring rule.", code="recurring_rule_not_found")


async def page(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, params: PageParams
) -> tuple[list[RecurringRule], str | None]:
    await get_project(session, principal, project_id)
    return await RecurringRuleRepository(session).page_matching(
        principal.workspace_id, params, project_id=project_id
    )


async def update(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    rule_id: uuid.UUID,
    data: RecurringRuleUpdate,
    if_match: str | None,
) -> RecurringRule:
    project = await _ongoing_project(session, principal, project_id)
    rule = check_if_match(if_match, await get(session, principal, project_id, rule_id))
    changes: dict[str, Any] = {
        k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None
    }
    timezone = await ProjectRepository(session).workspace_timezone(principal.workspace_id)
    today = today_in(timezone)
    if "rrule" in changes:
        check_rule(changes["rrule"], rule.starts_on, today)
        changes["rrule"] = changes["rrule"].strip().removeprefix("RRULE:")
    if "assignee_ids" in changes:
        await _check_assignees(session, principal, changes["assignee_ids"])
        changes["assignee_ids"] = [str(a) for a in changes["assignee_ids"]]
    if "priority" in changes:
        changes["priority"] = changes["priority"].value
    # An edit is the owner's answer to a failure: the rule is topped up again.
    changes |= {"failures": 0, "last_error": None, "failed_at": None}
    diff = await events.apply_change(
        session, principal, "recurring_rule.updated", rule, RULE_FIELDS, changes
    )
    if diff:
        if "rrule" in diff:
            await _replan(session, principal, rule, today)
        if rule.active:
            await materialise(session, principal, rule, project, today)
    return rule


async def _replan(
    session: AsyncSession, principal: Principal, rule: RecurringRule, today: date
) -> None:
    """After the rule's dates change: its upcoming tasks that nobody has started and that the
    new rule no longer has are deleted, and the horizon is made again under the new rule."""
    repo = RecurringRuleRepository(session)
    kept = set(occurrences(rule.rrule, rule.starts_on, today, today + HORIZON))
    for task_id, day in await repo.unstarted_occurrences(rule.workspace_id, rule.id, today):
        if day not in kept:
            await tasks.delete(session, principal, str(task_id), None, None)
    await repo.mark_materialized(rule, today - timedelta(days=1))


async def delete(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    rule_id: uuid.UUID,
    if_match: str | None,
) -> None:
    await _ongoing_project(session, principal, project_id)
    rule = check_if_match(if_match, await get(session, principal, project_id, rule_id))
    events.record_deleted(session, principal, "recurring_rule.deleted", rule, RULE_FIELDS)
    repo = RecurringRuleRepository(session)
    await repo.release_tasks(rule)
    await repo.delete(rule)


async def top_up(sessionmaker: async_sessionmaker[AsyncSession], *, batch: int = 100) -> int:
    """Keep every active rule's tasks 30 days ahead; safe to run from several processes.
    Answers how many tasks it created.

    Each rule is topped up in a savepoint of its own: one that fails (a rule stored before
    today's checks, a project without statuses) is rolled back alone, its failure recorded,
    and the batch goes on; after `MAX_FAILURES` runs in a row it is marked failed and left
    alone until someone edits it."""
    created = 0
    failed_now: set[uuid.UUID] = set()
    while True:
        async with sessionmaker() as session:
            repo = RecurringRuleRepository(session)
            # Local dates run at most a day behind UTC, so a rule topped up with its own
            # "today" is never claimed again in this run.
            horizon_floor = utcnow().date() - timedelta(days=1) + HORIZON
            claimed = await repo.claim_for_top_up(horizon_floor, batch, skip=failed_now)
            for rule, project, timezone in claimed:
                # A rolled-back savepoint expires the rule: what the failure needs, read first.
                workspace_id, rule_id, failures = rule.workspace_id, rule.id, rule.failures
                try:
                    async with session.begin_nested():
                        made = await materialise(session, None, rule, project, today_in(timezone))
                        if failures:
                            await repo.record_failures(workspace_id, rule_id, 0, None)
                except Exception as exc:
                    failed_now.add(rule_id)
                    log.warning(
                        "recurring rule failed", extra={"rule_id": str(rule_id)}, exc_info=True
                    )
                    failures += 1
                    given_up = utcnow() if failures >= MAX_FAILURES else None
                    await repo.record_failures(
                        workspace_id, rule_id, failures, _reason(exc), given_up
                    )
                else:
                    created += len(made)
            await session.commit()
        if len(claimed) < batch:
            return created


def _reason(error: Exception) -> str:
    """What a rule's owner can act on: a problem's own words, else the kind of error only (a
    database error's text may quote other statements)."""
    if isinstance(error, Problem):
        return error.detail[:500]
    return f"{type(error).__name__} while creating its tasks"

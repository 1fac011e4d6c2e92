"""Hand-computed schedules on a real calendar (docs/design.md §7).

Calendar: Monday to Friday; Friday 13 March 2026 is a holiday. Working-day indices relative to
the project start, Monday 2 March 2026:

    Mon 2=0  Tue 3=1  Wed 4=2  Thu 5=3  Fri 6=4
    Mon 9=5  Tue 10=6 Wed 11=7 Thu 12=8 (Fri 13 holiday)
    Mon 16=9 Tue 17=10 Wed 18=11 Thu 19=12 Fri 20=13

A task occupies [s, f) with f = s + d; it shows start date(s) and finish date(f - 1).
"""

from collections.abc import Sequence
from datetime import date

from app.scheduling.calendar import WorkingCalendar
from app.scheduling.cpm import (
    Schedule,
    project_finish_date,
    schedule,
    shown_dates,
    task_dates,
)
from app.scheduling.network import LinkType, SchedLink, SchedTask, build_network

CALENDAR = WorkingCalendar({1, 2, 3, 4, 5}, {date(2026, 3, 13): False})
PROJECT_START = date(2026, 3, 2)
BASE = CALENDAR.index_of(PROJECT_START)


def task(
    task_id: str,
    duration: int,
    *,
    manual_start: date | None = None,
    snet: date | None = None,
    fnlt: date | None = None,
    delay: int = 0,
) -> SchedTask:
    return SchedTask(
        id=task_id,
        duration=duration,
        manual=manual_start is not None,
        start=None if manual_start is None else CALENDAR.index_of(manual_start),
        snet=None if snet is None else CALENDAR.index_of(snet),
        fnlt=None if fnlt is None else CALENDAR.index_on_or_before(fnlt),
        delay=delay,
    )


def link(predecessor: str, successor: str, kind: LinkType = "FS", lag: int = 0) -> SchedLink:
    return SchedLink(predecessor, successor, kind, lag)


def plan(
    tasks: Sequence[SchedTask], links: Sequence[SchedLink] = (), start: date = PROJECT_START
) -> Schedule:
    return schedule(build_network(tasks, links), CALENDAR.index_of(start))


def early(result: Schedule, task_id: str) -> tuple[date, date]:
    dates = task_dates(CALENDAR, result.task(task_id))
    return dates.early_start, dates.early_finish


def late(result: Schedule, task_id: str) -> tuple[date, date]:
    dates = task_dates(CALENDAR, result.task(task_id))
    return dates.late_start, dates.late_finish


def march(day: int) -> date:
    return date(2026, 3, day)


# FS


def test_fs_successor_starts_on_next_working_day_after_weekend() -> None:
    # A [0,5) Mon 2-Fri 6; B: s >= 5 -> [5,7) Mon 9-Tue 10
    result = plan([task("A", 5), task("B", 2)], [link("A", "B")])

    assert early(result, "A") == (march(2), march(6))
    assert early(result, "B") == (march(9), march(10))


def test_fs_positive_lag_task_spans_holiday() -> None:
    # A [0,4); B: s >= 4 + 4 = 8 (Thu 12) -> [8,10): finish date(9) = Mon 16, over Fri 13
    result = plan([task("A", 4), task("B", 2)], [link("A", "B", "FS", 4)])

    assert early(result, "B") == (march(12), march(16))


def test_fs_negative_lag_overlaps_predecessor() -> None:
    # A [0,5); B: s >= 5 - 2 = 3 (Thu 5) -> [3,6): Thu 5-Mon 9
    result = plan([task("A", 5), task("B", 3)], [link("A", "B", "FS", -2)])

    assert early(result, "B") == (march(5), march(9))


# SS


def test_ss_zero_lag_starts_with_predecessor() -> None:
    # A snet Wed 4 -> s = 2; B: s >= 2 -> Wed 4
    result = plan([task("A", 3, snet=march(4)), task("B", 1)], [link("A", "B", "SS")])

    assert early(result, "B") == (march(4), march(4))


def test_ss_positive_lag_starts_lag_after_predecessor_start() -> None:
    # A [0,5); B: s >= 0 + 2 = 2 -> [2,5): Wed 4-Fri 6
    result = plan([task("A", 5), task("B", 3)], [link("A", "B", "SS", 2)])

    assert early(result, "B") == (march(4), march(6))


def test_ss_negative_lag_starts_before_predecessor() -> None:
    # A snet Wed 4 -> s = 2; B: s >= 2 - 1 = 1 -> Tue 3
    result = plan([task("A", 3, snet=march(4)), task("B", 1)], [link("A", "B", "SS", -1)])

    assert early(result, "B") == (march(3), march(3))


# FF


def test_ff_zero_lag_finishes_with_predecessor() -> None:
    # A [0,5); B: f >= 5 -> s = 3: [3,5) Thu 5-Fri 6
    result = plan([task("A", 5), task("B", 2)], [link("A", "B", "FF")])

    assert early(result, "B") == (march(5), march(6))


def test_ff_positive_lag_finishes_after_holiday() -> None:
    # A [0,5); B: f >= 5 + 5 = 10 -> [8,10): Thu 12-Mon 16
    result = plan([task("A", 5), task("B", 2)], [link("A", "B", "FF", 5)])

    assert early(result, "B") == (march(12), march(16))


def test_ff_negative_lag_finishes_before_predecessor() -> None:
    # A [0,5); B: f >= 5 - 2 = 3 -> [1,3): Tue 3-Wed 4
    result = plan([task("A", 5), task("B", 2)], [link("A", "B", "FF", -2)])

    assert early(result, "B") == (march(3), march(4))


# SF


def test_sf_zero_lag_finishes_when_predecessor_starts() -> None:
    # A snet Mon 9 -> s = 5; B: f >= 5 -> [3,5): Thu 5-Fri 6
    result = plan([task("A", 5, snet=march(9)), task("B", 2)], [link("A", "B", "SF")])

    assert early(result, "B") == (march(5), march(6))


def test_sf_positive_lag_finishes_lag_after_predecessor_start() -> None:
    # A s = 5; B: f >= 5 + 2 = 7 -> [5,7): Mon 9-Tue 10
    result = plan([task("A", 5, snet=march(9)), task("B", 2)], [link("A", "B", "SF", 2)])

    assert early(result, "B") == (march(9), march(10))


def test_sf_negative_lag_bound_before_project_start_is_held_at_project_start() -> None:
    # A s = 0; B: f >= 0 - 3 -> s >= -5, but the project start (0) is later: [0,2)
    result = plan([task("A", 5), task("B", 2)], [link("A", "B", "SF", -3)])

    assert early(result, "B") == (march(2), march(3))


# Milestones


def test_milestone_after_fs_link_shows_next_working_day() -> None:
    # A [0,5); M: s = 5 (Mon 9), shown Mon 9 twice; MS Project would show Fri 6.
    result = plan([task("A", 5), task("M", 0)], [link("A", "M")])

    assert result.task("M").early_start == result.task("M").early_finish == BASE + 5
    assert early(result, "M") == (march(9), march(9))


def test_milestone_late_dates_show_its_late_start_twice() -> None:
    # F = 5; unlinked M: LF = 5, LS = 5 -> shown Mon 9 twice; total slack 5
    result = plan([task("A", 5), task("M", 0)])

    assert early(result, "M") == (march(2), march(2))
    assert late(result, "M") == (march(9), march(9))
    assert result.task("M").total_slack == 5


def test_successor_of_milestone_starts_on_milestone_day() -> None:
    # M snet Wed 4 -> [2,2); B: s >= 2 -> Wed 4
    result = plan([task("M", 0, snet=march(4)), task("B", 2)], [link("M", "B")])

    assert early(result, "B") == (march(4), march(5))


# Manual tasks


def test_manual_predecessor_drives_auto_successor() -> None:
    # A manual [7,9) Wed 11-Thu 12; B: s >= 9 -> Mon 16 (Fri 13 is a holiday)
    result = plan([task("A", 2, manual_start=march(11)), task("B", 1)], [link("A", "B")])

    assert early(result, "A") == (march(11), march(12))
    assert early(result, "B") == (march(16), march(16))


def test_manual_successor_keeps_its_start_against_a_link() -> None:
    # A [0,5); manual B stays at s = 1 although FS wants s >= 5
    result = plan([task("A", 5), task("B", 1, manual_start=march(3))], [link("A", "B")])

    assert early(result, "B") == (march(3), march(3))


def test_manual_successor_before_link_bound_gives_negative_slacks() -> None:
    # A [0,5), manual B [1,2), F = 5. Free slack A = ES_B - (EF_A + 0) = 1 - 5 = -4.
    # LF_B = 5, LS_B = 4 (slack 3); LF_A = LS_B = 4, LS_A = -1: total slack -1, critical.
    result = plan([task("A", 5), task("B", 1, manual_start=march(3))], [link("A", "B")])

    assert result.task("A").free_slack == -4
    assert result.task("B").total_slack == 3
    assert result.task("A").total_slack == -1
    assert result.task("A").critical


def test_manual_start_on_weekend_means_next_working_day() -> None:
    result = plan([task("A", 1, manual_start=march(7))])

    assert early(result, "A") == (march(9), march(9))


def test_ss_link_bounds_manual_predecessors_late_dates() -> None:
    # Manual A [0,1); B: SS +2 -> [2,3); C [0,10) so F = 10.
    # LF_B = 10, LS_B = 9; LF_A = min(10, LS_B - 2 + d_A = 9 - 2 + 1 = 8): slack 7.
    # (MS Project ignores the SS link for a manual predecessor and shows slack 9.)
    result = plan(
        [task("A", 1, manual_start=march(2)), task("B", 1), task("C", 10)],
        [link("A", "B", "SS", 2)],
    )

    assert result.task("A").late_finish == BASE + 8
    assert result.task("A").total_slack == 7


# Constraints


def test_snet_on_weekend_means_next_working_day() -> None:
    result = plan([task("A", 1, snet=march(7))])

    assert early(result, "A") == (march(9), march(9))


def test_snet_on_holiday_means_next_working_day() -> None:
    result = plan([task("A", 1, snet=march(13))])

    assert early(result, "A") == (march(16), march(16))


def test_snet_later_than_predecessor_bound_sets_start() -> None:
    # A [0,2); FS wants s >= 2, snet Thu 5 wants s >= 3
    result = plan([task("A", 2), task("B", 1, snet=march(5))], [link("A", "B")])

    assert early(result, "B") == (march(5), march(5))


def test_predecessor_bound_later_than_snet_sets_start() -> None:
    # A [0,5); FS wants s >= 5, snet Tue 3 wants s >= 1
    result = plan([task("A", 5), task("B", 1, snet=march(3))], [link("A", "B")])

    assert early(result, "B") == (march(9), march(9))


def test_leveling_delay_counts_working_days_after_the_latest_bound() -> None:
    # A [0,5); FS wants s >= 5 (Mon 9), snet Tue 3; a delay of 4 working days skips Fri 13
    result = plan([task("A", 5), task("B", 1, snet=march(3), delay=4)], [link("A", "B")])

    assert early(result, "B") == (march(16), march(16))


def test_leveling_delay_moves_successors_and_keeps_the_fnlt_violation() -> None:
    # B delayed 2 past A [0,2): [4,6) finishes Mon 9, past its fnlt of Fri 6; C follows it
    result = plan(
        [task("A", 2), task("B", 2, fnlt=march(6), delay=2), task("C", 1)],
        [link("A", "B"), link("B", "C")],
    )

    assert early(result, "C") == (march(10), march(10))
    assert result.violations == ("B",)


def test_manual_task_ignores_a_leveling_delay() -> None:
    result = plan([task("A", 1, manual_start=march(4), delay=3)])

    assert early(result, "A") == (march(4), march(4))


def test_project_start_on_weekend_means_next_working_day() -> None:
    result = plan([task("A", 1)], start=date(2026, 2, 28))

    assert early(result, "A") == (march(2), march(2))


def test_fnlt_violation_is_listed_with_negative_slack_along_the_chain() -> None:
    # A [0,5); B FS [5,8) finishes Wed 11 but fnlt Tue 10: bound 6 + 1 = 7 < 8.
    # LF_B = min(F = 8, 7) = 7, LS_B = 4: slack -1; LF_A = LS_B = 4, LS_A = -1: slack -1.
    result = plan([task("A", 5), task("B", 3, fnlt=march(10))], [link("A", "B")])

    assert result.violations == ("B",)
    assert result.task("B").total_slack == -1
    assert result.task("A").total_slack == -1
    assert result.task("A").critical
    assert result.task("B").critical


def test_fnlt_met_reduces_total_slack() -> None:
    # A [0,2) fnlt Fri 6: bound 4 + 1 = 5; C [0,10) so F = 10. LF_A = 5, LS_A = 3: slack 3.
    result = plan([task("A", 2, fnlt=march(6)), task("C", 10)])

    assert result.violations == ()
    assert result.task("A").total_slack == 3
    assert late(result, "A") == (march(5), march(6))


def test_fnlt_on_weekend_allows_finish_on_preceding_friday() -> None:
    # fnlt Sun 8 -> last working day on or before it is Fri 6 (4): bound 5; A [0,5) fits.
    result = plan([task("A", 5, fnlt=march(8))])

    assert result.violations == ()
    assert result.task("A").late_finish == BASE + 5


# Late dates through each link type


def diamond() -> Schedule:
    # A [0,3) -> B [3,5) -> D [5,6); A -> C [3,4) -> D. F = 6.
    # LS_D = 5; LF_B = 5, LS_B = 3; LF_C = 5, LS_C = 4 (slack 1); LF_A = min(3, 4) = 3.
    return plan(
        [task("A", 3), task("B", 2), task("C", 1), task("D", 1)],
        [link("A", "B"), link("B", "D"), link("A", "C"), link("C", "D")],
    )


def test_shorter_parallel_branch_has_total_slack_and_is_not_critical() -> None:
    result = diamond()

    assert result.project_finish == BASE + 6
    assert [result.task(t).total_slack for t in "ABCD"] == [0, 0, 1, 0]
    assert [result.task(t).critical for t in "ABCD"] == [True, True, False, True]
    assert late(result, "C") == (march(6), march(6))


def test_critical_path_follows_fs_driving_links_to_project_finish() -> None:
    assert diamond().critical_path == ("A", "B", "D")


def test_ss_link_into_long_successor_makes_predecessor_critical() -> None:
    # A [0,2); B SS +1 -> [1,9); F = 9. LS_B = 1; LF_A = min(9, 1 - 1 + 2) = 2: slack 0.
    result = plan([task("A", 2), task("B", 8)], [link("A", "B", "SS", 1)])

    assert result.task("A").late_finish == BASE + 2
    assert result.task("A").total_slack == 0
    assert result.critical_path == ("A", "B")


def test_ff_link_late_finish_is_successor_late_finish_minus_lag() -> None:
    # A [0,3); B FF +2 -> [3,5); C [0,7): F = 7. LF_B = 7 (slack 2); LF_A = 7 - 2 = 5: slack 2.
    result = plan([task("A", 3), task("B", 2), task("C", 7)], [link("A", "B", "FF", 2)])

    assert result.task("B").total_slack == 2
    assert result.task("A").late_finish == BASE + 5
    assert result.task("A").total_slack == 2


def test_sf_link_late_finish_adds_predecessor_duration() -> None:
    # A [0,3); B SF +5 -> f >= 5: [1,5); C [0,8): F = 8.
    # LF_B = 8, LS_B = 4 (slack 3); LF_A = min(8, LF_B - 5 + d_A = 8 - 5 + 3 = 6): slack 3.
    result = plan([task("A", 3), task("B", 4), task("C", 8)], [link("A", "B", "SF", 5)])

    assert result.task("B").total_slack == 3
    assert result.task("A").late_finish == BASE + 6
    assert result.task("A").total_slack == 3


def test_critical_path_follows_ss_and_ff_driving_links() -> None:
    # A [0,4); B SS +1 -> [1,3); C FF +2 from B -> f >= 5: [2,5). F = 5, ended by C.
    # LF_C = 5, LS_C = 2; LF_B = min(5, 5 - 2) = 3, LS_B = 1; LF_A = min(5, 1 - 1 + 4) = 4.
    result = plan(
        [task("A", 4), task("B", 2), task("C", 3)],
        [link("A", "B", "SS", 1), link("B", "C", "FF", 2)],
    )

    assert result.critical_path == ("A", "B", "C")
    assert [result.task(t).total_slack for t in "ABC"] == [0, 0, 0]


# Free slack


def test_free_slack_is_gap_before_successor_start() -> None:
    # A [0,2), B [0,5); C FS from both -> [5,6), F = 6. Free: A 5 - 2 = 3, B 0, C 6 - 6 = 0.
    result = plan([task("A", 2), task("B", 5), task("C", 1)], [link("A", "C"), link("B", "C")])

    assert [result.task(t).free_slack for t in "ABC"] == [3, 0, 0]


def test_free_slack_without_successors_is_gap_to_project_finish() -> None:
    # A [0,2), B [0,5): F = 5, free slack A = 5 - 2 = 3
    result = plan([task("A", 2), task("B", 5)])

    assert result.task("A").free_slack == 3


def test_free_slack_through_ss_link_counts_from_predecessor_start() -> None:
    # A [0,5); B SS +1 -> [1,3); C [0,10): F = 10. Free A = min(10 - 5, 1 - (0 + 1)) = 0.
    result = plan([task("A", 5), task("B", 2), task("C", 10)], [link("A", "B", "SS", 1)])

    assert result.task("A").free_slack == 0
    assert result.task("B").free_slack == 7


def test_free_slack_through_ff_link_compares_finishes() -> None:
    # A [0,3); B FF +2 but snet Thu 12 (8) -> [8,10); F = 10.
    # Free A = min(10 - 3, EF_B - (EF_A + 2) = 10 - 5) = 5.
    result = plan([task("A", 3), task("B", 2, snet=march(12))], [link("A", "B", "FF", 2)])

    assert result.task("A").free_slack == 5


# Project finish and display


def test_project_finish_date_is_milestone_date_when_milestone_ends_last() -> None:
    # A [0,5) shows Fri 6; M FS [5,5) shows Mon 9, the later finish date
    result = plan([task("A", 5), task("M", 0)], [link("A", "M")])

    assert project_finish_date(CALENDAR, result) == march(9)


def test_empty_project_finishes_on_its_start() -> None:
    # Sat 7 -> Mon 9 = 5
    result = plan([], start=date(2026, 3, 7))

    assert result.project_finish == BASE + 5
    assert result.critical_path == ()
    assert project_finish_date(CALENDAR, result) == march(9)


def test_shown_dates_of_multi_day_task_end_on_its_last_working_day() -> None:
    # [4,6) = Fri 6 and Mon 9
    assert shown_dates(CALENDAR, BASE + 4, BASE + 6) == (march(6), march(9))

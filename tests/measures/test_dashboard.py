"""The pure dashboard logic: overdue, due soon, stale, by owner; which reminders are due; roll-up."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from dialogwerk.measures.dashboard import MeasureFacts, ReminderRules, bucket, reminders_due, roll_up

TODAY = datetime.date(2027, 6, 1)


def facts(id=1, *, status="in_progress", due=None, last=TODAY, owner="Frau A", progress=0):
    return MeasureFacts(
        id=id, title=f"M{id}", owner=owner, status=status, due_on=due, last_activity_on=last, progress=progress
    )


def test_a_measure_past_its_due_date_is_overdue_unless_done_or_dropped():
    items = [
        facts(1, due=TODAY - datetime.timedelta(1)),
        facts(2, due=TODAY - datetime.timedelta(1), status="done"),
        facts(3, due=TODAY - datetime.timedelta(1), status="dropped"),
        facts(4, due=TODAY),
    ]
    result = bucket(items, today=TODAY)
    assert [f.id for f in result.overdue] == [1]
    assert [f.id for f in result.due_soon] == [4]


def test_due_soon_means_within_thirty_days_including_the_thirtieth():
    items = [facts(1, due=TODAY + datetime.timedelta(30)), facts(2, due=TODAY + datetime.timedelta(31))]
    assert [f.id for f in bucket(items, today=TODAY).due_soon] == [1]


def test_a_measure_without_a_report_for_sixty_days_is_stale():
    items = [facts(1, last=TODAY - datetime.timedelta(60)), facts(2, last=TODAY - datetime.timedelta(59))]
    assert [f.id for f in bucket(items, today=TODAY).stale] == [1]


def test_owners_with_overdue_measures_come_first_and_the_unnamed_owner_last():
    items = [
        facts(1, owner="", due=TODAY - datetime.timedelta(5)),
        facts(2, owner="Herr B"),
        facts(3, owner="Frau A", due=TODAY - datetime.timedelta(2)),
    ]
    lines = bucket(items, today=TODAY).by_owner
    assert [line.owner for line in lines] == ["Frau A", "Herr B", ""]
    assert lines[0].overdue == 1 and lines[0].total == 1


def test_reminders_are_keyed_by_their_reason():
    rules = ReminderRules(remind_days_before_due=14, stale_after_days=60, check_back_on=TODAY)
    items = [
        facts(1, due=TODAY + datetime.timedelta(10)),
        facts(2, due=TODAY - datetime.timedelta(1), last=TODAY - datetime.timedelta(90)),
        facts(3, status="done", due=TODAY - datetime.timedelta(1)),
    ]
    planned = {(p.measure_id, p.kind, p.key) for p in reminders_due(items, today=TODAY, rules=rules)}
    assert planned == {
        (1, "due_soon", "2027-06-11"),
        (1, "check_back", "2027-06-01"),
        (2, "overdue", "2027-05-31"),
        (2, "stale", "2027-03-03"),
        (2, "check_back", "2027-06-01"),
    }


def test_no_check_back_before_its_day():
    rules = ReminderRules(check_back_on=TODAY + datetime.timedelta(1))
    assert not [p for p in reminders_due([facts(1)], today=TODAY, rules=rules) if p.kind == "check_back"]


def test_roll_up_counts_done_as_complete_and_ignores_dropped():
    assert roll_up([(50, "in_progress"), (0, "done"), (10, "dropped")]) == 75
    assert roll_up([(10, "dropped")]) is None


@given(
    st.lists(st.tuples(st.integers(0, 100), st.sampled_from(["planned", "in_progress", "done", "paused", "dropped"])))
)
def test_roll_up_stays_between_0_and_100(items):
    result = roll_up(items)
    assert result is None or 0 <= result <= 100

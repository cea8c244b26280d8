"""Writes of table plans: make a plan for a session, re-plan the remaining rounds, set the table themes.

The planner runs before the transaction opens (it may take a couple of seconds); the write itself is
short. A re-plan checks that nobody changed the plan meanwhile (its revision), so two moderators
re-planning at once cannot mix their results.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dialogwerk.design.selectors import cafe_tables
from dialogwerk.dialogues.models import Theme
from dialogwerk.dialogues.perspectives import perspective_label
from dialogwerk.live.models import Session
from dialogwerk.preparation.models import Invitation, Registration, RegistrationStatus
from dialogwerk.tenancy import audit
from dialogwerk.tenancy.models import AuditAction

from .models import (
    MAX_PEOPLE,
    MAX_ROUNDS,
    MAX_TABLES,
    NAME_MAX_LENGTH,
    PERSPECTIVE_MAX_LENGTH,
    PlanStatus,
    SeatingAssignment,
    SeatingPerson,
    SeatingPlan,
    Source,
    TableTheme,
)
from .people_text import LineError, PersonLine, parse_people
from .replan import Replan, replan
from .selectors import actor_seat_name

PLAN_SECONDS = 2.0  # the default; settings.SEATING_PLAN_SECONDS overrides it (tests make it short)


@dataclass
class Candidate:
    """Someone to seat, before the plan exists."""

    name: str
    perspective: str = ""
    source: str = Source.MANUAL
    participant_id: int | None = None
    host_table: int | None = None  # 1-based


def _line_message(error: LineError) -> str:
    messages = {
        "too_many_fields": _("Line %(line)s: use at most name; perspective; table."),
        "name_missing": _("Line %(line)s: the name is missing."),
        "name_too_long": _("Line %(line)s: the name is longer than %(max)s characters."),
        "perspective_too_long": _("Line %(line)s: the perspective is longer than %(max)s characters."),
        "table_unreadable": _("Line %(line)s: write the host's table as a number, e.g. “Tisch 3”."),
    }
    limit = PERSPECTIVE_MAX_LENGTH if error.problem == "perspective_too_long" else NAME_MAX_LENGTH
    return messages[error.problem] % {"line": error.line, "max": limit}


def parse_people_text(text: str, *, field: str) -> list[PersonLine]:
    people, errors = parse_people(text or "", name_max=NAME_MAX_LENGTH, perspective_max=PERSPECTIVE_MAX_LENGTH)
    if errors:
        raise ValidationError({field: [_line_message(e) for e in errors]})
    return people


def _invitation_candidates(session: Session) -> list[Candidate]:
    found = []
    for invitation in Invitation.objects.filter(dialogue=session.dialogue, status="accepted").select_related(
        "actor__perspective"
    ):
        actor = invitation.actor
        found.append(
            Candidate(actor_seat_name(actor), actor.perspective.name[:PERSPECTIVE_MAX_LENGTH], Source.INVITATION)
        )
    return found


def _registration_candidates(session: Session) -> list[Candidate]:
    """People who registered on the public event page and hold a place (not the waiting list)."""
    return [
        Candidate(
            r.name[:NAME_MAX_LENGTH],
            perspective_label(r.perspective)[:PERSPECTIVE_MAX_LENGTH] if r.perspective else "",
            Source.REGISTRATION,
        )
        for r in Registration.objects.filter(dialogue=session.dialogue, status=RegistrationStatus.REGISTERED).order_by(
            "created_at", "id"
        )
    ]


def _participant_candidates(session: Session) -> list[Candidate]:
    return [
        Candidate(
            (p.display_name or _("Participant %(number)s") % {"number": p.pk})[:NAME_MAX_LENGTH],
            p.perspective[:PERSPECTIVE_MAX_LENGTH],
            Source.PARTICIPANT,
            participant_id=p.pk,
        )
        for p in session.participants.order_by("created_at", "id")
    ]


def collect_candidates(
    *, session: Session, include_participants: bool, include_invitations: bool, people_text: str
) -> list[Candidate]:
    """Everyone to seat. Typed lines come first (they may name a host); a participant or an accepted
    invitation with the same name as a typed line is that person, but two participants who chose the
    same name are two people (the second gets a number). Hosts named on the session's tables are added
    as hosts unless a typed line gave them a table."""
    by_name: dict[str, Candidate] = {}
    order: list[str] = []

    def add(candidate: Candidate) -> None:
        key = candidate.name.casefold()
        by_name[key] = candidate
        order.append(key)

    for line in parse_people_text(people_text, field="people_text"):
        existing = by_name.get(line.name.casefold())
        if existing is None:
            add(Candidate(line.name, line.perspective, Source.MANUAL, host_table=line.host_table))
        else:  # the same name typed twice: one person, the later line fills in what the first left out
            existing.perspective = existing.perspective or line.perspective
            existing.host_table = existing.host_table or line.host_table
    if include_participants:
        for candidate in _participant_candidates(session):
            existing = by_name.get(candidate.name.casefold())
            if existing is not None and existing.participant_id is None:
                existing.participant_id = candidate.participant_id
                existing.perspective = existing.perspective or candidate.perspective
                continue
            if existing is not None:
                number = 2
                while f"{candidate.name} ({number})".casefold() in by_name:
                    number += 1
                candidate.name = f"{candidate.name} ({number})"[:NAME_MAX_LENGTH]
            add(candidate)
    if include_invitations:
        for candidate in [*_invitation_candidates(session), *_registration_candidates(session)]:
            existing = by_name.get(candidate.name.casefold())
            if existing is None:
                add(candidate)
            else:
                existing.perspective = existing.perspective or candidate.perspective
    for number, _theme, host_name in session_tables(session):
        if not host_name:
            continue
        existing = by_name.get(host_name.casefold())
        if existing is None:
            add(Candidate(host_name[:NAME_MAX_LENGTH], host_table=number))
        elif existing.host_table is None:
            existing.host_table = number
    return [by_name[key] for key in order]


def session_tables(session: Session) -> list[tuple[int, Theme | None, str]]:
    """(number, theme, host name) of the tables to seat at: the dialogue's agenda (its first World Café round
    with tables) when it has tables, otherwise the live session's own tables."""
    rows = cafe_tables(session.dialogue)
    if rows:
        return [(row.number, row.theme, row.host_name) for row in rows]
    return [(t.number, t.theme, t.host_name) for t in session.tables.select_related("theme").order_by("number")]


def _group_map(people: dict[int, str]) -> dict[int, str]:
    """Perspective per person id; people without one form a group each (they mix with everyone)."""
    return {pid: (perspective.casefold() if perspective else f"\0{pid}") for pid, perspective in people.items()}


def _run(**kwargs) -> Replan:
    if kwargs.get("seconds") is None:
        kwargs["seconds"] = getattr(settings, "SEATING_PLAN_SECONDS", PLAN_SECONDS)
    try:
        return replan(**kwargs)
    except ValueError as error:
        raise ValidationError(_("These people cannot be seated this way: %(reason)s") % {"reason": error}) from error


def plan_create(
    *,
    actor,
    session: Session,
    rounds: int,
    table_size: int | None = None,
    tables: int | None = None,
    distinct_tables: bool = True,
    seed: int = 0,
    include_participants: bool = True,
    include_invitations: bool = True,
    people_text: str = "",
    seconds: float | None = None,
    max_iterations: int | None = None,
) -> SeatingPlan:
    """Seat everyone for every round and make the result the session's current plan."""
    errors: dict[str, list[str]] = {}
    if not 1 <= rounds <= MAX_ROUNDS:
        errors.setdefault("rounds", []).append(_("Choose between 1 and %(max)s rounds.") % {"max": MAX_ROUNDS})
    if table_size is None and tables is None:
        tables = len(session_tables(session)) or None  # the agenda's tables, if it has any
    if table_size is None and tables is None:
        errors.setdefault("table_size", []).append(_("Give the number of people per table or the number of tables."))
    if table_size is not None and table_size < 2:
        errors.setdefault("table_size", []).append(_("A table needs at least 2 people."))
    if errors:
        raise ValidationError(errors)
    candidates = collect_candidates(
        session=session,
        include_participants=include_participants,
        include_invitations=include_invitations,
        people_text=people_text,
    )
    n = len(candidates)
    if n < 2:
        raise ValidationError({"people_text": _("There are fewer than 2 people to seat. Type in names, one per line.")})
    if n > MAX_PEOPLE:
        raise ValidationError({"people_text": _("At most %(max)s people can be seated.") % {"max": MAX_PEOPLE}})
    count = tables if tables is not None else math.ceil(n / (table_size or n))  # one of the two is given (above)
    if not 1 <= count <= min(MAX_TABLES, n):
        raise ValidationError({"tables": _("Choose between 1 and %(max)s tables.") % {"max": min(MAX_TABLES, n)}})
    if distinct_tables and rounds > count:
        raise ValidationError(
            {
                "distinct_tables": _(
                    "With %(tables)s tables, at most %(tables)s rounds can each visit a different table."
                )
                % {"tables": count}
            }
        )
    hosts = _hosts({i: c for i, c in enumerate(candidates)}, count, field="people_text")
    result = _run(
        plan=[],
        rounds=rounds,
        tables=count,
        from_round=0,
        present=list(range(n)),
        groups=_group_map({i: c.perspective for i, c in enumerate(candidates)}),
        hosts=hosts,
        distinct_tables=distinct_tables,
        seconds=seconds,
        seed=seed,
        max_iterations=max_iterations,
    )
    with transaction.atomic():
        Session.objects.select_for_update().filter(pk=session.pk).first()  # one plan write per session at a time
        SeatingPlan.objects.filter(session=session, status=PlanStatus.CURRENT).update(status=PlanStatus.SUPERSEDED)
        plan = SeatingPlan(
            session=session,
            rounds=rounds,
            table_count=count,
            table_size=math.ceil(n / count),
            distinct_tables=distinct_tables,
            seed=seed,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        _set_figures(plan, result)
        plan.full_clean()
        plan.save()
        people = SeatingPerson.objects.bulk_create(
            SeatingPerson(
                plan=plan,
                name=c.name,
                perspective=c.perspective,
                source=c.source,
                participant_id=c.participant_id,
                is_host=c.host_table is not None,
                host_table=c.host_table,
                position=i,
            )
            for i, c in enumerate(candidates)
        )
        _write_rounds(plan, result.tables, {i: person.pk for i, person in enumerate(people)}, first_round=0)
        _default_themes(plan)
        audit.record(
            municipality=session.dialogue.municipality,
            actor=actor,
            action=AuditAction.CREATE,
            target=plan,
            changes={"people": n, "rounds": rounds, "tables": count, "repeat_pairs": plan.repeat_pairs},
        )
    return plan


def _hosts(candidates: dict[int, Candidate], count: int, *, field: str) -> dict[int, int]:
    """Person id -> 0-based table for the candidates who host one; every table must exist."""
    errors = [
        _("%(name)s hosts table %(table)s, but there are only %(count)s tables.")
        % {"name": c.name, "table": c.host_table, "count": count}
        for c in candidates.values()
        if c.host_table is not None and c.host_table > count
    ]
    if errors:
        raise ValidationError({field: errors})
    return {i: c.host_table - 1 for i, c in candidates.items() if c.host_table is not None}


def _set_figures(plan: SeatingPlan, result: Replan) -> None:
    plan.repeat_pairs = result.repeat_pairs
    plan.lower_bound = result.lower_bound
    plan.hard_violations = result.hard_violations
    plan.over_represented_tables = result.over_represented_tables
    plan.min_distinct_groups = result.min_distinct_groups


def _write_rounds(plan: SeatingPlan, tables: list, person_pk: dict[int, int], *, first_round: int) -> None:
    SeatingAssignment.objects.bulk_create(
        SeatingAssignment(plan=plan, person_id=person_pk[p], round_index=r, table_number=t + 1)
        for r in range(first_round, len(tables))
        for t, members in enumerate(tables[r])
        for p in members
    )


def _default_themes(plan: SeatingPlan) -> None:
    """Table n gets the theme of table n of the agenda (or else of the live session), otherwise the dialogue's
    themes in turn."""
    by_table = {number: theme.pk for number, theme, _host in session_tables(plan.session) if theme is not None}
    themes = list(plan.session.dialogue.themes.order_by("position", "id").values_list("id", flat=True))
    TableTheme.objects.bulk_create(
        TableTheme(
            plan=plan,
            table_number=number,
            theme_id=by_table.get(number) or (themes[(number - 1) % len(themes)] if themes else None),
        )
        for number in range(1, plan.table_count + 1)
    )


def plan_history(plan: SeatingPlan) -> list[list[list[int]]]:
    """tables[round][table] -> person ids, from the stored seats."""
    tables: list[list[list[int]]] = [[[] for _t in range(plan.table_count)] for _r in range(plan.rounds)]
    for r, t, pid in plan.assignments.values_list("round_index", "table_number", "person_id"):
        if r < plan.rounds and 1 <= t <= plan.table_count:
            tables[r][t - 1].append(pid)
    return tables


def unseated_participants(plan: SeatingPlan) -> list:
    """Participants of the plan's session who joined but are not in the plan (late arrivals on their phones)."""
    linked = plan.people.exclude(participant=None).values_list("participant_id", flat=True)
    return list(plan.session.participants.exclude(pk__in=list(linked)).order_by("created_at", "id"))


def plan_replan(
    *,
    actor,
    plan: SeatingPlan,
    current_round: int,
    no_shows: list[int] | tuple[int, ...] = (),
    late_text: str = "",
    late_participants: list[int] | tuple[int, ...] = (),
    seed: int | None = None,
    expected_revision: int | None = None,
    seconds: float | None = None,
    max_iterations: int | None = None,
) -> SeatingPlan:
    """Keep rounds 1..current_round (nobody seated in the current round moves), drop the no-shows from the
    current round on, seat late arrivals (typed in, or participants who joined on their phones) in the
    current round, and plan the rounds after it.

    `current_round` counts from 1; 0 means the event has not started (everything is planned again).
    """
    if plan.status != PlanStatus.CURRENT:
        raise ValidationError(_("Only the current plan can be re-planned."))
    if not 0 <= current_round <= plan.rounds:
        raise ValidationError({"current_round": _("Choose a round between 0 and %(max)s.") % {"max": plan.rounds}})
    people = {p.pk: p for p in plan.people.all()}
    present = [pk for pk, p in people.items() if p.present]
    if any(pk not in people or not people[pk].present for pk in no_shows):
        raise ValidationError({"no_shows": _("Choose only people who are in the plan.")})
    joinable = {p.pk: p for p in unseated_participants(plan)}
    if any(pk not in joinable for pk in late_participants):
        raise ValidationError({"late_participants": _("Choose only participants who are not in the plan yet.")})
    late = [
        Candidate(line.name, line.perspective, Source.LATE, host_table=line.host_table)
        for line in parse_people_text(late_text, field="late_text")
    ]
    known = {p.name.casefold() for p in people.values() if p.present and p.pk not in no_shows}
    twice = [c.name for c in late if c.name.casefold() in known]
    if twice:
        raise ValidationError({"late_text": _("Already in the plan: %(names)s.") % {"names": ", ".join(twice)}})
    for candidate in _participant_candidates(plan.session):
        if candidate.participant_id in late_participants:
            candidate.source = Source.LATE
            late.append(candidate)
    hosts = {pk: p.host_table - 1 for pk, p in people.items() if p.is_host and p.host_table}
    hosts.update(_hosts({-1 - i: c for i, c in enumerate(late)}, plan.table_count, field="late_text"))
    if not no_shows and not late and current_round == plan.rounds:
        raise ValidationError(_("Nothing to re-plan: the last round has started and nobody came or left."))
    staying = [pk for pk in present if pk not in set(no_shows)]
    late_ids = [-1 - i for i in range(len(late))]
    perspectives = {pk: p.perspective for pk, p in people.items()}
    perspectives.update({-1 - i: c.perspective for i, c in enumerate(late)})
    revision = plan.revision if expected_revision is None else expected_revision
    result = _run(
        plan=plan_history(plan),
        rounds=plan.rounds,
        tables=plan.table_count,
        from_round=current_round,
        present=staying + late_ids,
        groups=_group_map(perspectives),
        hosts=hosts,
        distinct_tables=plan.distinct_tables,
        seconds=seconds,
        seed=plan.seed if seed is None else seed,
        max_iterations=max_iterations,
    )
    with transaction.atomic():
        locked = SeatingPlan.objects.select_for_update().get(pk=plan.pk)
        if locked.revision != revision or locked.status != PlanStatus.CURRENT:
            raise ValidationError(_("Someone changed the plan meanwhile. Please look at it again and re-plan."))
        SeatingPerson.objects.filter(plan=locked, pk__in=list(no_shows)).update(present=False)
        position = max((p.position for p in people.values()), default=-1) + 1
        created = SeatingPerson.objects.bulk_create(
            SeatingPerson(
                plan=locked,
                name=c.name,
                perspective=c.perspective,
                source=Source.LATE,
                participant_id=c.participant_id,
                is_host=c.host_table is not None,
                host_table=c.host_table,
                position=position + i,
            )
            for i, c in enumerate(late)
        )
        person_pk = {pk: pk for pk in people}
        person_pk.update({-1 - i: person.pk for i, person in enumerate(created)})
        first = max(current_round - 1, 0)
        locked.assignments.filter(round_index__gte=first).delete()
        _write_rounds(locked, result.tables, person_pk, first_round=first)
        _set_figures(locked, result)
        locked.replanned_from_round = current_round
        locked.table_size = max((len(m) for rt in result.tables for m in rt), default=locked.table_size)
        locked.revision += 1
        locked.save()
        audit.record(
            municipality=locked.municipality,
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            changes={
                "replanned_after_round": current_round,
                "no_shows": [people[pk].name for pk in no_shows],
                "late_arrivals": [c.name for c in late],
                "repeat_pairs": locked.repeat_pairs,
            },
        )
    return locked


def table_themes_set(*, actor, plan: SeatingPlan, themes: dict[int, Theme | None]) -> SeatingPlan:
    """Set the theme of each table (1-based numbers); themes must belong to the plan's dialogue."""
    errors = {}
    for number, theme in themes.items():
        if not 1 <= number <= plan.table_count:
            errors[f"table_{number}"] = _("There is no table %(number)s.") % {"number": number}
        elif theme is not None and theme.dialogue_id != plan.session.dialogue_id:
            errors[f"table_{number}"] = _("Choose one of the dialogue's themes.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = dict(plan.table_themes.values_list("table_number", "theme__name"))
        for number, theme in themes.items():
            TableTheme.objects.update_or_create(plan=plan, table_number=number, defaults={"theme": theme})
        after = {number: theme.name if theme else None for number, theme in themes.items()}
        changes = audit.diff({str(k): v for k, v in before.items()}, {str(k): v for k, v in after.items()})
        if changes:
            audit.record(
                municipality=plan.municipality, actor=actor, action=AuditAction.UPDATE, target=plan, changes=changes
            )
    return plan

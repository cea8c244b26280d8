"""`dialogwerk seating`: plan World-Café tables from the command line and print the plan as JSON."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dialogwerk.seating.planner import plan_seating
from dialogwerk.seating.problem import SeatingProblem, groups_from_sizes


class Command(BaseCommand):
    help = "Plan who sits at which table in each World-Café round; prints one JSON object."
    # A pure computation: Django's system checks (3 s of CPU at every call) have nothing to check here.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, required=True, help="number of people (0..N-1)")
        parser.add_argument("--table-size", type=int, required=True, help="largest table size")
        parser.add_argument("--rounds", type=int, required=True)
        parser.add_argument("--tables", type=int, help="number of tables (default: ceil(people / table size))")
        parser.add_argument("--groups", help="group sizes in person order, e.g. 10,10,8; must sum to --people")
        parser.add_argument(
            "--hosts",
            nargs="?",
            const="first",
            default="",
            help="hosts who stay at their table: a list of people, e.g. 3,7,12 (the first hosts table 0, the next "
            "table 1 …); alone, person t hosts table t",
        )
        parser.add_argument("--distinct-tables", action="store_true", help="nobody visits a table twice")
        parser.add_argument("--seconds", type=float, default=2.0, help="time limit in seconds (default 2)")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--json", action="store_true", help="print JSON (the only output format)")

    def handle(self, *args: Any, **options: Any) -> None:
        people, size, rounds = options["people"], options["table_size"], options["rounds"]
        if size < 2:
            raise CommandError("--table-size must be at least 2")
        if people < size:
            raise CommandError("--people must be at least --table-size")
        if rounds < 1:
            raise CommandError("--rounds must be at least 1")
        if options["seconds"] <= 0:
            raise CommandError("--seconds must be positive")
        groups = _parse_groups(options["groups"], people) if options["groups"] else None
        tables = options["tables"]
        count = tables if tables is not None else -(-people // size)
        hosts = _parse_hosts(options["hosts"], people, count)
        try:
            problem = SeatingProblem(
                people=people,
                rounds=rounds,
                table_size=size,
                tables=tables,
                groups=groups,
                hosts=hosts,
                distinct_tables=options["distinct_tables"],
            )
            plan = plan_seating(problem, seconds=options["seconds"], seed=options["seed"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        data = plan.to_dict()
        data.update(people=people, table_size=size, rounds=rounds, table_count=count, seed=options["seed"])
        self.stdout.write(json.dumps(data))


def _parse_groups(text: str, people: int) -> tuple[int, ...]:
    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError as error:
        raise CommandError(f"--groups must be comma-separated whole numbers, got {text!r}") from error
    if any(s < 1 for s in sizes):
        raise CommandError("every group in --groups must have at least one person")
    if sum(sizes) != people:
        raise CommandError(f"--groups sum to {sum(sizes)}, but --people is {people}")
    return groups_from_sizes(sizes)


def _parse_hosts(text: str, people: int, tables: int) -> dict[int, int]:
    """person → table: "first" makes person t host table t; "3,7,12" makes 3 host table 0, 7 table 1 …"""
    if not text:
        return {}
    if text == "first":
        return {t: t for t in range(tables)}
    try:
        chosen = [int(part) for part in text.split(",")]
    except ValueError as error:
        raise CommandError(f"--hosts must be comma-separated people (0..{people - 1}), got {text!r}") from error
    if any(not 0 <= person < people for person in chosen):
        raise CommandError(f"every host in --hosts must be one of the people 0..{people - 1}")
    if len(set(chosen)) != len(chosen):
        raise CommandError("a person can host one table only: --hosts names someone twice")
    if len(chosen) > tables:
        raise CommandError(f"--hosts names {len(chosen)} hosts for {tables} tables")
    return {person: table for table, person in enumerate(chosen)}

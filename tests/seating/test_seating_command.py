"""`dialogwerk seating`: JSON plan on good input, clear errors on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from itertools import combinations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def run(*args: str) -> dict:
    out = StringIO()
    call_command("seating", *args, stdout=out)
    return json.loads(out.getvalue())


def test_it_prints_a_plan_with_its_figures_as_json() -> None:
    data = run("--people", "20", "--table-size", "4", "--rounds", "3", "--seconds", "2", "--json")
    assert len(data["tables"]) == 3
    for round_tables in data["tables"]:
        assert sorted(p for t in round_tables for p in t) == list(range(20))
        assert all(len(t) == 4 for t in round_tables)
    together: dict[tuple[int, int], int] = {}
    for round_tables in data["tables"]:
        for t in round_tables:
            for pair in combinations(sorted(t), 2):
                together[pair] = together.get(pair, 0) + 1
    assert data["repeat_pairs"] == sum(c - 1 for c in together.values())
    assert data["lower_bound"] <= data["repeat_pairs"]
    assert isinstance(data["seconds"], float)
    assert "min_distinct_groups" not in data


def test_it_reports_the_fewest_groups_at_a_table_when_given_groups() -> None:
    data = run("--people", "12", "--table-size", "4", "--rounds", "2", "--groups", "4,4,4", "--seed", "3", "--json")
    group = [0] * 4 + [1] * 4 + [2] * 4
    fewest = min(len({group[p] for p in t}) for rt in data["tables"] for t in rt)
    assert data["min_distinct_groups"] == fewest


def test_it_gives_the_same_plan_for_the_same_seed() -> None:
    args = ("--people", "24", "--table-size", "4", "--rounds", "3", "--seed", "5", "--json")
    assert run(*args)["tables"] == run(*args)["tables"]


def test_it_keeps_hosts_and_distinct_tables_when_asked() -> None:
    data = run("--people", "15", "--table-size", "5", "--rounds", "3", "--hosts", "--distinct-tables", "--json")
    assert data["hard_violations"] == 0
    for round_tables in data["tables"]:
        for t, members in enumerate(round_tables):
            assert t in members


def test_hosts_may_be_any_people_each_staying_at_their_table() -> None:
    data = run("--people", "15", "--table-size", "5", "--rounds", "3", "--hosts", "3,7,12", "--json")
    assert data["hard_violations"] == 0
    for round_tables in data["tables"]:
        assert [3 in round_tables[0], 7 in round_tables[1], 12 in round_tables[2]] == [True, True, True]


def test_it_starts_without_djangos_system_checks() -> None:
    """The command only computes: a failing system check (here a trusted origin without its scheme) stops
    `dialogwerk check`, not the planner, which so saves the checks' seconds of CPU at every call."""
    env = {**os.environ, "CSRF_TRUSTED_ORIGINS": "dialog.example.de"}
    command = [sys.executable, "-m", "dialogwerk"]
    check = subprocess.run([*command, "check"], env=env, capture_output=True, text=True, timeout=120)
    assert check.returncode != 0 and "4_0.E001" in check.stderr
    seating = subprocess.run(
        [*command, "seating", "--people", "8", "--table-size", "4", "--rounds", "2", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert seating.returncode == 0, seating.stderr
    assert json.loads(seating.stdout)["tables"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--people", "10", "--table-size", "1", "--rounds", "2"), "table-size"),
        (("--people", "3", "--table-size", "4", "--rounds", "2"), "--people"),
        (("--people", "10", "--table-size", "2", "--rounds", "0"), "--rounds"),
        (("--people", "10", "--table-size", "2", "--rounds", "2", "--groups", "4,4"), "sum to 8"),
        (("--people", "10", "--table-size", "2", "--rounds", "2", "--groups", "5,x"), "whole numbers"),
        (("--people", "10", "--table-size", "2", "--rounds", "2", "--groups", "10,0"), "at least one"),
        (("--people", "10", "--table-size", "5", "--rounds", "3", "--distinct-tables"), "distinct"),
        (("--people", "10", "--table-size", "5", "--rounds", "3", "--seconds", "0"), "seconds"),
        (("--people", "10", "--table-size", "5", "--rounds", "3", "--hosts", "1,x"), "comma-separated people"),
        (("--people", "10", "--table-size", "5", "--rounds", "3", "--hosts", "1,10"), "one of the people 0..9"),
        (("--people", "10", "--table-size", "5", "--rounds", "3", "--hosts", "1,1"), "twice"),
        (("--people", "10", "--table-size", "5", "--rounds", "3", "--hosts", "1,2,3"), "3 hosts for 2 tables"),
    ],
)
def test_it_rejects_bad_input_with_a_clear_error(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("seating", *args, stdout=StringIO())

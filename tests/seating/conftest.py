"""Fixtures for the table plan app: a World-Café session of the dialogue and a small plan of it."""

import pytest

from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method
from dialogwerk.seating import services

PEOPLE = "\n".join(
    f"{name}; {perspective}"
    for name, perspective in [
        ("Jürgen Öztürk", "Verwaltung"),
        ("Anna Weber", "Ehrenamt"),
        ("Samir Haddad", "Geflüchtete"),
        ("Olena Koval", "Geflüchtete"),
        ("Heinz Müller", "Nachbarschaft"),
        ("Petra Schäfer", "Wirtschaft"),
        ("Lina Groß", "Bildung"),
        ("Tobias Kern", "Politik"),
        ("Mariam Rahimi", "Geflüchtete"),
        ("Ute Brandt", "Kirchen"),
        ("Klaus Vogel", "skeptische Bürger"),
        ("Sevgi Aydın", "Nachbarschaft"),
    ]
)


@pytest.fixture
def cafe(dialogue, consultant):
    return live_services.session_create(
        actor=consultant, dialogue=dialogue, title="Welt-Café am Abend", method=Method.WORLD_CAFE, rounds=3
    )


@pytest.fixture
def plan(cafe, consultant):
    return services.plan_create(
        actor=consultant, session=cafe, rounds=3, table_size=4, people_text=PEOPLE, seed=1, max_iterations=2000
    )


@pytest.fixture(autouse=True)
def quick_planner(settings):
    """Plans in tests stop after half a second (the figures stay honest, only the search is shorter)."""
    settings.SEATING_PLAN_SECONDS = 0.5

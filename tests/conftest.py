"""Shared fixtures: two municipalities, and a user for each role in the first plus an outsider.

Every feature is tested as a member with the right role, a member with the wrong role, and a member of
another municipality (who must learn nothing: 404).
"""

import contextlib
import datetime
import os
import uuid

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.db import connections
from hypothesis import settings as hypothesis_settings

from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.tenancy.models import Membership, Municipality, Role, User

PASSWORD = "correct-horse-battery"

# Tests close a database connection when its request ends (and so do the servers they start): one kept open
# by a server thread would keep PostgreSQL from dropping the test database. tests/live/test_page_threads.py
# keeps them, as deployed.
os.environ["CONN_MAX_AGE"] = "0"
connections["default"].settings_dict["CONN_MAX_AGE"] = 0

# `make test` runs the suite on several processes (pytest-xdist), each with a test database of its own, where ids
# and join codes repeat: with Redis, every process keeps its own cache keys and channel groups, or one process's
# vote 1 would take the other's tally claim and a wall of one would hear the other's cards.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
if _XDIST_WORKER and django_settings.REDIS_URL:
    for _layer in django_settings.CHANNEL_LAYERS.values():
        _layer["CONFIG"]["prefix"] = f"{_layer['CONFIG']['prefix']}-{_XDIST_WORKER}"
    django_settings.CACHES["default"]["KEY_PREFIX"] = (
        f"{django_settings.CACHES['default']['KEY_PREFIX']}-{_XDIST_WORKER}"
    )
    with contextlib.suppress(AttributeError):  # the cache made at start-up, with the shared prefix
        del caches["default"]

# The same examples on every run: CI must not pass or fail by chance. Explore more locally with
# `--hypothesis-profile=explore`. No deadline: a time limit per example is a timed assertion, and on a busy
# machine an example took longer than Hypothesis's 200 ms and failed a correct property.
hypothesis_settings.register_profile("dialogwerk", derandomize=True, print_blob=True, deadline=None)
hypothesis_settings.register_profile("explore", derandomize=False, max_examples=500, deadline=None)
hypothesis_settings.load_profile("dialogwerk")


def make_user(email: str, municipality: Municipality | None = None, role: str | None = None) -> User:
    user = User.objects.create_user(
        username=email, email=email, password=PASSWORD, first_name=email.split("@")[0].title()
    )
    if municipality is not None:
        Membership.objects.create(user=user, municipality=municipality, role=role)
    return user


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """PostgreSQL drops a test database only when no one else is connected to it. Threads of this process (the
    live API's database threads, the page threads, asgiref's) keep their connections open, and a stopped server
    process's backends take a moment to end: end them all before pytest-django drops the database, or it is
    left behind with "being accessed by other users"."""
    yield
    with django_db_blocker.unblock():
        if connections["default"].vendor == "postgresql":
            with connections["default"].cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture(autouse=True)
def fresh_rate_limits(settings):
    """Every test counts from zero: with Redis the counters would outlive the run (and the last run)."""
    settings.RATE_LIMIT_NAMESPACE = f"rl-test-{uuid.uuid4().hex}"


@pytest.fixture
def municipality(db) -> Municipality:
    return Municipality.objects.create(name="Kommune A", ags="08000001", district="Kreis A", population=12000)


@pytest.fixture
def other_municipality(db) -> Municipality:
    return Municipality.objects.create(name="Kommune B", ags="08000002", district="Kreis B", population=8000)


@pytest.fixture
def consultant(municipality) -> User:
    return make_user("consultant@a.example", municipality, Role.CONSULTANT)


@pytest.fixture
def admin_user(municipality) -> User:
    return make_user("admin@a.example", municipality, Role.MUNICIPALITY_ADMIN)


@pytest.fixture
def moderator(municipality) -> User:
    return make_user("moderator@a.example", municipality, Role.MODERATOR)


@pytest.fixture
def steering_member(municipality) -> User:
    return make_user("steering@a.example", municipality, Role.STEERING_MEMBER)


@pytest.fixture
def outsider(other_municipality) -> User:
    """An administrator of Kommune B: full rights there, none in Kommune A."""
    return make_user("admin@b.example", other_municipality, Role.MUNICIPALITY_ADMIN)


# The test dialogue's event day, three weeks ahead of the real today: invitations refuse a past event, so
# a fixed date would break the suite once it passed.
EVENT_DAY = datetime.date.today() + datetime.timedelta(days=21)


@pytest.fixture
def dialogue(municipality, consultant):
    return dialogue_create(
        actor=consultant,
        municipality=municipality,
        title="Zusammenleben in Kommune A",
        starts_on=EVENT_DAY,
        ends_on=EVENT_DAY,
        expected_participants=60,
    )


@pytest.fixture
def client_for(client):
    """Log a user in on the test client: `client_for(consultant).get(...)`."""

    def login(user: User):
        client.force_login(user)
        return client

    return login


def pytest_collection_modifyitems(session, config, items):
    # Browser tests last: Playwright's sync API keeps an event loop running in the main thread, and
    # async_to_sync (the live wall's broadcasts) refuses to run in a thread that has one.
    items.sort(key=lambda item: "/e2e/" in str(item.fspath))

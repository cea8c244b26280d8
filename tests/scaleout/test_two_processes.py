"""Scale-out (issue #5, item 2): two app processes share PostgreSQL and Redis, two task workers share the queue.

- a card written through process A reaches a wall connected to process B (Redis channel layer);
- dots sent at the same moment through A and B by one participant respect one budget (database locks
  and the slot constraint, not process memory);
- the reminder task queued twice, with two workers running, sends each reminder once.
"""

import asyncio
import datetime
import json
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest

from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method, Vote
from dialogwerk.measures import services as measure_services
from dialogwerk.measures.models import SentReminder
from dialogwerk.measures.tasks import send_reminders

from .conftest import scaleout_skip_reason

_reason = scaleout_skip_reason()
pytestmark = [
    pytest.mark.skipif(_reason is not None, reason=_reason or ""),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("drained_queue"),
]


def call(
    base_url: str, method: str, path: str, payload=None, token: str | None = None, key: str | None = None
) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if key:
        headers["Idempotency-Key"] = key
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(f"{base_url}{path}", data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def join(base_url: str, code: str, name: str) -> str:
    status, body = call(
        base_url, "POST", f"/api/v1/live/{code}/participants", {"display_name": name, "language": "de", "consent": True}
    )
    assert status == 201, body
    return body["participant_token"]


@pytest.fixture
def live_session(dialogue, moderator):
    return live_services.session_create(
        actor=moderator, dialogue=dialogue, title="Abend im Rathaus", method=Method.WORLD_CAFE
    )


def test_a_card_written_through_a_reaches_a_wall_on_b(cluster, live_session):
    import websockets

    code = live_session.code
    theme = live_session.dialogue.themes.order_by("position").first()
    ws_url = cluster["b"].replace("http://", "ws://") + f"/ws/live/{code}/"

    async def scenario():
        async with websockets.connect(ws_url, origin=cluster["b"], open_timeout=10) as wall:
            token = await asyncio.to_thread(join, cluster["a"], code, "Amal")
            started = time.monotonic()
            status, card = await asyncio.to_thread(
                call,
                cluster["a"],
                "POST",
                f"/api/v1/live/{code}/contributions",
                {"kind": "idea", "theme": theme.pk, "text": "Sprachcafé im Rathaus"},
                token,
                str(uuid.uuid4()),
            )
            assert status == 201, card
            deadline = time.monotonic() + 10
            while True:  # other events (a stray one on a shared Redis) are skipped, not failed on
                message = json.loads(await asyncio.wait_for(wall.recv(), timeout=max(0.1, deadline - time.monotonic())))
                if message.get("kind") == "card" and message["data"].get("id") == card["id"]:
                    return card, message, time.monotonic() - started

    card, message, seconds = asyncio.run(scenario())
    assert message["data"]["text"] == "Sprachcafé im Rathaus" and isinstance(message["id"], int)
    assert seconds < 10


def test_a_wall_that_heard_nothing_for_a_while_still_gets_the_next_card(cluster, live_session):
    """A quiet moment in the hall, longer than the channel layer's blocking wait for Redis (5 s, also
    redis-py 8's default read timeout), must cost the wall neither its socket nor the next card."""
    import websockets
    from channels_redis.core import RedisChannelLayer

    code = live_session.code
    theme = live_session.dialogue.themes.order_by("position").first()
    token = join(cluster["a"], code, "Lina")
    ws_url = cluster["b"].replace("http://", "ws://") + f"/ws/live/{code}/"

    async def scenario():
        async with websockets.connect(ws_url, origin=cluster["b"], open_timeout=10, ping_interval=None) as wall:
            await asyncio.sleep(RedisChannelLayer.brpop_timeout + 2)  # nobody writes
            status, card = await asyncio.to_thread(
                call,
                cluster["a"],
                "POST",
                f"/api/v1/live/{code}/contributions",
                {"kind": "idea", "theme": theme.pk, "text": "Nach der Pause"},
                token,
                str(uuid.uuid4()),
            )
            assert status == 201, card
            deadline = time.monotonic() + 10
            while True:
                message = json.loads(await asyncio.wait_for(wall.recv(), timeout=max(0.1, deadline - time.monotonic())))
                if message.get("kind") == "card" and message["data"].get("id") == card["id"]:
                    return message

    message = asyncio.run(scenario())
    assert message["data"]["text"] == "Nach der Pause"


def test_dots_through_both_processes_respect_one_budget(cluster, live_session, moderator):
    code = live_session.code
    theme = live_session.dialogue.themes.order_by("position").first()
    author, _token = live_services.participant_join(session=live_session, display_name="Autor", consent=True)
    cards = [
        live_services.contribution_submit(
            session=live_session,
            participant=author,
            kind="idea",
            theme_id=theme.pk,
            text=f"Idee {i}",
            idempotency_key=f"card-{i}",
        )[0]
        for i in range(8)
    ]
    live_services.voting_open(actor=moderator, session=live_session, title="Punkte", all_cards=True, budget=3)
    token = join(cluster["a"], code, "Sami")

    # 8 dots at once, alternating A and B, each on another card: exactly 3 may land.
    barrier = threading.Barrier(len(cards))
    results: list[tuple[str, int, dict]] = []
    lock = threading.Lock()

    def place(index: int, card_id: int) -> None:
        server = "a" if index % 2 == 0 else "b"
        barrier.wait(timeout=20)
        status, body = call(
            cluster[server], "POST", f"/api/v1/live/{code}/votes", {"contribution": card_id}, token, f"dot-{index}"
        )
        with lock:
            results.append((server, status, body))

    threads = [threading.Thread(target=place, args=(i, card.pk)) for i, card in enumerate(cards)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    statuses = sorted(status for _server, status, _body in results)
    assert statuses == [201, 201, 201, 409, 409, 409, 409, 409], results
    placed = Vote.objects.filter(
        voting__session=live_session, participant__display_name="Sami", withdrawn_at__isnull=True
    )
    assert placed.count() == 3
    assert sorted(placed.values_list("slot", flat=True)) == [0, 1, 2]

    # A replay of an accepted dot through the other process answers 200 and adds nothing.
    accepted_server, _status, accepted = next(r for r in results if r[1] == 201)
    accepted_index = next(i for i, card in enumerate(cards) if card.pk == accepted["contribution"])
    other = "b" if accepted_server == "a" else "a"
    status, body = call(
        cluster[other],
        "POST",
        f"/api/v1/live/{code}/votes",
        {"contribution": accepted["contribution"]},
        token,
        f"dot-{accepted_index}",
    )
    assert status == 200 and body["id"] == accepted["id"]
    assert placed.count() == 3


def _mails(mail_dir) -> list[str]:
    """Subjects of every message the workers wrote (the file backend writes one file per connection)."""
    subjects = []
    for path in sorted(mail_dir.iterdir()):
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("Subject: "):
                subjects.append(line.removeprefix("Subject: "))
    return subjects


def _wait_finished(results, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    for result in results:
        while True:
            result.refresh()
            if result.is_finished:
                break
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"task {result.id} still {result.status} after {timeout}s; see var/scaleout/*/worker-*.log"
                )
            time.sleep(0.2)


def test_two_workers_send_a_reminder_once(cluster, dialogue, consultant):
    for process, _log in cluster["workers"]:
        assert process.poll() is None, "a worker died; see var/scaleout/*/worker-*.log"
    for path in cluster["mail_dir"].iterdir():
        path.unlink()
    measure_services.measure_create(
        actor=consultant,
        dialogue=dialogue,
        title="Sprachcafé",
        responsible_email="kaya@a.example",
        due_on=datetime.date(2027, 1, 31),
    )
    # Queued twice on the same day (cron twice, or two schedulers): both workers may run one each at once.
    results = [send_reminders.enqueue(today="2027-02-01") for _ in range(2)]
    _wait_finished(results)

    assert [r.status for r in results] == ["SUCCESSFUL", "SUCCESSFUL"], [(r.status, r.errors) for r in results]
    rows = list(SentReminder.objects.filter(measure__dialogue=dialogue).values_list("kind", "recipient"))
    assert rows and ("overdue", "kaya@a.example") in rows
    assert len(rows) == len(set(rows))
    subjects = _mails(cluster["mail_dir"])
    # One digest per person and run, whichever worker sent it; no reminder recorded or mailed twice.
    assert len(subjects) == len({recipient for _kind, recipient in rows}), subjects
    assert sum(r.return_value for r in results) == len(rows)

"""Benchmark of the live event: N simulated participants join, write cards and place dots through the
participant API while wall clients listen on the WebSocket.

Run: .venv/bin/python bench/bench_live.py [--participants 300] [--kill] [--quick]
SQLite (a fresh file, one app process) unless DATABASE_URL is set; with DATABASE_URL and REDIS_URL it
starts two app processes that share the wall through Redis (participants and walls spread over both).
--kill SIGKILLs an app process when 40 % of the cards are written and restarts it; clients retry with the
same idempotency keys, walls reconnect and catch up. --failover (with several processes): a client whose
process does not answer moves on to the next one, as behind the reference deployment's proxy (nginx
passes a request whose connection is refused to the next upstream). --proxy: the clients go through nginx
itself, configured from deploy/nginx/dialogwerk.conf (plain HTTP; needs `apt-get install nginx-light`).
Prints one JSON object.

Figures: writes/s; card submit latency p50/p95/p99 (first attempt; with --kill also including retries);
time from sending a card until every wall has it; acknowledged cards lost or stored twice; cards missing
on a wall or shown twice. Only the standard library and `websockets` (already a dependency of uvicorn).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import random
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import websockets

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


TRANSLATION_LANGUAGE = "ar"  # the bench's cards are German; the interpreter writes them in Arabic


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentiles(values: list[float]) -> dict:
    if not values:
        return {}
    ordered = sorted(values)

    def pick(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)

    return {
        "p50": pick(0.50),
        "p95": pick(0.95),
        "p99": pick(0.99),
        "max": round(ordered[-1] * 1000, 1),
        "n": len(values),
    }


def django(env: dict, code: str, stdin: str = "") -> str:
    """Run a snippet with Django set up against the benchmark's database; returns its stdout."""
    prelude = "import django, os, sys, json\ndjango.setup()\n"
    result = subprocess.run(
        [PY, "-c", prelude + code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "dialogwerk.settings"},
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def machine_busy_seconds() -> tuple[float, float]:
    """CPU seconds all cores spent on anything but idle and I/O wait since boot, and of those the seconds the
    hypervisor gave this machine's cores to other machines ("steal"; Linux /proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    return (sum(fields[:8]) - fields[3] - fields[4]) / tick, fields[7] / tick


def service_cpu_seconds(database: str) -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend serving `database` and of redis-server, by pid (Linux /proc;
    a backend names its database in its process title)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if (database and title.startswith("postgres:") and f" {database} " in title) or "redis-server" in title:
            found[int(entry.name)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return found


def wait_healthy(port: int, process: subprocess.Popen, seconds: float, what: str, log: Path) -> None:
    """Until /healthz on the port answers 200; an error naming `log` if the process ends or time runs out."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start; see {log}") from None
            time.sleep(0.1)


class Server:
    def __init__(self, port: int, env: dict, log_path: Path, extra: list[str] | None = None):
        self.port, self.env, self.log_path, self.process = port, env, log_path, None
        self.extra = extra or []
        self.cpu_of_killed = 0.0

    def start(self) -> None:
        log = open(self.log_path, "a")
        self.process = subprocess.Popen(
            [
                PY,
                "-m",
                "uvicorn",
                "dialogwerk.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
                "--lifespan",
                "off",
                "--no-access-log",  # as deploy/ runs it: the app writes its own access lines
                *self.extra,
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        print(f"app process {self.process.pid} on port {self.port}", file=sys.stderr)  # e.g. for py-spy
        wait_healthy(self.port, self.process, 60, f"server on port {self.port}", self.log_path)

    def cpu_seconds(self) -> float:
        """User + system CPU time of the app process so far, a killed predecessor included (Linux /proc)."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return self.cpu_of_killed
        return self.cpu_of_killed + (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def runqueue_wait_seconds(self) -> float:
        """Time the app's threads spent ready to run but waiting for a core (Linux schedstat), threads alive
        now only: short-lived request threads are missed, so this is a lower bound."""
        total = 0.0
        for task in Path(f"/proc/{self.process.pid}/task").glob("*"):
            try:
                total += int((task / "schedstat").read_text().split()[1]) / 1e9
            except (OSError, IndexError, ValueError):
                continue
        return total

    def kill(self) -> None:
        self.cpu_of_killed = self.cpu_seconds()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()


class Proxy:
    """nginx in front of the app processes, configured as the reference deployment (deploy/nginx): its
    `location` blocks for /ws/ and / are taken from that file; plain HTTP on a local port instead of TLS."""

    REFERENCE = ROOT / "deploy" / "nginx" / "dialogwerk.conf"

    def __init__(self, port: int, upstream_ports: list[int], workdir: Path, sockets: int):
        self.port, self.workdir, self.process = port, workdir / "nginx", None
        self.workdir.mkdir(exist_ok=True)
        reference = self.REFERENCE.read_text()
        locations = re.findall(r"\n    (location (?:/ws/|/) \{.*?\n    \})", reference, flags=re.S)
        if len(locations) != 2:
            raise SystemExit(f"{self.REFERENCE}: expected the 'location /ws/' and 'location /' blocks")
        servers = "".join(f"        server 127.0.0.1:{p};\n" for p in upstream_ports)
        # Two connections per socket (client side and upstream side), and some for the requests.
        connections = 2 * sockets + 1024
        self.config = self.workdir / "nginx.conf"
        self.config.write_text(
            f"""daemon off;
worker_processes 1;
worker_rlimit_nofile {connections + 64};
pid {self.workdir}/nginx.pid;
error_log {self.workdir}/error.log warn;
events {{ worker_connections {connections}; }}
http {{
    access_log off;
    client_body_temp_path {self.workdir}/body;
    proxy_temp_path {self.workdir}/proxy;
    upstream dialogwerk {{
{servers}        keepalive 32;
    }}
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      '';
    }}
    server {{
        listen 127.0.0.1:{port};
    {chr(10).join(locations)}
    }}
}}
"""
        )

    def start(self) -> None:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise SystemExit("--proxy needs nginx (Debian: apt-get install nginx-light)")
        log = open(self.workdir / "nginx.out", "a")
        self.process = subprocess.Popen(
            [nginx, "-p", str(self.workdir), "-c", str(self.config)], stdout=log, stderr=subprocess.STDOUT
        )
        print(f"nginx {self.process.pid} on port {self.port}", file=sys.stderr)
        wait_healthy(self.port, self.process, 10, "nginx", self.workdir)

    def cpu_seconds(self) -> float:
        """nginx's CPU time: the master and its worker (Linux /proc)."""
        total = 0.0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(entry.name) == self.process.pid or int(fields[1]) == self.process.pid:
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # nginx: finish and stop
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


class NetworkError(Exception):
    pass


class Http:
    """A keep-alive HTTP/1.1 connection per participant, like a phone (stdlib asyncio only)."""

    KEEP_ALIVE = 4.0  # uvicorn closes idle connections after 5 s; a browser then simply opens a new one

    def __init__(self, port: int):
        self.port, self.reader, self.writer, self.last_used = port, None, None, 0.0

    async def close(self) -> None:
        if self.writer:
            self.writer.close()
        self.reader = self.writer = None

    async def request(
        self, method: str, path: str, body: dict | None = None, headers: dict | None = None
    ) -> tuple[int, dict]:
        try:
            return await asyncio.wait_for(self._request(method, path, body, headers or {}), timeout=30)
        except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, ValueError, ConnectionError) as error:
            await self.close()
            raise NetworkError(str(error)) from None

    async def _request(self, method, path, body, headers):
        if self.writer is not None and time.monotonic() - self.last_used > self.KEEP_ALIVE:
            await self.close()
        self.last_used = time.monotonic()
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        payload = json.dumps(body).encode() if body is not None else b""
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: 127.0.0.1:{self.port}",
            "Connection: keep-alive",
            f"Content-Length: {len(payload)}",
        ]
        if body is not None:
            lines.append("Content-Type: application/json")
        lines += [f"{k}: {v}" for k, v in headers.items()]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + payload)
        await self.writer.drain()
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        response_headers = {}
        while True:
            line = await self.reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            name, _, value = line.decode("latin-1").partition(":")
            response_headers[name.strip().lower()] = value.strip()
        if "content-length" in response_headers:
            data = await self.reader.readexactly(int(response_headers["content-length"]))
        elif response_headers.get("transfer-encoding") == "chunked":
            data = b""
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).strip(), 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                data += chunk[:-2]
        else:
            data = b""
        if response_headers.get("connection", "").lower() == "close":
            await self.close()
        self.last_used = time.monotonic()
        return status, (json.loads(data) if data.strip() else {})


class Run:
    def __init__(self, args, ports: list[int], code: str, servers: list[Server], database: str = ""):
        self.args, self.ports, self.code, self.servers, self.database = args, ports, code, servers, database
        self.sent_at: dict[int, float] = {}
        self.acked_at: dict[int, float] = {}
        self.acked: list[tuple[int, str, int]] = []  # (participant id, key, card id)
        self.first_attempt: list[float] = []
        self.card_times_by_10s: dict[int, list[float]] = {}
        self.writes_by_10s: collections.Counter[int] = collections.Counter()
        self.dot_times: list[float] = []  # a dot placed (or refused over budget), first attempt
        self.with_retries: list[float] = []
        self.retries = 0
        self.errors: dict[str, int] = {}
        self.close_reasons: dict[str, int] = {}  # why screens reconnected: the server's close code, or the error
        self.dots = {"placed": 0, "refused_over_budget": 0, "other_refused": 0}
        self.walls: list[dict] = []
        self.phones: list[dict] = []  # participants' own sockets (the participant page listens too)
        self.expected_cards = args.participants * args.cards
        self.killed = None
        self.writes_done = asyncio.Event()
        self.translation_sent: dict[int, float] = {}  # card id → when the interpreter's translation was sent
        self.step_sent: dict[int, float] = {}  # step index → when the moderator's control was sent
        self.proxy: Proxy | None = None  # with --proxy the clients reach the app processes through nginx

    async def send(self, http: Http, method: str, path: str, body, headers) -> tuple[int, dict, float, int]:
        """Send until the server answers (not 5xx); the same idempotency key on every retry."""
        started = time.perf_counter()
        attempts = 0
        while True:
            attempts += 1
            try:
                status, data = await http.request(method, path, body, headers)
                if status < 500:
                    return status, data, started, attempts
                self.errors[str(status)] = self.errors.get(str(status), 0) + 1
            except NetworkError as error:
                key = type(error).__name__
                self.errors[key] = self.errors.get(key, 0) + 1
                if self.args.failover:
                    http.port = self.next_port(http.port)
            self.retries += 1
            await asyncio.sleep(min(2.0, 0.2 * attempts) + random.random() * 0.2)

    async def participant(self, index: int) -> None:
        port = self.ports[index % len(self.ports)]
        http = Http(port)
        api = f"/api/v1/live/{self.code}"
        await asyncio.sleep(random.uniform(0, self.args.spread * 0.2))
        status, data, _, _ = await self.send(
            http, "POST", f"{api}/participants", {"display_name": f"P{index}", "language": "de", "consent": True}, {}
        )
        token = data["participant_token"]
        participant_id = data["participant"]["id"]
        auth = {"Authorization": f"Bearer {token}"}
        for number in range(self.args.cards):
            await asyncio.sleep(random.uniform(0, self.args.spread / self.args.cards))
            key = uuid.uuid4().hex
            body = {
                "kind": random.choice(["situation", "field_of_action", "conflict", "idea"]),
                "theme": random.choice(self.themes),
                "text": f"Karte {number} von Teilnehmer {index}: {uuid.uuid4().hex[:12]}",
            }
            status, card, started, attempts = await self.send(
                http, "POST", f"{api}/contributions", body, {**auth, "Idempotency-Key": key}
            )
            self.writes_by_10s[int((started - self.started) // 10)] += 1
            elapsed = time.perf_counter() - started
            if status not in (200, 201):
                self.errors[f"card_{status}"] = self.errors.get(f"card_{status}", 0) + 1
                continue
            self.sent_at.setdefault(card["id"], started)
            self.acked_at.setdefault(card["id"], time.perf_counter())
            self.acked.append((participant_id, key, card["id"]))
            (self.first_attempt if attempts == 1 else self.with_retries).append(elapsed)
            self.card_times_by_10s.setdefault(int((started - self.started) // 10), []).append(elapsed)
        # Dots: the budget (5) on distinct cards written so far, then one more that must be refused.
        candidates = random.sample([card for _p, _k, card in self.acked], min(len(self.acked), self.args.dots + 1))
        for card_id in candidates:
            status, data, started, attempts = await self.send(
                http, "POST", f"{api}/votes", {"contribution": card_id}, {**auth, "Idempotency-Key": uuid.uuid4().hex}
            )
            if attempts == 1:
                self.dot_times.append(time.perf_counter() - started)
            self.writes_by_10s[int((started - self.started) // 10)] += 1
            if status in (200, 201):
                self.dots["placed"] += 1
            elif status == 409:  # distinct cards: a 409 means the budget is spent
                self.dots["refused_over_budget"] += 1
            else:
                self.dots["other_refused"] += 1
        await http.close()

    async def screen(self, port: int, start_id: int, phone: bool = False) -> None:
        """A wall, or with `phone` a participant's phone (`?for=phone`, as the participant page listens)."""
        record = {
            "port": port,
            "seen": {},
            "steps": {},
            "duplicates": 0,
            "reconnects": 0,
            "gap_fills": 0,
            "frames": 0,
            "bytes": 0,
            "messages": 0,
        }
        (self.phones if phone else self.walls).append(record)
        last = start_id
        ahead: dict[int, int] = {}  # events that came before their predecessor: id → the id before it
        gap_since = None
        audience = "&for=phone" if phone else ""

        async def ask_for_gap(ws) -> None:
            nonlocal gap_since
            gap_since = time.perf_counter()
            record["gap_fills"] += 1
            # Exactly the missing range, as socket.js asks for it.
            await ws.send(json.dumps({"type": "since", "id": last, "until": max(ahead.values())}))

        while not self.stop_walls.is_set():
            try:
                async with websockets.connect(
                    f"ws://127.0.0.1:{port}/ws/live/{self.code}/?since={last}{audience}",
                    origin=f"http://127.0.0.1:{port}",
                    max_size=None,
                    open_timeout=10,
                    ping_interval=None,
                ) as ws:
                    record.setdefault("connected", time.perf_counter())
                    while not self.stop_walls.is_set():
                        try:
                            raw = await asyncio.wait_for(ws.recv(), timeout=0.5)
                        except asyncio.TimeoutError:
                            if ahead and gap_since is not None and time.perf_counter() - gap_since > 1.0:
                                await ask_for_gap(ws)
                            continue
                        now = time.perf_counter()
                        record["frames"] += 1
                        record["bytes"] += len(raw)
                        data = json.loads(raw)
                        for event in data if isinstance(data, list) else [data]:
                            record["messages"] += 1
                            if not isinstance(event.get("id"), int):
                                continue  # a tally snapshot, caught_up, pong
                            if event["id"] <= last or event["id"] in ahead:
                                continue  # the client drops what it has seen (as socket.js does)
                            prev = event["prev"] if phone and isinstance(event.get("prev"), int) else event["id"] - 1
                            if prev <= last:
                                last = event["id"]
                                while any(p <= last for p in ahead.values()):
                                    for waiting in [i for i, p in ahead.items() if p <= last]:
                                        last = max(last, waiting)
                                        del ahead[waiting]
                                if not ahead:
                                    gap_since = None  # the gap closed by itself
                            else:  # a gap: a broadcast overtook another; ask for the missing ones soon
                                ahead[event["id"]] = prev
                                if gap_since is None:
                                    gap_since = now
                            if event["kind"] == "session" and event["data"].get("current_step"):
                                record["steps"].setdefault(event["data"]["current_step"]["index"], now)
                            if event["kind"] == "card" and event["data"].get("visible"):
                                if event["data"].get("translations", {}).get(TRANSLATION_LANGUAGE):
                                    record.setdefault("translated", {}).setdefault(event["data"]["id"], now)
                                    continue
                                if event["data"]["id"] in record["seen"]:
                                    record["duplicates"] += 1
                                else:
                                    record["seen"][event["data"]["id"]] = now
                        if ahead and gap_since is not None and now - gap_since > 1.0:
                            await ask_for_gap(ws)
            except (OSError, websockets.exceptions.WebSocketException, asyncio.TimeoutError) as error:
                received = getattr(error, "rcvd", None)  # the close frame the server sent, if any
                why = f"close {received.code}" if received else type(error).__name__
                if "connected" in record:  # a socket that was open dropped
                    record["reconnects"] += 1
                    self.close_reasons[why] = self.close_reasons.get(why, 0) + 1
                else:  # the first connection did not open in time (1,000 sockets at once): tried again
                    record["connect_retries"] = record.get("connect_retries", 0) + 1
                if self.args.failover:
                    port = self.next_port(port)
                await asyncio.sleep(0.3)

    async def stepper(self) -> None:
        """The moderator starts the session and moves on a step every few seconds while the room writes."""
        http = Http(self.ports[-1])
        auth = {"Authorization": f"Bearer {self.staff_token}"}
        path = f"/api/v1/sessions/{self.session_id}/control"
        for number in range(self.args.steps + 1):
            await asyncio.sleep(self.args.spread / (self.args.steps + 1))
            started = time.perf_counter()
            status, data, _, _ = await self.send(
                http, "POST", path, {"action": "start" if number == 0 else "next"}, auth
            )
            if status != 200:
                self.errors[f"step_{status}"] = self.errors.get(f"step_{status}", 0) + 1
                break
            self.step_sent[data["current_step"]] = started
        await http.close()

    async def interpreter(self) -> None:
        """An interpreter translates cards while the room writes (the console's page does the same PUT)."""
        http = Http(self.ports[-1])
        auth = {"Authorization": f"Bearer {self.staff_token}"}
        pause = self.args.spread / max(1, self.args.translations)
        while len(self.translation_sent) < self.args.translations and not self.stop_walls.is_set():
            await asyncio.sleep(pause)
            open_cards = [card for _p, _k, card in self.acked if card not in self.translation_sent]
            if not open_cards:
                continue
            card = random.choice(open_cards)
            started = time.perf_counter()
            status, _data, _, _ = await self.send(
                http,
                "PUT",
                f"/api/v1/sessions/{self.session_id}/cards/{card}/translations/{TRANSLATION_LANGUAGE}",
                {"text": f"ترجمة البطاقة {card}"},
                auth,
            )
            if status == 200:
                self.translation_sent[card] = started
            else:
                self.errors[f"translation_{status}"] = self.errors.get(f"translation_{status}", 0) + 1
        await http.close()

    def next_port(self, port: int) -> int:
        return self.ports[(self.ports.index(port) + 1) % len(self.ports)]

    async def killer(self) -> None:
        while len(self.acked) < 0.4 * self.expected_cards:
            await asyncio.sleep(0.05)
        victim = self.servers[0]
        started = time.perf_counter()
        await asyncio.to_thread(victim.kill)
        await asyncio.sleep(self.args.downtime)
        await asyncio.to_thread(victim.start)
        self.killed = {"after_cards": len(self.acked), "downtime_s": round(time.perf_counter() - started, 2)}

    async def main(self) -> dict:
        state = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{self.ports[0]}/api/v1/live/{self.code}").read())
        self.themes = [t["id"] for t in state["themes"]]
        self.stop_walls = asyncio.Event()
        walls = [
            asyncio.create_task(self.screen(self.ports[i % len(self.ports)], state["last_event_id"]))
            for i in range(self.args.walls)
        ]
        walls += [
            asyncio.create_task(self.screen(self.ports[i % len(self.ports)], state["last_event_id"], phone=True))
            for i in range(self.args.phones)
        ]
        # Every screen listens before the room starts writing (1,000 sockets take seconds to connect on two
        # cores; writing meanwhile measured the connecting, not the room).
        connecting = time.perf_counter()
        while time.perf_counter() - connecting < 120 and len(
            [r for r in self.walls + self.phones if "connected" in r]
        ) < len(walls):
            await asyncio.sleep(0.1)
        connected = [r["connected"] for r in self.walls + self.phones if "connected" in r]
        self.screens_connected = {
            "screens": len(walls),
            "connected": len(connected),
            "first_connect_retries": sum(r.get("connect_retries", 0) for r in self.walls + self.phones),
            "seconds": round(max(connected, default=connecting) - connecting, 2),
        }
        await asyncio.sleep(1.0)
        print("writing", file=sys.stderr)  # e.g. for py-spy: the room starts now
        started = time.perf_counter()
        self.started = started
        client_cpu = resource.getrusage(resource.RUSAGE_SELF)
        server_cpu = sum(server.cpu_seconds() for server in self.servers)
        machine_cpu = machine_busy_seconds()
        waited = sum(server.runqueue_wait_seconds() for server in self.servers)
        services_before = service_cpu_seconds(self.database)
        proxy_cpu = self.proxy.cpu_seconds() if self.proxy else 0.0
        tasks = [asyncio.create_task(self.participant(i)) for i in range(self.args.participants)]
        killer = asyncio.create_task(self.killer()) if self.args.kill else None
        interpreter = asyncio.create_task(self.interpreter()) if self.args.translations else None
        stepper = asyncio.create_task(self.stepper()) if self.args.steps else None
        frames_before = sum(r["frames"] for r in self.walls + self.phones)
        bytes_before = sum(r["bytes"] for r in self.walls + self.phones)
        await asyncio.gather(*tasks)
        write_seconds = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_SELF)
        # The client shares the two cores with the app: if it needs a good part of them, it is the bottleneck.
        client_cpu = usage.ru_utime + usage.ru_stime - client_cpu.ru_utime - client_cpu.ru_stime
        server_cpu = sum(server.cpu_seconds() for server in self.servers) - server_cpu
        machine_cpu, steal = (now - before for now, before in zip(machine_busy_seconds(), machine_cpu))
        waited = sum(server.runqueue_wait_seconds() for server in self.servers) - waited
        services_after = service_cpu_seconds(self.database)
        proxy_cpu = (self.proxy.cpu_seconds() if self.proxy else 0.0) - proxy_cpu
        frames = {
            "wall": sum(r["frames"] for r in self.walls),
            "phone": sum(r["frames"] for r in self.phones),
            "bytes_wall": sum(r["bytes"] for r in self.walls),
            "bytes_phone": sum(r["bytes"] for r in self.phones),
        }
        frames_total = frames["wall"] + frames["phone"] - frames_before
        bytes_total = frames["bytes_wall"] + frames["bytes_phone"] - bytes_before
        services_cpu = sum(seconds - services_before.get(pid, 0.0) for pid, seconds in services_after.items())
        if killer:
            await killer
        if stepper:
            await stepper
        # Wait (bounded) until every wall has every acknowledged card and every translation, every phone every step.
        ids = {card for _p, _k, card in self.acked}
        deadline = time.perf_counter() + 30
        while time.perf_counter() < deadline and (
            any(
                not ids <= set(w["seen"]) or not set(self.translation_sent) <= set(w.get("translated", {}))
                for w in self.walls
            )
            or any(not set(self.step_sent) <= set(p["steps"]) for p in self.phones)
        ):
            await asyncio.sleep(0.1)
        if interpreter:
            interpreter.cancel()
        self.stop_walls.set()
        await asyncio.gather(*walls)
        fanout, after_ack = [], []
        missing = 0
        for card in ids:
            times = [w["seen"].get(card) for w in self.walls]
            if any(t is None for t in times):
                missing += sum(t is None for t in times)
                continue
            fanout.append(max(times) - self.sent_at[card])
            # The broadcast's own part: from the writer's answer until the last wall has the card (can be < 0).
            after_ack.append(max(times) - self.acked_at[card])
        # A step change until every phone has it: the phone draws the step from the event itself.
        step_times, steps_missing = [], 0
        for index, sent in self.step_sent.items():
            times = [p["steps"].get(index) for p in self.phones]
            steps_missing += sum(t is None for t in times)
            if times and all(t is not None for t in times):
                step_times.append(max(times) - sent)
        translated, translations_missing = [], 0
        for card, sent in self.translation_sent.items():
            times = [w.get("translated", {}).get(card) for w in self.walls]
            translations_missing += sum(t is None for t in times)
            if all(t is not None for t in times):
                translated.append(max(times) - sent)
        writes = len(self.acked) + self.dots["placed"] + self.args.participants
        return {
            "write_seconds": round(write_seconds, 2),
            "writes_per_second": round(writes / write_seconds, 1),
            "cards_per_second": round(len(self.acked) / write_seconds, 1),
            "card_submit_ms_first_attempt": percentiles(self.first_attempt),
            # Where in the minute the slow ones were: p95 of the cards sent in each 10 s (the dots come last).
            "card_submit_p95_ms_per_10s": [
                percentiles(self.card_times_by_10s[k])["p95"] for k in sorted(self.card_times_by_10s)
            ],
            # The pace is not even: the dots follow each participant's cards, so the middle of the minute is busiest.
            "writes_per_second_per_10s": [round(self.writes_by_10s[k] / 10, 1) for k in sorted(self.writes_by_10s)],
            "screens_connected_before_writing": self.screens_connected,
            "card_submit_ms_all": percentiles(self.first_attempt + self.with_retries),
            "dot_ms_first_attempt": percentiles(self.dot_times),
            "time_to_every_wall_ms": percentiles(fanout),
            "wall_after_answer_ms": percentiles(after_ack),
            "cards_acknowledged": len(self.acked),
            "wall_cards_missing": missing,
            "wall_cards_shown_twice": sum(w["duplicates"] for w in self.walls),
            "wall_reconnects": sum(w["reconnects"] for w in self.walls),
            "screen_close_reasons": self.close_reasons,
            "wall_gap_fills": sum(w["gap_fills"] for w in self.walls),
            # An interpreter's translation (PUT over the staff API) until the last wall shows it under the card.
            "translations_saved": len(self.translation_sent),
            "translation_to_every_wall_ms": percentiles(translated),
            "wall_translations_missing": translations_missing,
            **(
                {
                    "step_shown_on_every_phone_ms": percentiles(step_times),
                    "steps": len(self.step_sent),
                    "phone_steps_missing": steps_missing,
                    "phone_gap_fills": sum(p["gap_fills"] for p in self.phones),
                    "phone_reconnects": sum(p["reconnects"] for p in self.phones),
                }
                if self.phones
                else {}
            ),
            # What the server sent while the room wrote: frames and bytes over all sockets, per write.
            "frames_sent": frames_total,
            "frames_per_write": round(frames_total / max(1, writes), 1),
            "bytes_per_write": round(bytes_total / max(1, writes)),
            "frames_to_phones": frames["phone"],
            "frames_to_walls": frames["wall"],
            "retries": self.retries,
            "errors_seen": self.errors,
            "dots": self.dots,
            "kill_restart": self.killed,
            "client_cpu_share": round(client_cpu / write_seconds, 2),  # 1.0 = one core busy all the time
            "app_cpu_share": round(server_cpu / write_seconds, 2),
            # CPU per write (a card or a dot), sockets and joins included: what sizing a bigger room divides by.
            "app_cpu_ms_per_write": round(1000 * server_cpu / max(1, writes), 1),
            "db_cpu_ms_per_write": round(1000 * services_cpu / max(1, writes), 1),
            # Seconds per second the app's threads were ready but waited for a core (0 on an idle machine).
            "app_runqueue_wait_share": round(max(0.0, waited) / write_seconds, 2),
            "db_cpu_share": round(services_cpu / write_seconds, 2),  # this run's PostgreSQL backends and Redis
            "proxy_cpu_share": round(proxy_cpu / write_seconds, 2),  # nginx, with --proxy
            # Everything else that ran meanwhile on the machine: other people's work.
            "others_cpu_share": round(
                max(0.0, machine_cpu - steal - server_cpu - client_cpu - services_cpu - proxy_cpu) / write_seconds,
                2,
            ),
            # Core time the hypervisor gave to other virtual machines meanwhile: a shared host, not this machine.
            "steal_share": round(steal / write_seconds, 2),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--cards", type=int, default=3, help="cards per participant")
    parser.add_argument("--dots", type=int, default=5, help="dots per participant (the demo budget is 5)")
    parser.add_argument("--walls", type=int, default=4, help="wall clients (spread over the app processes)")
    parser.add_argument(
        "--phones",
        type=int,
        default=0,
        help="participants whose phone also listens on the socket, as the participant page does",
    )
    parser.add_argument(
        "--spread",
        type=float,
        default=60.0,
        help="seconds over which each participant writes its cards (a busy minute)",
    )
    parser.add_argument("--processes", type=int, default=None, help="app processes (default 1 on SQLite, 2 with Redis)")
    parser.add_argument("--kill", action="store_true", help="SIGKILL an app process mid-run and restart it")
    parser.add_argument("--downtime", type=float, default=1.0)
    parser.add_argument(
        "--failover",
        action="store_true",
        help="a client whose process does not answer moves to the next one (as behind a proxy)",
    )
    parser.add_argument(
        "--translations", type=int, default=30, help="cards an interpreter translates during the run (0: none)"
    )
    parser.add_argument(
        "--steps",
        type=int,
        default=5,
        help="the moderator starts the session and moves on this many steps during the run",
    )
    parser.add_argument(
        "--no-deflate",
        action="store_true",
        help="the app processes do not compress WebSocket frames (uvicorn --ws-per-message-deflate false)",
    )
    parser.add_argument(
        "--proxy",
        action="store_true",
        help="clients reach the app processes through nginx, configured as deploy/nginx (needs nginx installed)",
    )
    parser.add_argument("--quick", action="store_true", help="50 participants, 8 s")
    args = parser.parse_args()
    if args.quick:
        args.participants, args.spread = 50, 8.0

    workdir = Path(tempfile.mkdtemp(prefix="bench-live-"))
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        {
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DIALOGWERK_VAR_DIR": str(workdir),
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
    )
    # The per-session rate limits are sized for a town-hall evening (300); a bigger room at this pace needs
    # them raised, as its operator would (docs/live.md, "Sizing").
    scale = max(1.0, args.participants / 300)
    rate_limits = (
        {
            "RATE_LIMIT_LIVE_JOIN": f"{round(400 * scale * 5)}/m",  # the bench lets everybody join within 12 s
            "RATE_LIMIT_LIVE_CARD_SESSION": f"{round(1500 * scale)}/m",
            "RATE_LIMIT_LIVE_VOTE_SESSION": f"{round(3000 * scale)}/m",
        }
        if scale > 1
        else {}
    )
    env.update({k: v for k, v in rate_limits.items() if k not in os.environ})
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if database_url:
        env["DATABASE_URL"] = database_url
    if not (database_url and redis_url):
        env.pop("REDIS_URL", None)  # one process with the in-memory layer
        redis_url = ""
    processes = args.processes or (2 if redis_url else 1)
    if processes > 1 and not redis_url:
        raise SystemExit("several app processes need REDIS_URL (they share the wall through Redis)")

    load_before = os.getloadavg()
    subprocess.run([PY, "-m", "dialogwerk", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    code = (
        django(
            env,
            (
                "from dialogwerk.core.demo import load_demo\n"
                "from dialogwerk.live import services\n"
                "context = load_demo()\n"
                "session = services.session_create(actor=context['users']['moderator'], dialogue=context['dialogue'], title='Benchmark', method='world_cafe', rounds="
                + str(args.steps + 1)
                + ")\n"
                "services.Session.objects.filter(pk=session.pk).update(join_limit=5000)  # the whole benchmark room may join\n"
                "services.voting_open(actor=context['users']['moderator'], session=session, title='Benchmark', all_cards=True, budget="
                + str(args.dots)
                + ")\n"
                "from dialogwerk.apitokens.services import token_create\n"
                "_token, secret = token_create(user=context['users']['moderator'], name='Benchmark interpreter', scope='read_write')\n"
                "print(session.code, session.pk, secret)\n"
            ),
        )
        .splitlines()[-1]
        .split()
    )
    code, session_id, staff_token = code

    ports = [free_port() for _ in range(processes)]
    extra = ["--ws-per-message-deflate", "false"] if args.no_deflate else []
    servers = [Server(port, env, workdir / f"server-{port}.log", extra) for port in ports]
    sockets = args.participants + args.phones + args.walls
    proxy = Proxy(free_port(), ports, workdir, sockets) if args.proxy else None
    try:
        for server in servers:
            server.start()
        if proxy:
            proxy.start()
        run = Run(
            args,
            [proxy.port] if proxy else ports,
            code,
            servers,
            database_url.rsplit("/", 1)[-1].split("?")[0] if database_url else "",
        )
        run.session_id, run.staff_token, run.proxy = int(session_id), staff_token, proxy
        figures = asyncio.run(run.main())
    finally:
        if proxy:
            proxy.stop()
        for server in servers:
            server.stop()

    acked = [{"participant": p, "key": k, "card": c} for p, k, c in run.acked]
    check = json.loads(
        django(
            env,
            (
                "from django.db.models import Count\n"
                "from dialogwerk.live.models import Contribution, Vote\n"
                "acked = json.load(sys.stdin)\n"
                f"cards = Contribution.objects.filter(session__code='{code}')\n"
                "rows = {(p, k): n for p, k, n in cards.values_list('participant_id', 'idempotency_key').annotate(n=Count('id')).values_list('participant_id', 'idempotency_key', 'n')}\n"
                "lost = sum(1 for a in acked if rows.get((a['participant'], a['key']), 0) == 0)\n"
                "twice = sum(n - 1 for n in rows.values() if n > 1)\n"
                "ids = set(cards.values_list('id', flat=True))\n"
                "wrong_id = sum(1 for a in acked if a['card'] not in ids)\n"
                f"dots = Vote.objects.filter(voting__session__code='{code}', withdrawn_at__isnull=True).values('participant_id').annotate(n=Count('id'))\n"
                "print(json.dumps({'stored': cards.count(), 'lost': lost, 'duplicated': twice, 'acked_with_unknown_id': wrong_id, 'max_dots_per_participant': max([d['n'] for d in dots] or [0])}))\n"
            ),
            stdin=json.dumps(acked),
        ).splitlines()[-1]
    )

    backend = "postgresql+redis" if redis_url else ("postgresql" if database_url else "sqlite")
    print(
        json.dumps(
            {
                "backend": backend,
                "app_processes": processes,
                "participants": args.participants,
                "cards_per_participant": args.cards,
                "walls": args.walls,
                "phone_sockets": args.phones,
                "spread_seconds": args.spread,
                "failover": args.failover,
                "proxy": "nginx (deploy/nginx)" if args.proxy else None,
                "frames_compressed": not args.no_deflate,
                "rate_limits_raised": rate_limits,
                "cores": os.cpu_count(),
                # Others' work on the same cores skews the tails: the 1-minute load average before and after the run.
                "load_average_1m": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
                **figures,
                "cards_stored": check["stored"],
                "lost_writes": check["lost"] + check["acked_with_unknown_id"],
                "duplicated_writes": check["duplicated"],
                "max_dots_per_participant": check["max_dots_per_participant"],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()

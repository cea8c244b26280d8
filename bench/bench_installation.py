"""Benchmark of a state-wide installation: page latency under concurrent load on a synthetic installation.

Run: .venv/bin/python bench/bench_installation.py [--quick] [--regenerate] [--prepare-only] [--duration 20] [--connections 4]
     [--pool-size 4] [--balancer nginx|uvicorn]

Needs a PostgreSQL server (BENCH_POSTGRES, default postgres://postgres@127.0.0.1:5432) and `wrk` (Debian
package; `make bench` installs it); without either it prints {"skipped": reason} and ends without error. It
creates the database `dialogwerk_bench` (--quick: `dialogwerk_bench_quick`; or --database), fills it with
`dialogwerk generate_installation` (1,100 municipalities and 2 million cards; --quick: 110 and 200,000 —
the showcase dialogue has 2,000 cards either way) and keeps it for the next run as long as the size asked
for is the same (var/bench/installation-<database>.json records it; --regenerate starts afresh;
--prepare-only stops after that). Then it starts the reference deployment on loopback: --workers uvicorn
processes on ports of their own behind nginx, which hands each request to the next process (Redis as the
cache where REDIS_URL answers; with --pool-size N each process keeps a pool of up to N PostgreSQL
connections, DATABASE_POOL_MAX_SIZE, instead of opening one per request). Without nginx (or with
--balancer uvicorn) it is one uvicorn with --workers worker processes on one port, where the kernel gives
each connection to a worker for good: wrk's few kept-alive connections can then all land on one worker,
which says more about that lottery than about the page. It measures with wrk, each page for --duration
seconds with one connection ("alone") and again with --connections connections ("load"):

- the funding-body overview over all municipalities (target < 1 s),
- a municipality's dashboard and a dialogue's overview (the municipality's administrator),
- the results pages of the dialogue with 2,000 cards: the bundling board and the decisions (the consultant;
  target p95 < 150 ms),
- the public status page (anonymous, cached; target p95 < 50 ms).

Before the load each page is requested once (it must answer 200, which also warms its caches) and then
five times one after the other ("single"). Prints one JSON object; the figures say
which scale they are from, and the load average (`uptime`) before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
PY = sys.executable
STATE = ROOT / "var" / "bench"
SIZES = {"full": {"municipalities": 1100, "cards": 2_000_000}, "quick": {"municipalities": 110, "cards": 200_000}}
# The targets, as p95 of each page's latency. Checked twice: "alone" (one connection: what a visitor
# waits for on an otherwise idle installation) and "load" (--connections at once: queueing on 2 cores).
TARGETS_MS = {
    "funding-body overview": 1000,
    "results: bundling board": 150,
    "results: decisions": 150,
    "public status page": 50,
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as `uptime` shows them (the machine is shared)."""
    path = pathlib.Path("/proc/loadavg")
    return " ".join(path.read_text().split()[:3]) if path.exists() else ""


def psql(server_url: str, sql: str) -> str:
    """One statement on the server's maintenance database (autocommit: CREATE/DROP DATABASE need it)."""
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True, connect_timeout=5) as connection:
        cursor = connection.execute(sql)
        return str(cursor.fetchone()[0]) if cursor.description and cursor.rowcount else ""


def vacuum_analyze(database_url: str) -> None:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("vacuum analyze")


def skipped(reason: str) -> None:
    """Print why the benchmark did not run (run_all.py shows it) and stop without an error."""
    print(json.dumps({"skipped": reason}))
    raise SystemExit(0)


def django(env: dict, code: str) -> str:
    """A snippet with Django set up against the benchmark database; returns its stdout's last line."""
    result = subprocess.run(
        [PY, "-c", "import django\ndjango.setup()\n" + code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise RuntimeError(result.stderr.strip()[-3000:])
    return result.stdout.strip().splitlines()[-1]


def prepare(args, env: dict, server_url: str) -> dict:
    """The installation in the benchmark database: reused when the same size is there, else generated."""
    size = dict(SIZES["quick" if args.quick else "full"])
    size.update({k: getattr(args, k) for k in size if getattr(args, k) is not None})
    marker = STATE / f"installation-{args.database}.json"
    exists = psql(server_url, f"select 1 from pg_database where datname = '{args.database}'") == "1"
    if exists and marker.exists() and not args.regenerate:
        recorded = json.loads(marker.read_text())
        if {k: recorded.get(k) for k in size} == size:
            log(f"reusing the installation in {args.database} ({size})")
            subprocess.run(
                [PY, "-m", "dialogwerk", "migrate", "-v0"], cwd=ROOT, env=env, check=True
            )  # code may be newer
            return recorded
    if exists:
        psql(server_url, f'drop database "{args.database}"')
    psql(server_url, f'create database "{args.database}"')
    subprocess.run([PY, "-m", "dialogwerk", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    log(f"generating {size} into {args.database} …")
    started = time.monotonic()
    result = subprocess.run(
        [
            PY,
            "-m",
            "dialogwerk",
            "generate_installation",
            "--json",
            f"--municipalities={size['municipalities']}",
            f"--cards={size['cards']}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    vacuum_analyze(f"{server_url}/{args.database}")
    recorded = {**size, **summary, "generate_wall_seconds": round(time.monotonic() - started, 1)}
    STATE.mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps(recorded, indent=2))
    return recorded


TARGETS_CODE = """
import json
from django.conf import settings
from django.test import Client
from dialogwerk.dialogues.models import Dialogue
from dialogwerk.funding.models import FundingBody
from dialogwerk.tenancy.models import User
run, ags = {run}, "{ags}"
showcase = Dialogue.objects.get(municipality__ags=ags, title__endswith="(Schaufenster)")
def cookie(email):
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client.cookies[settings.SESSION_COOKIE_NAME].value
domain = "s%02d.synthetic.invalid" % run
body = FundingBody.objects.get(name="Förderstelle Land (Lauf %d)" % run)
print(json.dumps({{
    "cookie_name": settings.SESSION_COOKIE_NAME,
    "funder": cookie("foerderstelle-0@" + domain), "admin": cookie("m0-verwaltung@" + domain),
    "consultant": cookie("beratung-0@" + domain),
    "body": body.pk, "dialogue": showcase.pk, "municipalities": body.covered_municipalities().count(),
    "cards": showcase.sessions.first().contributions.count(),
}}))
"""


def pages(t: dict) -> list[tuple[str, str, str | None]]:
    """(name, path, who): who is a cookie key of `t`, or None for an anonymous visitor."""
    d = t["dialogue"]
    return [
        ("funding-body overview", f"/foerderstelle/{t['body']}/", "funder"),
        ("municipality dashboard", "/", "admin"),
        ("dialogue overview", f"/dialoge/{d}/", "admin"),
        ("results: bundling board", f"/dialoge/{d}/buendeln/", "consultant"),
        ("results: decisions", f"/dialoge/{d}/entscheidungen/", "consultant"),
        ("public status page", f"/status/{d}/", None),
    ]


def fetch(url: str, cookie: str | None, keep: pathlib.Path | None = None) -> tuple[int, int, float]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            body = response.read()
            if keep:
                keep.write_bytes(body)
            return response.status, len(body), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, 0, time.monotonic() - started
    except OSError:  # not listening yet
        return 0, 0, time.monotonic() - started


def cpu_seconds(server_pids: set[int]) -> float:
    """User + system CPU seconds of the uvicorn processes (the servers and their workers) so far, from /proc.

    Divided by the requests served, it is the app's CPU time per request: a figure that does not grow with
    what else runs on the machine, unlike the latencies (PostgreSQL's share is not in it)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in pathlib.Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if pid in server_pids or ppid in server_pids:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def wrk(url: str, cookie: str | None, args, connections: int, server_pids: set[int]) -> dict:
    command = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{args.duration}s",
        "--timeout",
        "30s",
        "-s",
        str(ROOT / "bench" / "wrk_report.lua"),
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    cpu_before = cpu_seconds(server_pids)
    result = subprocess.run([*command, url], capture_output=True, text=True)
    cpu = cpu_seconds(server_pids) - cpu_before
    match = re.search(r"WRK-JSON (\{.*\})", result.stdout)
    if not match:
        return {"error": (result.stderr or result.stdout)[-500:]}
    figures = json.loads(match.group(1))
    seconds = figures.pop("duration_us") / 1e6
    figures["bytes_transferred"] = figures.pop("bytes")
    figures["requests_per_second"] = round(figures["requests"] / seconds, 1) if seconds else 0
    if figures["requests"]:
        figures["app_cpu_ms_per_request"] = round(cpu * 1000 / figures["requests"], 1)
    return figures


NGINX_CONF = """
worker_processes 1;
daemon off;
pid {state}/nginx.pid;
error_log {state}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {state}/nginx-body;
    proxy_temp_path {state}/nginx-proxy;
    fastcgi_temp_path {state}/nginx-fastcgi;
    uwsgi_temp_path {state}/nginx-uwsgi;
    scgi_temp_path {state}/nginx-scgi;
    upstream dialogwerk {{
{servers}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://dialogwerk;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_buffers 64 8k;
        }}
    }}
}}
"""


def start_app(args, env: dict, log_file) -> tuple[int, list[tuple[subprocess.Popen, int]], set[int]]:
    """The app as in the reference deployment (docs/deployment.md): one uvicorn process per port behind nginx
    (round robin, kept-alive upstream connections, as deploy/nginx/dialogwerk.conf); or, with --balancer
    uvicorn, one uvicorn with --workers processes. Returns the port to send requests to, every process
    started with its port (the app's first), and the pids whose CPU is the app's (nginx's is not)."""
    uvicorn = [
        PY,
        "-m",
        "uvicorn",
        "dialogwerk.asgi:application",
        "--host",
        "127.0.0.1",
        "--lifespan",
        "off",
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    if args.balancer == "uvicorn":
        port = free_port()
        server = subprocess.Popen(
            [*uvicorn, "--port", str(port), "--workers", str(args.workers)],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        return port, [(server, port)], {server.pid}
    apps = []
    for _ in range(args.workers):
        port = free_port()
        apps.append(
            (
                subprocess.Popen(
                    [*uvicorn, "--port", str(port)], cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT
                ),
                port,
            )
        )
    port = free_port()
    conf = STATE / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(state=STATE, port=port, servers="\n".join(f"        server 127.0.0.1:{p};" for _, p in apps))
    )
    nginx = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(STATE)], stdout=log_file, stderr=subprocess.STDOUT)
    return port, [*apps, (nginx, port)], {app.pid for app, _ in apps}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="110 municipalities and 200,000 cards, 8 s per page")
    parser.add_argument("--regenerate", action="store_true", help="generate the installation afresh")
    parser.add_argument(
        "--prepare-only",
        action="store_true",
        help="generate (or check) the installation, print its figures, measure nothing",
    )
    parser.add_argument(
        "--database", default=None, help="default dialogwerk_bench, with --quick dialogwerk_bench_quick"
    )
    parser.add_argument("--municipalities", type=int, default=None, help="instead of the scale's number")
    parser.add_argument("--cards", type=int, default=None, help="instead of the scale's number")
    parser.add_argument("--duration", type=int, default=None, help="seconds of load per page (default 20, --quick 8)")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument(
        "--pool-size",
        type=int,
        default=0,
        help="DATABASE_POOL_MAX_SIZE of the app processes (default 0: a new connection per request)",
    )
    parser.add_argument(
        "--balancer",
        choices=("nginx", "uvicorn"),
        default=None,
        help="nginx in front of one uvicorn process per port (default where nginx is installed), or "
        "uvicorn's own --workers on one port",
    )
    args = parser.parse_args()
    args.balancer = args.balancer or ("nginx" if shutil.which("nginx") else "uvicorn")
    args.duration = args.duration or (8 if args.quick else 20)
    args.database = args.database or ("dialogwerk_bench_quick" if args.quick else "dialogwerk_bench")
    if shutil.which("wrk") is None:
        skipped("wrk is missing: apt-get install wrk (make bench installs it)")

    server_url = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    try:
        psql(server_url, "select 1")
    except Exception as error:  # noqa: BLE001 - any reason PostgreSQL does not answer
        skipped(f"PostgreSQL at {server_url} is not reachable (set BENCH_POSTGRES): {str(error).strip()[:300]}")
    database_url = f"{server_url}/{args.database}"
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        import redis

        redis.Redis.from_url(redis_url, socket_connect_timeout=2).ping()
    except Exception:  # noqa: BLE001 - without Redis each process caches in its own memory
        redis_url = ""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "dialogwerk.settings",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "RATE_LIMITS_ENABLED": "false",
        "DIALOGWERK_PROFILE": "local",
        "CACHE_KEY_PREFIX": f"dw-bench-{os.getpid()}",
        "CHANNEL_LAYER_PREFIX": f"dw-bench-{os.getpid()}",
    }
    env.pop("REDIS_URL", None)
    env.pop("DATABASE_POOL_MAX_SIZE", None)
    if args.pool_size > 0:
        env["DATABASE_POOL_MAX_SIZE"] = str(args.pool_size)
    if redis_url:
        env["REDIS_URL"] = redis_url

    load_before = load_average()
    installation = prepare(args, env, server_url)
    if args.prepare_only:
        print(
            json.dumps(
                {
                    "installation": installation,
                    "machine": {
                        "cores": os.cpu_count(),
                        "load_average_before": load_before,
                        "load_average_after": load_average(),
                    },
                },
                indent=2,
            )
        )
        return
    targets = json.loads(django(env, TARGETS_CODE.format(run=installation["run"], ags=installation["showcase_ags"])))

    STATE.mkdir(parents=True, exist_ok=True)
    server_log = open(STATE / "uvicorn.log", "w")
    port, servers, app_pids = start_app(args, env, server_log)
    base = f"http://127.0.0.1:{port}"
    results = {}
    try:
        deadline = time.monotonic() + 60
        for _, server_port in servers:  # the app processes first: nginx would skip one that is still starting
            while fetch(f"http://127.0.0.1:{server_port}/healthz", None)[0] != 200:
                if any(server.poll() is not None for server, _ in servers) or time.monotonic() > deadline:
                    raise SystemExit(f"the app did not start; see {STATE / 'uvicorn.log'}")
                time.sleep(0.3)
        for name, path, who in pages(targets):
            cookie = f"{targets['cookie_name']}={targets[who]}" if who else None
            status, size, first = fetch(base + path, cookie, keep=STATE / f"{re.sub(r'[^a-z]+', '-', name)}.html")
            if status != 200:
                results[name] = {"path": path, "error": f"HTTP {status}"}
                continue
            single = [fetch(base + path, cookie)[2] * 1000 for _ in range(5)]
            log(
                f"{name}: {size:,} bytes, first {first * 1000:.0f} ms, single median {statistics.median(single):.0f} ms; load …"
            )
            results[name] = {
                "path": path,
                "bytes": size,
                "first_ms": round(first * 1000, 1),
                "single_ms": {"p50": round(statistics.median(single), 1), "max": round(max(single), 1)},
                "alone": wrk(base + path, cookie, args, 1, app_pids),
                "load": wrk(base + path, cookie, args, args.connections, app_pids),
            }
    finally:
        for server, _ in servers:
            server.terminate()
        for server, _ in servers:
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        server_log.close()

    verdicts = {}
    for name, limit in TARGETS_MS.items():
        figures = results.get(name, {})
        alone, load = figures.get("alone", {}).get("p95_ms"), figures.get("load", {}).get("p95_ms")
        verdicts[name] = {
            "target_p95_ms": limit,
            "alone_p95_ms": alone,
            "met_alone": alone is not None and alone < limit,
            "load_p95_ms": load,
            "met_under_load": load is not None and load < limit,
        }
    print(
        json.dumps(
            {
                "scale": "quick" if args.quick else "full",  # --municipalities/--cards override it: see "installation"
                "installation": {
                    k: installation.get(k)
                    for k in (
                        "municipalities",
                        "cards",
                        "total_rows",
                        "seconds",
                        "rows_per_second",
                        "generate_wall_seconds",
                    )
                },
                "showcase_dialogue_cards": targets["cards"],
                "funding_body_municipalities": targets["municipalities"],
                "load": {
                    "connections": args.connections,
                    "seconds_per_page": args.duration,
                    "uvicorn_workers": args.workers,
                    "balancer": args.balancer,
                    "database_pool_max_size": args.pool_size,
                    "cache": "redis" if redis_url else "local memory per process",
                },
                "pages": results,
                "targets": verdicts,
                "machine": {
                    "cores": os.cpu_count(),
                    "load_average_before": load_before,
                    "load_average_after": load_average(),
                },
            },
            indent=2,
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()

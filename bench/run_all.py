"""Run every benchmark in bench/ and write bench/results.json; print a short table.

Each `bench_*.py` runs alone and prints one JSON object. Benchmarks report; they never fail the build:
a benchmark that crashes is recorded with its error and the others still run; one that cannot run here
(bench_installation.py without PostgreSQL or wrk) prints {"skipped": reason}, recorded and shown as skipped.
"""

import json
import os
import pathlib
import subprocess
import sys
import time

BENCH = pathlib.Path(__file__).resolve().parent
ROOT = BENCH.parent


def commit() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() or "unknown"


def run(script: pathlib.Path, extra: list[str]) -> dict:
    started = time.monotonic()
    result = subprocess.run([sys.executable, str(script), *extra], cwd=ROOT, capture_output=True, text=True)
    seconds = round(time.monotonic() - started, 1)
    lines = [line for line in result.stdout.strip().splitlines() if line.strip()]
    if result.returncode != 0 or not lines:
        return {"error": (result.stderr or result.stdout).strip()[-2000:], "wall_seconds": seconds}
    try:
        figures = json.loads(result.stdout[result.stdout.index("{") :])
    except ValueError as error:
        return {"error": f"no JSON object in the output: {error}", "wall_seconds": seconds}
    if "skipped" in figures:  # the benchmark could not run here (e.g. no PostgreSQL) and says why
        return {"skipped": figures["skipped"], "wall_seconds": seconds}
    return {"figures": figures, "wall_seconds": seconds}


def main() -> None:
    extra = sys.argv[1:]  # e.g. --quick, passed to every benchmark
    results = {
        "machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]},
        "commit": commit(),
        "benchmarks": {},
    }
    for script in sorted(BENCH.glob("bench_*.py")):
        print(f"running {script.name} …", file=sys.stderr, flush=True)
        results["benchmarks"][script.stem.removeprefix("bench_")] = run(script, extra)
    (BENCH / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"{'benchmark':<24} {'status':<8} {'seconds':>8}")
    for name, outcome in results["benchmarks"].items():
        status = "error" if "error" in outcome else "skipped" if "skipped" in outcome else "ok"
        print(
            f"{name:<24} {status:<8} {outcome['wall_seconds']:>8}"
            + (f"  {outcome['skipped']}" if status == "skipped" else "")
        )
    print(f"written to {BENCH / 'results.json'} (commit {results['commit']}, {results['machine']['cores']} cores)")


if __name__ == "__main__":
    main()

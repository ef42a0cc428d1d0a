"""Benchmark: the hub's STR intake under a sustained rate, against a trivial endpoint.

Run from the repository root:

    .venv/bin/python -m benchmarks.bench_hub --seconds 60 --rate 200
    .venv/bin/python -m benchmarks.bench_hub --seconds 60 --rate 200 \\
        --database-url postgresql://postgres@127.0.0.1:5432/hub_bench

The hub runs as ``tipflow hub serve`` (uvicorn; one process, or ``--workers N`` on PostgreSQL)
on loopback, on a fresh SQLite file by default or on the given PostgreSQL database (emptied
first). The load comes from ANOTHER process: asyncio and aiohttp (light: about a tenth of a core
at 200/s, leaving the server the rest) sending requests on an open-loop schedule (request
i leaves at t0 + i/rate, whatever the answers before it), so a slow server shows as latency,
not as a lower offered rate. Latency runs from the scheduled send time to the answer, so
queueing in the client counts too.

Per run, in this order: the baseline (the same rate against ``GET /health``: the server and
client's own floor), then the intake (``POST /reports/json`` of distinct small reports). Then
the database is checked: reports stored = 2xx answers, and the audit chain verifies. Results go
to stdout and, as JSON, to ``benchmarks/results/hub-<backend>-<rate>per-s-<workers>w.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"
SECRET = "bench-secret-" + "x" * 40
CONNECTIONS = 64  # keep-alive connections the load generator may open at once


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def report_body(run: str, index: int) -> dict[str, object]:
    return {
        "entity_reference": f"BENCH-{run}-{index:07d}",
        "reason": "structuring below the threshold, several indicators",
        "indicators": ["HT-01", "MS-03"],
        "transactions": [
            {
                "transaction_id": f"T{index}",
                "timestamp": "2024-03-01T10:00:00Z",
                "amount": "950.00",
                "currency": "USD",
                "from_account": "A1",
                "to_account": "A2",
            }
        ],
    }


# ---- the load generator (its own process) -------------------------------------------------


async def _generate(base: str, token: str, path: str, rate: float, seconds: float) -> Any:
    import aiohttp

    total = int(rate * seconds)
    run = f"{os.getpid()}-{int(time.time())}"
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    # Bodies encoded before the clock starts: the generator's own work stays small.
    bodies = [json.dumps(report_body(run, index)).encode() for index in range(total)]
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    connector = aiohttp.TCPConnector(limit=CONNECTIONS)
    timeout = aiohttp.ClientTimeout(total=60.0)
    async with aiohttp.ClientSession(
        base, headers=headers, connector=connector, timeout=timeout
    ) as client:
        start = time.perf_counter() + 0.2
        cpu_before = time.process_time()

        async def one(index: int) -> None:
            scheduled = start + index / rate
            await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
            try:
                if path == "/health":
                    request = client.get(path)
                else:
                    request = client.post(path, data=bodies[index])
                async with request as response:
                    await response.read()
                    key = str(response.status)
            except (aiohttp.ClientError, TimeoutError) as exc:
                key = type(exc).__name__
            latencies.append(time.perf_counter() - scheduled)
            statuses[key] = statuses.get(key, 0) + 1

        tasks = [asyncio.create_task(one(index)) for index in range(total)]
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu_before
    return {
        "sent": total,
        "elapsed_s": elapsed,
        "generator_cpu_share": cpu / elapsed,
        "latencies": latencies,
        "statuses": statuses,
    }


def load_main(arguments: list[str]) -> None:
    base, token, path, rate, seconds = arguments
    result = asyncio.run(_generate(base, token, path, float(rate), float(seconds)))
    json.dump(result, sys.stdout)


# ---- the conductor ------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summarise(raw: dict[str, Any]) -> dict[str, Any]:
    latencies: list[float] = raw["latencies"]
    ok = sum(count for key, count in raw["statuses"].items() if key.startswith("2"))
    return {
        "sent": raw["sent"],
        "ok": ok,
        "errors": raw["sent"] - ok,
        "statuses": raw["statuses"],
        "throughput_per_s": round(ok / raw["elapsed_s"], 1),
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p95_ms": round(1000 * percentile(latencies, 0.95), 1),
        "p99_ms": round(1000 * percentile(latencies, 0.99), 1),
        "max_ms": round(1000 * max(latencies), 1),
        "generator_cpu_share": round(raw["generator_cpu_share"], 2),
    }


def generate(base: str, token: str, path: str, rate: float, seconds: float) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.bench_hub", "--load", base, token, path]
    command += [str(rate), str(seconds)]
    done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=REPO)
    return summarise(json.loads(done.stdout))


def prepare(url: str, folder: Path) -> str:
    """A fresh schema with one bank and its API token."""
    from pydantic import SecretStr

    from tipflow.hub.admin import create_organisation, create_user, issue_token
    from tipflow.hub.settings import HubSettings
    from tipflow.hub.state import HubState
    from tipflow.hub.vocabulary import OrgType, Role, TokenKind

    if url.startswith("postgresql"):
        import psycopg

        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    settings = HubSettings(data_dir=folder, database_url=url, secret=SecretStr(SECRET))
    state = HubState.open(settings, migrate_schema=True)
    with state.sessions() as session:
        bank = create_organisation(session, "Bench Bank", OrgType.REPORTING_ENTITY)
        user = create_user(session, bank, "load@bank.example", Role.ANALYST, None, state.passwords)
        token, _ = issue_token(session, user, state.secret, TokenKind.API)
        session.commit()
    state.engine.dispose()
    return token


def stored_reports(url: str) -> tuple[int, bool]:
    from sqlalchemy import func, select

    from tipflow.hub.audit import verify_chain
    from tipflow.hub.db import make_engine, make_sessionmaker
    from tipflow.hub.models import Report

    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        count = int(session.scalar(select(func.count(Report.id))) or 0)
        chain = verify_chain(session)
    engine.dispose()
    return count, chain.ok


def wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the hub exited with {server.returncode}")
        try:
            if httpx.get(base + "/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the hub did not answer within 60 s")


def run_once(url: str | None, rate: float, seconds: float, workers: int = 1) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-hub-") as tmp:
        folder = Path(tmp)
        database = url or f"sqlite:///{folder / 'hub.sqlite3'}"
        token = prepare(database, folder)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        command = [sys.executable, "-m", "tipflow", "hub", "serve", "--database-url", database]
        command += ["--data-dir", str(folder), "--port", str(port), "--workers", str(workers)]
        environment = {**os.environ, "TIPFLOW_HUB_SECRET": SECRET}
        server = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL)
        try:
            wait_until_up(base, server)
            baseline = generate(base, token, "/health", rate, seconds)
            intake = generate(base, token, "/reports/json", rate, seconds)
        finally:
            server.terminate()
            server.wait(timeout=30)
        stored, chain_ok = stored_reports(database)
    return {
        "baseline_health": baseline,
        "intake": intake,
        "stored": stored,
        "lost": intake["ok"] - stored,
        "audit_chain_ok": chain_ok,
    }


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--load":
        load_main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--rate", type=float, default=200.0, help="requests per second offered")
    parser.add_argument("--database-url", default=None, help="PostgreSQL URL (emptied first)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1, help="server processes (PostgreSQL)")
    options = parser.parse_args()
    backend = "postgresql" if options.database_url else "sqlite"
    runs = []
    for number in range(options.repeat):
        print(f"run {number + 1}/{options.repeat} on {backend} ...", flush=True)
        result = run_once(options.database_url, options.rate, options.seconds, options.workers)
        print(json.dumps(result, indent=2), flush=True)
        runs.append(result)
    medians = {
        phase: {
            key: statistics.median(run[phase][key] for run in runs)
            for key in ("throughput_per_s", "p50_ms", "p95_ms", "p99_ms", "errors")
        }
        for phase in ("baseline_health", "intake")
    }
    summary = {
        "backend": backend,
        "rate": options.rate,
        "seconds": options.seconds,
        "workers": options.workers,
        "machine": f"{platform.platform()}, {os.cpu_count()} CPUs",
        "python": platform.python_version(),
        "medians": medians,
        "runs": runs,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = f"hub-{backend}-{options.rate:g}per-s-{options.workers}w.json"
    (RESULTS / name).write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps(medians, indent=2))


if __name__ == "__main__":
    main()

"""Load test of the live engine: phones join, hold a Server-Sent Events stream and vote.

Runs a real uvicorn server (SQLite with one worker, or PostgreSQL + Redis with two) and,
in the same run, a baseline: a minimal ASGI app that answers a POST and pushes over SSE.
Every figure is printed with its ratio to the baseline.

    python -m bench live --phones 1000 [--mode sqlite|postgres]
"""

import argparse
import asyncio
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import httpx

from bench.crowd import ERRORS, Phone, Stream

ROOT = Path(__file__).resolve().parent.parent
VOTE_WINDOW = 10.0  # seconds over which the phones cast their votes


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentile(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    index = min(len(values) - 1, max(0, round(q / 100 * (len(values) - 1))))
    return values[index]


def _peak_memory_mb(pid: int) -> float:
    """Peak resident memory of a process and its children (uvicorn workers), in MB."""
    total = 0
    pids = [pid]
    try:
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
        pids += [int(p) for p in children.stdout.split()]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _children(pid: int) -> list[int]:
    """A process and all its descendants."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except OSError:
            pass
    return found


def _named(*names: str) -> list[int]:
    """Every process of this machine running one of `names` (PostgreSQL's backends, Redis)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() in names:
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


class CPU:
    """CPU time spent by groups of processes from now on: `{"server": [pids], ...}`, read
    from /proc. The server's own figure does not depend on how much the crowd costs."""

    TICK = os.sysconf("SC_CLK_TCK")

    def __init__(self, pids: dict[str, list[int]]):
        self.pids = pids
        self.start = {group: self._read(p) for group, p in pids.items()}

    def _read(self, pids) -> float:
        total = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
            except (OSError, IndexError, ValueError):
                continue
        return total / self.TICK

    def ms_per(self, n: int) -> dict[str, float]:
        """CPU milliseconds per unit of work (a vote) of each group since the start."""
        return {group: 1000 * (self._read(p) - self.start[group]) / n if n else float("nan")
                for group, p in self.pids.items()}


# --- the two servers ---------------------------------------------------------------------

BASELINE_APP = '''
import asyncio, json
subscribers = set()  # phones: they get phase changes
screens = set()  # the screen: it gets the count after every vote
count = 0
async def app(scope, receive, send):
    global count
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            else:
                await send({"type": "lifespan.shutdown.complete"}); return
    path = scope["path"]
    if scope["method"] == "POST":
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        if path == "/phase":
            for q in list(subscribers):
                q.put_nowait(b"event: phase\\ndata: next\\n\\n")
        else:
            count += 1
            for q in list(screens):
                q.put_nowait(("event: snapshot\\ndata: " + str(count) + " stemmen\\n\\n").encode())
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"ok"})
        return
    if path == "/join":
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})
        return
    q = asyncio.Queue()
    group = screens if path == "/screen" else subscribers
    group.add(q)
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/event-stream")]})
    await send({"type": "http.response.body", "body": b"retry: 2000\\n\\n", "more_body": True})
    try:
        while True:
            await send({"type": "http.response.body", "body": await q.get(), "more_body": True})
    finally:
        group.discard(q)
'''


class Server:
    def __init__(self, mode: str, tmp: Path):
        self.mode = mode
        self.tmp = tmp
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ)
        self.env.update({
            "BEDOELING_VAR_DIR": str(tmp), "BEDOELING_DEBUG": "0",
            "BEDOELING_SECRET_KEY": uuid.uuid4().hex * 2,
            "BEDOELING_ALLOWED_HOSTS": "127.0.0.1", "BEDOELING_LOG_LEVEL": "WARNING",
            "BEDOELING_REDIS_PREFIX": f"bench-{uuid.uuid4().hex[:6]}",
        })
        self.database = None
        if mode == "postgres":
            base = os.environ.get("BEDOELING_DATABASE_URL",
                                  "postgres://postgres@127.0.0.1:5432/postgres")
            self.database = f"bench_live_{uuid.uuid4().hex[:8]}"
            self.admin = urlparse(base)._replace(path="/postgres").geturl()
            self._sql(f'CREATE DATABASE "{self.database}"')
            self.env["BEDOELING_DATABASE_URL"] = urlparse(base)._replace(
                path="/" + self.database).geturl()
            self.env["BEDOELING_REDIS_URL"] = os.environ.get("BEDOELING_REDIS_URL",
                                                             "redis://127.0.0.1:6379/0")
            self.workers = 2
        else:
            self.env.pop("BEDOELING_DATABASE_URL", None)
            self.env.pop("BEDOELING_REDIS_URL", None)
            self.workers = 1
        self.process = None

    def _sql(self, statement):
        import psycopg

        with psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(statement)

    def prepare(self) -> dict:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=self.env,
                       check=True)
        script = (
            "from bedoeling.accounts.models import User, Membership\n"
            "from bedoeling.orgs.models import Organisation\n"
            "from bedoeling.live import services\n"
            "org = Organisation.objects.create(name='Bench', slug='bench')\n"
            "u = User.objects.create_user('bench@example.org', 'bench-password-1')\n"
            "Membership.objects.create(user=u, organisation=org, role='facilitator')\n"
            "s = services.session_create(org, u, title='Bench', participant_cap=100000)\n"
            "p1 = services.phase_add(s, kind='agree', title='Stellingen')\n"
            "services.card_add(p1, None, text='Eerst het kind, dan de toets.')\n"
            "services.phase_add(s, kind='info', title='Daarna')\n"
            "services.session_open(s, u)\n"
            "print(s.code, s.pk, p1.pk, p1.cards.get().pk)\n"
        )
        done = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT,
                              env=self.env, check=True, capture_output=True, text=True)
        code, session, phase, card = done.stdout.split()[-4:]
        return {"code": code, "session": int(session), "phase": int(phase), "card": int(card)}

    def start(self, app="bedoeling.asgi:application", extra_env=None):
        env = dict(self.env, **(extra_env or {}))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port",
             str(self.port), "--workers", str(self.workers), "--no-access-log",
             "--log-level", "warning", "--backlog", "4096", "--timeout-graceful-shutdown", "1"],
            cwd=str(self.tmp if app.startswith("baseline") else ROOT), env=env,
            # The baseline's streams are cut off at the end; its complaints are not news.
            stderr=subprocess.DEVNULL if app.startswith("baseline") else None,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                httpx.get(self.url + ("/join" if app.startswith("baseline") else "/healthz"),
                          timeout=1)
                return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("server did not start")

    def pids(self) -> dict[str, list[int]]:
        """The web server's processes and, with PostgreSQL + Redis, theirs."""
        groups = {"server": _children(self.process.pid)}
        if self.database:
            groups["database"] = _named("postgres", "redis-server")
        return groups

    def stop(self):
        if self.process:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self.database:
            self._sql(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


# --- the load ----------------------------------------------------------------------------

class Run:
    def __init__(self, phones: int):
        self.phones = phones
        self.join_times: list[float] = []
        self.sent: dict[int, float] = {}
        self.acked: list[tuple[int, float]] = []  # (order, time sent)
        self.ack_ms: list[float] = []  # how long a vote's POST took to be answered
        self.screen_counts: list[tuple[float, int]] = []
        self.phase_received: dict[int, float] = {}
        self.cpu_ms: dict[str, float] = {}
        self.errors = 0
        self.error_kinds: dict[str, int] = {}

    def error(self, kind):
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1


async def _load(base: str, phones: int, *, baseline: bool, info: dict | None,
                staff_cookies: dict | None, pids: dict) -> tuple[Run, float]:
    run = Run(phones)
    clients = [Phone(base) for _ in range(phones)]
    streams = []
    number = re.compile(r"(\d+)(?:</span>)?\s*stem")

    def on_screen(event, data, at):
        if event == "snapshot":
            match = number.search(data)
            if match:
                run.screen_counts.append((at, int(match.group(1))))

    screen_client = Phone(base, cookies=staff_cookies)
    screen_url = "/screen" if baseline else (
        f"/o/bench/sessies/{info['session']}/stroom/screen/")
    screen = Stream(screen_client, screen_url, on_screen).start()
    await asyncio.wait_for(screen.connected.wait(), 30)

    async def join(i, client):
        started = time.perf_counter()
        try:
            if baseline:
                await client.post("/join")
            else:
                page = await client.get(f"/doe-mee/{info['code']}/")
                token = client.cookies.get("csrftoken") or ""
                response = await client.post(f"/doe-mee/{info['code']}/",
                                             headers={"X-CSRFToken": token})
                if response.status != 302 or page.status != 200:
                    run.error(f"join {response.status}")
                    return
            run.join_times.append(time.perf_counter() - started)
        except ERRORS as error:
            run.error(type(error).__name__)
            return

        def on_phone(event, data, at, i=i):
            if event == "phase" and i not in run.phase_received and phase_sent[0]:
                run.phase_received[i] = at

        url = "/stream" if baseline else f"/doe-mee/{info['code']}/stroom/"
        streams.append(Stream(client, url, on_phone).start())

    phase_sent = [None]
    joined_at = time.perf_counter()
    semaphore = asyncio.Semaphore(100)

    async def limited_join(i, client):
        async with semaphore:
            await join(i, client)

    await asyncio.gather(*(limited_join(i, c) for i, c in enumerate(clients)))
    join_duration = time.perf_counter() - joined_at
    await asyncio.gather(*(asyncio.wait_for(s.connected.wait(), 60) for s in streams),
                         return_exceptions=True)
    await asyncio.sleep(1.0)  # let the first full-state events pass

    async def vote(i, client):
        await asyncio.sleep(random.uniform(0, VOTE_WINDOW))
        started = time.perf_counter()
        try:
            if baseline:
                response = await client.post("/vote", body=b"agree")
            else:
                token = client.cookies.get("csrftoken") or ""
                response = await client.post(
                    f"/doe-mee/{info['code']}/fase/{info['phase']}/",
                    form={"card": info["card"], "vote": random.choice(
                        ["agree", "disagree", "pass"])},
                    headers={"X-CSRFToken": token, "HX-Request": "true"})
            if response.status == 200:
                run.acked.append((len(run.acked) + 1, started))
                run.ack_ms.append(1000 * (time.perf_counter() - started))
            else:
                run.error(f"vote {response.status}")
        except ERRORS as error:
            run.error(type(error).__name__)

    random.seed(1)
    if os.environ.get("BENCH_MARK") and not baseline:
        print("bench: voting starts", file=sys.stderr, flush=True)  # for a profiler to attach
    cpu = CPU(pids)
    await asyncio.gather(*(vote(i, c) for i, c in enumerate(clients)))
    run.cpu_ms = cpu.ms_per(len(run.acked))
    await asyncio.sleep(2.0)

    # A phase change, announced to every phone.
    phase_sent[0] = time.perf_counter()
    if baseline:
        await screen_client.post("/phase")
    else:
        token = screen_client.cookies.get("csrftoken") or ""
        await screen_client.post(f"/o/bench/sessies/{info['session']}/actie/",
                                 form={"action": "next"},
                                 headers={"X-CSRFToken": token, "HX-Request": "true"})
    await asyncio.sleep(5.0)
    run.phase_sent = phase_sent[0]
    for s in [*streams, screen]:
        s.task.cancel()
    await asyncio.gather(*(s.task for s in [*streams, screen]), return_exceptions=True)
    for c in [*clients, screen_client]:
        c.close()
    return run, join_duration


def _vote_to_screen(run: Run) -> list[float]:
    latencies = []
    counts = run.screen_counts
    for order, sent in run.acked:
        seen = next((at for at, n in counts if n >= order and at >= sent), None)
        if seen is not None:
            latencies.append(seen - sent)
    return latencies


def _summarise(run: Run, join_duration: float) -> dict:
    latencies = _vote_to_screen(run)
    delays = [at - run.phase_sent for at in run.phase_received.values()]
    return {
        "joins_per_s": len(run.join_times) / join_duration if join_duration else 0,
        "votes_per_s": len(run.acked) / VOTE_WINDOW,
        "votes_acked": len(run.acked),
        "ack_p50_ms": _percentile(run.ack_ms, 50),
        "ack_p95_ms": _percentile(run.ack_ms, 95),
        "p50_ms": 1000 * _percentile(latencies, 50),
        "p95_ms": 1000 * _percentile(latencies, 95),
        "p99_ms": 1000 * _percentile(latencies, 99),
        "screen_saw": max([n for _t, n in run.screen_counts] or [0]),
        "phase_share": len(delays) / run.phones if run.phones else 0,
        "phase_p95_ms": 1000 * _percentile(delays, 95),
        "server_cpu_ms": run.cpu_ms.get("server", float("nan")),
        "database_cpu_ms": run.cpu_ms.get("database", float("nan")),
        "errors": run.errors,
        "error_kinds": run.error_kinds,
    }


def _staff_login(base: str) -> dict:
    with httpx.Client(base_url=base) as client:
        client.get("/inloggen/")
        token = client.cookies.get("csrftoken")
        client.post("/inloggen/", data={"username": "bench@example.org",
                                        "password": "bench-password-1",
                                        "csrfmiddlewaretoken": token},
                    headers={"Referer": base + "/inloggen/"})
        return dict(client.cookies)


def _count_votes(server: Server, phase: int) -> int:
    script = f"from bedoeling.live.models import Vote; print(Vote.objects.filter(phase={phase}).count())"
    done = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT,
                          env=server.env, capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1])


def run_pair(mode: str, phones: int, load, server_class, count):
    """The baseline, then Bedoeling, under the same load in one run: `load(base, phones,
    baseline=, info=, staff_cookies=, pids=)` drives a crowd (`pids`: the processes whose
    CPU time it may read), `count(server, info)` reads what the server stored. Returns (ours, baseline's, our memory, baseline's memory, stored)."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "baseline.py").write_text(BASELINE_APP)
        baseline = Server("sqlite", tmp)
        baseline.workers = 1
        baseline.start("baseline:app")
        try:
            base_result = asyncio.run(load(baseline.url, phones, baseline=True, info=None,
                                           staff_cookies=None, pids=baseline.pids()))
            base_memory = _peak_memory_mb(baseline.process.pid)
        finally:
            baseline.stop()
        server = server_class(mode, tmp)
        try:
            info = server.prepare()
            server.start()
            cookies = _staff_login(server.url)
            result = asyncio.run(load(server.url, phones, baseline=False, info=info,
                                      staff_cookies=cookies, pids=server.pids()))
            memory = _peak_memory_mb(server.process.pid)
            stored = count(server, info)
        finally:
            server.stop()
    return result, base_result, memory, base_memory, stored


def measure(mode: str, phones: int) -> None:
    (run, join), (base_run, base_join), memory, base_memory, stored = run_pair(
        mode, phones, _load, Server, lambda server, info: _count_votes(server, info["phase"]))
    ours, theirs = _summarise(run, join), _summarise(base_run, base_join)
    label = "SQLite, 1 worker" if mode == "sqlite" else "PostgreSQL + Redis, 2 workers"
    print(f"\nLive engine, {phones} phones — {label} (baseline: minimal ASGI app, same run)")
    print(f"{'figure':<34}{'Bedoeling':>14}{'baseline':>14}{'ratio':>9}")

    def row(name, key, fmt="{:.0f}"):
        a, b = ours[key], theirs[key]
        ratio = (a / b) if b else float("nan")
        print(f"{name:<34}{fmt.format(a):>14}{fmt.format(b):>14}{ratio:>9.2f}")

    row("joins per second", "joins_per_s")
    row("votes accepted per second", "votes_per_s", "{:.1f}")
    row("vote answered p50 (ms)", "ack_p50_ms")
    row("vote answered p95 (ms)", "ack_p95_ms")
    row("vote → screen p50 (ms)", "p50_ms")
    row("vote → screen p95 (ms)", "p95_ms")
    row("vote → screen p99 (ms)", "p99_ms")
    row("phones that got the phase change", "phase_share", "{:.3f}")
    row("phase change p95 (ms)", "phase_p95_ms")
    row("server CPU per vote (ms)", "server_cpu_ms", "{:.2f}")
    if mode == "postgres":
        print(f"{'PostgreSQL + Redis CPU per vote (ms)':<34}{ours['database_cpu_ms']:>14.2f}")
    row("errors", "errors")
    print(f"{'server peak memory (MB)':<34}{memory:>14.0f}{base_memory:>14.0f}"
          f"{memory / base_memory if base_memory else float('nan'):>9.2f}")
    print(f"votes acknowledged {ours['votes_acked']}, stored {stored}, "
          f"largest count the screen showed {ours['screen_saw']}")
    if ours["error_kinds"]:
        print("errors by kind:", ours["error_kinds"])
    if stored != ours["votes_acked"]:
        print("!! an acknowledged vote was not stored")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="bench live")
    parser.add_argument("--phones", type=int, default=None,
                        help="one crowd of this size (default: 1,000 on both databases, "
                             "then 2,000 and 3,000 on PostgreSQL + Redis)")
    parser.add_argument("--mode", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args(argv)
    modes = ["sqlite", "postgres"] if args.mode == "both" else [args.mode]
    if args.phones is not None:
        for mode in modes:
            measure(mode, args.phones)
        return
    for mode in modes:
        measure(mode, 1000)
    # A conference hall asked to vote now, an audience pressing STOP: 200 and 300 votes a
    # second, each with its baseline in the same run.
    if "postgres" in modes:
        for phones in (2000, 3000):
            measure("postgres", phones)


if __name__ == "__main__":
    main()

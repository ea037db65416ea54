"""Load test of regietheater's STOP: a hall presses STOP within three seconds.

A real uvicorn server (SQLite with one worker, or PostgreSQL + Redis with two) plays a
scene; every phone joins, holds its stream and presses STOP once within `PRESS_WINDOW`
seconds — and a quarter of them press a second time, as a nervous thumb or a phone that
sends its press again after a lost connection does. The projector's stream is read for
the stop-meter. In the same run the baseline of `bench live` (a minimal ASGI app that
answers a POST and pushes a count) takes the same presses. Printed: presses accepted per
second, press answered and press → stop-meter p50/p95/p99, presses acknowledged against
presses counted (each phone once), errors — each with its ratio to the baseline.

    python -m bench stop --phones 800 [--mode sqlite|postgres|both]
"""

import argparse
import asyncio
import random
import re
import subprocess
import sys
import time

from bench.bench_live import CPU, ROOT, Server, _percentile, run_pair
from bench.crowd import ERRORS, Phone, Stream

PRESS_WINDOW = 3.0  # seconds over which the hall presses
TWICE = 0.25  # share of phones that press a second time

SETUP = """
from bedoeling.accounts.models import Membership, User
from bedoeling.live import services
from bedoeling.orgs.models import Organisation
from bedoeling.theatre import play
from bedoeling.theatre import services as theatre
org = Organisation.objects.create(name='Bench', slug='bench')
u = User.objects.create_user('bench@example.org', 'bench-password-1')
Membership.objects.create(user=u, organisation=org, role='facilitator')
performance = theatre.performance_create(org, u, title='Bench')
theatre.scene_save(performance, u, title='De juf en de lesplanning', setting='Een klas.',
                   characters='De juf, Sem', conflict='Sem wil iets zeggen.', at_stake='')
s = theatre.showing_start(performance, u)
s.participant_cap = 100000
s.save(update_fields=['participant_cap'])
services.session_open(s, u)
phase = s.phases.first()
stop = play.start(phase)
# The meter counts every press of the burst: a window longer than the burst, a threshold
# nobody reaches.
play.thresholds_set(phase, threshold=5000, window=60)
print(s.code, s.pk, phase.pk, stop.pk)
"""


class StopServer(Server):
    def prepare(self) -> dict:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT,
                       env=self.env, check=True)
        done = subprocess.run([sys.executable, "manage.py", "shell", "-c", SETUP], cwd=ROOT,
                              env=self.env, check=True, capture_output=True, text=True)
        code, session, phase, stop = done.stdout.split()[-4:]
        return {"code": code, "session": int(session), "phase": int(phase), "stop": int(stop)}


class Run:
    def __init__(self, phones: int):
        self.phones = phones
        self.acked: list[float] = []  # when each first press was sent
        self.ack_ms: list[float] = []
        self.extra_acked = 0
        self.screen_counts: list[tuple[float, int]] = []
        self.cpu_ms: dict[str, float] = {}
        self.errors = 0
        self.error_kinds: dict[str, int] = {}

    def error(self, kind):
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1


async def _load(base: str, phones: int, *, baseline: bool, info: dict | None,
                staff_cookies: dict | None, pids: dict) -> Run:
    run = Run(phones)
    clients = [Phone(base) for _ in range(phones)]
    number = re.compile(r"data-stop-count>(\d+)<" if not baseline else r"(\d+) stemmen")

    def on_screen(event, data, at):
        if event == "snapshot":
            match = number.search(data)
            if match:
                run.screen_counts.append((at, int(match.group(1))))

    screen_client = Phone(base, cookies=staff_cookies)
    screen_url = "/screen" if baseline else f"/o/bench/sessies/{info['session']}/stroom/screen/"
    screen = Stream(screen_client, screen_url, on_screen).start()
    await asyncio.wait_for(screen.connected.wait(), 30)

    streams = []
    semaphore = asyncio.Semaphore(100)

    async def join(client):
        async with semaphore:
            try:
                if baseline:
                    await client.post("/join")
                else:
                    page = await client.get(f"/doe-mee/{info['code']}/")
                    token = client.cookies.get("csrftoken") or ""
                    answer = await client.post(f"/doe-mee/{info['code']}/",
                                               headers={"X-CSRFToken": token})
                    if answer.status != 302 or page.status != 200:
                        run.error(f"join {answer.status}")
                        return
            except ERRORS as error:
                run.error(type(error).__name__)
                return
            url = "/stream" if baseline else f"/doe-mee/{info['code']}/stroom/"
            streams.append(Stream(client, url, lambda *_: None).start())

    await asyncio.gather(*(join(c) for c in clients))
    await asyncio.gather(*(asyncio.wait_for(s.connected.wait(), 60) for s in streams),
                         return_exceptions=True)
    await asyncio.sleep(1.0)

    async def send(client) -> bool:
        if baseline:
            answer = await client.post("/vote", body=b"stop")
        else:
            token = client.cookies.get("csrftoken") or ""
            answer = await client.post(
                f"/doe-mee/{info['code']}/fase/{info['phase']}/",
                form={"do": "press", "stop": info["stop"]},
                headers={"X-CSRFToken": token, "HX-Request": "true"})
        if answer.status != 200:
            run.error(f"press {answer.status}")
        return answer.status == 200

    async def press(i, client, again):
        await asyncio.sleep(random.uniform(0, PRESS_WINDOW))
        started = time.perf_counter()
        try:
            if await send(client):
                run.acked.append(started)
                run.ack_ms.append(1000 * (time.perf_counter() - started))
            if again:
                await asyncio.sleep(random.uniform(0.05, 0.5))
                if await send(client):
                    run.extra_acked += 1
        except ERRORS as error:
            run.error(type(error).__name__)

    random.seed(2)
    twice = set(random.sample(range(phones), int(phones * TWICE)))
    cpu = CPU(pids)
    await asyncio.gather(*(press(i, c, i in twice) for i, c in enumerate(clients)))
    run.cpu_ms = cpu.ms_per(len(run.acked) + run.extra_acked)
    await asyncio.sleep(3.0)
    for s in [*streams, screen]:
        s.task.cancel()
    await asyncio.gather(*(s.task for s in [*streams, screen]), return_exceptions=True)
    for c in [*clients, screen_client]:
        c.close()
    return run


def _press_to_meter(run: Run, baseline: bool) -> list[float]:
    """For the n-th first press (in the order they were sent), when the meter first showed
    n or more after it was sent. The baseline counts every POST, a second press too."""
    latencies = []
    for order, sent in enumerate(sorted(run.acked), start=1):
        seen = next((at for at, n in run.screen_counts if n >= order and at >= sent), None)
        if seen is not None:
            latencies.append(seen - sent)
    return latencies


def _summarise(run: Run, baseline: bool) -> dict:
    latencies = _press_to_meter(run, baseline)
    return {
        "presses_per_s": (len(run.acked) + run.extra_acked) / PRESS_WINDOW,
        "acked": len(run.acked),
        "ack_p50_ms": _percentile(run.ack_ms, 50),
        "ack_p95_ms": _percentile(run.ack_ms, 95),
        "p50_ms": 1000 * _percentile(latencies, 50),
        "p95_ms": 1000 * _percentile(latencies, 95),
        "p99_ms": 1000 * _percentile(latencies, 99),
        "meter_max": max([n for _t, n in run.screen_counts] or [0]),
        "server_cpu_ms": run.cpu_ms.get("server", float("nan")),
        "database_cpu_ms": run.cpu_ms.get("database", float("nan")),
        "errors": run.errors,
        "error_kinds": run.error_kinds,
    }


def _counted(server: Server, phase: int, stop: int) -> int:
    script = ("from bedoeling.live.models import Vote; "
              f"print(Vote.objects.filter(phase={phase}, target='s{stop}').count())")
    done = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT,
                          env=server.env, capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1])


def measure(mode: str, phones: int) -> None:
    run, base_run, memory, base_memory, counted = run_pair(
        mode, phones, _load, StopServer,
        lambda server, info: _counted(server, info["phase"], info["stop"]))
    ours, theirs = _summarise(run, False), _summarise(base_run, True)
    label = "SQLite, 1 worker" if mode == "sqlite" else "PostgreSQL + Redis, 2 workers"
    print(f"\nRegietheater STOP, {phones} phones within {PRESS_WINDOW:.0f} s, "
          f"{int(TWICE * 100)} % pressing twice — {label} (baseline: minimal ASGI app, same run)")
    print(f"{'figure':<36}{'Bedoeling':>14}{'baseline':>14}{'ratio':>9}")

    def row(name, key, fmt="{:.0f}"):
        a, b = ours[key], theirs[key]
        ratio = (a / b) if b else float("nan")
        print(f"{name:<36}{fmt.format(a):>14}{fmt.format(b):>14}{ratio:>9.2f}")

    row("presses accepted per second", "presses_per_s", "{:.1f}")
    row("press answered p50 (ms)", "ack_p50_ms")
    row("press answered p95 (ms)", "ack_p95_ms")
    row("press → stop-meter p50 (ms)", "p50_ms")
    row("press → stop-meter p95 (ms)", "p95_ms")
    row("press → stop-meter p99 (ms)", "p99_ms")
    row("server CPU per press (ms)", "server_cpu_ms", "{:.2f}")
    if mode == "postgres":
        print(f"{'PostgreSQL + Redis CPU per press (ms)':<36}{ours['database_cpu_ms']:>14.2f}")
    row("errors", "errors")
    print(f"{'server peak memory (MB)':<36}{memory:>14.0f}{base_memory:>14.0f}"
          f"{memory / base_memory if base_memory else float('nan'):>9.2f}")
    print(f"phones whose press was acknowledged {ours['acked']}, counted {counted} "
          f"(second presses acknowledged {run.extra_acked}, counted once); "
          f"the meter's highest reading {ours['meter_max']}")
    if ours["error_kinds"]:
        print("errors by kind:", ours["error_kinds"])
    if counted != ours["acked"]:
        print("!! presses acknowledged and counted differ")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="bench stop")
    parser.add_argument("--phones", type=int, default=800)
    parser.add_argument("--mode", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args(argv)
    for mode in (["sqlite", "postgres"] if args.mode == "both" else [args.mode]):
        measure(mode, args.phones)


if __name__ == "__main__":
    main()

"""Browser tests: Playwright driving Debian's Chromium against a real uvicorn server.

The server runs in a subprocess on its own database (a SQLite file, or a fresh PostgreSQL
database when BEDOELING_DATABASE_URL is set, then with two workers and Redis), loaded with
the demo data. Django's live server is WSGI and cannot stream Server-Sent Events.

Migrating and loading the demo takes half a minute or more on a busy machine, so a run (each
pytest-xdist worker) builds that database once, the `demo_template`, and every server starts
on a copy of it: a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL."""

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("BEDOELING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 860}}
DEMO_PASSWORD = "bedoeling-demo"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


DEFAULT_REDIS = "redis://127.0.0.1:6379/0"


class Server:
    """`redis_workers`: run two workers with Redis whatever the database (failover tests).
    `template`: a Server whose database (migrated, with the demo) this one starts from."""

    def __init__(self, tmp: Path, redis_workers: bool = False, template: "Server | None" = None):
        self.tmp = tmp
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.mail_dir = tmp / "mail"
        self.mail_dir.mkdir()
        self.env = dict(os.environ)
        self.env.update({
            "BEDOELING_VAR_DIR": str(tmp),
            "BEDOELING_DEBUG": "0",
            "BEDOELING_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "BEDOELING_EMAIL_FILE_PATH": str(self.mail_dir),
            "BEDOELING_SECRET_KEY": uuid.uuid4().hex * 2,
            # Its own Redis namespace under the run's (which the run forgets at its end): two
            # servers at once (two pytest-xdist workers, or the failover module's beside the
            # session's) have databases with the same ids, and so rooms with the same names.
            "BEDOELING_REDIS_PREFIX": (
                f"{os.environ['BEDOELING_REDIS_PREFIX']}:e2e-{uuid.uuid4().hex[:8]}"),
            "PYTHONUNBUFFERED": "1",
        })
        self.template = template
        if template:
            # What the demo signed when it was loaded stays valid.
            self.env["BEDOELING_SECRET_KEY"] = template.env["BEDOELING_SECRET_KEY"]
        self.database_name = None
        admin_url = os.environ.get("BEDOELING_DATABASE_URL", "")
        if admin_url.startswith(("postgres://", "postgresql://")):
            self.database_name = f"bedoeling_e2e_{uuid.uuid4().hex[:10]}"
            # CREATE/DROP DATABASE through the maintenance database, which always exists.
            self.admin_url = urlparse(admin_url)._replace(path="/postgres").geturl()
            copy = f' TEMPLATE "{template.database_name}"' if template else ""
            self._psql(f'CREATE DATABASE "{self.database_name}"{copy}')
            self.env["BEDOELING_DATABASE_URL"] = (
                urlparse(admin_url)._replace(path="/" + self.database_name).geturl()
            )
            self.workers = 2
        else:
            self.env.pop("BEDOELING_DATABASE_URL", None)
            self.env.pop("BEDOELING_REDIS_URL", None)
            self.workers = 1
        if redis_workers:
            self.env["BEDOELING_REDIS_URL"] = os.environ.get("BEDOELING_REDIS_URL", DEFAULT_REDIS)
            self.workers = 2
        self.process = None
        self.worker = None
        self.log = open(tmp / "server.log", "w+")

    def _psql(self, sql):
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def manage(self, *args):
        done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env,
                              capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")

    @property
    def sqlite_path(self) -> Path:
        return self.tmp / "bedoeling.sqlite3"

    def build(self):
        """Migrate and load the demo, without starting anything."""
        self.manage("migrate", "--noinput", "-v0")
        self.manage("demo")

    def start(self):
        if self.template is None:
            self.build()
        elif not self.database_name:
            # SQLite's own copy, consistent even if the template's file kept a WAL.
            source = sqlite3.connect(self.template.sqlite_path)
            target = sqlite3.connect(self.sqlite_path)
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        # The task worker sends the mails, as beside `make run`.
        self.worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2",
             "--no-startup-delay", "--no-reload"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        self._launch()

    def restart(self, while_down=None):
        """Stop every worker (each open stream breaks), run `while_down()`, start again on
        the same address and database."""
        self.process.terminate()
        self.process.wait(10)
        if while_down:
            while_down()
        self._launch()

    def _launch(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "bedoeling.asgi:application", "--host",
             "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers),
             "--no-access-log", "--timeout-graceful-shutdown", "2"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
            if self.process.poll() is not None:
                break
        self.log.seek(0)
        raise RuntimeError("server did not start:\n" + self.log.read()[-4000:])

    def stop(self):
        for process in (self.process, self.worker):
            if process and process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
        if self.database_name:
            self._psql(f'DROP DATABASE IF EXISTS "{self.database_name}" WITH (FORCE)')

    def worker_pids(self) -> list[int]:
        done = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True,
                              text=True)
        return [int(p) for p in done.stdout.split()]

    def mails(self) -> list[str]:
        return [p.read_text() for p in sorted(self.mail_dir.glob("*.log"))]

    def wait_for_mail(self, *texts: str, timeout: float = 30) -> str:
        """The first mail that contains every one of `texts`, once the task worker has sent
        it (the worker may be busy with other tasks of the demo: wait, do not just look)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = [mail for mail in self.mails() if all(text in mail for text in texts)]
            if found:
                return found[0]
            time.sleep(0.2)
        raise AssertionError(f"no mail with {texts!r} within {timeout} s")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """A migrated database with the demo, never served: servers start on copies of it."""
    template = Server(tmp_path_factory.mktemp("template"))
    try:
        template.build()
        yield template
    finally:
        template.stop()


@pytest.fixture(scope="session")
def server(tmp_path_factory, demo_template):
    instance = Server(tmp_path_factory.mktemp("server"), template=demo_template)
    try:
        instance.start()
        yield instance
    finally:
        instance.stop()


@pytest.fixture(scope="module")
def browser():
    """One browser per test module, closed when the module ends: Playwright's synchronous API
    keeps an event loop running in the thread while it is open, and a unit-test module that
    runs after this one in the same process (make test spreads files over processes) would
    find that loop and be refused the database (SynchronousOnlyOperation)."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian's Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Visit:
    """A browser context with a guard: every request must go to our own origin."""

    def __init__(self, browser, server, options, locale="nl-NL"):
        self.server = server
        self.context = browser.new_context(base_url=server.url, locale=locale, **options)
        self.context.set_default_timeout(10_000)
        self.foreign: list[str] = []
        self.console_errors: list[str] = []
        self.context.on("request", self._check_origin)
        self.page = self.context.new_page()
        self.page.on("console", self._console)

    def _check_origin(self, request):
        if not request.url.startswith((self.server.url, "data:", "blob:", "about:")):
            self.foreign.append(request.url)

    def _console(self, message):
        if message.type == "error":
            where = message.page.url if message.page else "?"
            self.console_errors.append(f"{message.text} @ {message.location} on {where}")

    def new_page(self):
        page = self.context.new_page()
        page.on("console", self._console)
        return page

    def close(self):
        self.context.close()
        assert not self.foreign, f"requests to another origin: {self.foreign}"
        csp = [m for m in self.console_errors if "Content Security Policy" in m]
        assert not csp, f"CSP violations: {csp}"


@pytest.fixture
def visit(browser, server):
    opened = []

    def open_(kind="desktop", locale="nl-NL"):
        v = Visit(browser, server, PHONE if kind == "phone" else DESKTOP, locale=locale)
        opened.append(v)
        return v

    yield open_
    for v in opened:
        v.close()


def login(page, email, password=DEMO_PASSWORD):
    page.goto("/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def check_a11y(page, label=""):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = results.response["violations"]
    detail = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe found violations on {label or page.url}:\n{detail}"


def fits_a_phone(page):
    """Nothing on the page, and no part of it, scrolls sideways on a 360 px phone."""
    width = page.evaluate("[document.documentElement.scrollWidth,"
                          " document.querySelector('main').scrollWidth]")
    assert max(width) <= 360, f"{page.url} scrolls sideways on a phone ({width}px)"
    # Nor does a part of it (a wide table in its own scrolling box hides columns).
    sideways = page.evaluate("""[...document.querySelectorAll('main *')]
        .filter(el => el.scrollWidth > el.clientWidth + 1
                && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
        .map(el => el.className || el.tagName)""")
    assert not sideways, f"part of {page.url} scrolls sideways on a phone: {sideways}"


def screenshot(page, name):
    folder = ROOT / "var" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)

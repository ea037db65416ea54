"""The administrator's configuration: environment variables, and a clean deploy check."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _run(args, env_extra, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BEDOELING_")}
    env.update({"BEDOELING_VAR_DIR": str(tmp_path), **env_extra})
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)


def test_the_deploy_check_passes_with_production_settings(tmp_path):
    done = _run(["check", "--deploy", "--fail-level", "WARNING"], {
        "BEDOELING_DEBUG": "0", "BEDOELING_HTTPS": "1",
        "BEDOELING_SECRET_KEY": "x" * 30 + "-a-long-and-random-production-secret-key-1234",
        "BEDOELING_ALLOWED_HOSTS": "bedoeling.example.nl",
        "BEDOELING_SITE_URL": "https://bedoeling.example.nl",
    }, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_production_refuses_to_start_without_a_site_url(tmp_path):
    """Mails are written without a request at hand: their links need the public address."""
    done = _run(["check"], {
        "BEDOELING_DEBUG": "0", "BEDOELING_HTTPS": "1",
        "BEDOELING_SECRET_KEY": "x" * 30 + "-a-long-and-random-production-secret-key-1234",
        "BEDOELING_ALLOWED_HOSTS": "bedoeling.example.nl",
    }, tmp_path)
    assert done.returncode != 0
    assert "BEDOELING_SITE_URL" in done.stderr


def test_a_secret_key_is_generated_once_and_kept_under_var(tmp_path):
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = _run(["shell", "-c", code], {}, tmp_path)
    second = _run(["shell", "-c", code], {}, tmp_path)
    key = first.stdout.strip().splitlines()[-1]
    assert len(key) >= 50
    assert second.stdout.strip().splitlines()[-1] == key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_debug_is_off_unless_set(tmp_path):
    code = "from django.conf import settings; print(settings.DEBUG, settings.SECURE_SSL_REDIRECT)"
    done = _run(["shell", "-c", code], {}, tmp_path)
    assert done.stdout.strip().splitlines()[-1] == "False False"


def test_postgres_is_used_when_a_database_url_is_given(tmp_path):
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    done = _run(["shell", "-c", code],
                {"BEDOELING_DATABASE_URL": "postgres://u@127.0.0.1:5432/x"}, tmp_path)
    assert done.stdout.strip().splitlines()[-1] == "django.db.backends.postgresql"


def _free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _first_answer(port, headers):
    """The server's first answer to GET / (redirects not followed)."""
    import http.client
    import time
    deadline = time.monotonic() + 30
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/", headers={"Host": "bedoeling.example.nl", **headers})
            answer = conn.getresponse()
            return answer.status, answer.getheader("Location") or ""
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_x_forwarded_proto_is_believed_only_from_a_trusted_proxy(tmp_path):
    """Behind TLS, a request that claims `X-Forwarded-Proto: https` is sent to https unless it
    comes from a proxy in FORWARDED_ALLOW_IPS: a client that reaches the server directly cannot
    make Django treat its plain-http request as secure (secure cookies sent over http, no
    redirect)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BEDOELING_")}
    env.update({
        "BEDOELING_VAR_DIR": str(tmp_path), "BEDOELING_DEBUG": "0", "BEDOELING_HTTPS": "1",
        "BEDOELING_SECRET_KEY": "x" * 30 + "-a-long-and-random-production-secret-key-1234",
        "BEDOELING_ALLOWED_HOSTS": "bedoeling.example.nl",
        "BEDOELING_SITE_URL": "https://bedoeling.example.nl",
    })
    results = {}
    for trusted in ("10.9.8.7", "127.0.0.1"):
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "bedoeling.asgi:application", "--port", str(port),
             "--forwarded-allow-ips", trusted, "--no-access-log"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            results[trusted] = _first_answer(port, {"X-Forwarded-Proto": "https"})
        finally:
            server.terminate()
            server.wait(10)
    status, location = results["10.9.8.7"]
    assert status == 301 and location.startswith("https://bedoeling.example.nl/"), results
    status, location = results["127.0.0.1"]
    assert not location.startswith("https://bedoeling.example.nl/"), results

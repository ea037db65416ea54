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

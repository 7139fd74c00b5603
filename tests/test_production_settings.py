"""Production settings pass Django's deployment checks and refuse to run without a real key."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=environment, capture_output=True, text=True
    )


def test_check_deploy_reports_no_issues(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="egf.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_development_key():
    result = manage("check", SECRET_KEY="dev-only-secret-key-not-for-production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    environment = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": "p" * 60},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "REDIS_URL must name the shared Redis cache" in result.stderr


def test_production_uses_redis_and_the_task_worker():
    result = manage(
        "shell",
        "--verbosity=0",
        "-c",
        "from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.TASKS['default']['BACKEND'])",
        SECRET_KEY="p" * 60,
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "core.redis_cache.SharedRedisCache",  # Django's RedisCache, one client per process
        "django_tasks_db.DatabaseBackend",
    ]

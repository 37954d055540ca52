"""Mail is printed to the console unless EMAIL_HOST names an SMTP server; the settings
are read from the environment and bad ones stop the start."""

import runpy
from pathlib import Path

import pytest

from resguardo.lib.env import SettingError

SETTINGS = Path(__file__).resolve().parents[2] / "settings.py"


def settings_with(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                  **environment: str) -> dict[str, object]:
    for name in ("EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD",
                 "EMAIL_USE_TLS", "EMAIL_USE_SSL", "EMAIL_TIMEOUT", "DEFAULT_FROM_EMAIL",
                 "NOTIFY_EMAILS", "RETENTION_DAYS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    # A fresh run of the file: the settings Django already holds stay as they are.
    return runpy.run_path(str(SETTINGS))


def test_by_default_mail_goes_to_the_console_and_nobody_is_notified(monkeypatch, tmp_path):
    found = settings_with(monkeypatch, tmp_path)
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert found["NOTIFY_EMAILS"] == [] and found["RETENTION_DAYS"] == 90


def test_an_smtp_server_is_used_when_its_host_is_set(monkeypatch, tmp_path):
    found = settings_with(
        monkeypatch, tmp_path, EMAIL_HOST="smtp.example.org", EMAIL_PORT="587",
        EMAIL_HOST_USER="library", EMAIL_HOST_PASSWORD="s3cret", EMAIL_USE_TLS="true",
        DEFAULT_FROM_EMAIL="library@example.org",
        NOTIFY_EMAILS="ana@example.org, ines@example.org", RETENTION_DAYS="30")
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"], found["EMAIL_HOST_USER"],
            found["EMAIL_HOST_PASSWORD"], found["EMAIL_USE_TLS"], found["EMAIL_USE_SSL"]) == (
        "smtp.example.org", 587, "library", "s3cret", True, False)
    assert found["DEFAULT_FROM_EMAIL"] == found["SERVER_EMAIL"] == "library@example.org"
    assert found["NOTIFY_EMAILS"] == ["ana@example.org", "ines@example.org"]
    assert found["RETENTION_DAYS"] == 30


@pytest.mark.parametrize(("environment", "error"), [
    ({"EMAIL_USE_TLS": "true", "EMAIL_USE_SSL": "true"}, "cannot both be true"),
    ({"EMAIL_PORT": "smtp"}, "EMAIL_PORT must be a whole number"),
    ({"RETENTION_DAYS": "ninety"}, "RETENTION_DAYS must be a whole number"),
])
def test_bad_mail_or_retention_settings_stop_the_start(monkeypatch, tmp_path, environment,
                                                       error):
    with pytest.raises(SettingError, match=error):
        settings_with(monkeypatch, tmp_path, **environment)

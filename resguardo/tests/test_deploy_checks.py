"""Django's deployment checks (`resguardo check --deploy`) pass with production settings: the
environment docs/operating.md's Security section gives a deployment over HTTPS, in a fresh process
with DEBUG off and a data folder of its own (so the secret key is a generated one)."""

import os
import subprocess
import sys
from pathlib import Path

# docs/operating.md, Security: what a deployment behind an HTTPS proxy sets (nothing else).
OVER_HTTPS = {"ALLOWED_HOSTS": "library.example.org", "SECURE_SSL_REDIRECT": "true",
              "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto"}


def resguardo(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {"PATH": os.environ["PATH"], "DATA_DIR": str(data_dir), "DEBUG": "false", **env}
    return subprocess.run([sys.executable, "-m", "resguardo.cli", *args], env=clean,
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_deployment_checks_pass_with_the_settings_for_https(tmp_path: Path) -> None:
    done = resguardo(tmp_path, "check", "--deploy", "--fail-level", "DEBUG", **OVER_HTTPS)
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues (1 silenced)." in done.stdout
    # Silenced (settings.py says why): preloading HSTS is the deployer's commitment to make.


def test_served_over_plain_http_the_only_warning_is_that_nothing_redirects_to_https(
        tmp_path: Path) -> None:
    # Say a Raspberry Pi on a community centre's Wi-Fi, without a certificate.
    done = resguardo(tmp_path, "check", "--deploy", "--fail-level", "DEBUG")
    assert done.returncode == 1
    warnings = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("?:")]
    assert warnings == ["(security.W008)"], done.stderr


def test_the_https_settings_come_from_the_environment(tmp_path: Path) -> None:
    done = resguardo(tmp_path, "diffsettings", "--all", SECURE_HSTS_SECONDS="600",
                     SECURE_HSTS_INCLUDE_SUBDOMAINS="false", SECURE_HSTS_PRELOAD="true",
                     **OVER_HTTPS)
    assert done.returncode == 0, done.stderr
    for line in ("SECURE_HSTS_SECONDS = 600", "SECURE_HSTS_INCLUDE_SUBDOMAINS = False",
                 "SECURE_HSTS_PRELOAD = True", "SECURE_SSL_REDIRECT = True",
                 "SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')",
                 "SECURE_REFERRER_POLICY = 'no-referrer'"):
        assert line in [shown.removeprefix("### ") for shown in done.stdout.splitlines()]
    refused = resguardo(tmp_path, "diffsettings", SECURE_HSTS_SECONDS="a year")
    assert refused.returncode == 1
    assert "SECURE_HSTS_SECONDS must be a whole number, not 'a year'" in refused.stderr

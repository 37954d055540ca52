"""Settings read from the environment: a bad value stops the start with a message naming
the variable, an empty one takes the default, and the secret key is made once, private."""

import stat
from pathlib import Path

import pytest

from resguardo.lib.env import (
    SettingError,
    env_bool,
    env_int,
    env_list,
    env_path,
    proxy_ssl_header,
    secret_key_from,
)


@pytest.mark.parametrize("raw, expected", [
    ("1", True), ("TRUE", True), (" yes ", True), ("on", True),
    ("0", False), ("False", False), ("no", False), ("off", False), ("", True),
])
def test_a_yes_or_no_setting_reads_the_usual_words(monkeypatch, raw: str,  # type: ignore[no-untyped-def]
                                                   expected: bool) -> None:
    monkeypatch.setenv("RESGUARDO_FLAG", raw)
    assert env_bool("RESGUARDO_FLAG", True) is expected


def test_a_yes_or_no_setting_refuses_anything_else_by_name(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RESGUARDO_FLAG", "maybe")
    with pytest.raises(SettingError, match="RESGUARDO_FLAG must be true or false, not 'maybe'"):
        env_bool("RESGUARDO_FLAG")


def test_a_number_setting_refuses_words_and_numbers_below_its_minimum(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RESGUARDO_N", "ten")
    with pytest.raises(SettingError, match="must be a whole number, not 'ten'"):
        env_int("RESGUARDO_N", 3)
    monkeypatch.setenv("RESGUARDO_N", "0")
    with pytest.raises(SettingError, match="must be at least 1, not 0"):
        env_int("RESGUARDO_N", 3, minimum=1)
    monkeypatch.setenv("RESGUARDO_N", "")
    assert env_int("RESGUARDO_N", 3) == 3


def test_a_list_setting_drops_blanks_and_spaces(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RESGUARDO_HOSTS", " a.org, ,b.org ,")
    assert env_list("RESGUARDO_HOSTS", ["x"]) == ["a.org", "b.org"]
    monkeypatch.setenv("RESGUARDO_HOSTS", "  ")
    assert env_list("RESGUARDO_HOSTS", ["x"]) == ["x"]


def test_a_folder_setting_is_made_absolute(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RESGUARDO_DIR", "data")
    assert env_path("RESGUARDO_DIR", Path("elsewhere")) == tmp_path / "data"


def test_the_secret_key_is_made_once_and_readable_by_its_owner_only(tmp_path: Path) -> None:
    first = secret_key_from(tmp_path / "data")
    assert secret_key_from(tmp_path / "data") == first and len(first) >= 50
    mode = stat.S_IMODE((tmp_path / "data" / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_the_proxy_header_is_a_header_name_or_nothing() -> None:
    assert proxy_ssl_header("X-Forwarded-Proto") == ("HTTP_X_FORWARDED_PROTO", "https")
    assert proxy_ssl_header("") is None
    assert proxy_ssl_header("  ") is None
    with pytest.raises(SettingError, match="must be a header name"):
        proxy_ssl_header("X-Forwarded-Proto: https")

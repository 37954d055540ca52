import pytest


@pytest.fixture(autouse=True)
def _quick_passwords(settings) -> None:  # type: ignore[no-untyped-def]
    """Django's real hasher takes a good fraction of a second per password, by design;
    what is tested here is what the forms do with the answer, not the hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

"""What editors read of a job: what it is (apps add their tasks': catalogue/light.py), and
why it failed."""

from collections.abc import Callable
from typing import Any

# A task's path -> what editors call a job of it, made from its arguments.
LABELS: dict[str, Callable[[list[Any]], str]] = {}


def reason(traceback: str) -> str:
    """The last line of a failed job's traceback: the error, in the words it was raised."""
    lines = traceback.strip().splitlines() if traceback else []
    return lines[-1] if lines else ""

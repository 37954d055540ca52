from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def read(name: str) -> str:
    return (FOLDER / name).read_text(encoding="utf-8")

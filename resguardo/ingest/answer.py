"""The worker's answer to the parent, defined once.

The child (`worker.py`) writes it as JSON in its folder, the parent (`sandbox.py`) reads it
back, and `services.py` fills an `Ingested` from it. A refusal travels the same way, as
{"ok": false, "code", "reason"}, its reason already in the reader's language. The parent
trusts the child no further than the types below: a value of another type is read as empty.
"""

import json
from dataclasses import asdict, dataclass, field
from typing import Any, TypeGuard

from resguardo.ingest.base import Extraction, Refused, damaged

# How much of the file's own title, author and date the answer carries (the record's fields).
TITLE_MAX = AUTHOR_MAX = 500
DATE_MAX = 40


@dataclass(frozen=True)
class Answer:
    """What the worker read from one file and what it took out of the cleaned copy."""

    format: str
    text: str = ""
    pages: int | None = None
    title: str = ""
    author: str = ""
    date: str = ""
    has_text_layer: bool = True
    notes: list[str] = field(default_factory=list)
    language: str = ""
    removed: list[str] = field(default_factory=list)  # identifying metadata taken out
    peak_rss_kb: int = 0  # the child's peak memory, for the benchmarks

    @classmethod
    def of(cls, extraction: Extraction, *, removed: list[str], language: str,
           peak_rss_kb: int) -> "Answer":
        return cls(format=extraction.format, text=extraction.text, pages=extraction.pages,
                   title=extraction.title[:TITLE_MAX], author=extraction.author[:AUTHOR_MAX],
                   date=extraction.date[:DATE_MAX], has_text_layer=extraction.has_text_layer,
                   notes=list(extraction.notes), language=language, removed=list(removed),
                   peak_rss_kb=peak_rss_kb)

    def to_json(self) -> str:
        # Not ASCII-escaped: escaping would make non-Latin text up to six times larger.
        return json.dumps({"ok": True, **asdict(self)}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Answer":
        """The answer the child wrote; raises Refused if it was a refusal (or not an answer)."""
        data: Any = json.loads(text)
        if not isinstance(data, dict):
            raise damaged()
        if not data.get("ok"):
            raise Refused(str(data.get("reason", "")), str(data.get("code", "damaged")))
        if not isinstance(data.get("format"), str):
            raise damaged()
        pages, peak = data.get("pages"), data.get("peak_rss_kb")
        return cls(format=data["format"], text=_text(data, "text"),
                   pages=pages if _is_int(pages) else None, title=_text(data, "title"),
                   author=_text(data, "author"), date=_text(data, "date"),
                   has_text_layer=bool(data.get("has_text_layer", True)),
                   notes=_texts(data, "notes"), language=_text(data, "language"),
                   removed=_texts(data, "removed"), peak_rss_kb=peak if _is_int(peak) else 0)


def refusal_json(refused: Refused) -> str:
    return json.dumps({"ok": False, "code": refused.code, "reason": str(refused.reason)},
                      ensure_ascii=False)


def _text(data: dict[str, Any], key: str) -> str:
    return str(data.get(key) or "")


def _texts(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    return [str(item) for item in value] if isinstance(value, list) else []


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)

"""What the extractors of several formats share: joining blocks into light markup, and the
Dublin Core facts that DOCX (docProps/core.xml), ODT (meta.xml) and EPUB (the OPF) all use."""

import re
from collections.abc import Iterable
from xml.etree.ElementTree import Element

DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"
META_LENGTH = 300  # characters kept of a title or an author
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def join_blocks(blocks: Iterable[tuple[str, str]]) -> str:
    """Blocks as (kind, markup): a blank line between blocks, except between the items of
    one list and the rows of one table (kinds "item:<which list>", "row:<which table>"),
    which the reading view reads as one block."""
    parts: list[str] = []
    previous = ""
    for kind, text in blocks:
        if parts:
            parts.append("\n" if kind == previous and kind.startswith(("item", "row")) else "\n\n")
        parts.append(text)
        previous = kind
    return "".join(parts)


def one_line(text: str | None, limit: int = META_LENGTH) -> str:
    return " ".join((text or "").split())[:limit]


def iso_date(text: str | None) -> str:
    """'2024-05-01' from '2024-05-01T10:00:00Z', '2024' from '2024'; else ''."""
    found = _DATE.match((text or "").strip())
    return found.group(0) if found else ""


def dublin_core(root: Element, *, author_tags: tuple[str, ...] = (),
                date_tags: tuple[str, ...] = ()) -> tuple[str, str, str]:
    """(title, author, date): the first non-empty of dc:title, of `author_tags` then
    dc:creator, and of `date_tags` then dc:date, dcterms:created and dcterms:issued."""
    def first(tags: tuple[str, ...]) -> Element | None:
        for tag in tags:
            for found in root.iter(tag):
                if (found.text or "").strip():
                    return found
        return None

    title = first((f"{DC}title",))
    author = first((*author_tags, f"{DC}creator"))
    date = first((*date_tags, f"{DC}date", f"{DCTERMS}created", f"{DCTERMS}issued"))
    return (one_line(title.text if title is not None else ""),
            one_line(author.text if author is not None else ""),
            iso_date(date.text if date is not None else ""))

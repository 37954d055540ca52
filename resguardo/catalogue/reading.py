"""A first reading view of a resource's text: paragraphs from blank-line breaks, with
lines inside a paragraph joined. (Structure recovery proper belongs to ingestion.)"""

import re

_BLANK = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    blocks = (" ".join(block.split()) for block in _BLANK.split(text))
    return [block for block in blocks if block]

"""Which addresses in a document reach outside it, and which a reader may follow: shared by
every scrubber that meets a link or a picture (PDF, DOCX, ODT, EPUB, HTML, Markdown)."""

import re

# Browsers drop tabs and line ends anywhere in an address, and spaces and controls around it.
_URL_NOISE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_DATA_PICTURE = re.compile(r"^data:image/(?:png|jpeg|gif|webp)[;,]")
LINK_SCHEMES = {"http", "https", "mailto"}


def scheme(url: str) -> str | None:
    """The address's scheme in lower case ("http"), "" for a scheme-relative "//host/…",
    None for an address inside the document (relative or a fragment)."""
    url = _URL_NOISE.sub("", url).strip(" \x00-\x1f").lower()
    if url.startswith(("//", "\\\\", "/\\", "\\/")):
        return ""
    found = _SCHEME.match(url)
    return found.group(1) if found else None


def is_remote(url: str) -> bool:
    """Whether opening a document that loads this address would reach outside it: any
    scheme but data:, or another host ("//host/…"). A relative address stays inside."""
    found = scheme(url)
    return found is not None and found != "data"


def safe_link(url: str) -> bool:
    """An address a reader may follow by clicking: web, mail, or inside the document."""
    found = scheme(url)
    return found is None or found in LINK_SCHEMES


# CSS that may fetch: any @import, image-set() and src() (they take bare strings), and url()
# of anything but a data: address or a relative file.
_CSS_REMOTE = re.compile(r"""@import|image-set\(|\bsrc\(|"""
                         r"""url\(\s*['"]?\s*(?!data:)(?:[a-z][a-z0-9+.\-]*:|//|\\)""", re.I)


def css_fetches(text: str) -> bool:
    return bool(_CSS_REMOTE.search(text))




def is_data_picture(url: str) -> bool:
    return bool(_DATA_PICTURE.match(url.strip().lower()))

"""Markdown for content editors write: CommonMark with raw HTML turned off, so nothing in
a page's source reaches the browser as markup, and unsafe link schemes are refused."""

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def render(source: str) -> SafeString:
    return mark_safe(_renderer.render(source))  # noqa: S308 - html is disabled above

"""The mark on a view whose page is the same for every reader: the site's page cache
(web/pagecache.py, above the apps) keeps the pages of marked views. An app marks its views
here, so it never imports the cache, which imports apps."""

from collections.abc import Callable

from django.http import HttpResponseBase

View = Callable[..., HttpResponseBase]


def shared_page(*params: str) -> Callable[[View], View]:
    """Mark a public view whose page is the same for every reader of the same address,
    language and encoding. Only addresses whose query uses `params` are kept, so made-up
    parameters cannot fill the cache. (Decorators above it keep the mark: functools.wraps
    copies it.)"""
    def decorate(view: View) -> View:
        view.shared_page = frozenset(params)  # type: ignore[attr-defined]
        return view
    return decorate


def shared_params(view: Callable[..., object]) -> frozenset[str] | None:
    """The query parameters a marked view's kept pages may have; None if it is not marked."""
    return getattr(view, "shared_page", None)

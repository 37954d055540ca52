"""Counting requests without keeping anyone's address.

A client is known only by a keyed hash of its address (HMAC with a key derived from the
site's secret), counted in the cache with a short expiry: never written to the database or
the logs, and useless to anyone who reads the cache without the key. Past a limit the
request gets HTTP 429 and a page that says, in the reader's language, when to try again.
"""

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.loader import render_to_string

View = Callable[..., HttpResponseBase]


@dataclass(frozen=True)
class Limit:
    name: str
    count: int  # requests allowed
    seconds: int  # in this window
    setting: str = ""  # a setting that overrides `count`, when the operator may tune it

    @property
    def allowed(self) -> int:
        return int(getattr(settings, self.setting, self.count)) if self.setting else self.count


def _hashed(value: str) -> str:
    key = hashlib.sha256(f"ratelimit:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]


def client(request: HttpRequest) -> str:
    """The client's keyed hash (its address never leaves this function)."""
    return _hashed(request.META.get("REMOTE_ADDR", ""))


def allow(limit: Limit, who: str) -> bool:
    """Count one request by `who` (an already hashed or otherwise non-identifying key);
    False once the limit is passed within the window."""
    key = f"rl:{limit.name}:{_hashed(who)}"
    cache.add(key, 0, timeout=limit.seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=limit.seconds)
        count = 1
    return count <= limit.allowed


def too_many(request: HttpRequest, limit: Limit) -> HttpResponse:
    response = HttpResponse(render_to_string("429.html", {"minutes": -(-limit.seconds // 60)},
                                             request=request), status=429)
    response["Retry-After"] = str(limit.seconds)
    return response


def limit_posts(*limits: Limit) -> Callable[[View], View]:
    """Refuse a client's POSTs with 429 once any of `limits` is passed (GETs are free:
    reading the form costs nothing)."""
    def decorate(view: View) -> View:
        @wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method == "POST":
                who = client(request)
                for limit in limits:
                    if not allow(limit, who):
                        return too_many(request, limit)
            return view(request, *args, **kwargs)
        return limited
    return decorate

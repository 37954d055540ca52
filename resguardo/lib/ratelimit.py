"""Counting requests without keeping anyone's address.

A client is known only by a keyed hash of its address (HMAC with a key derived from the
site's secret), counted in the cache with a short expiry: never written to the database or
the logs, and useless to anyone who reads the cache without the key. Past a limit the
request gets HTTP 429 and a page that says, in the reader's language, when to try again.

The counts have a cache of their own (COUNTS), so that search results, which any reader
can make many of, never push them out; and they are counted one at a time, under a lock
file beside them, because the file cache adds and increments by reading a file and then
writing it: counts made at the same moment by several workers were lost. An IPv6 client
is known by its /64 network: one home or phone gets a whole /64 and may use any address
in it.
"""

import fcntl
import hashlib
import hmac
import ipaddress
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.loader import render_to_string

View = Callable[..., HttpResponseBase]


@dataclass(frozen=True)
class Limit:
    name: str
    count: int  # requests allowed
    seconds: int  # in this window
    setting: str = ""  # a setting that overrides `count`, when the operator may tune it
    # Counted for everyone together (say, tries at one account from anywhere): the 429
    # page then does not say the requests came from here.
    across_clients: bool = False

    @property
    def allowed(self) -> int:
        return int(getattr(settings, self.setting, self.count)) if self.setting else self.count


def _hashed(value: str) -> str:
    key = hashlib.sha256(f"ratelimit:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]


COUNTS = "limits"  # the cache alias (settings.CACHES)
IPV6_NETWORK = 64


def _address(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    if header := settings.CLIENT_ADDRESS_HEADER:
        # Behind a proxy every request comes from the proxy: the client is the last address
        # in its header (the one it saw; what a client writes there itself comes before).
        forwarded = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        address = forwarded.split(",")[-1].strip() or address
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((int(ip), IPV6_NETWORK), strict=False))
    return str(ip)


def client(request: HttpRequest) -> str:
    """The client's keyed hash (its address never leaves this function)."""
    return _hashed(_address(request))


@contextmanager
def _one_at_a_time() -> Iterator[None]:
    folder = Path(str(settings.CACHES[COUNTS]["LOCATION"]))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(folder / "counting.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # released when the file is closed
        yield
    finally:
        os.close(descriptor)


def allow(limit: Limit, who: str) -> bool:
    """Count one request by `who` (an already hashed or otherwise non-identifying key);
    False once the limit is passed within the window."""
    key = f"rl:{limit.name}:{_hashed(who)}"
    counts = caches[COUNTS]
    with _one_at_a_time():
        counts.add(key, 0, timeout=limit.seconds)
        try:
            count = counts.incr(key)
        except ValueError:  # expired between add and incr
            counts.set(key, 1, timeout=limit.seconds)
            count = 1
    return count <= limit.allowed


def too_many(request: HttpRequest, limit: Limit) -> HttpResponse:
    context = {"minutes": -(-limit.seconds // 60), "across_clients": limit.across_clients}
    response = HttpResponse(render_to_string("429.html", context, request=request), status=429)
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

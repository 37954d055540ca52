"""How often anyone may try to sign in to the editors' area: the limits, and the sign-in
view that keeps them. Names that exist and names that do not are counted alike, and no
one's address is kept (lib/ratelimit.py counts a hash of it)."""

import unicodedata
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase

from resguardo.lib.ratelimit import Limit, allow, client, too_many

# Sign-in is counted three ways (lib/ratelimit.py), for account names that exist and names
# that do not alike, so the answer never tells which:
# - per account and client together: someone guessing an editor's password from their own
#   address is refused, while the editor signs in from hers;
# - per client: one client trying many names;
# - per account across every client, far higher and over an hour: a guess spread over many
#   addresses stops there, and locks the account until the hour is out (its authenticator
#   code still protects it).
# Once one refuses, the rest are not counted: a refused attacker adds nothing to the ceiling.
SIGN_IN_PER_ACCOUNT_AND_CLIENT = Limit("sign-in-account-client", 10, 15 * 60)
SIGN_IN_PER_CLIENT = Limit("sign-in-client", 30, 15 * 60)
SIGN_IN_PER_ACCOUNT = Limit("sign-in-account", 100, 60 * 60, across_clients=True)


def account_key(username: str) -> str:
    """The account name as the per-account limits count it: as Django's sign-in form reads
    it (NFKC, so "ｅｄｉｔｏｒ" is "editor"), without spaces or case."""
    return unicodedata.normalize("NFKC", username).strip().casefold()[:150]


def account_refused(request: HttpRequest, username: str) -> HttpResponse | None:
    """Count one try at signing in to `username` from this client: the 429 page once this
    client, or everyone together, has tried it too often; None while it may go on."""
    account = account_key(username)
    # The client's hash is hexadecimal and of one length: no name can forge another pair.
    for limit, who in ((SIGN_IN_PER_ACCOUNT_AND_CLIENT, f"{client(request)}:{account}"),
                       (SIGN_IN_PER_ACCOUNT, account)):
        if not allow(limit, who):
            return too_many(request, limit)
    return None


def throttled(login: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """The editors' sign-in view, refusing with 429 past any limit."""
    @wraps(login)
    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "POST":
            if not allow(SIGN_IN_PER_CLIENT, client(request)):
                return too_many(request, SIGN_IN_PER_CLIENT)
            if refused := account_refused(request, str(request.POST.get("username", ""))):
                return refused
        return login(request, *args, **kwargs)
    return view

"""What `create_editor` and `enrol` print: the enrolment link and what to do with it."""

import textwrap

from django.conf import settings
from django.core.management.base import CommandParser
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def add_site_argument(parser: CommandParser) -> None:
    parser.add_argument("--site", default="", metavar="URL",
                        help=_("The site's address, e.g. https://library.example.org, to "
                               "print the whole link."))


def instructions(username: str, token: str, site: str) -> str:
    path = reverse("accounts:enrol", args=[token])
    link = (f"{site.rstrip('/')}{path}" if site
            else _("%(path)s  (after the site's address)") % {"path": path})
    hours = settings.ENROLMENT_HOURS
    return "\n".join([
        ngettext("Enrolment link for %(username)s (it works once, within %(hours)s hour):",
                 "Enrolment link for %(username)s (it works once, within %(hours)s hours):",
                 hours) % {"username": username, "hours": hours},
        f"  {link}",
        textwrap.fill(_(
            "Give it to %(username)s privately. With it and their password they set up an "
            "authenticator app (Aegis, FreeOTP, Google Authenticator…), then sign in at "
            "%(path)s with their password and the code the app shows.")
            % {"username": username, "path": reverse("admin:index")}, width=79),
    ])

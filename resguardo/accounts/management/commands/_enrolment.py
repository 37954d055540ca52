"""What `create_editor` and `enrol` print: the enrolment link and what to do with it."""

from django.conf import settings
from django.core.management.base import CommandParser
from django.urls import reverse


def add_site_argument(parser: CommandParser) -> None:
    parser.add_argument("--site", default="", metavar="URL",
                        help="The site's address, e.g. https://library.example.org, to "
                             "print the whole link.")


def instructions(username: str, token: str, site: str) -> str:
    path = reverse("accounts:enrol", args=[token])
    link = f"{site.rstrip('/')}{path}" if site else f"{path}  (after the site's address)"
    hours = settings.ENROLMENT_HOURS
    return (
        f"Enrolment link for {username} (it works once, within {hours} hours):\n"
        f"  {link}\n"
        f"Give it to {username} privately. With it and their password they set up an "
        "authenticator app\n(Aegis, FreeOTP, Google Authenticator...), then sign in at "
        "/editors/ with their password\nand the code the app shows."
    )

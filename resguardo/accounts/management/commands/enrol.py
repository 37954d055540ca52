from django.contrib.auth.models import User
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resguardo.accounts.authenticators import AlreadyEnrolled, start_enrolment
from resguardo.accounts.management.commands._enrolment import add_site_argument, instructions
from resguardo.lib.commands import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Print a new enrolment link for a staff account's authenticator app (for an "
        "account made by createsuperuser, or after a lost phone with --replace). Only "
        "the newest link works.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--replace", action="store_true",
                            help=_("Remove the account's authenticator first: it can no "
                                   "longer sign in until it enrols again."))
        add_site_argument(parser)

    def handle(self, *args: object, **options: str) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None or not (user.is_staff and user.is_active):
            raise CommandError(_("There is no active staff account named %(username)s.")
                               % {"username": options["username"]})
        try:
            token = start_enrolment(user, replace=bool(options["replace"]))
        except AlreadyEnrolled:
            raise CommandError(_("%(username)s has an authenticator already. If the phone "
                                 "is lost, run this again with --replace.")
                               % {"username": user.username}) from None
        if options["replace"]:
            self.stdout.write(_("The authenticator of %(username)s was removed.")
                              % {"username": user.username})
        self.stdout.write(instructions(user.username, token, options["site"]))

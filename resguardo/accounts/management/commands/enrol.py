from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from resguardo.accounts.authenticators import AlreadyEnrolled, start_enrolment
from resguardo.accounts.management.commands._enrolment import add_site_argument, instructions


class Command(BaseCommand):
    help = ("Print a new enrolment link for a staff account's authenticator app (for an "
            "account made by createsuperuser, or after a lost phone with --replace). Only "
            "the newest link works.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--replace", action="store_true",
                            help="Remove the account's authenticator first: it can no longer "
                                 "sign in until it enrols again.")
        add_site_argument(parser)

    def handle(self, *args: object, **options: str) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None or not (user.is_staff and user.is_active):
            raise CommandError(f"There is no active staff account named {options['username']}.")
        try:
            token = start_enrolment(user, replace=bool(options["replace"]))
        except AlreadyEnrolled:
            raise CommandError(f"{user.username} has an authenticator already. If the phone "
                               "is lost, run this again with --replace.") from None
        if options["replace"]:
            self.stdout.write(f"{user.username}'s authenticator was removed.")
        self.stdout.write(instructions(user.username, token, options["site"]))

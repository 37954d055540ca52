import getpass

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from resguardo.accounts.authenticators import start_enrolment
from resguardo.accounts.management.commands._enrolment import add_site_argument, instructions
from resguardo.catalogue.editors import ROLES, create_editor


class Command(BaseCommand):
    help = ("Create a staff account: an editor (curates and moderates) or an administrator "
            "(also manages accounts). Asks for the password; prints the enrolment link for "
            "the account's authenticator app.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--role", choices=sorted(ROLES), default="editor")
        add_site_argument(parser)

    def handle(self, *args: object, **options: str) -> None:
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(f"There is already an account named {options['username']}.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        try:
            validate_password(password, User(username=options["username"],
                                              email=options["email"]))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user = create_editor(options["username"], options["email"], password,
                             role=options["role"])
        self.stdout.write(f"{options['role'].capitalize()} {user.username} created.")
        self.stdout.write(instructions(user.username, start_enrolment(user), options["site"]))

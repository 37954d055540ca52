import getpass

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resguardo.accounts.authenticators import start_enrolment
from resguardo.accounts.management.commands._enrolment import add_site_argument, instructions
from resguardo.accounts.roles import ROLES, create_editor
from resguardo.lib.commands import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Create a staff account: an editor (curates and moderates) or an administrator "
        "(also manages accounts). Asks for the password; prints the enrolment link for "
        "the account's authenticator app.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--role", choices=sorted(ROLES), default="editor")
        add_site_argument(parser)

    def handle(self, *args: object, **options: str) -> None:
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(_("There is already an account named %(username)s.")
                               % {"username": options["username"]})
        password = getpass.getpass(_("Password: "))
        if password != getpass.getpass(_("Password (again): ")):
            raise CommandError(_("The two passwords differ."))
        try:
            validate_password(password, User(username=options["username"],
                                              email=options["email"]))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user = create_editor(options["username"], options["email"], password,
                             role=options["role"])
        created = {"editor": _("Editor %(username)s created."),
                   "administrator": _("Administrator %(username)s created.")}
        self.stdout.write(created[options["role"]] % {"username": user.username})
        self.stdout.write(instructions(user.username, start_enrolment(user), options["site"]))

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AsksConfig(AppConfig):
    name = "resguardo.asks"
    verbose_name = _("Readers’ asks")

from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class SearchConfig(AppConfig):
    name = "resguardo.search"
    verbose_name = pgettext_lazy("noun", "Search")

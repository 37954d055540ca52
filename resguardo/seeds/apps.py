from django.apps import AppConfig


# An app only so that the `seed` command lives beside the library and loader it runs;
# it has no models (and so no verbose name to translate).
class SeedsConfig(AppConfig):
    name = "resguardo.seeds"

from django.apps import AppConfig


# An app only so that Django finds the `setup` and `serve` commands; it has no models (and
# so no verbose name to translate).
class ServerConfig(AppConfig):
    name = "resguardo.server"

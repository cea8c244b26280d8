from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dialogwerk.core"
    label = "core"

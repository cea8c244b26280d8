from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "dialogwerk.measures"
    label = "measures"
    verbose_name = _("Measures")

    def ready(self) -> None:
        from . import declarations

        declarations.declare()  # its part in documents, privacy and the checklist (core/registry.py)

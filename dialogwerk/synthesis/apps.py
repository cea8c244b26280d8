from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SynthesisConfig(AppConfig):
    name = "dialogwerk.synthesis"
    label = "synthesis"
    verbose_name = _("Results")

    def ready(self) -> None:
        from . import declarations, signals  # noqa: F401  (signals connects the receivers)

        declarations.declare()  # its part in documents, privacy and the checklist (core/registry.py)

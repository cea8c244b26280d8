from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SynthesisConfig(AppConfig):
    name = "dialogwerk.synthesis"
    label = "synthesis"
    verbose_name = _("Results")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)

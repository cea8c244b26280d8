from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveyConfig(AppConfig):
    name = "dialogwerk.survey"
    label = "survey"
    verbose_name = _("Participant survey")

    def ready(self) -> None:
        from . import declarations

        declarations.declare()  # its part in documents, privacy and the checklist (core/registry.py)

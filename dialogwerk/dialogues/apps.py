from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "dialogwerk.dialogues"
    label = "dialogues"
    verbose_name = _("Dialogues")

    def ready(self) -> None:
        from . import declarations

        declarations.declare()  # its part in documents, privacy and the checklist (core/registry.py)

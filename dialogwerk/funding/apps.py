from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "dialogwerk.funding"
    label = "funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        from . import declarations

        declarations.declare()  # its part in documents, privacy and the checklist (core/registry.py)

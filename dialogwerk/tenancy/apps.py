from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenancyConfig(AppConfig):
    name = "dialogwerk.tenancy"
    label = "tenancy"
    verbose_name = _("Municipalities and access")

    def ready(self) -> None:
        from . import declarations

        declarations.declare()  # its part in documents, privacy and the checklist (core/registry.py)

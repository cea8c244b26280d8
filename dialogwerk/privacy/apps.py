from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "dialogwerk.privacy"
    label = "privacy"
    verbose_name = _("Data protection")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the consent signals)

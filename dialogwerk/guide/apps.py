from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    name = "dialogwerk.guide"
    label = "guide"
    verbose_name = _("Help and guide")

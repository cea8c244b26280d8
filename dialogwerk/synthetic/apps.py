from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    """The load-test generator (`dialogwerk generate_installation`): no models, no pages, only the command."""

    name = "dialogwerk.synthetic"
    label = "synthetic"
    verbose_name = "Synthetic installation"

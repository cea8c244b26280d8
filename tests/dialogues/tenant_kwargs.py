"""URL parameters of dialogues' pages, filled with objects of the other municipality."""

from tests.tenant_walk import url_kwarg


@url_kwarg("dialogue_id")
def dialogue_id(context: dict) -> int:
    return context["dialogue"].pk


@url_kwarg("theme_id")
def theme_id(context: dict) -> int:
    return context["dialogue"].themes.first().pk

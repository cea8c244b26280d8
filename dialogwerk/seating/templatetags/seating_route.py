"""`{% route_step step %}`: "Round 2: Table 4 – <theme>" in the active language, the theme's name in the
reader's language from the page's `content_translator` and marked with the language it is in."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from dialogwerk.translations.templatetags.translated import shown

register = template.Library()


@register.simple_tag(takes_context=True)
def route_step(context, step) -> SafeString:
    if step.theme is not None:
        theme = shown(context, step.theme, "name")  # German (lang="de") without a translator or a translation
    elif step.theme_name:
        theme = conditional_escape(step.theme_name)  # a step built from a name only: as it came
    else:
        return conditional_escape(step.label)
    label = conditional_escape(gettext("Round %(round)s: Table %(table)s – %(theme)s"))
    return mark_safe(label % {"round": step.round_number, "table": step.table_number, "theme": theme})

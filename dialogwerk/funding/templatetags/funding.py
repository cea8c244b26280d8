"""Template filters of the funding pages."""

from django import template

from ..calc import format_amount, format_eur

register = template.Library()


@register.filter
def eur(value) -> str:
    """An amount as the documents write it (3.000,00 €), so the overview and the PDFs read alike."""
    return format_eur(value)


@register.filter
def amount(value) -> str:
    """An amount without the currency, for columns headed "(EUR)": 1.200,00."""
    return format_amount(value)

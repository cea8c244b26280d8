"""For the live templates' one-line includes: the session's survey, without touching the live views."""

from django import template

from .. import selectors

register = template.Library()


@register.simple_tag
def survey_of(session):
    return selectors.survey_of(session=session) if session is not None else None


@register.simple_tag
def open_survey_of(session):
    return selectors.open_survey_of(session=session) if session is not None else None

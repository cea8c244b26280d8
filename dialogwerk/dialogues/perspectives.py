"""The perspectives a person may name when taking part (DOMAIN.md's Blickwinkel): on joining the live event
and on registering for it. Stored as the key, never linked to anything else; named in the third person in
documents and on staff pages, asked in the first person on the forms."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ParticipantPerspective(models.TextChoices):
    REFUGEE = "refugee", pgettext_lazy("perspective", "Refugees")
    NEIGHBOURHOOD = "neighbourhood", pgettext_lazy("perspective", "Neighbourhood")
    CONCERNED = "concerned", pgettext_lazy("perspective", "Residents with concerns")
    VOLUNTEER = "volunteer", pgettext_lazy("perspective", "Volunteers")
    ADMINISTRATION = "administration", pgettext_lazy("perspective", "Administration")
    POLITICS = "politics", pgettext_lazy("perspective", "Local politics")
    BUSINESS = "business", pgettext_lazy("perspective", "Business")
    EDUCATION = "education", pgettext_lazy("perspective", "Schools, kindergartens, training")
    SAFETY = "safety", pgettext_lazy("perspective", "Police and safety")
    FAITH = "faith", pgettext_lazy("perspective", "Churches and religious communities")


def perspective_label(key: str) -> str:
    """A participant's perspective in words; a text that is no key (older or imported data) as it is."""
    return str(dict(ParticipantPerspective.choices).get(key, key))


# The same keys as the forms ask for them, in the first person.
FORM_CHOICES = [
    ("", _("I prefer not to say")),
    ("refugee", _("I came here as a refugee")),
    ("neighbourhood", _("Neighbour / resident")),
    ("concerned", _("Resident with concerns")),
    ("volunteer", _("Volunteer")),
    ("administration", _("Administration")),
    ("politics", _("Local politics")),
    ("business", _("Business")),
    ("education", _("School, kindergarten, training")),
    ("safety", _("Police, safety")),
    ("faith", _("Church or religious community")),
]

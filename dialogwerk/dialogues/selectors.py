"""Read queries for dialogues and themes, scoped to the acting user's municipalities."""

from django.db.models import Count, QuerySet
from django.http import Http404

from dialogwerk.tenancy.policy import roles_of

from .models import Dialogue, Theme


def dialogues_for_user(*, user) -> QuerySet[Dialogue]:
    return (
        Dialogue.objects.filter(municipality_id__in=list(roles_of(user)))
        .select_related("municipality")
        .annotate(theme_count=Count("themes"))
        .order_by("municipality__name", "-starts_on", "title")
    )


def dialogue_counts_for_user(*, user) -> dict[int, int]:
    """municipality id → number of its dialogues, for the user's municipalities."""
    return dict(
        Dialogue.objects.filter(municipality_id__in=list(roles_of(user))).order_by()
        .values_list("municipality_id").annotate(count=Count("pk")).values_list("municipality_id", "count")
    )


def get_dialogue_for_user(*, user, dialogue_id: int) -> Dialogue:
    """The dialogue if it belongs to one of the user's municipalities; 404 otherwise."""
    try:
        return Dialogue.objects.select_related("municipality").get(
            pk=dialogue_id, municipality_id__in=list(roles_of(user))
        )
    except Dialogue.DoesNotExist:
        raise Http404 from None


def themes_of(*, dialogue: Dialogue) -> QuerySet[Theme]:
    return dialogue.themes.order_by("position", "id")


def get_theme(*, dialogue: Dialogue, theme_id: int) -> Theme:
    try:
        return dialogue.themes.get(pk=theme_id)
    except Theme.DoesNotExist:
        raise Http404 from None

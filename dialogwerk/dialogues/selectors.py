"""Read queries for dialogues, their languages and themes, scoped to the acting user's municipalities."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404

from dialogwerk.core.registry import language_demand
from dialogwerk.tenancy.policy import roles_of

from . import languages
from .models import Dialogue, Theme


def dialogues_for_user(*, user, archived: bool = False) -> QuerySet[Dialogue]:
    """The dialogues of the user's municipalities: the current ones, or (archived=True) the archive."""
    return (
        Dialogue.objects.filter(municipality_id__in=list(roles_of(user)), archived_at__isnull=not archived)
        .select_related("municipality")
        .annotate(theme_count=Count("themes"))
        .order_by("municipality__name", "-starts_on", "title")
    )


def dialogue_counts_for_user(*, user, archived: bool = False) -> dict[int, int]:
    """municipality id → number of its dialogues (current or archived), for the user's municipalities."""
    return dict(
        Dialogue.objects.filter(municipality_id__in=list(roles_of(user)), archived_at__isnull=not archived)
        .order_by()
        .values_list("municipality_id")
        .annotate(count=Count("pk"))
        .values_list("municipality_id", "count")
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


@dataclass(frozen=True)
class LanguageSuggestion:
    """A language the dialogue has not chosen yet, and who asked for it."""

    code: str
    invited: int  # invitations (one per actor) that name it as preferred language, not declined
    participants: int  # participants of the dialogue's sessions who chose it

    @property
    def count(self) -> int:
        return self.invited + self.participants


def language_suggestions(*, dialogue: Dialogue) -> list[LanguageSuggestion]:
    """Languages that invited actors prefer or participants chose, among settings.LANGUAGES and not yet
    chosen: most asked for first, ties in the order of settings.LANGUAGES. Two queries."""
    # Counted by preparation and live, which build on dialogues (core/registry.py).
    invited = language_demand.get("invited")(dialogue)
    participants = language_demand.get("participants")(dialogue)
    chosen = set(dialogue.language_codes)
    offered = languages.offered_codes()
    suggestions = [
        LanguageSuggestion(code=code, invited=invited.get(code, 0), participants=participants.get(code, 0))
        for code in offered
        if code not in chosen and (invited.get(code) or participants.get(code))
    ]
    return sorted(suggestions, key=lambda s: (-s.count, offered.index(s.code)))


def suggested_languages(*, dialogue: Dialogue) -> list[str]:
    """The codes of `language_suggestions`, most asked for first."""
    return [suggestion.code for suggestion in language_suggestions(dialogue=dialogue)]

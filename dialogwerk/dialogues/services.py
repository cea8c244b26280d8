"""Operations that change dialogues and their themes."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, router, transaction
from django.db.models import FileField, Max, ProtectedError
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogwerk.tenancy import audit
from dialogwerk.tenancy.models import AuditAction, Municipality

from . import languages as dialogue_languages
from .models import DEFAULT_THEMES, Dialogue, Phase, Theme

DIALOGUE_FIELDS = ("title", "purpose", "starts_on", "ends_on", "expected_participants")


@transaction.atomic
def dialogue_create(
    *,
    actor,
    municipality: Municipality,
    title: str,
    purpose: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    expected_participants: int | None = None,
    with_default_themes: bool = True,
    languages: Iterable[str] = (dialogue_languages.WORKING_LANGUAGE,),
) -> Dialogue:
    languages = list(languages)
    _refuse_unknown_languages(languages)
    dialogue = Dialogue(
        municipality=municipality,
        title=title,
        purpose=purpose,
        starts_on=starts_on,
        ends_on=ends_on,
        expected_participants=expected_participants,
        languages_csv=dialogue_languages.to_text(languages),
    )
    dialogue.full_clean()
    dialogue.save()
    if with_default_themes:
        Theme.objects.bulk_create(
            Theme(dialogue=dialogue, name=name, key_question=question, position=index)
            for index, (name, question) in enumerate(DEFAULT_THEMES)
        )
    audit.record(municipality=municipality, actor=actor, action=AuditAction.CREATE, target=dialogue)
    return dialogue


@transaction.atomic
def dialogue_count_people(*, actor, dialogue: Dialogue, count: int | None) -> Dialogue:
    """Record how many people came (the one attendance figure of the documents); None clears it."""
    before = Dialogue.objects.values_list("people_counted", flat=True).get(pk=dialogue.pk)
    dialogue.people_counted = count
    dialogue.full_clean(validate_unique=False, validate_constraints=False)
    Dialogue.objects.filter(pk=dialogue.pk).update(people_counted=count, updated_at=timezone.now())
    if before != count:
        audit.record(
            municipality=dialogue.municipality,
            actor=actor,
            action=AuditAction.UPDATE,
            target=dialogue,
            changes={"people_counted": ["" if before is None else str(before), "" if count is None else str(count)]},
        )
    return dialogue


@transaction.atomic
def dialogue_update(*, actor, dialogue: Dialogue, **fields) -> Dialogue:
    unknown = set(fields) - set(DIALOGUE_FIELDS)
    if unknown:
        raise TypeError(f"dialogue_update() got unexpected fields: {sorted(unknown)}")
    # From the database: a bound ModelForm has already written the new values onto `dialogue`.
    before = Dialogue.objects.filter(pk=dialogue.pk).values(*fields).get()
    for name, value in fields.items():
        setattr(dialogue, name, value)
    dialogue.full_clean()
    dialogue.save()
    changes = audit.diff(before, fields)
    if changes:
        audit.record(
            municipality=dialogue.municipality,
            actor=actor,
            action=AuditAction.UPDATE,
            target=dialogue,
            changes=changes,
        )
    return dialogue


@transaction.atomic
def dialogue_set_phase(*, actor, dialogue: Dialogue, phase: str) -> Dialogue:
    if phase not in Phase.values:
        raise ValidationError({"phase": _("Choose one of the offered phases.")})
    # A conditional update: two people switching the phase at once both get a consistent log.
    before = Dialogue.objects.select_for_update().values_list("phase", flat=True).get(pk=dialogue.pk)
    if before == phase:
        return dialogue
    Dialogue.objects.filter(pk=dialogue.pk).update(phase=phase)
    dialogue.phase = phase
    audit.record(
        municipality=dialogue.municipality,
        actor=actor,
        action=AuditAction.PHASE_CHANGE,
        target=dialogue,
        changes={"phase": [str(Phase(before).label), str(Phase(phase).label)]},
    )
    return dialogue


@transaction.atomic
def dialogue_archive(*, actor, dialogue: Dialogue, archived: bool = True) -> Dialogue:
    """Archive (or bring back) a dialogue: its records stay, it leaves the dashboards, the funding body's
    figures and the reminders."""
    dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    if (dialogue.archived_at is not None) == archived:
        return dialogue
    dialogue.archived_at = timezone.now() if archived else None
    dialogue.save(update_fields=["archived_at", "updated_at"])
    audit.record(
        municipality=dialogue.municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=dialogue,
        changes={"archived": [str(not archived), str(archived)]},
    )
    return dialogue


def _delete_with_files(queryset) -> list:
    """Delete the rows with everything that cascades from them; returns the stored files (documents,
    photos, uploads) whose records went, to be removed from storage once the deletion is committed."""
    collector = Collector(using=router.db_for_write(queryset.model))
    collector.collect(queryset)
    batches = [*collector.data.items(), *((fast.model, fast) for fast in collector.fast_deletes)]
    files = []
    for model, instances in batches:
        fields = [f for f in model._meta.fields if isinstance(f, FileField)]
        for instance in instances if fields else ():
            files += [getattr(instance, f.name) for f in fields if getattr(instance, f.name)]
    collector.delete()
    return files


@transaction.atomic
def dialogue_delete(*, actor, dialogue: Dialogue, confirm_title: str) -> None:
    """Delete a dialogue with everything in it, its stored files too, after the title was typed to confirm.
    Refused while a funding application was submitted: its records must be kept (archive it instead)."""
    if confirm_title.strip() != dialogue.title.strip():
        raise ValidationError({"confirm_title": _("Type the dialogue's title exactly to confirm.")})
    application = getattr(dialogue, "funding_application", None)  # its Förderantrag, if it has one
    if application is not None and application.status != "draft":
        raise ValidationError(
            _(
                "A funding application of this dialogue was submitted; its records must be kept. "
                "Archive the dialogue instead."
            )
        )
    audit.record(
        municipality=dialogue.municipality,
        actor=actor,
        action=AuditAction.DELETE,
        target=dialogue,
        changes={"title": [dialogue.title, ""]},
    )
    # Cards protect their themes, actors their perspectives, decisions their working groups: the protecting
    # rows go first, then the dialogue with the rest.
    files = []
    for queryset in (
        dialogue.decisions.all(),
        dialogue.sessions.all(),
        dialogue.actors.all(),
        Dialogue.objects.filter(pk=dialogue.pk),
    ):
        files += _delete_with_files(queryset)
    transaction.on_commit(lambda: [stored.storage.delete(stored.name) for stored in files])


def _refuse_unknown_languages(codes: list[str]) -> None:
    unknown = dialogue_languages.unknown_codes(codes)
    if unknown:
        raise ValidationError(
            {"languages": _("“%(code)s” is not one of the offered languages.") % {"code": unknown[0]}}
        )


@transaction.atomic
def dialogue_set_languages(*, actor, dialogue: Dialogue, languages: Iterable[str]) -> Dialogue:
    """Choose the dialogue's languages. German, its working language, is always kept (whether sent or
    not); duplicates are dropped and the order is that of settings.LANGUAGES. Unknown codes refuse the
    whole change."""
    codes = list(languages)
    _refuse_unknown_languages(codes)
    # Locked and read from the database, as for the phase: two people saving at once both get a true log.
    before = Dialogue.objects.select_for_update().values_list("languages_csv", flat=True).get(pk=dialogue.pk)
    dialogue.languages_csv = dialogue_languages.to_text(codes)
    if before == dialogue.languages_csv:
        return dialogue
    dialogue.full_clean()
    dialogue.save(update_fields=["languages_csv", "updated_at"])
    audit.record(
        municipality=dialogue.municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=dialogue,
        changes={"languages": [", ".join(dialogue_languages.from_text(before)), ", ".join(dialogue.language_codes)]},
    )
    return dialogue


def _validated_theme(theme: Theme) -> Theme:
    theme.name = theme.name.strip()
    try:
        theme.full_clean()
    except ValidationError as error:
        if "__all__" in error.message_dict:
            raise ValidationError({"name": _("This dialogue already has a theme of that name.")}) from None
        raise
    return theme


@transaction.atomic
def theme_create(*, actor, dialogue: Dialogue, name: str, key_question: str = "") -> Theme:
    last = dialogue.themes.aggregate(last=Max("position"))["last"]
    theme = _validated_theme(
        Theme(dialogue=dialogue, name=name, key_question=key_question, position=0 if last is None else last + 1)
    )
    try:
        with transaction.atomic():
            theme.save()
    except IntegrityError:
        raise ValidationError({"name": _("This dialogue already has a theme of that name.")}) from None
    return theme


@transaction.atomic
def theme_update(*, actor, theme: Theme, name: str, key_question: str) -> Theme:
    theme.name, theme.key_question = name, key_question
    _validated_theme(theme).save()
    return theme


@transaction.atomic
def theme_delete(*, actor, theme: Theme) -> None:
    try:
        theme.delete()
    except ProtectedError:  # cards of the event refer to it: they must keep their theme
        raise ValidationError(
            _("This theme already has cards from the event; rename it instead of removing it.")
        ) from None


@transaction.atomic
def theme_move(*, actor, theme: Theme, offset: int) -> None:
    """Move a theme up (-1) or down (+1) in its dialogue's order; renumbers positions densely."""
    themes = list(theme.dialogue.themes.select_for_update().order_by("position", "id"))
    index = next(i for i, t in enumerate(themes) if t.pk == theme.pk)
    target = max(0, min(len(themes) - 1, index + offset))
    themes.insert(target, themes.pop(index))
    for position, item in enumerate(themes):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])

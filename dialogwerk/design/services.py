"""Changes to the method library and to a dialogue's agenda."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from dialogwerk.dialogues.models import Dialogue, Theme
from dialogwerk.tenancy import audit
from dialogwerk.tenancy.models import AuditAction

from . import agenda_rules
from .models import MAX_CAFE_TABLES, Agenda, AgendaItem, CafeTable, ItemKind, Method

METHOD_FIELDS = (
    "name",
    "purpose",
    "group_size",
    "min_participants",
    "max_participants",
    "min_minutes",
    "max_minutes",
    "steps",
    "materials",
    "goals",
)


@transaction.atomic
def method_create(*, actor, dialogue: Dialogue, **fields) -> Method:
    method = Method(municipality=dialogue.municipality, **fields)
    method.full_clean()
    method.save()
    audit.record(municipality=dialogue.municipality, actor=actor, action=AuditAction.CREATE, target=method)
    return method


@transaction.atomic
def method_update(*, actor, method: Method, **fields) -> Method:
    if method.is_builtin:
        raise ValidationError(_("Built-in methods cannot be changed. Copy the method to adapt it."))
    for name, value in fields.items():
        setattr(method, name, value)
    method.full_clean()
    method.save()
    assert method.municipality is not None  # only the built-in methods belong to no municipality
    audit.record(municipality=method.municipality, actor=actor, action=AuditAction.UPDATE, target=method)
    return method


@transaction.atomic
def agenda_save(*, actor, dialogue: Dialogue, starts_at: datetime.time, ends_at: datetime.time) -> Agenda:
    agenda, _created = Agenda.objects.get_or_create(dialogue=dialogue)
    agenda.starts_at, agenda.ends_at = starts_at, ends_at
    agenda.full_clean()
    agenda.save()
    return agenda


@transaction.atomic
def agenda_item_create(*, actor, dialogue: Dialogue, **fields) -> AgendaItem:
    agenda, _created = Agenda.objects.get_or_create(dialogue=dialogue)
    _check_method(dialogue, fields.get("method"))
    last = agenda.items.aggregate(last=Max("position"))["last"]
    item = AgendaItem(agenda=agenda, position=0 if last is None else last + 1, **fields)
    item.full_clean()
    item.save()
    return item


def _check_method(dialogue: Dialogue, method: Method | None) -> None:
    if method is not None and method.municipality_id not in (None, dialogue.municipality_id):
        raise ValidationError({"method": _("Choose a method from the library.")})


@transaction.atomic
def agenda_item_update(*, actor, item: AgendaItem, **fields) -> AgendaItem:
    _check_method(item.agenda.dialogue, fields.get("method"))
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_delete(*, actor, item: AgendaItem) -> None:
    item.delete()


@transaction.atomic
def agenda_item_move(*, actor, item: AgendaItem, position: int) -> None:
    """Put the item at `position` (0-based, clamped) and renumber densely."""
    items = list(item.agenda.items.select_for_update().order_by("position", "id"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = max(0, min(len(items) - 1, position))
    items.insert(target, items.pop(index))
    for number, other in enumerate(items):
        if other.position != number:
            other.position = number
            other.save(update_fields=["position"])


@transaction.atomic
def agenda_fill_world_cafe_evening(*, actor, dialogue: Dialogue) -> Agenda:
    """Start an empty agenda with a World Café evening (16:00–21:00) that the consultant then adapts."""
    agenda, _created = Agenda.objects.get_or_create(dialogue=dialogue)
    if agenda.items.exists():
        raise ValidationError(_("The agenda already has items; the template only fills an empty agenda."))
    methods = {m.key: m for m in Method.objects.filter(municipality__isnull=True)}
    AgendaItem.objects.bulk_create(
        AgendaItem(
            agenda=agenda,
            position=index,
            title=item.title,
            kind=item.kind,
            duration_minutes=item.minutes,
            method=methods.get(item.method_key),
        )
        for index, item in enumerate(agenda_rules.world_cafe_evening())
    )
    audit.record(
        municipality=dialogue.municipality,
        actor=actor,
        action=AuditAction.CREATE,
        target=agenda,
        changes={"template": ["", "World Café"]},
    )
    return agenda


@transaction.atomic
def cafe_tables_set(*, actor, item: AgendaItem, tables: list[tuple[Theme | None, str]]) -> list[CafeTable]:
    """Replace the tables of a round item: table n (from 1) gets the n-th (theme, host name).

    An empty list removes the tables. Themes must be the dialogue's; only round items have tables."""
    dialogue = item.agenda.dialogue
    if item.kind != ItemKind.ROUND:
        raise ValidationError(_("Only a round (e.g. a World Café round) has tables."))
    if len(tables) > MAX_CAFE_TABLES:
        raise ValidationError(_("At most %(max)s tables are possible.") % {"max": MAX_CAFE_TABLES})
    if any(theme is not None and theme.dialogue_id != dialogue.pk for theme, _host in tables):
        raise ValidationError(_("Choose one of the dialogue's themes."))
    before = {
        str(t.number): f"{t.theme.name if t.theme is not None else ''} / {t.host_name}"
        for t in item.cafe_tables.select_related("theme")
    }
    item.cafe_tables.all().delete()
    created = []
    for number, (theme, host_name) in enumerate(tables, start=1):
        table = CafeTable(agenda_item=item, number=number, theme=theme, host_name=(host_name or "").strip())
        table.full_clean()
        table.save()
        created.append(table)
    after = {str(t.number): f"{t.theme.name if t.theme else ''} / {t.host_name}" for t in created}
    changes = {
        key: [before.get(key, ""), after.get(key, "")]
        for key in sorted(before.keys() | after.keys(), key=int)
        if before.get(key) != after.get(key)
    }
    if changes:
        audit.record(
            municipality=dialogue.municipality, actor=actor, action=AuditAction.UPDATE, target=item, changes=changes
        )
    return created

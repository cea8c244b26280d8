"""Which texts of a dialogue are translated: per model, its fields, and how to find a dialogue's objects.

The one place that says it; the *Übersetzungen* page, the exports and every page that shows these texts in a
participant's language read it from here."""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Translatable:
    key: str  # used in the texts' keys ("theme:12:name") and URLs
    model: str  # app_label.ModelName
    fields: tuple[str, ...]
    label: Promise
    objects: Callable[[Model], QuerySet]  # the dialogue's objects of this model, in the order staff know them

    @property
    def model_class(self) -> type[Model]:
        return apps.get_model(self.model)


def _model(label: str) -> type[Model]:
    return apps.get_model(label)


KINDS: tuple[Translatable, ...] = (
    Translatable(
        "dialogue",
        "dialogues.Dialogue",
        ("title", "purpose"),
        _("Dialogue"),
        lambda d: _model("dialogues.Dialogue").objects.filter(pk=d.pk),
    ),
    Translatable(
        "theme", "dialogues.Theme", ("name", "key_question"), _("Theme"), lambda d: d.themes.order_by("position", "id")
    ),
    Translatable(
        "event",
        "preparation.EventDetails",
        ("venue", "rooms", "accessibility", "childcare_notes"),
        _("Event venue"),
        lambda d: _model("preparation.EventDetails").objects.filter(dialogue=d),
    ),
    Translatable("session", "live.Session", ("title",), _("Event"), lambda d: d.sessions.order_by("created_at", "id")),
    Translatable(
        "step",
        "live.Step",
        ("title", "prompt"),
        _("Step"),
        lambda d: (
            _model("live.Step")
            .objects.filter(session__dialogue=d)
            .order_by("session__created_at", "session_id", "position")
        ),
    ),
    Translatable(
        "voting",
        "live.DotVoting",
        ("title",),
        _("Dot vote"),
        lambda d: _model("live.DotVoting").objects.filter(session__dialogue=d).order_by("created_at", "id"),
    ),
    Translatable(
        "cluster", "synthesis.Cluster", ("title",), _("Cluster"), lambda d: d.clusters.order_by("position", "id")
    ),
    Translatable(
        "decision", "synthesis.Decision", ("title", "reason"), _("Decision"), lambda d: d.decisions.order_by("id")
    ),
    Translatable(
        "measure", "measures.Measure", ("title", "description"), _("Measure"), lambda d: d.measures.order_by("id")
    ),
    Translatable(
        "statement",
        "measures.Statement",
        ("text",),
        _("Public response"),
        lambda d: _model("measures.Statement").objects.filter(measure__dialogue=d).order_by("measure_id"),
    ),
)
BY_KEY = {kind.key: kind for kind in KINDS}
BY_MODEL = {kind.model.lower(): kind for kind in KINDS}


def kind_of(obj: Model) -> Translatable | None:
    return BY_MODEL.get(obj._meta.label_lower)


def text_key(kind: Translatable, pk: int, field: str) -> str:
    return f"{kind.key}:{pk}:{field}"


def max_length(kind: Translatable, field: str) -> int | None:
    return kind.model_class._meta.get_field(field).max_length

"""Where each app declares its part in the features that span apps, as Decidim's components do: the
documents' sources, what the privacy export and erasure find about a person, the checklist's counts, the
metrics read at a scrape, the daily reminders, the languages asked for, and the evening's reads of the table
plan. An app below another in the apps' order (docs/architecture.md, "Direction") reaches it only this way.

Pure Python (no model import): an app declares its parts from its own `declarations.py`, called in its
`AppConfig.ready()`, and imports its own models there. The features read what was declared; a part that was
never declared is an error (`NotDeclared`), never an empty section.
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class NotDeclared(Exception):
    """A feature asked for a part that no app declared."""


class DeclaredTwice(Exception):
    """Two declarations of the same part: a second app, or the same app with another part."""


@dataclass(frozen=True)
class Declaration(Generic[T]):
    app: str  # the declaring app's label ("live", "measures", …)
    name: str
    part: T


class Registry(Generic[T]):
    """The parts of one kind, by name, in the order they were declared (the apps' order in INSTALLED_APPS)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._declarations: dict[str, Declaration[T]] = {}

    def declare(self, *, app: str, name: str, part: T) -> None:
        declaration = Declaration(app, name, part)
        existing = self._declarations.get(name)
        if existing is not None and existing != declaration:
            raise DeclaredTwice(f"{self.kind} {name!r} is declared by {existing.app!r} and by {app!r}")
        self._declarations[name] = declaration

    def get(self, name: str) -> T:
        declaration = self._declarations.get(name)
        if declaration is None:
            raise NotDeclared(f"no app declares the {self.kind} {name!r}")
        return declaration.part

    def __contains__(self, name: object) -> bool:
        return name in self._declarations

    def __iter__(self) -> Iterator[Declaration[T]]:
        return iter(list(self._declarations.values()))

    def __len__(self) -> int:
        return len(self._declarations)

    def names(self) -> list[str]:
        return list(self._declarations)

    def apps(self) -> set[str]:
        return {declaration.app for declaration in self._declarations.values()}

    def of_app(self, app: str) -> list[Declaration[T]]:
        return [declaration for declaration in self if declaration.app == app]

    def withdraw(self, name: str) -> None:
        """Forget a declaration (tests that check what happens without it put it back afterwards)."""
        self._declarations.pop(name, None)


# --- The kinds -----------------------------------------------------------------------------------------------

# A document source: `reader(dialogue, **options)` returns the app's data for a section of the documents (the
# shapes are in core/document_parts.py). "Nothing recorded" is an empty result, never None.
DocumentReader = Callable[..., Any]
document_sources: Registry[DocumentReader] = Registry("document source")


@dataclass(frozen=True)
class PrivacyPart:
    """What one app stores about one kind of person, and how it is exported and erased.

    `subject` is "participant" (of a live event), "actor" (of the preparation), "staff" (an account),
    "contact" (a person without an account, found by e-mail) or "history" (rows that repeat names, as the
    audit log does: rewritten after every erasure). `export(person)` returns the export's sections (name →
    JSON-ready data), named in `sections`; `erase(person, context)` removes or anonymises the app's rows;
    `context` carries what the erasure shares (the label that stands where a name was, …). For a contact,
    `find(municipality=…, email=…)` gives the app's records first, and `person` is all parts' records
    together; `names(records)` are the names to scrub from the audit log, `dialogue_ids(records)` the
    dialogues whose documents are withdrawn. `holds` names the models ("app_label.Model") the part covers.
    """

    subject: str
    sections: tuple[str, ...] = ()
    export: Callable[[Any], Mapping[str, Any]] | None = None
    erase: Callable[[Any, Mapping[str, Any]], None] | None = None
    holds: tuple[str, ...] = ()
    find: Callable[..., Mapping[str, Any]] | None = None
    names: Callable[[Mapping[str, Any]], set[str]] | None = None
    dialogue_ids: Callable[[Mapping[str, Any]], set[int]] | None = None


privacy_parts: Registry[PrivacyPart] = Registry("privacy part")


def privacy_parts_of(subject: str) -> list[PrivacyPart]:
    """The parts about one kind of person, in the order the apps declared them."""
    return [declaration.part for declaration in privacy_parts if declaration.part.subject == subject]


# Figures an app reads from the database when /metrics is scraped: `figures()` yields Prometheus metric
# families (prometheus_client's GaugeMetricFamily, …); a DatabaseError leaves this part out of the scrape.
MetricFigures = Callable[[], Any]
metric_figures: Registry[MetricFigures] = Registry("metric figures")

# A daily reminder run: `send(today=date)` sends what is due that day and returns how many messages went;
# `dialogwerk send_reminders` and its task run every declared one (sending twice on one day sends nothing new).
ReminderSender = Callable[..., int]
reminder_senders: Registry[ReminderSender] = Registry("reminder sender")

# Who asks for which language in a dialogue: `count(dialogue)` returns language code → how many. The
# dialogue's language page suggests the languages asked for ("invited": preparation's invitations,
# "participants": the live sessions' participants).
LanguageDemand = Callable[[Any], Mapping[str, int]]
language_demand: Registry[LanguageDemand] = Registry("language demand")

# How the live evening reads the table plan (the seating app builds on live, so live cannot import it):
# "seat_now", "tables_now", "table_of_seat" and "route", declared by seating (seating/evening.py).
table_plan_reads: Registry[Callable[..., Any]] = Registry("table plan read")

# A checklist counter: `counter(dialogue)` returns some of the checklist's counts (field name of
# guide.checklist.Counts → value); together the counters give every field exactly once.
ChecklistCounter = Callable[[Any], Mapping[str, Any]]
checklist_counters: Registry[ChecklistCounter] = Registry("checklist counter")

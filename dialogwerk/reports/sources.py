"""What the documents know about a dialogue, read from the other apps as they exist.

The lifecycle apps grow in parallel: each reader here returns None when its data source (a model) does
not exist yet, and an empty list when it exists but holds nothing, so every document section can say
which of the two it is instead of failing. Only aggregate or consented data leaves this module.
"""

import logging
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models, transaction
from django.utils.translation import gettext as _

from dialogwerk.dialogues.perspectives import perspective_label

log = logging.getLogger(__name__)

KIND_ORDER = ["situation", "field_of_action", "conflict", "idea"]


def model(app_label: str, name: str):
    """The model, or None while its app has not built it yet."""
    if not apps.is_installed(f"dialogwerk.{app_label}"):
        return None
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def _has(model_class, name: str) -> bool:
    try:
        model_class._meta.get_field(name)
    except Exception:  # FieldDoesNotExist
        return False
    return True


def _safe(reader):
    """Run a reader in a savepoint; a source whose shape changed counts as missing, and is logged."""

    def wrapped(*args, **kwargs):
        try:
            with transaction.atomic():
                return reader(*args, **kwargs)
        except Exception:  # a section must never break the whole document
            log.exception("document source %s failed", reader.__name__)
            return None

    wrapped.__name__ = reader.__name__
    return wrapped


def _display(obj, name: str) -> str:
    getter = getattr(obj, f"get_{name}_display", None)
    if getter:
        return str(getter())
    value = getattr(obj, name, "")
    return "" if value is None else str(value)


# --- preparation -----------------------------------------------------------------------------------


@dataclass
class NeedsAnalysis:
    answers: list[tuple[str, str]]  # (guiding question, answer)
    key_figures: list[tuple[str, str, str]]  # (indicator, value, as of)
    existing_measures: list[tuple[str, str, str]]  # (title, owner, status)


@_safe
def needs_analysis(dialogue) -> NeedsAnalysis | None:
    NeedsAnalysisModel = model("preparation", "NeedsAnalysis")
    if NeedsAnalysisModel is None:
        return None
    answers = []
    analysis = NeedsAnalysisModel.objects.filter(dialogue=dialogue).first()
    if analysis is not None:
        for name in ("situation", "measures_summary", "themes_summary", "actors_summary", "design_summary"):
            if _has(NeedsAnalysisModel, name) and getattr(analysis, name):
                answers.append((str(NeedsAnalysisModel._meta.get_field(name).verbose_name), getattr(analysis, name)))
    figures, existing = [], []
    KeyFigure = model("preparation", "KeyFigure")
    if KeyFigure is not None:
        for figure in KeyFigure.objects.filter(dialogue=dialogue):
            value = f"{figure.value:n}" if figure.value % 1 else f"{int(figure.value)}"
            figures.append((figure.indicator, value, figure.as_of.strftime("%d.%m.%Y") if figure.as_of else ""))
    ExistingMeasure = model("preparation", "ExistingMeasure")
    if ExistingMeasure is not None:
        for measure in ExistingMeasure.objects.filter(dialogue=dialogue):
            existing.append((measure.title, getattr(measure, "owner", ""), _display(measure, "status")))
    return NeedsAnalysis(answers, figures, existing)


# --- participation -------------------------------------------------------------------------------


@dataclass
class Participation:
    participants: int  # phones registered in the live sessions
    by_perspective: list[tuple[str, int]]
    accepted_invitations: int
    invitations: int
    by_language: list[tuple[str, int]]
    consenting_organisations: list[str] = field(default_factory=list)
    counted: int | None = None  # the people counted at the event (Dialogue.people_counted)

    @property
    def count(self) -> int:
        """The one figure for 'how many took part', in every document: the people counted at the event, else
        the phones registered in the live session, else the accepted invitations."""
        if self.counted is not None:
            return self.counted
        return self.participants or self.accepted_invitations


@_safe
def participation(dialogue, *, unknown_label: str = "ohne Angabe") -> Participation | None:
    Participant = model("live", "Participant")
    Invitation = model("preparation", "Invitation")
    if Participant is None and Invitation is None:
        return None
    participants, perspectives, languages = 0, Counter(), Counter()
    if Participant is not None:
        rows = Participant.objects.filter(session__dialogue=dialogue).values_list("perspective", "language")
        for perspective, language in rows:
            participants += 1
            perspectives[perspective_label(perspective) if perspective else unknown_label] += 1
            languages[language or unknown_label] += 1
    accepted = invited = 0
    organisations = []
    if Invitation is not None:
        invitations = Invitation.objects.filter(dialogue=dialogue)
        invited = invitations.count()
        accepted_rows = invitations.filter(status="accepted").values_list(
            "actor__perspective__name", "actor__name", "actor__kind", "actor__consent"
        )
        rsvp_perspectives = Counter()
        for perspective, name, kind, consent in accepted_rows:
            accepted += 1
            rsvp_perspectives[perspective or unknown_label] += 1
            # Names only of organisations that agreed; never of private persons.
            if consent and kind == "organisation":
                organisations.append(name)
        if not participants:
            perspectives = rsvp_perspectives
    return Participation(
        participants=participants,
        by_perspective=perspectives.most_common(),
        accepted_invitations=accepted,
        invitations=invited,
        by_language=languages.most_common(),
        consenting_organisations=sorted(set(organisations)),
        counted=dialogue.people_counted,
    )


# --- agenda and method ---------------------------------------------------------------------------


@dataclass
class Agenda:
    starts_at: str
    ends_at: str
    items: list[tuple[str, str, str, str]]  # (time, title, method, minutes)
    methods: list[str]


@_safe
def agenda(dialogue) -> Agenda | None:
    AgendaModel = model("design", "Agenda")
    Session = model("live", "Session")
    if AgendaModel is None and Session is None:
        return None
    items, methods = [], []
    starts = ends = ""
    record = AgendaModel.objects.filter(dialogue=dialogue).first() if AgendaModel else None
    if record is not None:
        starts, ends = record.starts_at.strftime("%H:%M"), record.ends_at.strftime("%H:%M")
        minute = record.starts_at.hour * 60 + record.starts_at.minute
        for item in record.items.select_related("method").order_by("position", "id"):
            method = item.method.name if getattr(item, "method", None) else ""
            if method:
                methods.append(method)
            items.append((f"{minute // 60 % 24:02d}:{minute % 60:02d}", item.title, method, str(item.duration_minutes)))
            minute += item.duration_minutes or 0
    if Session is not None:
        for session in Session.objects.filter(dialogue=dialogue):
            methods.append(_display(session, "method"))
            if not items and _has(Session, "title"):
                for step in session.steps.order_by("position"):
                    items.append(("", step.title, _display(session, "method"), str(step.duration_minutes or "")))
    return Agenda(starts, ends, items, distinct_names(methods))


def distinct_names(names) -> list[str]:
    """Each name once, in first-seen order; "World Café" and "World-Café" (agenda and live session spell
    the method differently) count as one."""
    seen, result = set(), []
    for name in names:
        key = "".join(ch for ch in name.casefold() if ch.isalnum())
        if key and key not in seen:
            seen.add(key)
            result.append(name)
    return result


# --- cards, bundles, votes -------------------------------------------------------------------------


@dataclass
class Card:
    id: int
    kind: str
    kind_label: str
    theme_id: int | None
    theme: str
    text: str
    language: str
    german: str = ""  # the German translation of a card written in another language ("" if none)
    german_by_machine: bool = False


def german_translations(dialogue) -> dict[int, tuple[str, bool]]:
    """card id → (German translation, made by machine and not checked) for the dialogue's non-German cards."""
    Translation = model("live", "ContributionTranslation")
    if Translation is None:
        return {}
    rows = Translation.objects.filter(contribution__session__dialogue=dialogue, language="de").exclude(
        contribution__language__in=["de", ""]
    )
    return {
        pk: (text, status == "machine") for pk, text, status in rows.values_list("contribution_id", "text", "status")
    }


@_safe
def cards(dialogue) -> list[Card] | None:
    Contribution = model("live", "Contribution")
    if Contribution is None:
        return None
    labels = dict(Contribution._meta.get_field("kind").choices)
    queryset = Contribution.objects.filter(session__dialogue=dialogue)
    if _has(Contribution, "hidden"):
        queryset = queryset.filter(hidden=False)
    if _has(Contribution, "merged_into"):
        queryset = queryset.filter(merged_into__isnull=True)
    rows = queryset.order_by("theme__position", "theme_id", "kind", "created_at", "id").values_list(
        "id", "kind", "theme_id", "theme__name", "text", "language"
    )
    german = german_translations(dialogue)
    return [
        Card(i, k, str(labels.get(k, k)), t, tn or "", text, lang or "", *german.get(i, ("", False)))
        for i, k, t, tn, text, lang in rows
    ]


@dataclass
class Bundle:
    title: str
    kind: str
    kind_label: str
    theme: str
    cards: int | None  # None: the link from bundles to cards is not known yet


def _cluster_card_counts(Cluster, cluster_ids) -> dict[int, int] | None:
    """Cards per bundle, through whatever link synthesis has: an M2M to cards, a card FK, or a link model."""
    Contribution = model("live", "Contribution")
    for relation in Cluster._meta.get_fields():
        target = relation.related_model
        if target is None or not (relation.many_to_many or relation.one_to_many):
            continue
        # A link model is small (cluster, card, maybe position); a Decision on a card is not one.
        links_cards = target is Contribution or (
            len(target._meta.concrete_fields) <= 5
            and any(f.many_to_one and f.related_model is Contribution for f in target._meta.concrete_fields)
        )
        if links_cards:
            counts = Cluster.objects.filter(pk__in=cluster_ids).annotate(n=models.Count(relation.name))
            return dict(counts.values_list("pk", "n"))
    return None


@_safe
def bundles(dialogue) -> list[Bundle] | None:
    Cluster = model("synthesis", "Cluster")
    if Cluster is None:
        return None
    clusters = list(Cluster.objects.filter(dialogue=dialogue).select_related("theme").order_by("position", "id"))
    counts = _cluster_card_counts(Cluster, [c.pk for c in clusters]) or {}
    return [
        Bundle(
            title=c.title,
            kind=c.kind,
            kind_label=_display(c, "kind"),
            theme=c.theme.name if c.theme_id else "",
            cards=counts.get(c.pk) if counts else None,
        )
        for c in clusters
    ]


@_safe
def bundled_card_ids(dialogue) -> set[int] | None:
    """The cards that sit in a bundle (a card is in at most one)."""
    ClusterCard = model("synthesis", "ClusterCard")
    if ClusterCard is None:
        return None
    return set(ClusterCard.objects.filter(cluster__dialogue=dialogue).values_list("contribution_id", flat=True))


def with_german(text: str, german: tuple[str, bool] | None) -> str:
    """The original, then its German translation: "Original (Deutsch: …)"; marked when by machine."""
    if not german or not german[0]:
        return text
    if german[1]:
        return _("%(original)s (German, machine-translated: %(german)s)") % {"original": text, "german": german[0]}
    return _("%(original)s (German: %(german)s)") % {"original": text, "german": german[0]}


@dataclass
class VoteResult:
    title: str
    budget: int
    voters: int
    ranking: list[tuple[str, int]]  # (card text, dots)


@_safe
def votes(dialogue) -> list[VoteResult] | None:
    DotVoting = model("live", "DotVoting")
    Vote = model("live", "Vote")
    if DotVoting is None or Vote is None:
        return None
    results = []
    german = None  # read once, when the first vote has dots
    for voting in DotVoting.objects.filter(session__dialogue=dialogue).order_by("created_at", "id"):
        active = Vote.objects.filter(voting=voting)
        if _has(Vote, "withdrawn_at"):
            active = active.filter(withdrawn_at__isnull=True)
        ranking = list(
            active.values("contribution_id", "contribution__text")
            .annotate(dots=models.Count("id"))
            .order_by("-dots", "contribution__text")
        )
        if german is None and ranking:
            german = german_translations(dialogue)
        results.append(
            VoteResult(
                title=voting.title,
                budget=getattr(voting, "budget", 0),
                voters=active.values("participant").distinct().count(),
                # A card written in another language is named with its German translation after it.
                ranking=[
                    (with_german(row["contribution__text"], (german or {}).get(row["contribution_id"])), row["dots"])
                    for row in ranking
                ],
            )
        )
    return results


# --- decisions, measures, steering group -----------------------------------------------------------


@dataclass
class DecisionRow:
    title: str
    outcome: str
    outcome_label: str
    reason: str
    working_group: str


@dataclass
class WorkingGroupRow:
    name: str
    mandate: str
    due: str
    convenor: str


@_safe
def decisions(dialogue) -> tuple[list[DecisionRow], list[WorkingGroupRow]] | None:
    Decision = model("synthesis", "Decision")
    WorkingGroup = model("synthesis", "WorkingGroup")
    if Decision is None and WorkingGroup is None:
        return None
    rows, groups = [], []
    if Decision is not None:
        for decision in Decision.objects.filter(dialogue=dialogue).select_related("working_group").order_by("id"):
            rows.append(
                DecisionRow(
                    decision.title,
                    decision.outcome,
                    _display(decision, "outcome"),
                    getattr(decision, "reason", ""),
                    decision.working_group.name if decision.working_group_id else "",
                )
            )
    if WorkingGroup is not None:
        for group in WorkingGroup.objects.filter(dialogue=dialogue).order_by("id"):
            due = getattr(group, "proposal_due_on", None)
            groups.append(
                WorkingGroupRow(
                    group.name,
                    getattr(group, "mandate", ""),
                    due.strftime("%d.%m.%Y") if due else "",
                    getattr(group, "convenor_name", "") or "",
                )
            )
    return rows, groups


@dataclass
class MeasureRow:
    number: str  # the measure's number as cited (M-07), the same as the "Nr." of the catalogue's XLSX
    title: str
    description: str
    theme: str
    responsible: str
    starts_on: str
    due_on: str
    status: str
    status_label: str
    priority: str
    progress: int


def _date(value) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


@_safe
def measures(dialogue) -> list[MeasureRow] | None:
    Measure = model("measures", "Measure")
    if Measure is None:
        return None
    rows = []
    # The order of the catalogue's XLSX (measures app), so that the PDF and the spreadsheet list alike.
    ordered = (
        Measure.objects.filter(dialogue=dialogue)
        .select_related("theme")
        .order_by("theme__position", "due_on", "title", "id")
    )
    for measure in ordered:
        responsible = " / ".join(
            part
            for part in (getattr(measure, "responsible_person", ""), getattr(measure, "responsible_organisation", ""))
            if part
        )
        rows.append(
            MeasureRow(
                number=measure.code,
                title=measure.title,
                description=getattr(measure, "description", ""),
                theme=measure.theme.name if getattr(measure, "theme_id", None) else "",
                responsible=responsible,
                starts_on=_date(getattr(measure, "starts_on", None)),
                due_on=_date(getattr(measure, "due_on", None)),
                status=measure.status,
                status_label=_display(measure, "status"),
                priority=_display(measure, "priority"),
                progress=int(getattr(measure, "progress", 0) or 0),
            )
        )
    return rows


@dataclass
class SteeringGroupInfo:
    name: str
    members: list[tuple[str, str, str]]  # (name, organisation, role)


@_safe
def steering_group(dialogue) -> SteeringGroupInfo | None:
    SteeringGroup = model("measures", "SteeringGroup")
    if SteeringGroup is None:
        return None
    group = SteeringGroup.objects.filter(dialogue=dialogue).first()
    if group is None:
        return SteeringGroupInfo("", [])
    members = [(m.name, getattr(m, "organisation", ""), _display(m, "role")) for m in group.members.all()]
    return SteeringGroupInfo(group.name, members)


# --- survey (optional) -----------------------------------------------------------------------------


@dataclass
class Survey:
    process: list[int]
    results: list[int]
    again: list[int] = field(default_factory=list)


@_safe
def survey(dialogue) -> Survey | None:
    """Answers of the participants' short survey at the end of the dialogue's live sessions (app `survey`)."""
    SurveyAnswer = model("survey", "SurveyAnswer")
    if SurveyAnswer is None:
        return None
    rows = list(
        SurveyAnswer.objects.filter(survey__session__dialogue=dialogue).values_list("process", "results", "again")
    )
    return Survey([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])

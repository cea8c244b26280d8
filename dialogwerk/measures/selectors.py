"""Reads for the catalogue, the Begleitkreis and the public status page."""

import datetime
import functools
import hashlib

from django.db import connections, router
from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.preparation.models import ExistingMeasure
from dialogwerk.synthesis.models import Decision, DecisionCorrection, Outcome, WorkingGroup

from .dashboard import MeasureFacts
from .models import (
    CatalogueImport,
    Measure,
    OwnerLink,
    ProgressAttachment,
    ProgressUpdate,
    ReminderRecipient,
    ResultSummary,
    Status,
    SteeringGroup,
    SteeringMember,
)

SORTS = {
    "due": ("due_on", "title"),
    "-due": ("-due_on", "title"),
    "title": ("title",),
    "theme": ("theme__position", "title"),
    "owner": ("responsible_person", "responsible_organisation", "title"),
    "status": ("status", "title"),
    "progress": ("progress", "title"),
    "-progress": ("-progress", "title"),
    "priority": ("priority", "title"),
}


def measures_of(*, dialogue: Dialogue) -> QuerySet[Measure]:
    return dialogue.measures.select_related("theme", "working_group", "decision").annotate(
        last_update_on=Max("updates__reported_on")
    )


def filtered_measures(
    *,
    dialogue: Dialogue,
    theme_id: int | None = None,
    owner: str = "",
    status: str = "",
    due: str = "",
    sort: str = "due",
    today: datetime.date,
) -> QuerySet[Measure]:
    queryset = measures_of(dialogue=dialogue)
    if theme_id:
        queryset = queryset.filter(theme_id=theme_id)
    if owner:
        queryset = queryset.filter(
            Q(responsible_person__icontains=owner) | Q(responsible_organisation__icontains=owner)
        )
    if status in Status.values:
        queryset = queryset.filter(status=status)
    open_statuses = [Status.PLANNED, Status.IN_PROGRESS, Status.PAUSED]
    if due == "overdue":
        queryset = queryset.filter(due_on__lt=today, status__in=open_statuses)
    elif due == "30":
        queryset = queryset.filter(
            due_on__gte=today, due_on__lte=today + datetime.timedelta(30), status__in=open_statuses
        )
    elif due == "none":
        queryset = queryset.filter(due_on__isnull=True)
    order = SORTS.get(sort, SORTS["due"])
    return queryset.order_by(*order, "id")


def get_measure(*, dialogue: Dialogue, measure_id: int) -> Measure:
    try:
        return measures_of(dialogue=dialogue).get(pk=measure_id)
    except Measure.DoesNotExist:
        raise Http404 from None


def owners_of(*, dialogue: Dialogue) -> list[str]:
    names = set(dialogue.measures.exclude(responsible_person="").values_list("responsible_person", flat=True))
    names |= set(
        dialogue.measures.exclude(responsible_organisation="").values_list("responsible_organisation", flat=True)
    )
    return sorted(names, key=str.casefold)


def existing_measures_of(*, dialogue: Dialogue) -> list[ExistingMeasure]:
    """The needs analysis' inventory of measures the municipality already takes."""
    return list(ExistingMeasure.objects.filter(dialogue=dialogue).select_related("theme"))


def facts_of(*, dialogue: Dialogue) -> list[MeasureFacts]:
    return [facts_for(measure) for measure in measures_of(dialogue=dialogue)]


def facts_for(measure: Measure) -> MeasureFacts:
    created = measure.created_at.date()
    last = getattr(measure, "last_update_on", None)
    return MeasureFacts(
        id=measure.pk,
        title=measure.title,
        owner=measure.owner_label,
        status=measure.status,
        due_on=measure.due_on,
        last_activity_on=max(last, created) if last else created,
        progress=measure.progress,
    )


def measures_of_person(*, user, municipality_id: int, limit: int = 20) -> list[Measure]:
    """A steering-group member's start page: the measures they are named responsible for (by their
    e-mail address) in the municipality's dialogues, the earliest due first."""
    if not user.email:
        return []
    return list(
        Measure.objects.filter(dialogue__municipality_id=municipality_id, responsible_email__iexact=user.email)
        .select_related("dialogue")
        .order_by(F("due_on").asc(nulls_last=True), "title")[:limit]
    )


def steering_dialogues_of(*, user, municipality_id: int) -> list[Dialogue]:
    """The dialogues whose Begleitkreis the user belongs to."""
    return list(
        Dialogue.objects.filter(municipality_id=municipality_id, steering_group__members__user=user)
        .distinct()
        .order_by("-starts_on", "title")
    )


def steering_group_of(*, dialogue: Dialogue) -> SteeringGroup | None:
    return SteeringGroup.objects.filter(dialogue=dialogue).first()


def steering_members_of(*, dialogue: Dialogue) -> QuerySet[SteeringMember]:
    return SteeringMember.objects.filter(steering_group__dialogue=dialogue).select_related("user")


def get_steering_member(*, dialogue: Dialogue, member_id: int) -> SteeringMember:
    try:
        return steering_members_of(dialogue=dialogue).get(pk=member_id)
    except SteeringMember.DoesNotExist:
        raise Http404 from None


def updates_of(*, measure: Measure) -> QuerySet[ProgressUpdate]:
    return measure.updates.select_related("author").prefetch_related("attachments")


def latest_updates(*, dialogue: Dialogue, limit: int = 10) -> list[ProgressUpdate]:
    """The newest progress reports of the dialogue's measures, with who reported (member or personal link)."""
    return list(
        ProgressUpdate.objects.filter(measure__dialogue=dialogue)
        .select_related("measure", "author")
        .order_by("-created_at", "-id")[:limit]
    )


def paused_recipients(*, people: list[tuple[int, str]]) -> set[tuple[int, str]]:
    """Of these (municipality id, lower-case address) pairs, those who paused their reminders."""
    if not people:
        return set()
    paused = ReminderRecipient.objects.filter(paused_at__isnull=False, email__in={email for _m, email in people})
    return {(row.municipality_id, row.email) for row in paused} & set(people)


def reminder_recipient_by_token(*, token: str) -> ReminderRecipient:
    try:
        return ReminderRecipient.objects.select_related("municipality").get(token=token)
    except ReminderRecipient.DoesNotExist:
        raise Http404 from None


def owner_link_by_token(*, token: str) -> OwnerLink:
    """Public: the personal link's holder reaches its one measure (and nothing else); unknown: 404."""
    try:
        return OwnerLink.objects.select_related("measure__dialogue__municipality", "measure__theme").get(token=token)
    except OwnerLink.DoesNotExist:
        raise Http404 from None


def owner_links_of(*, measure: Measure) -> QuerySet[OwnerLink]:
    return measure.owner_links.select_related("created_by").annotate(reports=Count("updates"))


def get_owner_link(*, measure: Measure, link_id: int) -> OwnerLink:
    try:
        return measure.owner_links.get(pk=link_id)
    except OwnerLink.DoesNotExist:
        raise Http404 from None


def active_owner_link(*, measure: Measure, email: str, today: datetime.date) -> OwnerLink | None:
    """The newest link of this address for the measure that still works (for a reminder to carry)."""
    return (
        measure.owner_links.filter(email__iexact=email, revoked_at__isnull=True, expires_on__gte=today)
        .order_by("-created_at", "-id")
        .first()
    )


def get_attachment(*, measure: Measure, attachment_id: int) -> ProgressAttachment:
    try:
        return ProgressAttachment.objects.get(pk=attachment_id, update__measure=measure)
    except ProgressAttachment.DoesNotExist:
        raise Http404 from None


def get_import(*, dialogue: Dialogue, import_id: int) -> CatalogueImport:
    try:
        return dialogue.catalogue_imports.get(pk=import_id)
    except CatalogueImport.DoesNotExist:
        raise Http404 from None


def summaries_of(*, dialogue: Dialogue) -> dict[str, ResultSummary]:
    return {summary.language: summary for summary in dialogue.result_summaries.all()}


# --- the public status page: only opted-in measures, never personal data -------------------------------


def public_measures_of(*, dialogue: Dialogue) -> QuerySet[Measure]:
    return (
        dialogue.measures.filter(public=True)
        .select_related("theme", "working_group", "statement")
        .annotate(last_update_on=Max("updates__reported_on"))
        .prefetch_related(
            Prefetch(
                "updates", queryset=ProgressUpdate.objects.order_by("-reported_on", "-id"), to_attr="public_updates"
            )
        )
        .order_by("theme__position", "title", "id")
    )


def get_public_measure(*, dialogue: Dialogue, measure_id: int) -> Measure:
    """A published measure of the dialogue with every progress report (newest first) and its decision; 404
    for one not published or of another dialogue."""
    measure = public_measures_of(dialogue=dialogue).select_related("decision").filter(pk=measure_id).first()
    if measure is None:
        raise Http404
    return measure


def public_decisions_of(*, dialogue: Dialogue) -> dict[str, list[Decision]]:
    """Every decision of the dialogue for the status page, by outcome, oldest first: adopted ones with their
    published measures, rejected ones with their reason, delegated ones with their working group. Shown once
    the status page is public at all: the reasons are written for the participants ("they will ask")."""
    grouped: dict[str, list[Decision]] = {value: [] for value in Outcome.values}
    decisions = (
        Decision.objects.filter(dialogue=dialogue)
        .select_related("working_group")
        .prefetch_related(
            Prefetch(
                "measures",
                queryset=Measure.objects.filter(public=True).order_by("title", "id"),
                to_attr="public_measures",
            )
        )
        .order_by("decided_at", "id")
    )
    for decision in decisions:
        grouped[decision.outcome].append(decision)
    return grouped


def public_progress_of(*, dialogue: Dialogue) -> list[tuple[int, str]]:
    """(progress, status) of every published measure, for the overall progress over all pages."""
    return list(dialogue.measures.filter(public=True).values_list("progress", "status"))


def public_fingerprint(*, dialogue: Dialogue) -> str:
    """Changes whenever anything the public status page shows of its measures and summaries changes."""
    return _public_dialogue_and_fingerprint(dialogue_id=dialogue.pk)[1]


def _scalar(queryset: QuerySet, group: str, **aggregate) -> Subquery:
    """One aggregate over the rows of `queryset` (filtered on the outer dialogue, grouped by it) as a subquery."""
    return Subquery(queryset.order_by().values(group).annotate(**aggregate).values(*aggregate)[:1])


# Stands for the dialogue's id in the fingerprint's statement, which is compiled once per process.
_ANY_DIALOGUE = -424242424
_FINGERPRINT_PARTS = (
    "public_measure",
    "german_summary",
    "measure_count",
    "measure_changed",
    "statement_changed",
    "update_count",
    "update_last",
    "summary_count",
    "summary_changed",
    "decision_count",
    "decision_last",
    "correction_last",
    "group_reported",
)


@functools.cache
def _fingerprint_statement(alias: str) -> tuple[str, tuple, tuple[int, ...]]:
    """The SQL of the fingerprint with its subqueries. Building and compiling it through the ORM took two
    thirds of the public status page's time; the page is the most-read of an installation."""
    outer = OuterRef("pk")
    decisions = Decision.objects.filter(dialogue=outer)
    measures = Measure.objects.filter(dialogue=outer)
    updates = ProgressUpdate.objects.filter(measure__dialogue=outer)
    summaries = ResultSummary.objects.filter(dialogue=outer)
    queryset = (
        Dialogue.objects.filter(pk=_ANY_DIALOGUE)
        .annotate(
            public_measure=Exists(measures.filter(public=True)),
            german_summary=Exists(summaries.filter(language="de")),
            measure_count=_scalar(measures, "dialogue", n=Count("id")),
            measure_changed=_scalar(measures, "dialogue", t=Max("updated_at")),
            statement_changed=_scalar(measures, "dialogue", t=Max("statement__updated_at")),
            update_count=_scalar(updates, "measure__dialogue", n=Count("id")),
            update_last=_scalar(updates, "measure__dialogue", n=Max("id")),
            summary_count=_scalar(summaries, "dialogue", n=Count("id")),
            summary_changed=_scalar(summaries, "dialogue", t=Max("updated_at")),
            decision_count=_scalar(decisions, "dialogue", n=Count("id")),
            decision_last=_scalar(decisions, "dialogue", n=Max("id")),
            correction_last=_scalar(
                DecisionCorrection.objects.filter(decision__dialogue=outer), "decision__dialogue", n=Max("id")
            ),
            group_reported=_scalar(WorkingGroup.objects.filter(dialogue=outer), "dialogue", t=Max("reported_on")),
        )
        .values_list(*_FINGERPRINT_PARTS)
    )
    sql, params = queryset.query.get_compiler(using=alias).as_sql()
    return sql, tuple(params), tuple(i for i, value in enumerate(params) if value == _ANY_DIALOGUE)


def _public_dialogue_and_fingerprint(*, dialogue_id: int) -> tuple[Dialogue | None, str, bool]:
    """The dialogue, its fingerprint (what the public status page shows of its measures and summaries) and
    whether it has anything public."""
    dialogue = Dialogue.objects.select_related("municipality").filter(pk=dialogue_id).first()
    if dialogue is None:
        return None, "", False
    alias = router.db_for_read(Dialogue)
    sql, params, positions = _fingerprint_statement(alias)
    params = [dialogue_id if i in positions else value for i, value in enumerate(params)]
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        public_measure, german_summary, *parts = cursor.fetchone()
    parts = [part or 0 if i in (0, 3, 5) else part for i, part in enumerate(parts)]
    return dialogue, hashlib.sha256(repr(parts).encode()).hexdigest()[:24], bool(public_measure or german_summary)


def public_state(*, dialogue_id: int) -> tuple[str, bool]:
    """(fingerprint, whether anything is public) of a dialogue's status page: a new fingerprint means news."""
    _dialogue, fingerprint, public = _public_dialogue_and_fingerprint(dialogue_id=dialogue_id)
    return fingerprint, public


def get_public_dialogue_and_fingerprint(*, dialogue_id: int) -> tuple[Dialogue, str]:
    """`get_public_dialogue` and its `public_fingerprint`, in two short queries."""
    dialogue, fingerprint, public = _public_dialogue_and_fingerprint(dialogue_id=dialogue_id)
    if not public:
        raise Http404
    return dialogue, fingerprint


def get_public_dialogue(*, dialogue_id: int) -> Dialogue:
    """A dialogue with at least one published measure or summary; 404 otherwise, so that nothing about a
    dialogue is public before the municipality publishes something."""
    dialogue = Dialogue.objects.select_related("municipality").filter(pk=dialogue_id).first()
    if dialogue is None or not (
        dialogue.measures.filter(public=True).exists() or dialogue.result_summaries.filter(language="de").exists()
    ):
        raise Http404
    return dialogue

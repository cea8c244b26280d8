"""Reads for funding, scoped to a dialogue the user may see or to a funding body the user belongs to."""

from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.live.models import Participant
from dialogwerk.measures.models import Measure
from dialogwerk.preparation.models import Invitation

from . import aggregates, calc
from .models import (
    CostLine,
    Deadline,
    FundingApplication,
    FundingBody,
    FundingBodyMembership,
    FundingProgramme,
    Receipt,
    Steckbrief,
)


def application_of(*, dialogue: Dialogue) -> FundingApplication | None:
    return (
        FundingApplication.objects.select_related("programme", "dialogue", "dialogue__municipality", "funding_body")
        .prefetch_related("cost_lines", "deadlines")
        .filter(dialogue=dialogue)
        .first()
    )


def get_application(*, dialogue: Dialogue) -> FundingApplication:
    application = application_of(dialogue=dialogue)
    if application is None:
        raise Http404
    return application


def get_cost_line(*, application: FundingApplication, line_id: int) -> CostLine:
    try:
        return application.cost_lines.get(pk=line_id)
    except CostLine.DoesNotExist:
        raise Http404 from None


def get_deadline(*, application: FundingApplication, deadline_id: int) -> Deadline:
    try:
        return application.deadlines.get(pk=deadline_id)
    except Deadline.DoesNotExist:
        raise Http404 from None


def programmes_for(*, dialogue: Dialogue) -> QuerySet[FundingProgramme]:
    return FundingProgramme.objects.filter(state=dialogue.municipality.state, is_active=True)


def steckbrief_of(*, dialogue: Dialogue) -> Steckbrief:
    return Steckbrief.objects.filter(dialogue=dialogue).first() or Steckbrief(dialogue=dialogue)


def reminders_of(*, application: FundingApplication, within_days: int = 14) -> list[Deadline]:
    """Open deadlines that are overdue or due within `within_days`."""
    today = timezone.localdate()
    return [
        d
        for d in application.deadlines.all()
        if not d.done and not d.for_funding_body and (d.due_on - today).days <= within_days
    ]


# --- funding bodies, for the platform's operators ---------------------------------------------------


def funding_bodies_for_operator(*, user) -> QuerySet[FundingBody]:
    """Every funding body with its counts, for a platform operator (superuser); nothing for anyone else."""
    if not (user.is_authenticated and user.is_superuser):
        return FundingBody.objects.none()
    return FundingBody.objects.annotate(
        member_count=Count("memberships", distinct=True), municipality_count=Count("municipalities", distinct=True)
    ).order_by("name")


def get_funding_body_for_operator(*, user, funding_body_id: int) -> FundingBody:
    """404 for everyone but operators: a municipality's administrator learns nothing about funding bodies."""
    try:
        return funding_bodies_for_operator(user=user).get(pk=funding_body_id)
    except FundingBody.DoesNotExist:
        raise Http404 from None


def get_body_membership(*, funding_body: FundingBody, membership_id: int) -> FundingBodyMembership:
    try:
        return funding_body.memberships.select_related("user").get(pk=membership_id)
    except FundingBodyMembership.DoesNotExist:
        raise Http404 from None


# --- funding body -------------------------------------------------------------------------------------


def funding_bodies_for_user(*, user) -> QuerySet[FundingBody]:
    if not user.is_authenticated:
        return FundingBody.objects.none()
    return FundingBody.objects.filter(memberships__user=user).distinct()


def get_funding_body_for_user(*, user, funding_body_id: int) -> FundingBody:
    """The funding body if the user belongs to it; 404 otherwise (municipality members learn nothing)."""
    try:
        return funding_bodies_for_user(user=user).get(pk=funding_body_id)
    except FundingBody.DoesNotExist:
        raise Http404 from None


def get_programme_for_body(*, funding_body: FundingBody, programme_id: int) -> FundingProgramme:
    try:
        return funding_body.programmes.get(pk=programme_id)
    except FundingProgramme.DoesNotExist:
        raise Http404 from None


def districts_of(*, funding_body: FundingBody) -> list[str]:
    """The districts (Landkreise) of the municipalities the body covers, for the overview's filter."""
    return list(
        funding_body.covered_municipalities()
        .exclude(district="")
        .order_by("district")
        .values_list("district", flat=True)
        .distinct()
    )


def overview_rows(*, funding_body: FundingBody, district: str = "") -> list[aggregates.DialogueRow]:
    """One row of counts and sums per dialogue of the covered municipalities (of one district, if given): no
    names of people.

    A fixed number of grouped queries however many municipalities the body covers (1,100 in a state):
    participants, accepted invitations and measures are read for all dialogues at once, not per dialogue.
    """
    # Values, not model instances: 1,100 municipalities have some 1,700 dialogues, 1,300 applications and
    # 5,000 cost lines, and building them as objects took most of the page's time (docs/performance.md).
    # Archived dialogues (tests, duplicates, long done) leave the figures.
    municipalities = funding_body.covered_municipalities()
    if district:
        municipalities = municipalities.filter(district=district)
    covered = Dialogue.objects.filter(municipality__in=municipalities, archived_at__isnull=True)
    dialogues = list(
        covered.order_by("starts_on", "pk").values_list(
            "pk", "phase", "starts_on", "municipality__name", "people_counted"
        )
    )
    # The dialogues as a subquery, not a list of 1,700 ids in each of the four queries below (binding and
    # parsing that many parameters cost more than the queries themselves).
    ids = covered.order_by().values("pk")
    applications = {
        row["dialogue_id"]: row
        for row in FundingApplication.objects.filter(dialogue_id__in=ids)
        .order_by()
        .values("pk", "dialogue_id", "status", "own_share", "approved_amount")
        .annotate(planned=Sum("cost_lines__planned_amount"))
    }
    participants, accepted = _participants_by_dialogue(ids)
    measures = _measures_by_dialogue(ids)
    rows = []
    for pk, phase, starts_on, municipality, people_counted in dialogues:
        application = applications.get(pk)
        approved = application["approved_amount"] if application and application["status"] == "approved" else None
        rows.append(
            aggregates.DialogueRow(
                municipality=municipality,
                phase=phase,
                period=aggregates.quarter(starts_on),
                application_status=application["status"] if application else "",
                requested=calc.requested_amount(application["planned"] or 0, application["own_share"])
                if application
                else Decimal("0"),
                approved=approved or Decimal("0"),
                # As sources.participation(...).count: the people counted, else the phones, else the RSVPs.
                participants=people_counted
                if people_counted is not None
                else participants.get(pk) or accepted.get(pk, 0),
                measures=tuple(measures.get(pk, ())),
            )
        )
    return rows


def _participants_by_dialogue(ids) -> tuple[dict[int, int], dict[int, int]]:
    participants = dict(
        Participant.objects.filter(session__dialogue_id__in=ids)
        .order_by()
        .values_list("session__dialogue_id")
        .annotate(count=Count("pk"))
        .values_list("session__dialogue_id", "count")
    )
    accepted = dict(
        Invitation.objects.filter(dialogue_id__in=ids, status="accepted")
        .order_by()
        .values_list("dialogue_id")
        .annotate(count=Count("pk"))
        .values_list("dialogue_id", "count")
    )
    return participants, accepted


def _measures_by_dialogue(ids) -> dict[int, list[tuple[str, str]]]:
    by_dialogue: dict[int, list[tuple[str, str]]] = {}
    rows = (
        Measure.objects.filter(dialogue_id__in=ids).order_by("id").values_list("dialogue_id", "status", "theme__name")
    )
    for dialogue_id, status, theme in rows:
        by_dialogue.setdefault(dialogue_id, []).append((status, theme or "–"))
    return by_dialogue


# --- the review between municipality and funding body ------------------------------------------------


def applications_for_review(*, funding_body: FundingBody, status: str = "") -> QuerySet[FundingApplication]:
    """The applications submitted to this funding body in Dialogwerk, those waiting for it first."""
    applications = (
        FundingApplication.objects.filter(funding_body=funding_body)
        .select_related("dialogue__municipality", "programme", "report")
        .order_by("submitted_on", "pk")
    )
    return applications.filter(status=status) if status else applications


def get_application_for_review(*, funding_body: FundingBody, application_id: int) -> FundingApplication:
    """404 unless the application was submitted to this funding body (another funder learns nothing)."""
    try:
        return (
            applications_for_review(funding_body=funding_body)
            .prefetch_related("cost_lines", "deadlines")
            .get(pk=application_id)
        )
    except FundingApplication.DoesNotExist:
        raise Http404 from None


def review_steps_of(*, application: FundingApplication):
    return application.review_steps.select_related("actor", "funding_body")


def receipts_of(*, application: FundingApplication):
    return application.receipts.select_related("cost_line")


def get_receipt(*, application: FundingApplication, receipt_id: int) -> Receipt:
    try:
        return application.receipts.get(pk=receipt_id)
    except Receipt.DoesNotExist:
        raise Http404 from None


def receipts_by_line(*, application: FundingApplication) -> list[tuple[CostLine, list[Receipt], Decimal]]:
    """Each cost line with its receipts and their sum, for the report and the funding body's check."""
    receipts: dict[int, list[Receipt]] = {}
    for receipt in application.receipts.all():
        receipts.setdefault(receipt.cost_line_id, []).append(receipt)
    return [
        (line, receipts.get(line.pk, []), sum((r.amount for r in receipts.get(line.pk, [])), Decimal("0")))
        for line in application.cost_lines.all()
    ]


def waiting_for_body(*, funding_body: FundingBody) -> int:
    """How many applications and reports wait for the funding body's answer."""
    return (
        FundingApplication.objects.filter(funding_body=funding_body, status="submitted").count()
        + FundingApplication.objects.filter(funding_body=funding_body, report__status="submitted").count()
    )

"""Read-only: gathers the counts of a dialogue's checklist from every app's models and selectors."""

from django.db.models import Count, Q
from django.utils import timezone

from dialogwerk.design.models import AgendaItem
from dialogwerk.dialogues.models import Dialogue
from dialogwerk.funding.models import FundingApplication, FundingReport
from dialogwerk.live.models import Contribution
from dialogwerk.measures.models import Measure, SteeringMember
from dialogwerk.preparation import selectors as preparation_selectors
from dialogwerk.preparation.models import AnalysisStatus, Channel, TaskStatus
from dialogwerk.reports.models import DocumentStatus
from dialogwerk.synthesis.models import Cluster, Decision
from dialogwerk.tenancy.models import Membership, Municipality, Role

from .checklist import Counts, Item, checklist
from .models import SignLanguageVideo


def _worst_theme(dialogue: Dialogue) -> tuple[str, int, int]:
    coverage = preparation_selectors.coverage_of(dialogue=dialogue)
    worst, missing = "", 0
    for _theme_id, name in coverage.themes:
        gaps = len(coverage.gaps_of_theme(name))
        if gaps > missing:
            worst, missing = name, gaps
    return worst, missing, len(coverage.empty_perspectives)


def checklist_counts(*, dialogue: Dialogue) -> Counts:
    # Counts that share a table are taken in one query each (the overview made 25 for this list).
    analysis = preparation_selectors.analysis_of(dialogue=dialogue)
    actors = dialogue.actors.aggregate(total=Count("id"), invitable=Count("id", filter=Q(consent=True) & ~Q(email="")))
    worst, missing, empty = _worst_theme(dialogue) if actors["total"] else ("", 0, 0)
    invitations = dialogue.invitations.aggregate(
        sent=Count("id", filter=Q(sent_at__isnull=False)),
        accepted=Count("id", filter=Q(status="accepted")),
        letter=Count("id", filter=Q(sent_at__isnull=False, channel=Channel.LETTER)),
        personal=Count("id", filter=Q(sent_at__isnull=False, channel=Channel.PERSONAL)),
    )
    tasks = dialogue.project_tasks.aggregate(
        total=Count("id"),
        done=Count("id", filter=Q(status=TaskStatus.DONE)),
        overdue=Count("id", filter=~Q(status=TaskStatus.DONE) & Q(due_on__lt=timezone.localdate())),
    )
    application = FundingApplication.objects.filter(dialogue=dialogue).first()
    report_status = ""
    if application is not None:
        report = FundingReport.objects.filter(application=application).first()
        report_status = report.status if report is not None else ""
    measures = Measure.objects.filter(dialogue=dialogue).aggregate(
        total=Count("id", distinct=True), with_progress=Count("id", filter=Q(updates__isnull=False), distinct=True)
    )
    return Counts(
        answered_questions=analysis.answered_count,
        analysis_complete=analysis.status == AnalysisStatus.COMPLETE,
        themes=dialogue.themes.count(),
        actors=actors["total"],
        perspectives=dialogue.perspectives.count(),
        empty_perspectives=empty,
        worst_theme=worst,
        worst_theme_missing=missing,
        invitable_actors=actors["invitable"],
        invitations_sent=invitations["sent"],
        invitations_accepted=invitations["accepted"],
        invitations_by_letter=invitations["letter"],
        invitations_in_person=invitations["personal"],
        actors_not_invited=preparation_selectors.actors_not_invited(dialogue=dialogue).count(),
        agenda_items=AgendaItem.objects.filter(agenda__dialogue=dialogue).count(),
        tasks=tasks["total"],
        tasks_done=tasks["done"],
        tasks_overdue=tasks["overdue"],
        sessions=dialogue.sessions.count(),
        cards=Contribution.objects.filter(session__dialogue=dialogue, hidden=False, merged_into__isnull=True).count(),
        clusters=Cluster.objects.filter(dialogue=dialogue).count(),
        decisions=Decision.objects.filter(dialogue=dialogue).count(),
        measures=measures["total"],
        documents_ready=dialogue.generated_documents.filter(status=DocumentStatus.DONE).count(),
        steering_members=SteeringMember.objects.filter(steering_group__dialogue=dialogue).count(),
        measures_with_progress=measures["with_progress"],
        funding_application=application.status if application is not None else "",
        funding_report=report_status,
    )


def checklist_of(*, dialogue: Dialogue, role: str | None = None) -> list[Item]:
    return checklist(checklist_counts(dialogue=dialogue), role=role)


def municipality_admin_emails(*, municipality: Municipality) -> list[str]:
    return list(
        Membership.objects.filter(municipality=municipality, role=Role.MUNICIPALITY_ADMIN)
        .exclude(user__email="")
        .filter(Q(user__is_active=True))
        .values_list("user__email", flat=True)
    )


def sign_language_videos() -> list[SignLanguageVideo]:
    return list(SignLanguageVideo.objects.select_related("municipality").order_by("municipality__name"))


def sign_language_video_of(*, municipality: Municipality) -> SignLanguageVideo | None:
    return SignLanguageVideo.objects.filter(municipality=municipality).first()

"""The preparation app's part in what spans apps (core/registry.py): the needs analysis and the invitations
for the documents, and the checklist's counts of the preparation step."""

from collections import Counter

from django.db.models import Count, Q
from django.utils import timezone

from dialogwerk.core import registry
from dialogwerk.core.document_parts import InvitationFigures, NeedsAnalysis
from dialogwerk.dialogues.models import Dialogue

from . import selectors
from .models import AnalysisStatus, Channel, ExistingMeasure, Invitation, KeyFigure, TaskStatus
from .models import NeedsAnalysis as NeedsAnalysisRecord

ANSWERS = ("situation", "measures_summary", "themes_summary", "actors_summary", "design_summary")


def needs_analysis(dialogue: Dialogue) -> NeedsAnalysis:
    answers = []
    analysis = NeedsAnalysisRecord.objects.filter(dialogue=dialogue).first()
    if analysis is not None:
        questions = {field.name: str(field.verbose_name) for field in NeedsAnalysisRecord._meta.concrete_fields}
        for name in ANSWERS:
            if getattr(analysis, name):
                answers.append((questions[name], getattr(analysis, name)))
    figures = []
    for figure in KeyFigure.objects.filter(dialogue=dialogue):
        value = f"{figure.value:n}" if figure.value % 1 else f"{int(figure.value)}"
        figures.append((figure.indicator, value, figure.as_of.strftime("%d.%m.%Y") if figure.as_of else ""))
    existing = [
        (measure.title, measure.owner, measure.get_status_display())
        for measure in ExistingMeasure.objects.filter(dialogue=dialogue)
    ]
    return NeedsAnalysis(answers, figures, existing)


def invitations(dialogue: Dialogue, *, unknown_label: str) -> InvitationFigures:
    rows = Invitation.objects.filter(dialogue=dialogue)
    invited = rows.count()
    accepted_rows = rows.filter(status="accepted").values_list(
        "actor__perspective__name", "actor__name", "actor__kind", "actor__consent"
    )
    accepted = 0
    by_perspective: Counter[str] = Counter()
    organisations = []
    for perspective, name, kind, consent in accepted_rows:
        accepted += 1
        by_perspective[perspective or unknown_label] += 1
        # Names only of organisations that agreed; never of private persons.
        if consent and kind == "organisation":
            organisations.append(name)
    return InvitationFigures(invited, accepted, by_perspective, sorted(set(organisations)))


def _worst_theme(dialogue: Dialogue) -> tuple[str, int, int]:
    coverage = selectors.coverage_of(dialogue=dialogue)
    worst, missing = "", 0
    for _theme_id, name in coverage.themes:
        gaps = len(coverage.gaps_of_theme(name))
        if gaps > missing:
            worst, missing = name, gaps
    return worst, missing, len(coverage.empty_perspectives)


def checklist_counts(dialogue: Dialogue) -> dict:
    # Counts that share a table are taken in one query each (the overview made 25 for this list).
    analysis = selectors.analysis_of(dialogue=dialogue)
    actors = dialogue.actors.aggregate(total=Count("id"), invitable=Count("id", filter=Q(consent=True) & ~Q(email="")))
    worst, missing, empty = _worst_theme(dialogue) if actors["total"] else ("", 0, 0)
    sent = dialogue.invitations.aggregate(
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
    return {
        "answered_questions": analysis.answered_count,
        "analysis_complete": analysis.status == AnalysisStatus.COMPLETE,
        "actors": actors["total"],
        "perspectives": dialogue.perspectives.count(),
        "empty_perspectives": empty,
        "worst_theme": worst,
        "worst_theme_missing": missing,
        "invitable_actors": actors["invitable"],
        "invitations_sent": sent["sent"],
        "invitations_accepted": sent["accepted"],
        "invitations_by_letter": sent["letter"],
        "invitations_in_person": sent["personal"],
        "actors_not_invited": selectors.actors_not_invited(dialogue=dialogue).count(),
        "tasks": tasks["total"],
        "tasks_done": tasks["done"],
        "tasks_overdue": tasks["overdue"],
    }


def declare() -> None:
    registry.document_sources.declare(app="preparation", name="needs_analysis", part=needs_analysis)
    registry.document_sources.declare(app="preparation", name="invitations", part=invitations)
    registry.checklist_counters.declare(app="preparation", name="preparation", part=checklist_counts)

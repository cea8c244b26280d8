"""The preparation app's part in what spans apps (core/registry.py): the needs analysis and the invitations for the
documents, and the checklist's counts of the preparation step; the actors, invitations and registrations in the
privacy export and erasure."""

from collections import Counter
from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from dialogwerk.core import registry
from dialogwerk.core.document_parts import InvitationFigures, NeedsAnalysis
from dialogwerk.core.personal_data import iso
from dialogwerk.dialogues.models import Dialogue
from dialogwerk.tenancy import audit
from dialogwerk.tenancy.models import AuditLogEntry

from . import selectors
from .models import (
    RSVP,
    Actor,
    AnalysisStatus,
    Channel,
    ExistingMeasure,
    Invitation,
    KeyFigure,
    Registration,
    TableImport,
    TaskStatus,
    new_token,
)
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


def invited_languages(dialogue: Dialogue) -> dict[str, int]:
    """The languages invited actors prefer (one invitation each), unless they declined."""
    return dict(
        Invitation.objects.filter(dialogue=dialogue)
        .exclude(status=RSVP.DECLINED)
        .exclude(language="")
        .order_by()
        .values_list("language")
        .annotate(n=Count("pk"))
        .values_list("language", "n")
    )


def declare() -> None:
    registry.language_demand.declare(app="preparation", name="invited", part=invited_languages)
    registry.document_sources.declare(app="preparation", name="needs_analysis", part=needs_analysis)
    registry.document_sources.declare(app="preparation", name="invitations", part=invitations)
    registry.checklist_counters.declare(app="preparation", name="preparation", part=checklist_counts)
    registry.privacy_parts.declare(
        app="preparation",
        name="preparation.actor",
        part=registry.PrivacyPart(
            subject="actor",
            sections=("actor", "dialogue", "invitations"),
            export=actor_export,
            erase=actor_erase,
            holds=("preparation.Actor", "preparation.Invitation", "preparation.TableImport"),
        ),
    )
    registry.privacy_parts.declare(
        app="preparation",
        name="preparation.contact",
        part=registry.PrivacyPart(
            subject="contact",
            sections=("registrations",),
            find=contact_find,
            export=contact_export,
            names=contact_names,
            erase=contact_erase,
            holds=("preparation.Registration", "preparation.TableImport"),
        ),
    )


# --- privacy: what the app stores about a person (privacy/services.py exports and erases it) ----------------


def actor_export(actor: Actor) -> dict:
    """The actor (organisation or person) and the invitations sent to it."""
    return {
        "actor": {
            "id": actor.pk,
            "name": actor.name,
            "kind": actor.kind,
            "perspective": actor.perspective.name,
            "contact_name": actor.contact_name,
            "email": actor.email,
            "phone": actor.phone,
            "consent": actor.consent,
            "themes": [theme.name for theme in actor.themes.all()],
            "influence": actor.influence,
            "interest": actor.interest,
            "stance": actor.stance,
            "notes": actor.notes,
            "created_at": iso(actor.created_at),
        },
        "dialogue": actor.dialogue.title,
        "invitations": [
            {
                "status": invitation.status,
                "needs": invitation.needs,
                "language": invitation.language,
                "sent_at": iso(invitation.sent_at),
                "responded_at": iso(invitation.responded_at),
                "reminded_at": iso(invitation.reminded_at),
                "expires_on": iso(invitation.expires_on),
            }
            for invitation in Invitation.objects.filter(actor=actor).order_by("id")
        ],
    }


def actor_erase(actor: Actor, context: Mapping[str, Any]) -> None:
    """Name, contact data, notes and assessment go; invitations stay as anonymous RSVP answers. Earlier audit
    entries about the actor and its invitations keep that something happened, not the values."""
    erased = context["label"]
    municipality = actor.dialogue.municipality
    invitation_ids = [str(pk) for pk in Invitation.objects.filter(actor=actor).values_list("pk", flat=True)]
    entries = AuditLogEntry.objects.filter(municipality=municipality).filter(
        target_type__in=audit.verbose_names(Actor), target_id=str(actor.pk)
    ) | AuditLogEntry.objects.filter(
        municipality=municipality, target_type__in=audit.verbose_names(Invitation), target_id__in=invitation_ids
    )
    for entry in entries:
        AuditLogEntry.objects.filter(pk=entry.pk).update(
            target_label=erased, changes={field: [erased, erased] for field in (entry.changes or {})}
        )
    Actor.objects.filter(pk=actor.pk).update(
        name=erased, contact_name="", email="", phone="", consent=False, notes="", stance="", influence=3, interest=3
    )
    for invitation in Invitation.objects.filter(actor=actor):
        # A new random token: the old personal link stops working. The answer (status) stays for the counts.
        Invitation.objects.filter(pk=invitation.pk).update(needs="", language="", base_url="", token=new_token())
    actor.dialogue.table_imports.all().delete()  # an actor list not imported yet may name them again


def contact_find(*, municipality, email: str) -> dict:
    """Registrations on the public event page, by the address given."""
    return {
        "registrations": list(
            Registration.objects.filter(dialogue__municipality=municipality, email__iexact=email)
            .select_related("dialogue")
            .order_by("pk")
        )
    }


def contact_names(records: Mapping[str, Any]) -> set[str]:
    return {r.name for r in records["registrations"]}


def contact_export(records: Mapping[str, Any]) -> dict:
    return {
        "registrations": [
            {
                "dialogue": r.dialogue.title,
                "name": r.name,
                "email": r.email,
                "perspective": r.perspective,
                "language": r.language,
                "needs": r.needs,
                "status": r.status,
                "consented_at": iso(r.consented_at),
                "registered_at": iso(r.created_at),
            }
            for r in records["registrations"]
        ]
    }


def contact_erase(records: Mapping[str, Any], context: Mapping[str, Any]) -> None:
    """Registrations are cancelled (the place goes to the waiting list, as on cancelling); uploaded actor lists
    not imported yet may list the person too: they go, and are uploaded again if still needed."""
    from .registrations import registration_cancel

    for registration in records["registrations"]:
        registration_cancel(registration=registration)
    TableImport.objects.filter(dialogue__municipality=context["municipality"]).delete()

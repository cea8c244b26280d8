"""Every change to a dialogue's preparation: one transaction each, audited where it matters."""

import datetime
import functools
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dialogwerk.core import signals, tabular
from dialogwerk.core.background_read import ReadFailed, queue_read
from dialogwerk.design.services import agenda_save
from dialogwerk.dialogues import languages
from dialogwerk.dialogues.models import Dialogue, Theme
from dialogwerk.tenancy import audit
from dialogwerk.tenancy.models import AuditAction

from . import ics, plan_defaults, selectors
from .actor_import import ActorRow
from .event_facts import event_facts
from .figure_import import FigureRow
from .models import (
    DEFAULT_PERSPECTIVES,
    RSVP,
    Actor,
    AnalysisStatus,
    AnsweredVia,
    Channel,
    EventDetails,
    ExistingMeasure,
    Invitation,
    KeyFigure,
    NeedsAnalysis,
    Perspective,
    ProjectTask,
    TableImport,
    TableKind,
    TaskStatus,
    new_short_code,
)


def _record(dialogue: Dialogue, actor, action, target, changes=None) -> None:
    audit.record(municipality=dialogue.municipality, actor=actor, action=action, target=target, changes=changes)


# --- Needs analysis -------------------------------------------------------------------------------------


@transaction.atomic
def analysis_save(*, actor, dialogue: Dialogue, complete: bool = False, **answers: str) -> NeedsAnalysis:
    """Save the answers; with `complete`, every guiding question must be answered."""
    unknown = set(answers) - set(NeedsAnalysis.ANSWER_FIELDS)
    if unknown:
        raise TypeError(f"analysis_save() got unexpected fields: {sorted(unknown)}")
    analysis, _created = NeedsAnalysis.objects.select_for_update().get_or_create(dialogue=dialogue)
    before = {name: getattr(analysis, name) for name in (*NeedsAnalysis.ANSWER_FIELDS, "status")}
    for name, value in answers.items():
        setattr(analysis, name, value.strip())
    if complete:
        missing = {
            name: _("Please answer this question before you mark the analysis as complete.")
            for name in NeedsAnalysis.ANSWER_FIELDS
            if not getattr(analysis, name)
        }
        if missing:
            raise ValidationError(missing)
        analysis.status = AnalysisStatus.COMPLETE
        analysis.completed_at = analysis.completed_at or timezone.now()
    else:
        analysis.status = AnalysisStatus.DRAFT
        analysis.completed_at = None
    analysis.full_clean()
    analysis.save()
    if complete:
        milestone_reached(dialogue, "needs_analysis")
    after = {name: getattr(analysis, name) for name in before}
    changes = audit.diff(before, after)
    if changes:
        _record(dialogue, actor, AuditAction.UPDATE, analysis, changes)
    return analysis


def _figure_clean(figure: KeyFigure) -> KeyFigure:
    figure.indicator = figure.indicator.strip()
    try:
        figure.full_clean()
    except ValidationError as error:
        if "__all__" in error.message_dict:
            raise ValidationError({"as_of": _("There is already a value of this key figure for this date.")}) from None
        raise
    return figure


@transaction.atomic
def key_figure_create(*, actor, dialogue: Dialogue, indicator: str, value, as_of, source: str = "") -> KeyFigure:
    figure = _figure_clean(KeyFigure(dialogue=dialogue, indicator=indicator, value=value, as_of=as_of, source=source))
    figure.save()
    return figure


@transaction.atomic
def key_figure_update(*, actor, figure: KeyFigure, **fields) -> KeyFigure:
    for name, value in fields.items():
        setattr(figure, name, value)
    _figure_clean(figure).save()
    return figure


@transaction.atomic
def key_figure_delete(*, actor, figure: KeyFigure) -> None:
    figure.delete()


@transaction.atomic
def key_figures_import(*, actor, dialogue: Dialogue, rows: list[FigureRow]) -> int:
    """All rows or none: an existing value for the same key figure and date is a conflict, not overwritten."""
    clashes = [
        row.row
        for row in rows
        if dialogue.key_figures.filter(indicator__iexact=row.indicator, as_of=row.as_of).exists()
    ]
    if clashes:
        raise ValidationError(
            _("Rows %(rows)s: these key figures already have a value for that date. Nothing was imported.")
            % {"rows": ", ".join(map(str, clashes))}
        )
    for row in rows:
        key_figure_create(
            actor=actor, dialogue=dialogue, indicator=row.indicator, value=row.value, as_of=row.as_of, source=row.source
        )
    _record(dialogue, actor, AuditAction.CREATE, dialogue, {"key_figures_imported": ["", str(len(rows))]})
    return len(rows)


# --- Spreadsheet imports (actors, key figures) ----------------------------------------------------------


def table_import_upload(*, actor, dialogue: Dialogue, kind: str, filename: str, content: bytes) -> TableImport:
    """Store an uploaded list and queue its reading by the worker. Uploads never confirmed go after a day."""
    TableImport.objects.filter(created_at__lt=timezone.now() - TableImport.KEPT_FOR).delete()
    record = TableImport(dialogue=dialogue, kind=kind, filename=filename[:200], uploaded_by=actor)
    return queue_read(record, content)


def table_import_read(record: TableImport, content: bytes) -> dict:
    """The worker's reading of an uploaded list (core/background_read.py): header and rows as text."""
    try:
        return {"table": tabular.read_table(record.filename, content)}
    except tabular.TableError as error:
        raise ReadFailed(error.code) from error


@transaction.atomic
def table_import_apply(*, actor, table_import: TableImport, rows) -> int:
    """Import the checked rows once: the upload goes with it, so a second click imports nothing twice."""
    if not TableImport.objects.filter(pk=table_import.pk).delete()[0]:  # a concurrent second click deletes none
        raise ValidationError(_("This file was imported already."))
    if table_import.kind == TableKind.ACTORS:
        return actors_import(actor=actor, dialogue=table_import.dialogue, rows=rows)
    return key_figures_import(actor=actor, dialogue=table_import.dialogue, rows=rows)


# --- Existing measures ----------------------------------------------------------------------------------


def _check_theme(dialogue: Dialogue, theme: Theme | None) -> None:
    if theme is not None and theme.dialogue_id != dialogue.pk:
        raise ValidationError({"theme": _("Choose one of this dialogue's themes.")})


@transaction.atomic
def existing_measure_create(*, actor, dialogue: Dialogue, **fields) -> ExistingMeasure:
    _check_theme(dialogue, fields.get("theme"))
    measure = ExistingMeasure(dialogue=dialogue, **fields)
    measure.full_clean()
    measure.save()
    _record(dialogue, actor, AuditAction.CREATE, measure)
    return measure


@transaction.atomic
def existing_measure_update(*, actor, measure: ExistingMeasure, **fields) -> ExistingMeasure:
    _check_theme(measure.dialogue, fields.get("theme"))
    for name, value in fields.items():
        setattr(measure, name, value)
    measure.full_clean()
    measure.save()
    return measure


@transaction.atomic
def existing_measure_delete(*, actor, measure: ExistingMeasure) -> None:
    _record(measure.dialogue, actor, AuditAction.DELETE, measure)
    measure.delete()


# --- Perspectives ---------------------------------------------------------------------------------------


@transaction.atomic
def perspectives_ensure_defaults(*, dialogue: Dialogue) -> None:
    """A dialogue without perspectives gets the ten defaults, stored in German."""
    if dialogue.perspectives.exists():
        return
    with translation.override(settings.LANGUAGE_CODE):
        Perspective.objects.bulk_create(
            Perspective(dialogue=dialogue, name=str(name), position=index)
            for index, name in enumerate(DEFAULT_PERSPECTIVES)
        )


def _perspective_save(perspective: Perspective) -> Perspective:
    perspective.name = perspective.name.strip()
    try:
        perspective.full_clean()
        with transaction.atomic():
            perspective.save()
    except (ValidationError, IntegrityError) as error:
        if isinstance(error, ValidationError) and "__all__" not in error.message_dict:
            raise
        raise ValidationError({"name": _("This dialogue already has a perspective of that name.")}) from None
    return perspective


@transaction.atomic
def perspective_create(*, actor, dialogue: Dialogue, name: str) -> Perspective:
    last = dialogue.perspectives.aggregate(last=Max("position"))["last"]
    return _perspective_save(Perspective(dialogue=dialogue, name=name, position=0 if last is None else last + 1))


@transaction.atomic
def perspective_rename(*, actor, perspective: Perspective, name: str) -> Perspective:
    perspective.name = name
    return _perspective_save(perspective)


@transaction.atomic
def perspective_delete(*, actor, perspective: Perspective) -> None:
    if perspective.actors.exists():
        raise ValidationError(_("Actors still belong to this perspective. Move them to another one first."))
    perspective.delete()


# --- Actors ---------------------------------------------------------------------------------------------


def _check_actor_refs(dialogue: Dialogue, perspective: Perspective, themes: Iterable[Theme]) -> None:
    if perspective.dialogue_id != dialogue.pk:
        raise ValidationError({"perspective": _("Choose one of this dialogue's perspectives.")})
    if any(theme.dialogue_id != dialogue.pk for theme in themes):
        raise ValidationError({"themes": _("Choose themes of this dialogue only.")})


# Bump when the privacy notice that staff show actors before ticking "consent" changes in substance; the
# consent record also keeps the SHA-256 of the notice's text as it stood, so every wording is pinned anyway.
ACTOR_NOTICE_VERSION = "2026-1"


def contact_consent_message() -> str:
    return _(
        "Contact details (e-mail address, phone) may only be stored with the person's consent. "
        "Tick “consent to be contacted” or remove the e-mail address and phone number."
    )


def _check_contact_consent(record: Actor) -> None:
    """The issue's rule: actors' contact data only with a consent flag (Art. 6 (1) a GDPR)."""
    if (record.email or record.phone) and not record.consent:
        raise ValidationError({"consent": contact_consent_message()})


def actors_consent_record(actor, records: list[Actor]) -> None:
    """The actors agreed to be contacted, under the municipality's privacy notice as it stands: the privacy
    app keeps a consent record of each (core/signals.py)."""
    signals.consent_given.send(sender=Actor, records=records, by=actor, notice_version=ACTOR_NOTICE_VERSION)


@transaction.atomic
def actor_create(*, actor, dialogue: Dialogue, themes: Iterable[Theme] = (), **fields) -> Actor:
    themes = list(themes)
    _check_actor_refs(dialogue, fields["perspective"], themes)
    record = Actor(dialogue=dialogue, **fields)
    record.full_clean()
    _check_contact_consent(record)
    record.save()
    record.themes.set(themes)
    _record(dialogue, actor, AuditAction.CREATE, record)
    if record.consent:
        actors_consent_record(actor, [record])
    return record


@transaction.atomic
def actor_update(*, actor, record: Actor, themes: Iterable[Theme] = (), **fields) -> Actor:
    themes = list(themes)
    _check_actor_refs(record.dialogue, fields.get("perspective", record.perspective), themes)
    stored = Actor.objects.get(pk=record.pk)
    before = {name: str(getattr(stored, name)) for name in fields}
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean()
    _check_contact_consent(record)
    record.save()
    record.themes.set(themes)
    changes = audit.diff(before, {name: str(value) for name, value in fields.items()})
    if changes:
        _record(record.dialogue, actor, AuditAction.UPDATE, record, changes)
    if record.consent and not stored.consent:
        actors_consent_record(actor, [record])
    elif stored.consent and not record.consent:
        signals.consent_withdrawn.send(sender=Actor, record=record)
    return record


@transaction.atomic
def actor_delete(*, actor, record: Actor) -> None:
    _record(record.dialogue, actor, AuditAction.DELETE, record)
    record.delete()


@transaction.atomic
def actors_import(*, actor, dialogue: Dialogue, rows: list[ActorRow]) -> int:
    """Create all actors of a checked file, or none (any problem rolls the whole import back)."""
    perspectives = {p.name: p for p in dialogue.perspectives.all()}
    themes = {t.name: t for t in dialogue.themes.all()}
    missing = {row.perspective for row in rows} - set(perspectives)
    missing_themes = {name for row in rows for name in row.themes} - set(themes)
    if missing or missing_themes:
        raise ValidationError(_("The perspectives or themes changed since the preview. Please upload the file again."))
    consenting = []
    for row in rows:
        record = Actor(
            dialogue=dialogue,
            name=row.name,
            kind=row.kind,
            perspective=perspectives[row.perspective],
            contact_name=row.contact_name,
            email=row.email,
            phone=row.phone,
            consent=row.consent,
            influence=row.influence,
            interest=row.interest,
            notes=row.notes,
        )
        try:
            record.full_clean()
            _check_contact_consent(record)
        except ValidationError as error:
            raise ValidationError(
                _("Row %(row)s: %(problem)s Nothing was imported.")
                % {"row": row.row, "problem": " ".join(error.messages)}
            ) from None
        record.save()
        record.themes.set([themes[name] for name in row.themes])
        if record.consent:
            consenting.append(record)
    if consenting:
        actors_consent_record(actor, consenting)
    _record(dialogue, actor, AuditAction.CREATE, dialogue, {"actors_imported": ["", str(len(rows))]})
    return len(rows)


# --- Invitations ----------------------------------------------------------------------------------------


def invitation_expiry(dialogue: Dialogue) -> datetime.date:
    """RSVP links work until the last event day; without a date they cannot be sent."""
    if dialogue.last_day is None:
        raise ValidationError(_("Set the event date of the dialogue before you send invitations."))
    return dialogue.last_day


def rsvp_url(invitation: Invitation) -> str:
    return invitation.base_url.rstrip("/") + reverse("preparation:rsvp", kwargs={"rsvp_token": invitation.token})


def _send_invitation_mail(invitation: Invitation, *, reminder: bool) -> None:
    dialogue = invitation.dialogue
    facts = event_facts(dialogue)
    url = rsvp_url(invitation)
    context = {
        "invitation": invitation,
        "dialogue": dialogue,
        "actor": invitation.actor,
        "rsvp_url": url,
        "reminder": reminder,
        "facts": facts,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = "".join(render_to_string("preparation/email/invitation_subject.txt", context).splitlines())
        body = render_to_string("preparation/email/invitation.txt", context)
        # A reminder after the date was cleared goes without a calendar entry.
        calendar = ics.event_calendar(facts, url=url) if facts.start is not None else None
    message = EmailMessage(subject, body, None, [invitation.actor.email])
    if calendar is not None:
        message.attach("einladung.ics", calendar, "text/calendar")
    message.send()


def _invitation_create(**fields) -> Invitation:
    """A new invitation with a short code no other invitation has (drawn again in the rare collision)."""
    for _attempt in range(5):
        code = new_short_code()
        if not Invitation.objects.filter(short_code=code).exists():
            return Invitation.objects.create(short_code=code, sent_at=timezone.now(), **fields)
    raise RuntimeError("no free short code")  # 1.1e11 codes: not reached in practice


@transaction.atomic
def invitations_send(*, actor, dialogue: Dialogue, actors: Iterable[Actor], base_url: str) -> tuple[int, list[Actor]]:
    """Invite actors who have an e-mail address and consented; returns (sent, skipped actors)."""
    expires_on = invitation_expiry(dialogue)
    if expires_on < timezone.localdate():
        raise ValidationError(_("The event is over; invitations can no longer be sent."))
    sent, skipped = 0, []
    for record in actors:
        if record.dialogue_id != dialogue.pk:
            raise ValidationError(_("Choose actors of this dialogue only."))
        if not record.may_be_invited or Invitation.objects.filter(dialogue=dialogue, actor=record).exists():
            skipped.append(record)
            continue
        invitation = _invitation_create(
            dialogue=dialogue, actor=record, channel=Channel.EMAIL, expires_on=expires_on, base_url=base_url
        )
        transaction.on_commit(functools.partial(_send_invitation_mail, invitation, reminder=False))
        sent += 1
    if sent:
        _record(dialogue, actor, AuditAction.CREATE, dialogue, {"invitations_sent": ["", str(sent)]})
        _tick_invitations_when_everyone_is_invited(dialogue)
    return sent, skipped


@transaction.atomic
def invitation_respond(*, invitation: Invitation, status: str, needs: str = "", language: str = "") -> Invitation:
    """The invited person's own answer through the RSVP link."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_expired():
        raise ValidationError(_("The event is over; this link no longer accepts answers."))
    if status not in (RSVP.ACCEPTED, RSVP.DECLINED, RSVP.MAYBE):
        raise ValidationError({"status": _("Please choose whether you will come.")})
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the offered languages.")})
    invitation.status, invitation.needs, invitation.language = status, needs.strip(), language
    invitation.responded_at, invitation.answered_via = timezone.now(), AnsweredVia.LINK
    invitation.full_clean()
    invitation.save()
    return invitation


@transaction.atomic
def invitations_record(
    *, actor, dialogue: Dialogue, actors: Iterable[Actor], channel: str, language: str = "", base_url: str
) -> int:
    """Invite actors without e-mail (or without consent to e-mail): by a printed letter or in person / by
    phone. Each invitation gets a short code and a link, so the answer can come back like any other.
    Actors invited already are left as they are; returns how many were invited now."""
    if channel not in (Channel.LETTER, Channel.PERSONAL):
        raise ValidationError({"channel": _("Choose how the invitation reaches them.")})
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the offered languages.")})
    expires_on = invitation_expiry(dialogue)
    if expires_on < timezone.localdate():
        raise ValidationError(_("The event is over; invitations can no longer be sent."))
    created = 0
    for record in actors:
        if record.dialogue_id != dialogue.pk:
            raise ValidationError(_("Choose actors of this dialogue only."))
        if Invitation.objects.filter(dialogue=dialogue, actor=record).exists():
            continue
        _invitation_create(
            dialogue=dialogue,
            actor=record,
            channel=channel,
            language=language,
            expires_on=expires_on,
            base_url=base_url,
        )
        created += 1
    if created:
        _record(dialogue, actor, AuditAction.CREATE, dialogue, {f"invitations_{channel}": ["", str(created)]})
        _tick_invitations_when_everyone_is_invited(dialogue)
    return created


def _tick_invitations_when_everyone_is_invited(dialogue: Dialogue) -> None:
    if not selectors.actors_not_invited(dialogue=dialogue).exists():
        milestone_reached(dialogue, "invitations")


@transaction.atomic
def invitation_answer_by_staff(
    *, actor, invitation: Invitation, status: str, answered_via: str, needs: str = "", language: str = ""
) -> Invitation:
    """An answer that came by phone, letter or in person, entered by staff ("hat telefonisch zugesagt");
    it counts like one given through the link. Also after the event, to complete the record."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if status not in (RSVP.ACCEPTED, RSVP.DECLINED, RSVP.MAYBE, RSVP.PENDING):
        raise ValidationError({"status": _("Please choose whether they will come.")})
    if status != RSVP.PENDING and answered_via not in (AnsweredVia.PHONE, AnsweredVia.LETTER, AnsweredVia.IN_PERSON):
        raise ValidationError({"answered_via": _("Choose how the answer came.")})
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the offered languages.")})
    before = [invitation.status, invitation.answered_via]
    invitation.status, invitation.needs, invitation.language = status, needs.strip(), language
    if status == RSVP.PENDING:
        invitation.responded_at, invitation.answered_via = None, ""
    else:
        invitation.responded_at, invitation.answered_via = timezone.now(), answered_via
    invitation.full_clean()
    invitation.save()
    _record(
        invitation.dialogue,
        actor,
        AuditAction.UPDATE,
        invitation,
        {"status": [before[0], invitation.status], "answered_via": [before[1], invitation.answered_via]},
    )
    return invitation


def reminders_send(*, dialogue: Dialogue, min_days_since_sent: int = 3) -> int:
    """Remind everyone who has not answered and was not reminded yet; the worker runs this."""
    today = timezone.localdate()
    cutoff = timezone.now() - datetime.timedelta(days=min_days_since_sent)
    sent = 0
    for invitation in dialogue.invitations.select_related("actor", "dialogue", "dialogue__municipality").filter(
        status=RSVP.PENDING, reminded_at__isnull=True, sent_at__lte=cutoff, expires_on__gte=today
    ):
        # Claim it first: two workers never remind the same person twice.
        if not Invitation.objects.filter(pk=invitation.pk, reminded_at__isnull=True).update(reminded_at=timezone.now()):
            continue
        _send_invitation_mail(invitation, reminder=True)
        sent += 1
    return sent


# --- Event venue and details ---------------------------------------------------------------------------

EVENT_FIELDS = (
    "venue",
    "address",
    "rooms",
    "step_free",
    "accessibility",
    "childcare",
    "childcare_notes",
    "interpreter_other",
    "capacity",
    "registration_open",
)


@transaction.atomic
def event_details_save(
    *,
    actor,
    dialogue: Dialogue,
    starts_at: datetime.time,
    ends_at: datetime.time,
    interpreters: Iterable[str] = (),
    **fields,
) -> EventDetails:
    """Save the venue and what the event offers, and the times into the agenda (the one place they live),
    so that invitations, the RSVP page, the calendar entry and the agenda say the same."""
    unknown = languages.unknown_codes(interpreters)
    if unknown or languages.WORKING_LANGUAGE in interpreters:
        raise ValidationError({"interpreters": _("Choose one of the offered languages.")})
    details = EventDetails.objects.filter(dialogue=dialogue).first() or EventDetails(dialogue=dialogue)
    created = details.pk is None
    before = {name: str(getattr(details, name)) for name in EVENT_FIELDS}
    for name in EVENT_FIELDS:
        if name in fields:
            setattr(details, name, fields[name].strip() if isinstance(fields[name], str) else fields[name])
    details.interpreter_languages = languages.SEPARATOR.join(
        code for code in languages.ordered(interpreters) if code != languages.WORKING_LANGUAGE
    )
    details.full_clean()
    details.save()
    agenda_save(actor=actor, dialogue=dialogue, starts_at=starts_at, ends_at=ends_at)
    changes = {
        name: [before[name], str(getattr(details, name))]
        for name in EVENT_FIELDS
        if before[name] != str(getattr(details, name))
    }
    _record(dialogue, actor, AuditAction.CREATE if created else AuditAction.UPDATE, details, changes)
    return details


# --- Project plan ---------------------------------------------------------------------------------------


def milestone_reached(dialogue: Dialogue, key: str) -> int:
    """Tick the plan's milestone for work that is now done (the analysis marked complete, every actor
    invited). Plans made before milestones had keys are matched by the default German title."""
    with translation.override(settings.LANGUAGE_CODE):
        title = default_task_titles()[key]
    tasks = dialogue.project_tasks.filter(Q(key=key) | Q(key="", title=title), is_milestone=True).exclude(
        status=TaskStatus.DONE
    )
    return tasks.update(status=TaskStatus.DONE)


def default_task_titles() -> dict[str, str]:
    return {
        "kickoff": _("Kick-off with the municipality"),
        "needs_analysis": _("Needs analysis done"),
        "actor_analysis": _("Actor analysis and invitation list"),
        "design": _("Method and agenda agreed"),
        "venue": _("Book venue, catering, interpreters and childcare"),
        "invitations": _("Invitations sent"),
        "press": _("Press release and public announcement"),
        "reminders": _("Send reminders, confirm the number of participants"),
        "briefing": _("Briefing of moderators and table hosts"),
        "event": _("Dialogue event"),
        "documentation": _("Documentation sent"),
        "council": _("Council answers the results publicly"),
    }


def _check_dependencies(task: ProjectTask, depends_on: Iterable[ProjectTask]) -> list[ProjectTask]:
    depends_on = list(depends_on)
    if any(other.dialogue_id != task.dialogue_id for other in depends_on):
        raise ValidationError({"depends_on": _("Choose tasks of this dialogue only.")})
    if task.pk and any(other.pk == task.pk for other in depends_on):
        raise ValidationError({"depends_on": _("A task cannot depend on itself.")})
    if task.pk:
        # No cycles: nothing we depend on may (transitively) depend on us.
        frontier, seen = [o.pk for o in depends_on], set()
        while frontier:
            current = frontier.pop()
            if current == task.pk:
                raise ValidationError({"depends_on": _("This would make the tasks wait for each other in a circle.")})
            if current in seen:
                continue
            seen.add(current)
            frontier.extend(
                ProjectTask.depends_on.through.objects.filter(from_projecttask_id=current).values_list(
                    "to_projecttask_id", flat=True
                )
            )
    return depends_on


def _task_clean(task: ProjectTask) -> None:
    task.full_clean()
    if task.starts_on and task.starts_on > task.due_on:
        raise ValidationError({"starts_on": _("The start cannot be after the due date.")})


@transaction.atomic
def project_task_create(*, actor, dialogue: Dialogue, depends_on: Iterable[ProjectTask] = (), **fields) -> ProjectTask:
    task = ProjectTask(dialogue=dialogue, **fields)
    depends_on = _check_dependencies(task, depends_on)
    _task_clean(task)
    task.save()
    task.depends_on.set(depends_on)
    _record(dialogue, actor, AuditAction.CREATE, task)
    return task


@transaction.atomic
def project_task_update(*, actor, task: ProjectTask, depends_on: Iterable[ProjectTask] = (), **fields) -> ProjectTask:
    depends_on = _check_dependencies(task, depends_on)
    before = ProjectTask.objects.filter(pk=task.pk).values(*fields).get()
    for name, value in fields.items():
        setattr(task, name, value)
    _task_clean(task)
    task.save()
    task.depends_on.set(depends_on)
    changes = audit.diff(before, fields)
    if changes:
        _record(task.dialogue, actor, AuditAction.UPDATE, task, changes)
    return task


@transaction.atomic
def project_task_delete(*, actor, task: ProjectTask) -> None:
    _record(task.dialogue, actor, AuditAction.DELETE, task)
    task.delete()


@transaction.atomic
def project_plan_generate(*, actor, dialogue: Dialogue) -> int:
    """The default plan from the event date; only for a dialogue that has no plan yet."""
    if dialogue.starts_on is None:
        raise ValidationError(_("Set the event date of the dialogue first: the plan is counted from it."))
    if dialogue.project_tasks.exists():
        raise ValidationError(_("This dialogue already has a project plan."))
    titles = default_task_titles()
    created: dict[str, ProjectTask] = {}
    for step in plan_defaults.default_plan(dialogue.starts_on):
        task = ProjectTask.objects.create(
            dialogue=dialogue,
            key=step.key,
            title=titles[step.key],
            is_milestone=step.milestone,
            starts_on=step.starts_on,
            due_on=step.due_on,
            status=TaskStatus.OPEN,
        )
        task.depends_on.set([created[key] for key in step.depends_on])
        created[step.key] = task
    _record(dialogue, actor, AuditAction.CREATE, dialogue, {"project_plan": ["", str(len(created))]})
    return len(created)

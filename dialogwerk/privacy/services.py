"""Export and erasure of what is stored about one person, consent records, retention, and the settings.

Erasure keeps the dialogue's results whole: cards and dots stay, anonymous; what identifies the person (name,
perspective, language, token, contact data, free text about them) goes, also from the live event log,
seating lists and earlier audit entries. The audit log then records *that* an erasure happened (with an
ErasureRecord as its target), never what was erased.
"""

import datetime
import hashlib
import json

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from dialogwerk.dialogues.models import Dialogue, Phase
from dialogwerk.live.models import Contribution, ContributionRevision, LiveEvent, Participant, Vote
from dialogwerk.preparation.models import Actor, Invitation, Registration
from dialogwerk.preparation.registrations import registration_cancel
from dialogwerk.reports.services import documents_withdraw
from dialogwerk.seating.models import NAME_MAX_LENGTH, SeatingPerson
from dialogwerk.tenancy import audit
from dialogwerk.tenancy.models import AuditAction, AuditLogEntry, Municipality

from .models import ConsentRecord, ErasureRecord, PrivacySettings, Reason, Subject

ERASED_PREFIX = "erased:"  # a participant's token hash after erasure: never a SHA-256 hex digest (no login)


def erased_label() -> str:
    """What stands where a name was: stored in German, the dialogue's language."""
    with translation.override("de"):
        return str(_("Erased"))


def retention_days() -> int:
    return int(getattr(settings, "PRIVACY_RETENTION_DAYS", 180))


def is_erased(participant: Participant) -> bool:
    return participant.token_hash.startswith(ERASED_PREFIX)


# --- Export -------------------------------------------------------------------------------------------------


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def participant_export(participant: Participant) -> dict:
    """Everything stored about one participant of a live event, as plain JSON-ready data."""
    session = participant.session
    cards = (
        Contribution.objects.filter(participant=participant)
        .select_related("theme")
        .prefetch_related("translations")
        .order_by("created_at", "id")
    )
    votes = Vote.objects.filter(participant=participant).select_related("voting").order_by("created_at", "id")
    seats = SeatingPerson.objects.filter(participant=participant).select_related("plan")
    return {
        "kind": "participant",
        "exported_at": timezone.now().isoformat(),
        "controller": _controller(session.dialogue.municipality),
        "participant": {
            "id": participant.pk,
            "display_name": participant.display_name,
            "language": participant.language,
            "perspective": participant.perspective,
            "joined_at": _iso(participant.created_at),
            "consented_at": _iso(participant.consented_at),
            "notice_version": participant.notice_version,
            "erased": is_erased(participant),
        },
        "event": {"title": session.title, "code": session.code, "dialogue": session.dialogue.title},
        "consents": consent_records_of(participant=participant),
        "cards": [
            {
                "id": card.pk,
                "kind": card.kind,
                "theme": card.theme.name,
                "text": card.text,
                "language": card.language,
                "translations": {t.language: t.text for t in card.translations.all()},
                "created_at": _iso(card.created_at),
                "hidden": card.hidden,
            }
            for card in cards
        ],
        "dots": [
            {
                "question": vote.voting.title,
                "card": vote.contribution_id,
                "placed_at": _iso(vote.created_at),
                "withdrawn_at": _iso(vote.withdrawn_at),
            }
            for vote in votes
        ],
        "seats": [{"plan": seat.plan_id, "name": seat.name, "perspective": seat.perspective} for seat in seats],
    }


def actor_export(actor: Actor) -> dict:
    """Everything stored about one actor (organisation or person) of a dialogue's preparation."""
    invitations = Invitation.objects.filter(actor=actor).order_by("id")
    return {
        "kind": "actor",
        "exported_at": timezone.now().isoformat(),
        "controller": _controller(actor.dialogue.municipality),
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
            "created_at": _iso(actor.created_at),
        },
        "dialogue": actor.dialogue.title,
        "consents": [
            _consent_data(record) for record in ConsentRecord.objects.filter(actor=actor).order_by("created_at", "id")
        ],
        "invitations": [
            {
                "status": invitation.status,
                "needs": invitation.needs,
                "language": invitation.language,
                "sent_at": _iso(invitation.sent_at),
                "responded_at": _iso(invitation.responded_at),
                "reminded_at": _iso(invitation.reminded_at),
                "expires_on": _iso(invitation.expires_on),
            }
            for invitation in invitations
        ],
    }


def _consent_data(record: ConsentRecord) -> dict:
    return {
        "notice_version": record.notice_version,
        "notice_sha256": record.notice_sha256,
        "shown_at": _iso(record.shown_at),
        "accepted_at": _iso(record.accepted_at),
        "withdrawn_at": _iso(record.withdrawn_at),
    }


def _controller(municipality: Municipality) -> dict:
    privacy = PrivacySettings.objects.filter(municipality=municipality).first()
    return {
        "municipality": municipality.name,
        "name": privacy.controller_name if privacy else "",
        "address": privacy.controller_address if privacy else "",
        "email": privacy.controller_email if privacy else "",
        "dpo": privacy.dpo_name if privacy else "",
        "dpo_contact": privacy.dpo_contact if privacy else "",
    }


# --- Erasure ------------------------------------------------------------------------------------------------


def _anonymise_participant(participant: Participant) -> None:
    """Remove what identifies the participant; cards and dots stay, now nobody's."""
    card_ids = set(Contribution.objects.filter(participant=participant).values_list("pk", flat=True))
    # The live event log repeats each card with its author's display name (screens replay it).
    if card_ids:
        for event in LiveEvent.objects.filter(session_id=participant.session_id, kind="card"):
            payload = event.payload or {}
            if payload.get("id") in card_ids and payload.get("author"):
                LiveEvent.objects.filter(pk=event.pk).update(payload={**payload, "author": ""})
    # Earlier wordings a moderator kept may name them too.
    ContributionRevision.objects.filter(contribution_id__in=card_ids).update(text="")
    SeatingPerson.objects.filter(participant=participant).update(name=erased_label(), perspective="", participant=None)
    Participant.objects.filter(pk=participant.pk).update(
        display_name="", perspective="", language="", token_hash=f"{ERASED_PREFIX}{participant.pk}"
    )
    participant.display_name = participant.perspective = participant.language = ""
    participant.token_hash = f"{ERASED_PREFIX}{participant.pk}"


def _record_erasure(*, municipality: Municipality, actor, subject: str, reason: str, count: int = 1) -> ErasureRecord:
    requested_by = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    record = ErasureRecord.objects.create(
        municipality=municipality, subject=subject, reason=reason, count=count, requested_by=requested_by
    )
    audit.record(municipality=municipality, actor=requested_by, action=AuditAction.ERASE, target=record, changes={})
    return record


@transaction.atomic
def participant_erase(*, actor, participant: Participant, reason: str = Reason.REQUEST) -> ErasureRecord:
    """Erase one participant's personal data; `actor` is the staff member (None for self-service)."""
    participant = (
        Participant.objects.select_for_update().select_related("session__dialogue__municipality").get(pk=participant.pk)
    )
    _anonymise_participant(participant)
    documents_withdraw(dialogues=[participant.session.dialogue])
    municipality = participant.session.dialogue.municipality
    return _record_erasure(municipality=municipality, actor=actor, subject=Subject.PARTICIPANT, reason=reason)


@transaction.atomic
def actor_erase(*, actor, record: Actor, reason: str = Reason.REQUEST) -> ErasureRecord:
    """Erase an actor's name, contact data, notes and assessment; invitations stay as anonymous RSVP answers.

    Earlier audit entries about the actor and its invitations keep that something happened, not the values.
    """
    record = Actor.objects.select_for_update().select_related("dialogue__municipality").get(pk=record.pk)
    municipality = record.dialogue.municipality
    erased = erased_label()
    invitation_ids = [str(pk) for pk in Invitation.objects.filter(actor=record).values_list("pk", flat=True)]
    entries = AuditLogEntry.objects.filter(municipality=municipality).filter(
        target_type__in=audit.verbose_names(Actor), target_id=str(record.pk)
    ) | AuditLogEntry.objects.filter(
        municipality=municipality, target_type__in=audit.verbose_names(Invitation), target_id__in=invitation_ids
    )
    for entry in entries:
        AuditLogEntry.objects.filter(pk=entry.pk).update(
            target_label=erased, changes={field: [erased, erased] for field in (entry.changes or {})}
        )
    # Table plans copy an invited actor's name as text ("contact (organisation)"), without a link.
    seated_as = {record.name, record.contact_name, f"{record.contact_name} ({record.name})"} - {""}
    SeatingPerson.objects.filter(
        plan__session__dialogue=record.dialogue, name__in=[n[:NAME_MAX_LENGTH] for n in seated_as]
    ).update(name=erased, perspective="")
    Actor.objects.filter(pk=record.pk).update(
        name=erased, contact_name="", email="", phone="", consent=False, notes="", stance="", influence=3, interest=3
    )
    for invitation in Invitation.objects.filter(actor=record):
        # A new random token: the old personal link stops working. The answer (status) stays for the counts.
        Invitation.objects.filter(pk=invitation.pk).update(
            needs="", language="", base_url="", token=_new_invitation_token()
        )
    ConsentRecord.objects.filter(actor=record).update(withdrawn_at=timezone.now())
    record.dialogue.table_imports.all().delete()  # an actor list not imported yet may name them again
    documents_withdraw(dialogues=[record.dialogue])
    return _record_erasure(municipality=municipality, actor=actor, subject=Subject.ACTOR, reason=reason)


def _new_invitation_token() -> str:
    from dialogwerk.preparation.models import new_token

    return new_token()


# --- Retention ----------------------------------------------------------------------------------------------


def closed_since(dialogue: Dialogue) -> datetime.date | None:
    """The day a closed dialogue was closed: its last phase change (or its last change, for old data)."""
    if dialogue.phase != Phase.CLOSED:
        return None
    entry = (
        AuditLogEntry.objects.filter(
            municipality_id=dialogue.municipality_id, action=AuditAction.PHASE_CHANGE, target_id=str(dialogue.pk)
        )
        .order_by("-created_at")
        .first()
    )
    moment = entry.created_at if entry else dialogue.updated_at
    return timezone.localdate(moment)


@transaction.atomic
def retention_apply(*, today: datetime.date | None = None) -> int:
    """Anonymise the participants of every dialogue closed more than PRIVACY_RETENTION_DAYS ago.

    One ErasureRecord (and audit entry) per dialogue, with the number of people; idempotent."""
    today = today or timezone.localdate()
    limit = today - datetime.timedelta(days=retention_days())
    total = 0
    for dialogue in Dialogue.objects.filter(phase=Phase.CLOSED).select_related("municipality"):
        since = closed_since(dialogue)
        if since is None or since > limit:
            continue
        participants = Participant.objects.filter(session__dialogue=dialogue).exclude(
            token_hash__startswith=ERASED_PREFIX
        )
        count, _deleted = Registration.objects.filter(dialogue=dialogue).delete()
        for participant in participants.select_for_update():
            _anonymise_participant(participant)
            count += 1
        if count:
            documents_withdraw(dialogues=[dialogue])
            _record_erasure(
                municipality=dialogue.municipality,
                actor=None,
                subject=Subject.PARTICIPANT,
                reason=Reason.RETENTION,
                count=count,
            )
            total += count
    return total


# --- Consent --------------------------------------------------------------------------------------------------


def notice_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def consent_record_participant(
    *, participant: Participant, notice_text: str = "", shown_at: datetime.datetime | None = None
) -> ConsentRecord:
    """What the join page showed (its text's SHA-256 and version), when, and when the person agreed.

    Meant to be called by the live join service right after the participant is created."""
    return ConsentRecord.objects.create(
        municipality=participant.session.dialogue.municipality,
        subject=Subject.PARTICIPANT,
        participant=participant,
        notice_version=participant.notice_version,
        notice_sha256=notice_sha256(notice_text) if notice_text else "",
        shown_at=shown_at or participant.consented_at,
        accepted_at=participant.consented_at,
    )


@transaction.atomic
def consent_record_actor(
    *, actor, record: Actor, notice_version: str, notice_text: str = "", accepted_at: datetime.datetime | None = None
) -> ConsentRecord:
    """Staff note that an actor agreed to be contacted (which notice, when); sets the actor's consent flag."""
    accepted_at = accepted_at or timezone.now()
    consent = ConsentRecord.objects.create(
        municipality=record.dialogue.municipality,
        subject=Subject.ACTOR,
        actor=record,
        notice_version=notice_version,
        notice_sha256=notice_sha256(notice_text) if notice_text else "",
        shown_at=accepted_at,
        accepted_at=accepted_at,
    )
    if not record.consent:
        Actor.objects.filter(pk=record.pk).update(consent=True)
        record.consent = True
        audit.record(
            municipality=record.dialogue.municipality,
            actor=actor,
            action=AuditAction.UPDATE,
            target=consent,
            changes={"consent": ["False", "True"]},
        )
    return consent


def consent_records_of(*, participant: Participant) -> list[dict]:
    """The participant's consent as records; the join time on the participant row counts as one too."""
    records = [_consent_data(record) for record in ConsentRecord.objects.filter(participant=participant)]
    if not records and participant.consented_at:
        records.append(
            {
                "notice_version": participant.notice_version,
                "notice_sha256": "",
                "shown_at": None,
                "accepted_at": _iso(participant.consented_at),
                "withdrawn_at": None,
            }
        )
    return records


# --- Settings -------------------------------------------------------------------------------------------------


@transaction.atomic
def privacy_settings_update(*, actor, municipality: Municipality, **fields) -> PrivacySettings:
    record, _created = PrivacySettings.objects.get_or_create(municipality=municipality)
    before = {name: str(getattr(record, name)) for name in fields}
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    changes = audit.diff(before, {name: str(value) for name, value in fields.items()})
    if changes:
        audit.record(municipality=municipality, actor=actor, action=AuditAction.UPDATE, target=record, changes=changes)
    return record


# --- Staff accounts (DSGVO applies to them too) ---------------------------------------------------------


def deleted_person_label() -> str:
    """What stands where a staff member's name was: stored in German, the language of the records."""
    with translation.override("de"):
        return str(_("deleted person"))


def staff_export(user) -> dict:
    """Everything stored about one staff account: account, memberships, tokens (never secrets), two-factor
    status, audit entries they made, steering-group places, working groups and reminders sent to them."""
    from dialogwerk.apitokens.models import PersonalAccessToken
    from dialogwerk.funding.models import FundingBodyMembership
    from dialogwerk.measures.models import SentReminder, SteeringMember
    from dialogwerk.tenancy import twofactor

    memberships = user.memberships.select_related("municipality").order_by("municipality__name")
    return {
        "kind": "staff",
        "exported_at": timezone.now().isoformat(),
        "account": {
            "id": user.pk,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "active": user.is_active,
            "joined_at": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "two_factor": twofactor.is_enabled(user),
            "backup_codes_left": twofactor.backup_codes_left(user),
        },
        "memberships": [
            {"municipality": m.municipality.name, "role": m.role, "since": _iso(m.created_at)} for m in memberships
        ],
        "controllers": [_controller(m.municipality) for m in memberships],
        "funding_bodies": [
            {"funding_body": str(m.funding_body), "since": _iso(m.created_at)}
            for m in FundingBodyMembership.objects.filter(user=user).select_related("funding_body")
        ],
        "api_tokens": [
            {
                "name": t.name,
                "prefix": f"dwk_{t.prefix}",
                "scope": t.scope,
                "created_at": _iso(t.created_at),
                "expires_at": _iso(t.expires_at),
                "last_used_at": _iso(t.last_used_at),
                "revoked_at": _iso(t.revoked_at),
            }
            for t in PersonalAccessToken.objects.filter(user=user).order_by("created_at", "id")
        ],
        "audit_entries": [
            {
                "municipality": e.municipality.name,
                "action": e.action,
                "target_type": e.target_type,
                "target": e.target_label,
                "changes": e.changes,
                "at": _iso(e.created_at),
            }
            for e in AuditLogEntry.objects.filter(actor=user)
            .select_related("municipality")
            .order_by("created_at", "id")
        ],
        "steering_groups": [
            {
                "group": str(s.steering_group),
                "name": s.name,
                "email": s.email,
                "organisation": s.organisation,
                "role": s.role,
            }
            for s in SteeringMember.objects.filter(user=user).select_related("steering_group")
        ],
        "working_groups": [
            {"name": g.name, "dialogue": g.dialogue.title} for g in user.working_groups.select_related("dialogue")
        ],
        "reminders": [
            {"measure": r.measure.title, "kind": r.kind, "sent_at": _iso(r.sent_at)}
            for r in SentReminder.objects.filter(recipient__iexact=user.email)
            .select_related("measure")
            .order_by("sent_at")
        ],
    }


class StaffEraseRefused(Exception):
    """The account cannot be erased from this municipality; `message` says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _scrub(text: str, needles: list[str], label: str) -> str:
    for needle in needles:
        if needle:
            text = text.replace(needle, label)
    return text


def _scrub_rows(rows, fields: tuple[str, ...], needles: list[str], label: str) -> None:
    """Replace the needles (a name, an address) in the rows' text and JSON fields by `label`."""
    json_needles = [json.dumps(n)[1:-1] for n in needles]
    for pk, *values in rows.values_list("pk", *fields).iterator():
        scrubbed = [
            _scrub(value, needles, label)
            if isinstance(value, str)
            else json.loads(_scrub(json.dumps(value, ensure_ascii=False), json_needles, label))
            for value in values
        ]
        if scrubbed != values:
            rows.model.objects.filter(pk=pk).update(**dict(zip(fields, scrubbed)))


def _scrub_audit(entries, needles: list[str], label: str) -> None:
    """The entries' labels, values and actors without an account (a report link's holder, a reminder
    address); and the same in the measures' own history."""
    from dialogwerk.measures.models import MeasureChange

    _scrub_rows(entries, ("target_label", "changes", "actor_label"), needles, label)
    municipality_ids = set(entries.values_list("municipality_id", flat=True).distinct())
    _scrub_rows(
        MeasureChange.objects.filter(measure__dialogue__municipality_id__in=municipality_ids),
        ("actor_label", "changes"),
        needles,
        label,
    )


@transaction.atomic
def staff_erase(*, actor, municipality: Municipality, user) -> ErasureRecord:
    """Erase a staff account's personal data. The account row stays, renamed "gelöschte Person" and unable to
    log in, so that cards, decisions, reports and audit entries they made stay attributed to it."""
    from django.utils.translation import gettext

    from dialogwerk.apitokens.models import PersonalAccessToken
    from dialogwerk.funding.models import FundingBodyMembership
    from dialogwerk.measures.models import Measure, SentReminder, SteeringMember
    from dialogwerk.tenancy import twofactor

    user = type(user).objects.select_for_update().get(pk=user.pk)
    if actor is not None and user.pk == actor.pk:
        raise StaffEraseRefused(gettext("You cannot erase your own account. Ask another administrator."))
    if user.memberships.exclude(municipality=municipality).exists():
        raise StaffEraseRefused(
            gettext(
                "This person also works for another municipality. Remove their membership here instead; "
                "the other municipality decides about the account."
            )
        )
    label = deleted_person_label()
    needles = sorted({str(user), user.get_full_name(), user.email, user.username}, key=len, reverse=True)
    needles = [n for n in needles if n and len(n) >= 3]
    erased_email = f"erased-{user.pk}@erased.invalid"
    # Audit entries: their own entries keep the action but name "gelöschte Person"; entries about them
    # (membership added, role changed) lose the name in label and values.
    AuditLogEntry.objects.filter(actor=user).update(actor_label=label)
    # Every municipality's log: they may have worked for another one before. Erasures are rare; one pass.
    _scrub_audit(AuditLogEntry.objects.all(), needles, label)
    SteeringMember.objects.filter(user=user).update(name=label, email="")
    SteeringMember.objects.filter(email__iexact=user.email).update(name=label, email="")
    Measure.objects.filter(responsible_email__iexact=user.email).update(responsible_person=label, responsible_email="")
    SentReminder.objects.filter(recipient__iexact=user.email).update(recipient=erased_email)
    PersonalAccessToken.objects.filter(user=user).delete()
    FundingBodyMembership.objects.filter(user=user).delete()
    twofactor.remove_all(user=user)
    documents_withdraw(dialogues=Dialogue.objects.filter(municipality=municipality))
    user.memberships.all().delete()
    user.first_name, user.last_name = label, ""
    user.email = user.username = erased_email
    user.is_active = False
    user.is_staff = user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()  # also ends every session of the account (the session hash changes)
    user.save()
    return _record_erasure(municipality=municipality, actor=actor, subject=Subject.STAFF, reason=Reason.REQUEST)


# --- Contacts without an account (measure owners, Begleitkreis members) ------------------------------------


def contact_export(*, municipality: Municipality, email: str) -> dict:
    """Everything stored about a person without an account, by their e-mail address (Art. 15)."""
    from .selectors import contact_records

    records = contact_records(municipality=municipality, email=email)
    return {
        "exported_at": timezone.now().isoformat(),
        "controller": _controller(municipality),
        "email": email.strip(),
        "responsible_for": [
            {
                "measure": m.title,
                "dialogue_id": m.dialogue_id,
                "name": m.responsible_person,
                "email": m.responsible_email,
            }
            for m in records["measures"]
        ],
        "report_links": [
            {
                "measure": link.measure.title,
                "name": link.name,
                "email": link.email,
                "created_at": _iso(link.created_at),
                "expires_on": _iso(link.expires_on),
                "last_used_at": _iso(link.last_used_at),
                "revoked_at": _iso(link.revoked_at),
            }
            for link in records["links"]
        ],
        "reports": [
            {
                "measure": r.measure.title,
                "reported_on": _iso(r.reported_on),
                "reported_by": r.reporter_name,
                "text": r.text,
            }
            for r in records["reports"]
        ],
        "reminders_paused_at": _iso(records["recipient"].paused_at) if records["recipient"] else None,
        "reminders_sent": [
            {"measure": r.measure.title, "kind": r.kind, "sent_at": _iso(r.sent_at)} for r in records["reminders"]
        ],
        "steering_group": [
            {
                "dialogue": m.steering_group.dialogue.title,
                "name": m.name,
                "organisation": m.organisation,
                "role": m.role,
            }
            for m in records["steering"]
        ],
        "working_group_links": [
            {
                "working_group": link.working_group.name,
                "name": link.name,
                "email": link.email,
                "created_at": _iso(link.created_at),
                "expires_on": _iso(link.expires_on),
                "last_used_at": _iso(link.last_used_at),
                "revoked_at": _iso(link.revoked_at),
            }
            for link in records["convenor_links"]
        ],
        "results_notices": [
            {
                "dialogue": s.dialogue.title,
                "language": s.language,
                "consented_at": _iso(s.consented_at),
                "confirmed_at": _iso(s.confirmed_at),
                "last_told_at": _iso(s.told_at),
            }
            for s in records["subscriptions"]
        ],
        "registrations": [
            {
                "dialogue": r.dialogue.title,
                "name": r.name,
                "email": r.email,
                "perspective": r.perspective,
                "language": r.language,
                "needs": r.needs,
                "status": r.status,
                "consented_at": _iso(r.consented_at),
                "registered_at": _iso(r.created_at),
            }
            for r in records["registrations"]
        ],
    }


@transaction.atomic
def contact_erase(*, actor, municipality: Municipality, email: str) -> ErasureRecord:
    """Erase a person without an account, found by e-mail: measures lose their name and address (the
    responsible organisation stays), report links are revoked and lose name and address, reports keep their
    text but not who sent them, reminder settings and the addresses of sent reminders go, Begleitkreis places
    lose name and address, subscriptions to news of the results are deleted; the audit log's labels and
    values that named them are rewritten, and documents that may name them are withdrawn and made anew."""
    from dialogwerk.measures.models import (
        CatalogueImport,
        Measure,
        OwnerLink,
        ProgressUpdate,
        ReminderRecipient,
        ResultsSubscription,
        SentReminder,
        SteeringMember,
    )
    from dialogwerk.preparation.models import TableImport
    from dialogwerk.synthesis.models import ConvenorLink, WorkingGroup

    from .selectors import contact_records

    records = contact_records(municipality=municipality, email=email)
    label = erased_label()
    names = {m.responsible_person for m in records["measures"]} | {link.name for link in records["links"]}
    names |= {m.name for m in records["steering"]} | {r.reporter_name for r in records["reports"]}
    names |= {link.name for link in records["convenor_links"]} | {r.name for r in records["registrations"]}
    needles = sorted({n for n in names | {email.strip()} if n and len(n) >= 3}, key=len, reverse=True)
    Measure.objects.filter(pk__in=[m.pk for m in records["measures"]]).update(
        responsible_person=label, responsible_email=""
    )
    OwnerLink.objects.filter(pk__in=[link.pk for link in records["links"]]).update(
        name=label, email="", revoked_at=timezone.now()
    )
    ProgressUpdate.objects.filter(pk__in=[r.pk for r in records["reports"]]).update(reporter_name=label)
    ReminderRecipient.objects.filter(municipality=municipality, email__iexact=email.strip()).delete()
    for reminder in records["reminders"]:
        SentReminder.objects.filter(pk=reminder.pk).update(recipient=f"erased-{reminder.pk}@erased.invalid")
    SteeringMember.objects.filter(pk__in=[m.pk for m in records["steering"]]).update(name=label, email="")
    ResultsSubscription.objects.filter(pk__in=[s.pk for s in records["subscriptions"]]).delete()
    for registration in records["registrations"]:  # its place goes to the waiting list, as on cancelling
        registration_cancel(registration=registration)
    ConvenorLink.objects.filter(pk__in=[link.pk for link in records["convenor_links"]]).update(
        name=label, email="", revoked_at=timezone.now()
    )
    WorkingGroup.objects.filter(
        dialogue__municipality=municipality, convenor_name__in=[link.name for link in records["convenor_links"]]
    ).update(convenor_name=label)
    # Uploads not imported (yet) may list the person too: they go, and are uploaded again if still needed.
    CatalogueImport.objects.filter(dialogue__municipality=municipality, applied_at__isnull=True).delete()
    TableImport.objects.filter(dialogue__municipality=municipality).delete()
    _scrub_audit(AuditLogEntry.objects.filter(municipality=municipality), needles, label)
    dialogue_ids = {m.dialogue_id for m in records["measures"]} | {
        link.measure.dialogue_id for link in records["links"]
    }
    dialogue_ids |= {m.steering_group.dialogue_id for m in records["steering"]}
    dialogue_ids |= {link.working_group.dialogue_id for link in records["convenor_links"]}
    documents_withdraw(dialogues=Dialogue.objects.filter(pk__in=dialogue_ids))
    return _record_erasure(municipality=municipality, actor=actor, subject=Subject.CONTACT, reason=Reason.REQUEST)

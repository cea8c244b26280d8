"""Export and erasure of what is stored about one person, consent records, retention, and the settings.

Erasure keeps the dialogue's results whole: cards and dots stay, anonymous; what identifies the person (name,
perspective, language, token, contact data, free text about them) goes, also from the live event log,
seating lists and earlier audit entries. The audit log then records *that* an erasure happened (with an
ErasureRecord as its target), never what was erased.
"""

import datetime
import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from dialogwerk.core.personal_data import iso as _iso
from dialogwerk.core.personal_data import scrub_rows
from dialogwerk.core.registry import privacy_parts_of
from dialogwerk.dialogues.models import Dialogue, Phase
from dialogwerk.live.declarations import ERASED_PREFIX, is_erased  # noqa: F401  (is_erased: read through here)
from dialogwerk.live.models import Participant
from dialogwerk.preparation.models import Actor, Registration
from dialogwerk.reports.services import documents_withdraw
from dialogwerk.tenancy import audit
from dialogwerk.tenancy.models import AuditAction, AuditLogEntry, Municipality

from .models import ConsentRecord, ErasureRecord, PrivacySettings, Reason, Subject


def erased_label() -> str:
    """What stands where a name was: stored in German, the dialogue's language."""
    with translation.override("de"):
        return str(_("Erased"))


def actor_notice_text(municipality) -> str:
    """The municipality's public privacy notice as plain text, in German, as it stands now (what an actor
    agreed to when staff note their consent)."""
    from django.template.loader import render_to_string
    from django.utils.html import strip_tags

    from . import processing
    from . import selectors as privacy_selectors

    context = {
        "municipality": municipality,
        "privacy": privacy_selectors.settings_of(municipality=municipality),
        "activities": processing.activities(),
        "retention_days": retention_days(),
    }
    with translation.override(settings.LANGUAGE_CODE):
        html: str = render_to_string("privacy/notice.html", context)
    # Only the notice itself, not the page around it (menus, footer).
    start, end = html.find("<main"), html.rfind("</main>")
    if start != -1 and end != -1:
        html = html[start:end]
    return " ".join(strip_tags(html).split())


def retention_days() -> int:
    return int(getattr(settings, "PRIVACY_RETENTION_DAYS", 180))


# --- Export -------------------------------------------------------------------------------------------------


# Where each section stands in an export (the apps' parts give the sections: core/registry.py). A section
# an app declares must be placed here; a test checks it.
LAYOUT = {
    "participant": ("kind", "exported_at", "controller", "participant", "event", "consents", "cards", "dots", "seats"),
    "actor": ("kind", "exported_at", "controller", "actor", "dialogue", "consents", "invitations"),
    "staff": (
        "kind",
        "exported_at",
        "account",
        "memberships",
        "controllers",
        "funding_bodies",
        "api_tokens",
        "audit_entries",
        "steering_groups",
        "working_groups",
        "reminders",
    ),
    "contact": (
        "exported_at",
        "controller",
        "email",
        "responsible_for",
        "report_links",
        "reports",
        "reminders_paused_at",
        "reminders_sent",
        "steering_group",
        "working_group_links",
        "results_notices",
        "registrations",
    ),
}


def _export(subject: str, person, own: dict) -> dict:
    """Privacy's own sections and every app's, in the layout's order."""
    sections = dict(own)
    for part in privacy_parts_of(subject):
        if part.export is not None:
            sections.update(part.export(person))
    return {name: sections[name] for name in LAYOUT[subject]}


def _erase(subject: str, person, context: dict) -> None:
    for part in privacy_parts_of(subject):
        if part.erase is not None:
            part.erase(person, context)


def participant_export(participant: Participant) -> dict:
    """Everything stored about one participant of a live event, as plain JSON-ready data."""
    own = {
        "kind": "participant",
        "exported_at": timezone.now().isoformat(),
        "controller": _controller(participant.session.dialogue.municipality),
        "consents": consent_records_of(participant=participant),
    }
    return _export("participant", participant, own)


def actor_export(actor: Actor) -> dict:
    """Everything stored about one actor (organisation or person) of a dialogue's preparation."""
    own = {
        "kind": "actor",
        "exported_at": timezone.now().isoformat(),
        "controller": _controller(actor.dialogue.municipality),
        "consents": [
            _consent_data(record) for record in ConsentRecord.objects.filter(actor=actor).order_by("created_at", "id")
        ],
    }
    return _export("actor", actor, own)


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
    _erase("participant", participant, {"label": erased_label()})


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
    _erase("actor", record, {"label": erased_label()})
    ConsentRecord.objects.filter(actor=record).update(withdrawn_at=timezone.now())
    documents_withdraw(dialogues=[record.dialogue])
    return _record_erasure(municipality=record.dialogue.municipality, actor=actor, subject=Subject.ACTOR, reason=reason)


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
    memberships = user.memberships.select_related("municipality").order_by("municipality__name")
    own = {
        "kind": "staff",
        "exported_at": timezone.now().isoformat(),
        "controllers": [_controller(m.municipality) for m in memberships],
    }
    return _export("staff", user, own)


class StaffEraseRefused(Exception):
    """The account cannot be erased from this municipality; `message` says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _scrub_audit(entries, needles: list[str], label: str) -> None:
    """The entries' labels, values and actors without an account (a report link's holder, a reminder
    address); and the same in the apps' own histories (the measures' changes)."""
    scrub_rows(entries, ("target_label", "changes", "actor_label"), needles, label)
    municipality_ids = set(entries.values_list("municipality_id", flat=True).distinct())
    _erase("history", None, {"needles": needles, "label": label, "municipality_ids": municipality_ids})


@transaction.atomic
def staff_erase(*, actor, municipality: Municipality, user) -> ErasureRecord:
    """Erase a staff account's personal data. The account row stays, renamed "gelöschte Person" and unable to
    log in, so that cards, decisions, reports and audit entries they made stay attributed to it."""
    from django.utils.translation import gettext

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
    # Every municipality's log: they may have worked for another one before. Erasures are rare; one pass.
    _scrub_audit(AuditLogEntry.objects.all(), needles, label)
    # Their own audit entries keep the action but name "gelöschte Person" (tenancy's part); entries about
    # them (membership added, role changed) lost the name in label and values above.
    _erase("staff", user, {"label": label, "email": user.email, "erased_email": erased_email})
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
    own = {"exported_at": timezone.now().isoformat(), "controller": _controller(municipality), "email": email.strip()}
    return _export("contact", records, own)


@transaction.atomic
def contact_erase(*, actor, municipality: Municipality, email: str) -> ErasureRecord:
    """Erase a person without an account, found by e-mail: each app erases what it found (measures lose their
    name and address, report links are revoked, registrations cancelled, …: see the apps' declarations.py);
    the audit log's labels and values that named them are rewritten, and documents that may name them are
    withdrawn and made anew."""
    from .selectors import contact_records

    records = contact_records(municipality=municipality, email=email)
    label = erased_label()
    names: set[str] = set()
    dialogue_ids: set[int] = set()
    for part in privacy_parts_of("contact"):
        names |= part.names(records) if part.names is not None else set()
        dialogue_ids |= part.dialogue_ids(records) if part.dialogue_ids is not None else set()
    needles = sorted({n for n in names | {email.strip()} if n and len(n) >= 3}, key=len, reverse=True)
    _erase("contact", records, {"label": label, "municipality": municipality, "email": email.strip()})
    _scrub_audit(AuditLogEntry.objects.filter(municipality=municipality), needles, label)
    documents_withdraw(dialogues=Dialogue.objects.filter(pk__in=dialogue_ids))
    return _record_erasure(municipality=municipality, actor=actor, subject=Subject.CONTACT, reason=Reason.REQUEST)

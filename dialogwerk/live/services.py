"""Every change of the live event: sessions and their steps, joining, cards, moderation, dot votes.

Writes from participants carry an idempotency key made in the browser: a replay returns the first result.
Each write stores a LiveEvent in the same transaction (see events.py).
"""

import datetime
import re
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from dialogwerk.core import entered_text, signals
from dialogwerk.core.compiled_query import CompiledQuery, insert_row
from dialogwerk.design.models import AgendaItem
from dialogwerk.design.selectors import cafe_tables
from dialogwerk.dialogues.models import Dialogue, Theme
from dialogwerk.preparation.services import milestone_reached
from dialogwerk.tenancy import audit
from dialogwerk.tenancy.models import AuditAction

from . import agenda_steps, events, joining, seating_link, selectors, tallies, tally
from .codes import new_join_code, new_participant_token, normalize_join_code, token_digest
from .models import (
    DISPLAY_NAME_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    Contribution,
    ContributionRevision,
    ContributionTranslation,
    DotVoting,
    FlipchartPhoto,
    Kind,
    LiveEvent,
    Method,
    Participant,
    Session,
    Status,
    Step,
    StepKind,
    Subject,
    Table,
    TranslationStatus,
    Visibility,
    Vote,
)
from .notice import notice_text

KEY_MAX_LENGTH = 64
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

# Stored in the dialogue's language (German) whatever the moderator's UI shows; translated on display.
FUTURE_WORKSHOP_PHASES = [
    (gettext_noop("Critique"), gettext_noop("What is wrong now? Describe the situation and the conflicts.")),
    (gettext_noop("Fantasy"), gettext_noop("It would be nice if … — no idea is too big, no killer phrases.")),
    (gettext_noop("Realisation"), gettext_noop("What do we do, who does it, by when?")),
]


class Conflict(Exception):
    """A write that the state of the session does not allow (closed session, spent budget): HTTP 409."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- Sessions and their steps ---------------------------------------------------------------------------

STEP_LINE = re.compile(r"^(?P<title>.*?)(?:\s*[;|,]\s*(?P<minutes>\d{1,3})\s*(?:min\.?|minutes|minuten)?)?\s*$", re.I)


def parse_steps(text: str) -> list[tuple[str, int | None]]:
    """One step per line, optionally with minutes after a semicolon: "Begrüßung; 15"."""
    steps = []
    for line in text.splitlines():
        match = STEP_LINE.match(line.strip())
        if match and match.group("title").strip():
            minutes = match.group("minutes")
            steps.append((match.group("title").strip()[:200], int(minutes) if minutes else None))
    return steps


def _unique_code() -> str:
    for _attempt in range(20):
        code = new_join_code()
        if not Session.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free join code found")  # 25^6 codes: practically unreachable


class StepsFrom:
    """Where a new session's steps come from: the dialogue's agenda, or the method's form (rounds, phases,
    a typed list)."""

    AGENDA = "agenda"
    METHOD = "method"
    values = (AGENDA, METHOD)


def agenda_rows(*, dialogue: Dialogue) -> list[agenda_steps.AgendaRow]:
    items = AgendaItem.objects.filter(agenda__dialogue=dialogue).select_related("method").order_by("position", "id")
    return [
        agenda_steps.AgendaRow(
            title=item.title,
            kind=item.kind,
            minutes=item.duration_minutes,
            method_key=item.method.key if item.method is not None else "",
            method_step=item.method_step,
        )
        for item in items
    ]


def _cafe_tables(dialogue: Dialogue) -> list[tuple[int, Theme | None, str]]:
    """The World-Café tables the agenda plans (number, theme, host); empty when it plans none."""
    return [(number, theme, host or "") for number, theme, host in cafe_tables(dialogue)]


@transaction.atomic
def session_create(
    *,
    actor,
    dialogue: Dialogue,
    title: str,
    method: str = Method.STEPS,
    rounds: int = 3,
    round_minutes: int = 20,
    steps_text: str = "",
    steps_from: str = StepsFrom.METHOD,
    code: str | None = None,
) -> Session:
    """A new live session. Its steps come from the dialogue's agenda (`steps_from="agenda"`: the method then
    follows the agenda) or from the method (rounds, the three phases, or a typed list)."""
    if steps_from not in StepsFrom.values:
        raise ValidationError({"steps_from": _("Choose where the steps come from.")})
    planned: list[agenda_steps.PlannedStep] = []
    if steps_from == StepsFrom.AGENDA:
        planned = agenda_steps.steps_from_agenda(agenda_rows(dialogue=dialogue))
        if not planned:
            raise ValidationError(
                {
                    "steps_from": _(
                        "The dialogue's agenda has no items yet. Plan the agenda first, or choose the steps here."
                    )
                }
            )
        method = agenda_steps.method_of(planned)
    if method not in Method.values:
        raise ValidationError({"method": _("Choose one of the offered methods.")})
    session = Session(
        dialogue=dialogue, title=title.strip(), method=method, code=normalize_join_code(code or "") or _unique_code()
    )
    session.full_clean()
    session.save()
    with translation.override(settings.LANGUAGE_CODE):
        if planned:
            Step.objects.bulk_create(
                Step(
                    session=session,
                    position=i,
                    kind=step.kind,
                    title=step.title,
                    prompt=step.prompt,
                    duration_minutes=step.minutes,
                )
                for i, step in enumerate(planned)
            )
        elif method == Method.WORLD_CAFE:
            rounds = max(1, min(rounds, 8))
            Step.objects.bulk_create(
                Step(
                    session=session,
                    position=i,
                    kind=StepKind.ROUND,
                    title=_("Round %(number)s") % {"number": i + 1},
                    duration_minutes=round_minutes,
                )
                for i in range(rounds)
            )
        elif method == Method.FUTURE_WORKSHOP:
            Step.objects.bulk_create(
                Step(
                    session=session,
                    position=i,
                    kind=StepKind.PHASE,
                    title=_(title_),
                    prompt=_(prompt),
                    duration_minutes=45,
                )
                for i, (title_, prompt) in enumerate(FUTURE_WORKSHOP_PHASES)
            )
        else:
            parsed = parse_steps(steps_text) or [(_("Collect cards"), None)]
            Step.objects.bulk_create(
                Step(session=session, position=i, kind=StepKind.STEP, title=step_title, duration_minutes=minutes)
                for i, (step_title, minutes) in enumerate(parsed)
            )
    if method == Method.WORLD_CAFE:
        _tables_create(session=session, dialogue=dialogue)
    audit.record(municipality=dialogue.municipality, actor=actor, action=AuditAction.CREATE, target=session)
    return session


def _tables_create(*, session: Session, dialogue: Dialogue) -> None:
    """The agenda's World-Café tables (number, theme, host) where it plans them, else one table per theme.
    A table plan of the seating app may later seat people at further numbers (see seating_link)."""
    planned = _cafe_tables(dialogue)
    if planned:
        Table.objects.bulk_create(
            Table(session=session, number=number, theme=theme, host_name=host[:120]) for number, theme, host in planned
        )
        return
    themes = list(dialogue.themes.order_by("position", "id"))
    Table.objects.bulk_create(Table(session=session, number=i + 1, theme=theme) for i, theme in enumerate(themes))


@transaction.atomic
def session_update(*, actor, session: Session, title: str) -> Session:
    """Rename a session (the only field that may change once it exists; steps are run with the controls)."""
    before = {"title": session.title}
    session.title = (title or "").strip()
    session.full_clean()
    session.save(update_fields=["title"])
    if before["title"] != session.title:
        events.emit(
            session=session, kind="session", payload=selectors.session_state(session=session) | {"last_event_id": None}
        )
        audit.record(
            municipality=session.dialogue.municipality,
            actor=actor,
            action=AuditAction.UPDATE,
            target=session,
            changes=audit.diff(before, {"title": session.title}),
        )
    return session


CONTROL_ACTIONS = ("start", "pause", "resume", "next", "previous", "close", "reopen")


def _start_timer(session: Session, now) -> None:
    step = session.steps.filter(position=session.current_step).first()
    session.timer_remaining = None
    session.timer_ends_at = (
        now + datetime.timedelta(minutes=step.duration_minutes) if step and step.duration_minutes else None
    )


@transaction.atomic
def session_control(*, actor, session: Session, action: str) -> Session:
    """The moderator's buttons: start, pause, resume, next/previous step, close, reopen."""
    if action not in CONTROL_ACTIONS:
        raise ValidationError(_("Unknown action."))
    session = Session.objects.select_for_update().select_related("dialogue__municipality").get(pk=session.pk)
    before = {"status": session.status, "current_step": session.current_step}
    now = timezone.now()
    step_count = session.steps.count()
    if action == "start" and session.status == Status.OPEN:
        session.status = Status.RUNNING
        _start_timer(session, now)
    elif action == "pause" and session.status == Status.RUNNING:
        session.timer_remaining = session.remaining_seconds(now)
        session.status = Status.PAUSED
        session.timer_ends_at = None
    elif action == "resume" and session.status == Status.PAUSED:
        session.status = Status.RUNNING
        if session.timer_remaining is not None:
            session.timer_ends_at = now + datetime.timedelta(seconds=session.timer_remaining)
        session.timer_remaining = None
    elif action in {"next", "previous"} and session.status != Status.CLOSED:
        target = session.current_step + (1 if action == "next" else -1)
        if not 0 <= target < step_count:
            raise ValidationError(_("There is no further step in this direction."))
        session.current_step = target
        if session.status == Status.OPEN:
            session.status = Status.RUNNING
        if session.status == Status.PAUSED:
            session.status = Status.RUNNING
        _start_timer(session, now)
    elif action == "close" and session.status != Status.CLOSED:
        session.status = Status.CLOSED
        session.timer_ends_at = None
        session.timer_remaining = None
        milestone_reached(session.dialogue, "event")  # the event took place: its milestone in the plan
    elif action == "reopen" and session.status == Status.CLOSED:
        session.status = Status.PAUSED
    else:
        raise ValidationError(_("This is not possible in the session's current state."))
    session.save(update_fields=["status", "current_step", "timer_ends_at", "timer_remaining"])
    events.emit(
        session=session, kind="session", payload=selectors.session_state(session=session) | {"last_event_id": None}
    )
    audit.record(
        municipality=session.dialogue.municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=session,
        changes=audit.diff(before, {"status": session.status, "current_step": session.current_step}),
    )
    return session


# --- Participants -----------------------------------------------------------------------------------------


@transaction.atomic
def participant_join(
    *,
    session: Session,
    display_name: str = "",
    language: str = "de",
    consent: bool = False,
    perspective: str = "",
    name_on_wall: bool = False,
) -> tuple[Participant, str]:
    """A person joins without an account. Returns the participant and the token (shown once, stored hashed).
    The name reaches the wall only with `name_on_wall` (and only when there is a name)."""
    errors = {}
    display_name = entered_text.cleaned(display_name)
    if len(display_name) > DISPLAY_NAME_MAX_LENGTH:
        errors["display_name"] = _("Please use at most %(max)s characters for your name.") % {
            "max": DISPLAY_NAME_MAX_LENGTH
        }
    if language not in LANGUAGE_CODES:
        errors["language"] = _("Please choose one of the offered languages.")
    if consent is not True:
        errors["consent"] = _("Please agree to the notice to take part.")
    perspective = (perspective or "").strip()[:80]
    if errors:
        raise ValidationError(errors)
    if not session.accepts_writes:
        raise Conflict(_("This event has ended; it no longer accepts contributions."))
    closed = joining.refusal(session=session)
    if closed:
        raise Conflict(closed)
    token = new_participant_token()
    participant = Participant.objects.create(
        session=session,
        token_hash=token_digest(token),
        display_name=display_name,
        language=language,
        perspective=perspective,
        name_on_wall=bool(name_on_wall and display_name),
        consented_at=timezone.now(),
        notice_version=session.notice_version,
    )
    # The privacy app (above live) keeps the consent record.
    signals.consent_given.send(
        sender=Participant,
        records=[participant],
        notice_version=session.notice_version,
        notice_text=notice_text(session=session, language=language),
    )
    return participant, token


@transaction.atomic
def participants_forget(*, session: Session) -> int:
    """Erase what identifies participants (the join notice promises it); cards and dots stay anonymous."""
    forgotten = session.participants.exclude(token_hash__startswith="erased:")
    count = 0
    for participant in forgotten.only("pk"):
        Participant.objects.filter(pk=participant.pk).update(
            display_name="", perspective="", language="", token_hash=f"erased:{participant.pk}"
        )
        count += 1
    return count


# --- Cards ------------------------------------------------------------------------------------------------


def _stored_id(value) -> int | None:
    """The id a client sent, if it can be a stored one: compiled queries have no ORM to turn an id beyond the
    column's range into "no row" (SQLite would raise)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


# Every card's theme, compiled once (core.compiled_query); ids are positive, so -1 and -2 are never real values.
_THEME_OF_DIALOGUE = CompiledQuery(
    lambda dialogue_id, pk: Theme.objects.filter(dialogue_id=dialogue_id, pk=pk).order_by()[:1], -1, -2
)


def _validated_card_fields(*, session: Session, kind: str, theme_id, text: str, table_id=None) -> dict:
    errors = {}
    if kind not in Kind.values:
        errors["kind"] = _("Please choose what kind of card this is: situation, field of action, conflict or idea.")
    theme_pk = _stored_id(theme_id)
    theme = _THEME_OF_DIALOGUE.first(session.dialogue_id, theme_pk) if theme_pk else None
    if theme is None:
        errors["theme"] = _("Please choose one of the event's themes.")
    text = entered_text.cleaned(text)
    if not text:
        errors["text"] = _("Please write something on the card.")
    elif len(text) > TEXT_MAX_LENGTH:
        errors["text"] = _(
            "A card holds at most %(max)s characters; this one has %(count)s. Please shorten it or write two cards."
        ) % {
            "max": TEXT_MAX_LENGTH,
            "count": len(text),
        }
    table = None
    if table_id not in (None, ""):
        try:
            table = session.tables.get(pk=int(table_id))
        except (TypeError, ValueError, Table.DoesNotExist):
            errors["table"] = _("Please choose one of the event's tables.")
    if errors:
        raise ValidationError(errors)
    return {"kind": kind, "theme": theme, "text": text, "table": table}


def _check_key(key: str) -> str:
    key = (key or "").strip()
    if len(key) > KEY_MAX_LENGTH:
        raise ValidationError({"idempotency_key": _("The Idempotency-Key may have at most 64 characters.")})
    return key


def contribution_submit(
    *,
    session: Session,
    kind: str,
    theme_id,
    text: str,
    idempotency_key: str = "",
    participant: Participant | None = None,
    author_user=None,
    table_id=None,
    language: str = "",
) -> tuple[Contribution, bool]:
    """Write a card. Returns (card, created); a replay of the same key returns the first card, unchanged.

    A key's first write is the common case, so it is tried straight away; only a write that is refused (the
    key's unique constraint, an ended event, input no longer valid) looks for an earlier card with the key."""
    key = _check_key(idempotency_key)
    try:
        card = _new_card(
            session=session,
            kind=kind,
            theme_id=theme_id,
            text=text,
            key=key,
            participant=participant,
            author_user=author_user,
            table_id=table_id,
            language=language,
        )
    except (IntegrityError, ValidationError, Conflict):
        # A retry of a card already stored (perhaps racing the original), or a real refusal.
        existing = _replayed_card(session=session, participant=participant, author_user=author_user, key=key)
        if existing is None:
            raise
        return existing, False
    return card, True


def _new_card(
    *, session: Session, kind: str, theme_id, text: str, key: str, participant, author_user, table_id, language: str
) -> Contribution:
    if not session.accepts_writes:
        raise Conflict(_("This event has ended; it no longer accepts contributions."))
    fields = _validated_card_fields(session=session, kind=kind, theme_id=theme_id, text=text, table_id=table_id)
    if participant is not None and fields["table"] is None and session.method == Method.WORLD_CAFE:
        # In a World-Café round with a table plan, the card belongs to the table where its writer sits.
        fields["table"] = seating_link.table_of_seat(participant=participant, session=session)
    card = Contribution(
        session=session,
        participant=participant,
        author_user=author_user,
        idempotency_key=key,
        language=(language or (participant.language if participant else settings.LANGUAGE_CODE))[:8],
        **fields,
    )
    with transaction.atomic():
        card.save()
        events.emit(session=session, kind="card", payload=selectors.card_data(card, translations=()))
        _machine_translation_later(card)
    return card


def _replayed_card(*, session: Session, participant, author_user, key: str) -> Contribution | None:
    if not key:
        return None
    cards = Contribution.objects.select_related("theme", "participant")
    if participant is not None:
        return cards.filter(participant=participant, idempotency_key=key).first()
    if author_user is not None:
        return cards.filter(session=session, author_user=author_user, idempotency_key=key).first()
    return None


def _card_changed(card: Contribution) -> None:
    payload = selectors.public_card_data(card)
    # The event log is replayed to anyone with the join code: earlier events of the card now say what it
    # says today (a hidden card's words leave it, an edit's removed words too).
    LiveEvent.objects.filter(session_id=card.session_id, kind="card", payload__id=card.pk).update(payload=payload)
    events.emit(session=card.session, kind="card", payload=payload)


@transaction.atomic
def contribution_hide(*, actor, contribution: Contribution, reason: str) -> Contribution:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Please give a reason for hiding the card; it is kept in the audit log.")})
    contribution.hidden, contribution.hidden_reason = True, reason[:300]
    contribution.save(update_fields=["hidden", "hidden_reason", "updated_at"])
    _card_changed(contribution)
    audit.record(
        municipality=contribution.session.dialogue.municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=contribution,
        changes={"hidden": ["no", "yes"], "reason": ["", contribution.hidden_reason]},
    )
    return contribution


@transaction.atomic
def contributions_hide(*, actor, session: Session, cards, reason: str) -> int:
    """Hide many cards as one moderation (a flood): every screen is told per card; the caller records the
    moderation in the audit log once. Returns how many were hidden."""
    hidden = list(cards.filter(hidden=False).select_related("participant", "theme"))
    Contribution.objects.filter(pk__in=[card.pk for card in hidden]).update(hidden=True, hidden_reason=reason[:300])
    for card in hidden:
        card.hidden, card.hidden_reason, card.session = True, reason[:300], session
        _card_changed(card)
    return len(hidden)


@transaction.atomic
def contribution_unhide(*, actor, contribution: Contribution) -> Contribution:
    if contribution.hidden:
        contribution.hidden = False
        contribution.save(update_fields=["hidden", "updated_at"])
        _card_changed(contribution)
        audit.record(
            municipality=contribution.session.dialogue.municipality,
            actor=actor,
            action=AuditAction.UPDATE,
            target=contribution,
            changes={"hidden": ["yes", "no"]},
        )
    return contribution


def _forget_wording(card: Contribution, removed: str) -> str:
    """Take a card's removed wording out of its earlier audit entries; returns what stands in its place."""
    label = _("(earlier wording not kept)")
    entries = audit.entries_about(card, municipality=card.session.dialogue.municipality)
    entries.update(target_label=str(card)[:300])  # an entry's label is the card's text as it was then
    for entry in entries.only("pk", "changes"):
        changes = {
            field: [label if value == removed else value for value in pair] if isinstance(pair, list) else pair
            for field, pair in (entry.changes or {}).items()
        }
        if changes != entry.changes:
            entries.filter(pk=entry.pk).update(changes=changes)
    return label


@transaction.atomic
def contribution_edit(
    *, actor, contribution: Contribution, kind: str, theme_id, text: str, keep_previous: bool = False
) -> Contribution:
    """Change a card's kind, theme or text. Its earlier wording is kept in the card's history only when
    `keep_previous`: by default what an edit removes (often personal data) is gone from every place it
    could be read again — the event log screens replay, the history, the audit log and the translations."""
    fields = _validated_card_fields(session=contribution.session, kind=kind, theme_id=theme_id, text=text)
    before = {"kind": contribution.kind, "theme": str(contribution.theme), "text": contribution.text}
    after = {"kind": fields["kind"], "theme": str(fields["theme"]), "text": fields["text"]}
    if before == after:
        return contribution
    text_changed = before["text"] != after["text"]
    ContributionRevision.objects.create(
        contribution=contribution,
        kind=contribution.kind,
        theme=contribution.theme,
        text=contribution.text if keep_previous or not text_changed else "",
        edited_by=actor,
    )
    contribution.kind, contribution.theme, contribution.text = fields["kind"], fields["theme"], fields["text"]
    contribution.save(update_fields=["kind", "theme", "text", "updated_at"])
    if text_changed and keep_previous:
        # The translations say what the card said before: they stay, marked for checking again.
        contribution.translations.update(status=TranslationStatus.OUTDATED)
    elif text_changed:
        # They carry the removed words in other languages: they go, and are made anew from the new text.
        contribution.translations.all().delete()
        _machine_translation_later(contribution)
    _card_changed(contribution)
    changes = audit.diff(before, after)
    if text_changed and not keep_previous:
        changes["text"][0] = _forget_wording(contribution, before["text"])
    audit.record(
        municipality=contribution.session.dialogue.municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=contribution,
        changes=changes,
    )
    return contribution


# --- Translations of cards (Sprachmittlung, machine) -----------------------------------------------------


def _validated_translation(*, contribution: Contribution, language: str, text: str) -> tuple[str, str]:
    if language not in LANGUAGE_CODES:
        raise ValidationError({"language": _("Please choose one of the offered languages.")})
    if language == (contribution.language or settings.LANGUAGE_CODE):
        raise ValidationError({"language": _("The card is already written in this language.")})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Please write the translation.")})
    if len(text) > TEXT_MAX_LENGTH:
        raise ValidationError(
            {"text": _("The translation is too long: at most %(max)d characters.") % {"max": TEXT_MAX_LENGTH}}
        )
    return language, text


def contribution_translate(
    *, actor, contribution: Contribution, language: str, text: str, status: str = TranslationStatus.CHECKED
) -> ContributionTranslation:
    """Save a card's text in another language (by an interpreter, or checked by staff); the original stays.

    Screens get the card again with all its translations, so walls and phones show it within a second."""
    language, text = _validated_translation(contribution=contribution, language=language, text=text)
    if status not in TranslationStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    with transaction.atomic():
        # Lock the card's row only: PostgreSQL refuses FOR UPDATE on the nullable side of the participant join.
        card = (
            Contribution.objects.select_for_update(of=("self",))
            .select_related("session", "participant")
            .get(pk=contribution.pk)
        )
        translation_row, _created = ContributionTranslation.objects.update_or_create(
            contribution=card,
            language=language,
            defaults={
                "text": text,
                "status": status,
                "translated_by": actor if status != TranslationStatus.MACHINE else None,
            },
        )
        if card.visible:
            events.emit(session=card.session, kind="card", payload=selectors.card_data(card))
    return translation_row


def _machine_translation_later(card: Contribution) -> None:
    """With machine translation configured, a new card is translated in the background (never in the request)."""
    from dialogwerk.translations.configured import machine_translation_enabled

    if machine_translation_enabled():
        from .tasks import translate_card_by_machine

        transaction.on_commit(lambda: translate_card_by_machine.enqueue(card.pk))


def card_targets(card: Contribution) -> list[str]:
    """The languages a card is translated into by machine: the dialogue's, without the card's own."""
    codes = getattr(card.session.dialogue, "language_codes", None) or [settings.LANGUAGE_CODE]
    return [code for code in codes if code != (card.language or settings.LANGUAGE_CODE)]


def contribution_translate_by_machine(*, contribution: Contribution, languages: Iterable[str] | None = None) -> int:
    """Translate a card by machine into the given languages (default: the dialogue's) where nobody has yet.

    A translation a person wrote or checked is never replaced by a machine's. Returns how many were made;
    raises TranslationUnavailable when the service cannot be reached (the caller says so)."""
    from dialogwerk.translations.configured import machine_translator

    translator = machine_translator()
    if translator is None or not contribution.visible:
        return 0
    source = contribution.language or settings.LANGUAGE_CODE
    targets = [code for code in (languages or card_targets(contribution)) if code != source]
    done = set(contribution.translations.exclude(status=TranslationStatus.OUTDATED).values_list("language", flat=True))
    made = 0
    for target in targets:
        if target in done or not translator.supports(source, target):
            continue
        text = translator.translate(contribution.text, source=source, target=target)
        if text.strip():
            contribution_translate(
                actor=None,
                contribution=contribution,
                language=target,
                text=text[:TEXT_MAX_LENGTH],
                status=TranslationStatus.MACHINE,
            )
            made += 1
    return made


@transaction.atomic
def wall_languages_set(*, actor, session: Session, languages: Iterable[str]) -> Session:
    """Which translations the wall prints under a card written in another language."""
    codes = [code for code in LANGUAGE_CODES if code in set(languages)]
    unknown = set(languages) - set(LANGUAGE_CODES)
    if unknown:
        raise ValidationError({"languages": _("Please choose one of the offered languages.")})
    before = session.wall_languages
    session.wall_languages = ",".join(codes)
    session.save(update_fields=["wall_languages"])
    if before != session.wall_languages:
        # Walls only: phones ignore it (they show each card in their own language).
        events.emit(session=session, kind="wall", payload={"languages": session.wall_language_codes})
        audit.record(
            municipality=session.dialogue.municipality,
            actor=actor,
            action=AuditAction.UPDATE,
            target=session,
            changes=audit.diff({"wall_languages": before}, {"wall_languages": session.wall_languages}),
        )
    return session


@transaction.atomic
def contribution_merge(*, actor, duplicate: Contribution, into: Contribution) -> Contribution:
    """Fold a duplicate into another card: it leaves the wall, and its dots move with it where allowed."""
    if duplicate.pk == into.pk or duplicate.session_id != into.session_id:
        raise ValidationError({"into": _("Choose another card of the same session.")})
    if not into.visible:
        raise ValidationError({"into": _("Choose a card that is visible on the wall.")})
    Contribution.objects.filter(merged_into=duplicate).update(merged_into=into)
    duplicate.merged_into = into
    duplicate.save(update_fields=["merged_into", "updated_at"])
    now = timezone.now()
    moved_in = set()
    for vote in (
        Vote.objects.select_for_update()
        .filter(contribution=duplicate, withdrawn_at__isnull=True)
        .select_related("voting")
    ):
        moved_in.add(vote.voting)
        clash = (
            not vote.voting.stacking
            and Vote.objects.filter(
                voting=vote.voting, participant_id=vote.participant_id, contribution=into, withdrawn_at__isnull=True
            ).exists()
        )
        if clash:  # the participant already dotted the target: the dot goes back to them
            vote.withdrawn_at = now
            vote.save(update_fields=["withdrawn_at"])
        else:
            vote.contribution = into
            vote.save(update_fields=["contribution"])
    for voting in moved_in:
        tallies.dot_changed(voting=voting)
    _card_changed(duplicate)
    _card_changed(into)
    audit.record(
        municipality=duplicate.session.dialogue.municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=duplicate,
        changes={"merged_into": ["", f"#{into.pk} {into}"]},
    )
    return into


@transaction.atomic
def photo_add(*, actor, session: Session, image, table_id=None, caption: str = "") -> FlipchartPhoto:
    table = None
    if table_id not in (None, ""):
        table = session.tables.filter(pk=table_id).first()
        if table is None:
            raise ValidationError({"table": _("Please choose one of the event's tables.")})
    photo = FlipchartPhoto(
        session=session, table=table, image=image, caption=(caption or "").strip()[:200], uploaded_by=actor
    )
    photo.full_clean()
    photo.save()
    audit.record(municipality=session.dialogue.municipality, actor=actor, action=AuditAction.CREATE, target=photo)
    return photo


# --- Dot votes --------------------------------------------------------------------------------------------


def unknown_option_message(*, subject: str) -> str:
    if subject == Subject.CLUSTERS:
        return _("Choose clusters of this dialogue.")
    return _("Choose cards of this session.")


@transaction.atomic
def voting_open(
    *,
    actor,
    session: Session,
    title: str,
    options: Iterable[Contribution] = (),
    all_cards: bool = False,
    budget: int | None = None,
    stacking: bool = False,
    visibility: str = Visibility.LIVE,
    subject: str = Subject.CARDS,
    clusters: Iterable = (),
) -> DotVoting:
    """Open a dot vote over cards (chosen, or all of the session's) or over clusters of the dialogue (chosen,
    or all: `all_cards` then means all clusters). The budget defaults to a third of the options, rounded up."""
    if subject not in Subject.values:
        raise ValidationError({"subject": _("Choose whether the vote is on cards or on clusters.")})
    over_clusters = subject == Subject.CLUSTERS
    if over_clusters:
        allowed = set(selectors.clusters_for_voting(session=session).values_list("pk", flat=True))
        chosen_clusters = [cluster for cluster in clusters if cluster.pk in allowed]
        if not all_cards and not chosen_clusters:
            raise ValidationError({"clusters": _("Choose the clusters to vote on, or all clusters.")})
        if all_cards and not allowed:
            raise ValidationError(
                {"clusters": _("This dialogue has no clusters yet. Bundle cards first, or vote on cards.")}
            )
        option_count = len(allowed) if all_cards else len(chosen_clusters)
        options = []
    else:
        options = [card for card in options if card.session_id == session.pk and card.visible]
        if not all_cards and not options:
            raise ValidationError({"options": _("Choose the cards to vote on, or all cards.")})
        option_count = 0
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Choose whether the ranking is shown live.")})
    if budget is not None and budget < 1:
        raise ValidationError({"budget": _("Give each participant at least one dot.")})
    Session.objects.select_for_update().filter(pk=session.pk).first()
    if session.votings.filter(is_open=True).exists():
        raise ValidationError(_("Close the open dot vote first."))
    if not over_clusters:
        option_count = selectors.visible_contributions(session=session).count() if all_cards else len(options)
    voting = DotVoting(
        session=session,
        title=title.strip() or _("Dot vote"),
        subject=subject,
        all_cards=all_cards,
        budget=budget or tally.default_budget(option_count),
        stacking=stacking,
        visibility=visibility,
    )
    voting.full_clean()
    voting.save()
    if over_clusters and not all_cards:
        voting.cluster_options.set(chosen_clusters)
    elif not all_cards:
        voting.options.set(options)
    events.emit(session=session, kind="vote.opened", payload=selectors.voting_data(voting) or {})
    audit.record(
        municipality=session.dialogue.municipality,
        actor=actor,
        action=AuditAction.CREATE,
        target=voting,
        changes={
            "subject": ["", subject],
            "budget": ["", str(voting.budget)],
            "stacking": ["", str(stacking)],
            "visibility": ["", visibility],
        },
    )
    return voting


@transaction.atomic
def voting_close(*, actor, voting: DotVoting) -> DotVoting:
    updated = DotVoting.objects.filter(pk=voting.pk, is_open=True).update(is_open=False, closed_at=timezone.now())
    voting.refresh_from_db()
    if updated:
        events.emit(session=voting.session, kind="vote.closed", payload=selectors.voting_data(voting) or {})
        tallies.dot_changed(voting=voting)  # a ranking hidden until the close: the walls get its words now
        audit.record(
            municipality=voting.session.dialogue.municipality,
            actor=actor,
            action=AuditAction.UPDATE,
            target=voting,
            changes={"open": ["yes", "no"]},
        )
    return voting


def vote_place(
    *, participant: Participant, contribution_id=None, idempotency_key: str = "", cluster_id=None
) -> tuple[Vote, bool]:
    """Place one dot on a card (`contribution_id`) or, in a vote over clusters, on a cluster (`cluster_id`).
    Returns (dot, created); a replayed key returns the first dot.

    The budget holds under concurrency twice over: the participant's row is locked for the transaction
    (PostgreSQL; SQLite's write transactions are serial anyway), and the slot constraint refuses a dot
    beyond the budget even if two requests raced past the count.
    """
    key = _check_key(idempotency_key)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return _place(
                    participant=participant, contribution_id=contribution_id, cluster_id=cluster_id, key=key
                ), True
        except IntegrityError:
            # The key's constraint (a replay), or a slot another request took meanwhile: then try again.
            existing = _replayed_vote(participant=participant, key=key)
            if existing is not None:
                return existing, False
        except (ValidationError, Conflict):
            # Refused; but a replay of a dot already placed is answered with that dot (its card may be the
            # one this participant already has a dot on, or the budget may be used up by it).
            existing = _replayed_vote(participant=participant, key=key)
            if existing is not None:
                return existing, False
            raise
    raise Conflict(_("All your dots are placed. Take one back to place it elsewhere."))


# Asked for every refused dot (a sixth dot, a dot on a card already chosen), compiled once.
_VOTE_BY_KEY = CompiledQuery(
    lambda participant_id, key: Vote.objects.filter(participant_id=participant_id, idempotency_key=key).order_by()[:1],
    -1,
    "sample key",
)


def _replayed_vote(*, participant: Participant, key: str) -> Vote | None:
    return _VOTE_BY_KEY.first(participant.pk, key) if key else None


def _chosen_option(*, voting: DotVoting, session: Session, contribution_id, cluster_id) -> dict:
    """The card or cluster a dot goes on, as Vote fields; refuses what is not an option of this vote."""
    if voting.over_clusters:
        if cluster_id in (None, ""):
            raise ValidationError({"cluster": _("This vote is on clusters: choose one of its clusters.")})
        try:
            cluster = selectors.voting_cluster_options(voting=voting).get(pk=int(cluster_id))
        except (TypeError, ValueError, ObjectDoesNotExist):
            raise ValidationError({"cluster": _("This cluster is not part of the vote.")}) from None
        return {"cluster": cluster}
    if cluster_id not in (None, "") and contribution_id in (None, ""):
        raise ValidationError({"contribution": _("This vote is on cards: choose one of its cards.")})
    card_id = _stored_id(contribution_id)
    card = _CARD_OF_SESSION.first(session.pk, card_id) if card_id else None
    if card is None or not selectors.is_option(voting=voting, contribution=card):
        raise ValidationError({"contribution": _("This card is not part of the vote.")})
    return {"contribution": card}


# A dot's reads, compiled once (core.compiled_query); ids are positive, so -1 and -2 are never real values.
_LOCK_PARTICIPANT = CompiledQuery(
    lambda pk: Participant.objects.select_for_update().filter(pk=pk).values_list("pk"), -1
)
_CARD_OF_SESSION = CompiledQuery(
    lambda session_id, pk: (
        Contribution.objects.filter(session_id=session_id, pk=pk)
        .only("session_id", "hidden", "merged_into_id")
        .order_by()[:1]
    ),
    -1,
    -2,
)


def _my_dots(option_field: str) -> CompiledQuery:
    """(slot, option id) of a participant's active dots in a vote. A function, not a loop: the queryset is built
    at the first call, and a lambda made in a loop would see the loop's last field by then."""
    return CompiledQuery(
        lambda voting_id, participant_id: (
            Vote.objects.filter(voting_id=voting_id, participant_id=participant_id, withdrawn_at__isnull=True)
            .values_list("slot", option_field)
            .order_by()
        ),
        -1,
        -2,
    )


_MY_CARD_DOTS, _MY_CLUSTER_DOTS = _my_dots("contribution_id"), _my_dots("cluster_id")


def _place(*, participant: Participant, contribution_id, cluster_id, key: str) -> Vote:
    if connection.features.has_select_for_update:  # SQLite has no row locks; its writes are serial anyway
        _LOCK_PARTICIPANT.rows(participant.pk)
    session = participant.session
    voting = selectors.open_voting(session=session)
    if voting is None:
        raise Conflict(_("There is no open dot vote right now."))
    target = _chosen_option(voting=voting, session=session, contribution_id=contribution_id, cluster_id=cluster_id)
    option_id = next(iter(target.values())).pk
    mine = (_MY_CLUSTER_DOTS if voting.over_clusters else _MY_CARD_DOTS).rows(voting.pk, participant.pk)
    if not voting.stacking and any(oid == option_id for _slot, oid in mine):
        if voting.over_clusters:
            raise Conflict(
                _("You already have a dot on this cluster; in this vote each cluster takes one dot from you.")
            )
        raise Conflict(_("You already have a dot on this card; in this vote each card takes one dot from you."))
    slot = tally.free_slot((slot for slot, _oid in mine), voting.budget)
    if slot is None:
        raise Conflict(_("All your dots are placed. Take one back to place it elsewhere."))
    vote = Vote(
        voting=voting,
        participant=participant,
        slot=slot,
        stack=slot if voting.stacking else 0,
        idempotency_key=key,
        **target,
    )
    insert_row(vote)  # a dot has no save() logic or signals; the ORM's saving path cost more than the INSERT
    vote.dots_left = voting.budget - len(mine) - 1  # type: ignore[attr-defined]  # for the answer only, not stored
    tallies.dot_changed(voting=voting)
    return vote


@transaction.atomic
def vote_withdraw(*, participant: Participant, contribution_id, idempotency_key: str = "") -> bool:
    """Take one dot back from an option: a card, or in a vote over clusters the cluster with this id.
    Returns False for a replay of an earlier withdrawal (nothing changes)."""
    key = _check_key(idempotency_key)
    if key and Vote.objects.filter(participant=participant, withdraw_key=key).exists():
        return False
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    voting = selectors.open_voting(session=participant.session)
    if voting is None:
        raise Conflict(_("There is no open dot vote right now."))
    option_id = int(contribution_id) if str(contribution_id).isdigit() else 0
    option_filter = {"cluster_id": option_id} if voting.over_clusters else {"contribution_id": option_id}
    vote = (
        selectors.active_votes(voting=voting).filter(participant=participant, **option_filter).order_by("-slot").first()
    )
    if vote is None:
        if voting.over_clusters:
            raise Conflict(_("You have no dot on this cluster."))
        raise Conflict(_("You have no dot on this card."))
    vote.withdrawn_at = timezone.now()
    vote.withdraw_key = key
    vote.save(update_fields=["withdrawn_at", "withdraw_key"])
    tallies.dot_changed(voting=voting)
    return True


def next_step_position(session: Session) -> int:
    last = session.steps.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1

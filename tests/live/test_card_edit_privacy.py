"""What a moderator's edit removes from a card (often a name) is gone from every place it could be read
again: the event log screens and phones replay (HTTP and socket), the card's history, the audit log and
the translations — unless the moderator chose to keep the earlier wording."""

import json

import pytest

from dialogwerk.apitokens.models import Scope
from dialogwerk.apitokens.services import token_create
from dialogwerk.live import services
from dialogwerk.live.models import ContributionTranslation, TranslationStatus
from dialogwerk.privacy.services import participant_erase
from dialogwerk.tenancy.models import AuditLogEntry
from tests.live.sockets import receive_events, run, screen

NAMED = "Herr Jannik Brösel aus der Lindenstraße 5 schreit die Kinder an"
CLEANED = "Ein Nachbar schreit die Kinder an"


def everything_stored_about(card) -> str:
    """The card's history, audit entries and translations, as text."""
    audit = list(AuditLogEntry.objects.values_list("target_label", "changes"))
    revisions = list(card.revisions.values_list("text", flat=True))
    translations = list(ContributionTranslation.objects.filter(contribution=card).values_list("text", flat=True))
    return json.dumps([audit, revisions, translations], ensure_ascii=False)


@pytest.fixture
def named_card(card_of, session, participant, moderator):
    card = card_of(session, participant, NAMED)
    services.contribution_translate(
        actor=moderator,
        contribution=card,
        language="en",
        text="Mr Jannik Brösel of Lindenstraße 5 shouts at the children",
    )
    return card


def test_an_edit_removes_the_earlier_wording_from_the_event_log_history_audit_and_translations(
    client, client_for, session, named_card, theme, moderator
):
    # Hidden and shown again first: the audit log then names the card by its text.
    services.contribution_hide(actor=moderator, contribution=named_card, reason="Name")
    services.contribution_unhide(actor=moderator, contribution=named_card)
    staff = client_for(moderator)
    response = staff.post(
        f"/veranstaltungen/{session.pk}/karten/{named_card.pk}/",
        {"kind": "situation", "theme": theme.pk, "text": CLEANED},
    )
    assert response.status_code == 302
    named_card.refresh_from_db()
    assert named_card.text == CLEANED

    replay = client.get(f"/api/v1/live/{session.code}/events?since=0").content.decode()
    assert "Brösel" not in replay and CLEANED in replay
    stored = everything_stored_about(named_card)
    assert "Brösel" not in stored
    page = staff.get(f"/veranstaltungen/{session.pk}/karten/{named_card.pk}/").content.decode()
    assert "Brösel" not in page and "(frühere Fassung nicht aufbewahrt)" in page


@pytest.mark.django_db(transaction=True)
def test_a_phone_replaying_the_session_over_the_socket_never_sees_the_removed_words(
    session, named_card, theme, moderator
):
    services.contribution_edit(
        actor=moderator, contribution=named_card, kind="situation", theme_id=theme.pk, text=CLEANED
    )

    async def scenario():
        socket = screen(session.code, "since=0")
        assert (await socket.connect())[0]
        frames = []
        while not frames or frames[-1].get("kind") != "caught_up":
            frames += await receive_events(socket, 1)
        await socket.disconnect()
        return frames

    replayed = json.dumps(run(scenario), ensure_ascii=False)
    assert "Brösel" not in replayed and CLEANED in replayed


def test_the_moderator_may_keep_the_earlier_wording_for_the_staff_only(
    client, client_for, session, named_card, theme, moderator
):
    client_for(moderator).post(
        f"/veranstaltungen/{session.pk}/karten/{named_card.pk}/",
        {"kind": "situation", "theme": theme.pk, "text": CLEANED, "keep_previous": "on"},
    )
    assert list(named_card.revisions.values_list("text", flat=True)) == [NAMED]
    assert ContributionTranslation.objects.get(contribution=named_card).status == TranslationStatus.OUTDATED
    assert "Brösel" not in client.get(f"/api/v1/live/{session.code}/events?since=0").content.decode()


def test_erasing_the_author_also_blanks_a_kept_earlier_wording(session, participant, named_card, theme, moderator):
    services.contribution_edit(
        actor=moderator, contribution=named_card, kind="situation", theme_id=theme.pk, text=CLEANED, keep_previous=True
    )
    participant_erase(actor=moderator, participant=participant)
    assert list(named_card.revisions.values_list("text", flat=True)) == [""]


def test_the_staff_api_edit_removes_the_earlier_wording_too(client, session, named_card, consultant):
    _token, secret = token_create(user=consultant, name="Moderation", scope=Scope.READ_WRITE)
    response = client.patch(
        f"/api/v1/sessions/{session.pk}/cards/{named_card.pk}",
        json.dumps({"text": CLEANED}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 200 and response.json()["text"] == CLEANED
    assert "Brösel" not in everything_stored_about(named_card)
    assert "Brösel" not in client.get(f"/api/v1/live/{session.code}/events?since=0").content.decode()


def test_an_edit_that_only_moves_the_card_keeps_its_translations(session, named_card, dialogue, moderator):
    other_theme = dialogue.themes.order_by("position").last()
    services.contribution_edit(
        actor=moderator, contribution=named_card, kind="idea", theme_id=other_theme.pk, text=NAMED
    )
    assert ContributionTranslation.objects.get(contribution=named_card).status != TranslationStatus.OUTDATED
    assert list(named_card.revisions.values_list("text", flat=True)) == [NAMED]

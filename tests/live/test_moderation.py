"""Moderators hide (with a reason, audited), edit (with history) and merge duplicates."""

import pytest

from dialogwerk.live import services
from dialogwerk.live.models import Contribution, ContributionRevision, Vote
from dialogwerk.tenancy.models import AuditLogEntry


@pytest.fixture
def card(session, participant, card_of):
    return card_of(session, participant, "Zu wenig Kitaplätze")


def test_hiding_needs_a_reason_which_is_audited(client_for, moderator, session, card):
    client = client_for(moderator)
    client.post(f"/veranstaltungen/{session.pk}/karten/{card.pk}/ausblenden/", {"reason": ""})
    card.refresh_from_db()
    assert not card.hidden
    client.post(f"/veranstaltungen/{session.pk}/karten/{card.pk}/ausblenden/", {"reason": "Persönlicher Angriff"})
    card.refresh_from_db()
    assert card.hidden and card.hidden_reason == "Persönlicher Angriff"
    entry = AuditLogEntry.objects.filter(target_id=str(card.pk)).latest("id")
    assert entry.changes["reason"][1] == "Persönlicher Angriff" and entry.actor == moderator
    client.post(f"/veranstaltungen/{session.pk}/karten/{card.pk}/einblenden/")
    card.refresh_from_db()
    assert not card.hidden


def test_editing_keeps_the_earlier_version_when_asked(client_for, moderator, session, card, theme):
    response = client_for(moderator).post(
        f"/veranstaltungen/{session.pk}/karten/{card.pk}/",
        {"kind": "conflict", "theme": theme.pk, "text": "Zu wenige Kitaplätze", "keep_previous": "on"},
    )
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.text == "Zu wenige Kitaplätze" and card.kind == "conflict"
    revision = ContributionRevision.objects.get()
    assert revision.text == "Zu wenig Kitaplätze" and revision.edited_by == moderator
    history = client_for(moderator).get(f"/veranstaltungen/{session.pk}/karten/{card.pk}/").content.decode()
    assert "Zu wenig Kitaplätze" in history


def test_an_empty_edit_is_refused(client_for, moderator, session, card, theme):
    response = client_for(moderator).post(
        f"/veranstaltungen/{session.pk}/karten/{card.pk}/", {"kind": "idea", "theme": theme.pk, "text": ""}
    )
    assert response.status_code == 422
    card.refresh_from_db()
    assert card.text == "Zu wenig Kitaplätze"


def test_merging_moves_the_dots_and_gives_back_a_clashing_one(client_for, moderator, session, card, card_of, join):
    twin = card_of(session, None, "Kitaplätze fehlen")
    services.voting_open(actor=moderator, session=session, title="x", all_cards=True, budget=3)
    a, _ = join(session, "A")
    b, _ = join(session, "B")
    services.vote_place(participant=a, contribution_id=twin.pk)
    services.vote_place(participant=b, contribution_id=twin.pk)
    services.vote_place(participant=b, contribution_id=card.pk)
    client_for(moderator).post(f"/veranstaltungen/{session.pk}/karten/{twin.pk}/zusammenfuehren/", {"into": card.pk})
    twin.refresh_from_db()
    assert twin.merged_into == card and not twin.visible
    assert Vote.objects.filter(contribution=card, withdrawn_at__isnull=True).count() == 2
    assert Vote.objects.filter(participant=b, withdrawn_at__isnull=True).count() == 1


def test_merging_into_itself_or_an_unknown_card_is_refused(client_for, moderator, session, card):
    client = client_for(moderator)
    client.post(f"/veranstaltungen/{session.pk}/karten/{card.pk}/zusammenfuehren/", {"into": card.pk})
    client.post(f"/veranstaltungen/{session.pk}/karten/{card.pk}/zusammenfuehren/", {"into": 999999})
    card.refresh_from_db()
    assert card.merged_into is None


def test_a_steering_member_cannot_moderate(client_for, steering_member, session, card):
    client = client_for(steering_member)
    assert (
        client.post(f"/veranstaltungen/{session.pk}/karten/{card.pk}/ausblenden/", {"reason": "x"}).status_code == 403
    )
    assert client.get(f"/veranstaltungen/{session.pk}/karten/{card.pk}/").status_code == 403
    assert not Contribution.objects.get(pk=card.pk).hidden

"""A participant of one session cannot act in another, and a hidden card's words leave the public record."""

import json

from dialogwerk.live import services
from dialogwerk.live.models import Contribution, Method, Vote


def test_a_token_of_session_x_cannot_write_or_vote_in_session_y(
    client, dialogue, moderator, session, participant_and_token, theme
):
    other = services.session_create(actor=moderator, dialogue=dialogue, title="Zweiter Abend", method=Method.STEPS)
    card, _ = services.contribution_submit(
        session=other, author_user=moderator, kind="idea", theme_id=theme.pk, text="x"
    )
    services.voting_open(actor=moderator, session=other, title="x", all_cards=True, budget=3)
    _participant, token = participant_and_token
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}", "HTTP_IDEMPOTENCY_KEY": "k"}
    write = client.post(
        f"/api/v1/live/{other.code}/contributions",
        json.dumps({"kind": "idea", "theme": theme.pk, "text": "fremd"}),
        content_type="application/json",
        **auth,
    )
    assert write.status_code == 403 and write.json()["detail"]
    vote = client.post(
        f"/api/v1/live/{other.code}/votes",
        json.dumps({"contribution": card.pk}),
        content_type="application/json",
        **auth,
    )
    assert vote.status_code == 403
    assert client.get(f"/api/v1/live/{other.code}/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 403
    assert Contribution.objects.filter(session=other).count() == 1 and Vote.objects.count() == 0


def test_a_participant_cannot_dot_a_card_of_another_session(session, participant, dialogue, moderator, theme):
    other = services.session_create(actor=moderator, dialogue=dialogue, title="Zweiter Abend")
    foreign, _ = services.contribution_submit(
        session=other, author_user=moderator, kind="idea", theme_id=theme.pk, text="x"
    )
    services.voting_open(actor=moderator, session=session, title="x", all_cards=True, budget=3)
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.vote_place(participant=participant, contribution_id=foreign.pk)


def test_the_participant_cookie_of_session_x_does_not_open_session_y(
    client, dialogue, moderator, session, participant_and_token
):
    other = services.session_create(actor=moderator, dialogue=dialogue, title="Zweiter Abend")
    _participant, token = participant_and_token
    client.cookies[f"dwlive_{other.code}"] = token
    response = client.get(f"/j/{other.code}/live/")
    assert response.status_code == 302 and response.url == f"/j/{other.code}/"


def test_a_hidden_card_disappears_from_the_event_log_too(client, session, participant, card_of, moderator):
    card = card_of(session, participant, "Beleidigung gegen X")
    services.contribution_hide(actor=moderator, contribution=card, reason="beleidigend")
    events = client.get(f"/api/v1/live/{session.code}/events").content.decode()
    assert "Beleidigung" not in events

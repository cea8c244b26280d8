"""What the join notice promises: participants' names, languages and perspectives are erased later."""

from django.core.management import call_command

from dialogwerk.live.models import Contribution, Participant


def test_forgetting_a_session_erases_names_and_disables_tokens_but_keeps_the_cards(
    client, session, participant_and_token, card_of
):
    participant, token = participant_and_token
    card_of(session, participant, "Bleibt erhalten")
    call_command("live_forget", "--session", session.code, stdout=open("/dev/null", "w"))
    participant.refresh_from_db()
    assert (participant.display_name, participant.perspective, participant.language) == ("", "", "")
    assert Contribution.objects.get().text == "Bleibt erhalten"
    assert client.get(f"/api/v1/live/{session.code}/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    assert Contribution.objects.get().participant == Participant.objects.get()


def test_recent_sessions_are_kept_by_the_age_rule(session, participant):
    call_command("live_forget", "--older-than-days", "180", stdout=open("/dev/null", "w"))
    participant.refresh_from_db()
    assert participant.display_name == "Amal"

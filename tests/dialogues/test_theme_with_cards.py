from dialogwerk.dialogues.models import Theme
from dialogwerk.live import services as live_services


def test_a_theme_with_cards_from_the_event_is_kept_with_a_clear_message(client_for, consultant, dialogue):
    theme = dialogue.themes.first()
    session = live_services.session_create(actor=consultant, dialogue=dialogue, title="Abend")
    live_services.contribution_submit(
        session=session, author_user=consultant, kind="idea", theme_id=theme.pk, text="Karte"
    )
    response = client_for(consultant).post(f"/dialoge/{dialogue.pk}/themen/{theme.pk}/entfernen/", follow=True)
    assert "benennen Sie es um, statt es zu entfernen" in response.content.decode()
    assert Theme.objects.filter(pk=theme.pk).exists()

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.tenancy.models import AuditAction, AuditLogEntry


def test_the_overview_shows_the_phase_and_the_themes(client_for, steering_member, dialogue):
    html = client_for(steering_member).get(f"/dialoge/{dialogue.pk}/").content.decode()
    assert '<li class="current" aria-current="step">' in html
    assert "Aktuelle Phase: <strong>Vorbereitung</strong>" in html
    for name in ("Bauen & Wohnen", "Infrastruktur & Sicherheit"):
        assert name.replace("&", "&amp;") in html
    assert "Phase ändern" not in html  # a steering-group member reads, but does not plan


def test_a_planner_moves_the_dialogue_to_the_next_phase(client_for, consultant, dialogue):
    client = client_for(consultant)
    response = client.post(f"/dialoge/{dialogue.pk}/phase/", {"phase": "dialogue"}, follow=True)
    assert "Die Phase ist jetzt: Dialog." in response.content.decode()
    assert Dialogue.objects.get(pk=dialogue.pk).phase == "dialogue"
    assert AuditLogEntry.objects.filter(action=AuditAction.PHASE_CHANGE).count() == 1


def test_an_unknown_phase_changes_nothing(client_for, consultant, dialogue):
    response = client_for(consultant).post(f"/dialoge/{dialogue.pk}/phase/", {"phase": "party"}, follow=True)
    assert "Bitte eine der angebotenen Phasen wählen" in response.content.decode()
    assert Dialogue.objects.get(pk=dialogue.pk).phase == "preparation"


def test_a_moderator_may_not_change_the_phase(client_for, moderator, dialogue):
    assert client_for(moderator).post(f"/dialoge/{dialogue.pk}/phase/", {"phase": "closed"}).status_code == 403
    assert Dialogue.objects.get(pk=dialogue.pk).phase == "preparation"


def test_editing_keeps_the_stored_title_when_the_input_is_bad(client_for, consultant, dialogue):
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/bearbeiten/", {"title": "", "expected_participants": "abc"}
    )
    assert response.status_code == 422
    assert Dialogue.objects.get(pk=dialogue.pk).title == "Zusammenleben in Kommune A"


def test_editing_records_the_changed_fields_in_the_audit_log(client_for, consultant, dialogue):
    client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/bearbeiten/",
        {
            "title": "Neu",
            "starts_on": dialogue.starts_on.isoformat(),
            "ends_on": dialogue.ends_on.isoformat(),
            "expected_participants": "80",
        },
    )
    entry = AuditLogEntry.objects.get(action=AuditAction.UPDATE)
    assert entry.changes == {"title": ["Zusammenleben in Kommune A", "Neu"], "expected_participants": ["60", "80"]}


def test_the_dashboard_lists_only_the_users_own_municipalities(client_for, consultant, dialogue, outsider):
    html = client_for(consultant).get("/").content.decode()
    assert "Zusammenleben in Kommune A" in html and "Kommune B" not in html

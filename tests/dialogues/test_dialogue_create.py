from dialogwerk.dialogues.models import Dialogue
from dialogwerk.tenancy.models import AuditAction, AuditLogEntry

URL = "/kommunen/{}/dialoge/neu/"


def test_a_consultant_creates_a_dialogue_with_the_five_default_themes(client_for, consultant, municipality):
    response = client_for(consultant).post(
        URL.format(municipality.pk),
        {
            "title": "Gut ankommen in A",
            "starts_on": "2027-03-06",
            "ends_on": "2027-03-06",
            "expected_participants": "70",
        },
    )
    dialogue = Dialogue.objects.get(title="Gut ankommen in A")
    assert response.status_code == 302 and response.url == f"/dialoge/{dialogue.pk}/"
    assert list(dialogue.themes.values_list("name", flat=True)) == [
        "Bauen & Wohnen",
        "Kindergarten & Schule",
        "Ausbildung & Arbeit",
        "Gemeinschaft & Nachbarschaft",
        "Infrastruktur & Sicherheit",
    ]
    assert dialogue.phase == "preparation"
    assert AuditLogEntry.objects.filter(action=AuditAction.CREATE, target_id=str(dialogue.pk)).exists()


def test_default_themes_are_german_even_when_the_creator_uses_english(client_for, consultant, municipality):
    client = client_for(consultant)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post(URL.format(municipality.pk), {"title": "Mixed"})
    assert Dialogue.objects.get(title="Mixed").themes.first().name == "Bauen & Wohnen"


def test_an_end_before_the_start_is_rejected_and_nothing_is_created(client_for, consultant, municipality):
    response = client_for(consultant).post(
        URL.format(municipality.pk), {"title": "Falsch", "starts_on": "2027-03-06", "ends_on": "2027-03-01"}
    )
    assert response.status_code == 422
    assert "Der letzte Veranstaltungstag kann nicht vor dem ersten liegen" in response.content.decode()
    assert not Dialogue.objects.filter(title="Falsch").exists()


def test_a_missing_title_and_a_bad_date_get_clear_messages(client_for, consultant, municipality):
    response = client_for(consultant).post(
        URL.format(municipality.pk), {"title": "", "starts_on": "morgen", "expected_participants": "-3"}
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Bitte geben Sie dem Dialog einen Titel" in html
    assert "gültiges Datum" in html
    assert Dialogue.objects.count() == 0


def test_moderators_and_steering_members_may_not_create_dialogues(client_for, moderator, steering_member, municipality):
    assert client_for(moderator).get(URL.format(municipality.pk)).status_code == 403
    assert client_for(steering_member).post(URL.format(municipality.pk), {"title": "X"}).status_code == 403
    assert Dialogue.objects.count() == 0

"""The public response (Stellungnahme) to an adopted result, and the translated summary of results."""

from dialogwerk.measures.models import ResultSummary, Statement


def test_an_admin_publishes_a_response(client_for, admin_user, dialogue, make_measure):
    measure = make_measure("Sprachcafé")
    url = f"/dialoge/{dialogue.pk}/massnahmen/{measure.pk}/stellungnahme/"
    response = client_for(admin_user).post(
        url, {"speaker": "mayor", "text": "Wir stellen den Raum.", "published": "on"}
    )
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.published and statement.published_at is not None


def test_an_empty_response_changes_nothing(client_for, admin_user, dialogue, make_measure):
    measure = make_measure("Sprachcafé")
    response = client_for(admin_user).post(
        f"/dialoge/{dialogue.pk}/massnahmen/{measure.pk}/stellungnahme/", {"speaker": "mayor", "text": ""}
    )
    assert response.status_code == 422 and not Statement.objects.exists()


def test_a_steering_member_may_not_respond_for_the_municipality(client_for, steering_member, dialogue, make_measure):
    measure = make_measure("Sprachcafé")
    assert (
        client_for(steering_member).get(f"/dialoge/{dialogue.pk}/massnahmen/{measure.pk}/stellungnahme/").status_code
        == 403
    )


def test_a_translation_is_shown_beside_the_german(client_for, consultant, dialogue):
    client = client_for(consultant)
    client.post(f"/dialoge/{dialogue.pk}/zusammenfassung/", {"language": "de", "text": "Zwölf Maßnahmen."})
    client.post(
        f"/dialoge/{dialogue.pk}/zusammenfassung/",
        {"language": "uk", "text": "Дванадцять заходів.", "translator": "Frau Koval"},
    )
    html = client.get(f"/dialoge/{dialogue.pk}/zusammenfassung/").content.decode()
    pair = next(block for block in html.split('class="summary-pair"') if "Дванадцять заходів." in block)
    assert "Zwölf Maßnahmen." in pair and "Frau Koval" in pair
    assert ResultSummary.objects.count() == 2


def test_a_summary_in_an_unknown_language_is_refused(client_for, consultant, dialogue):
    response = client_for(consultant).post(f"/dialoge/{dialogue.pk}/zusammenfassung/", {"language": "xx", "text": "?"})
    assert response.status_code == 422 and not ResultSummary.objects.exists()


def test_a_moderator_reads_but_may_not_write_the_summary(client_for, moderator, dialogue):
    client = client_for(moderator)
    assert client.get(f"/dialoge/{dialogue.pk}/zusammenfassung/").status_code == 200
    assert client.post(f"/dialoge/{dialogue.pk}/zusammenfassung/", {"language": "de", "text": "X"}).status_code == 403


def test_an_outsider_gets_404(client_for, outsider, dialogue):
    assert client_for(outsider).get(f"/dialoge/{dialogue.pk}/zusammenfassung/").status_code == 404

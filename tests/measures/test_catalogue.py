"""The catalogue page: every member reads it, filters and sorts; existing measures appear beside it."""

import datetime

from dialogwerk.preparation.models import ExistingMeasure


def url(dialogue, query=""):
    return f"/dialoge/{dialogue.pk}/massnahmen/{query}"


def test_members_see_the_catalogue(client_for, steering_member, dialogue, make_measure):
    make_measure("Sprachcafé", responsible_person="Frau Kaya")
    html = client_for(steering_member).get(url(dialogue)).content.decode()
    assert "Sprachcafé" in html and "Frau Kaya" in html


def test_it_filters_by_status_owner_theme_and_due_date(client_for, consultant, dialogue, make_measure):
    theme = dialogue.themes.first()
    today = datetime.date.today()
    make_measure("Sprachcafé", status="done", responsible_person="Frau Kaya", theme=theme)
    make_measure("Wohnungsbörse", responsible_organisation="Stadtbau", due_on=today - datetime.timedelta(3))
    client = client_for(consultant)
    html = client.get(url(dialogue, "?status=done")).content.decode()
    assert "Sprachcafé" in html and "Wohnungsbörse" not in html
    html = client.get(url(dialogue, "?owner=stadtbau")).content.decode()
    assert "Wohnungsbörse" in html and "Sprachcafé" not in html
    html = client.get(url(dialogue, f"?theme={theme.pk}")).content.decode()
    assert "Sprachcafé" in html and "Wohnungsbörse" not in html
    html = client.get(url(dialogue, "?due=overdue")).content.decode()
    assert "Wohnungsbörse" in html and "Sprachcafé" not in html


def test_it_sorts_by_progress(client_for, consultant, dialogue, make_measure):
    make_measure("Aaa", progress=10)
    make_measure("Bbb", progress=90)
    html = client_for(consultant).get(url(dialogue, "?sort=-progress")).content.decode()
    assert html.index("Bbb") < html.index("Aaa")


def test_a_bad_filter_value_is_named_and_the_whole_catalogue_shown(client_for, consultant, dialogue, make_measure):
    make_measure("Sprachcafé", status="done")
    make_measure("Wohnungsbörse")
    response = client_for(consultant).get(url(dialogue, "?status=kaputt&theme=abc&sort=';--"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ein Filter hat einen Wert, den es nicht gibt" in html
    assert "Status: Bitte eine gültige Auswahl treffen. kaputt ist keine gültige Auswahl." in html
    assert (
        "Themenfeld: Bitte eine gültige Auswahl treffen. Dies ist keine gültige Auswahl." in html
        and "Sortieren nach:" in html
    )
    assert "Sprachcafé" in html and "Wohnungsbörse" in html


def test_existing_measures_from_the_needs_analysis_appear_beside_the_new_ones(client_for, consultant, dialogue):
    ExistingMeasure.objects.create(dialogue=dialogue, title="Hausaufgabenhilfe der Kirchengemeinde")
    html = client_for(consultant).get(url(dialogue)).content.decode()
    assert "Hausaufgabenhilfe der Kirchengemeinde" in html


def test_an_outsider_gets_404(client_for, outsider, dialogue):
    assert client_for(outsider).get(url(dialogue)).status_code == 404

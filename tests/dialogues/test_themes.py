from dialogwerk.dialogues.models import Theme


def names(dialogue):
    return list(dialogue.themes.order_by("position").values_list("name", flat=True))


def test_a_planner_adds_a_local_theme_at_the_end(client_for, consultant, dialogue):
    client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/themen/", {"name": "Gesundheit", "key_question": "Wer hilft beim Arzt?"}
    )
    assert names(dialogue)[-1] == "Gesundheit"


def test_a_duplicate_or_empty_theme_name_is_rejected_and_nothing_changes(client_for, consultant, dialogue):
    client = client_for(consultant)
    duplicate = client.post(f"/dialoge/{dialogue.pk}/themen/", {"name": " Bauen & Wohnen "})
    assert duplicate.status_code == 422
    assert "bereits ein Themenfeld mit diesem Namen" in duplicate.content.decode()
    empty = client.post(f"/dialoge/{dialogue.pk}/themen/", {"name": ""})
    assert "Bitte geben Sie dem Themenfeld einen Namen" in empty.content.decode()
    assert len(names(dialogue)) == 5


def test_themes_are_reordered_by_buttons_without_javascript(client_for, consultant, dialogue):
    client = client_for(consultant)
    third = dialogue.themes.get(name="Ausbildung & Arbeit")
    client.post(f"/dialoge/{dialogue.pk}/themen/{third.pk}/verschieben/", {"direction": "up"})
    assert names(dialogue)[:3] == ["Bauen & Wohnen", "Ausbildung & Arbeit", "Kindergarten & Schule"]
    first = dialogue.themes.get(name="Bauen & Wohnen")
    client.post(f"/dialoge/{dialogue.pk}/themen/{first.pk}/verschieben/", {"direction": "up"})
    assert names(dialogue)[0] == "Bauen & Wohnen"


def test_renaming_and_removing_a_theme(client_for, consultant, dialogue):
    client = client_for(consultant)
    theme = dialogue.themes.get(name="Ausbildung & Arbeit")
    client.post(f"/dialoge/{dialogue.pk}/themen/{theme.pk}/bearbeiten/", {"name": "Arbeit", "key_question": ""})
    assert Theme.objects.get(pk=theme.pk).name == "Arbeit"
    client.post(f"/dialoge/{dialogue.pk}/themen/{theme.pk}/entfernen/")
    assert "Arbeit" not in names(dialogue)


def test_readers_see_themes_but_cannot_change_them(client_for, steering_member, dialogue):
    client = client_for(steering_member)
    html = client.get(f"/dialoge/{dialogue.pk}/themen/").content.decode()
    assert "Bauen &amp; Wohnen" in html and "Themenfeld hinzufügen" not in html
    assert client.post(f"/dialoge/{dialogue.pk}/themen/", {"name": "X"}).status_code == 403
    theme = dialogue.themes.first()
    assert client.post(f"/dialoge/{dialogue.pk}/themen/{theme.pk}/entfernen/").status_code == 403
    assert len(names(dialogue)) == 5

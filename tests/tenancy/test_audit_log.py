from dialogwerk.dialogues.services import dialogue_set_phase


def test_an_admin_reads_who_changed_what(client_for, admin_user, consultant, dialogue, municipality):
    dialogue_set_phase(actor=consultant, dialogue=dialogue, phase="dialogue")
    html = client_for(admin_user).get(f"/kommunen/{municipality.pk}/protokoll/").content.decode()
    assert "Phase geändert" in html
    assert "Vorbereitung → Dialog" in html
    assert str(consultant) in html


def test_only_administrators_read_the_audit_log(client_for, consultant, steering_member, municipality):
    assert client_for(consultant).get(f"/kommunen/{municipality.pk}/protokoll/").status_code == 403
    assert client_for(steering_member).get(f"/kommunen/{municipality.pk}/protokoll/").status_code == 403


def test_the_log_and_a_measures_history_speak_in_labels_not_field_names_and_codes(
    client_for, admin_user, consultant, dialogue, municipality
):
    import datetime

    from dialogwerk.measures import services

    measure = services.measure_create(actor=consultant, dialogue=dialogue, title="Sprachcafé")
    services.measure_update(
        actor=consultant,
        measure=measure,
        priority="high",
        due_on=datetime.date(2027, 3, 1),
        public=True,
        status="in_progress",
    )
    for page in (f"/kommunen/{municipality.pk}/protokoll/", f"/dialoge/{dialogue.pk}/massnahmen/{measure.pk}/"):
        html = client_for(admin_user).get(page).content.decode()
        assert "Priorität: <del>Mittel</del> → Hoch" in html or "Priorität: Mittel → Hoch" in html, page
        assert "1. März 2027" in html and "2027-03-01" not in html, page
        assert "→ In Umsetzung" in html and "→ in_progress" not in html, page
        assert "priority:" not in html and "due_on" not in html, page

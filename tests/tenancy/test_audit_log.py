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

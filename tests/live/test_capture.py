"""Quick capture of a flipchart by a moderator or table host, and flipchart photos on a table's record."""

from django.core.files.uploadedfile import SimpleUploadedFile

from dialogwerk.live.models import Contribution, FlipchartPhoto
from tests.live.tenant_kwargs import PNG


def test_a_captured_card_keeps_kind_and_theme_for_the_next_one(client_for, moderator, session, theme):
    client = client_for(moderator)
    table = session.tables.first()
    response = client.post(
        f"/veranstaltungen/{session.pk}/erfassen/",
        {"kind": "idea", "theme": theme.pk, "table": table.pk, "text": "Patenschaften", "key": "c1"},
    )
    assert response.status_code == 302 and f"kind=idea&theme={theme.pk}&table={table.pk}" in response.url
    card = Contribution.objects.get()
    assert card.author_user == moderator and card.table == table and card.participant is None


def test_capture_by_script_answers_json_and_a_new_key(client_for, moderator, session, theme):
    client = client_for(moderator)
    body = {"kind": "conflict", "theme": theme.pk, "text": "Lärm am Abend", "key": "c2"}
    first = client.post(f"/veranstaltungen/{session.pk}/erfassen/", body, HTTP_ACCEPT="application/json")
    again = client.post(f"/veranstaltungen/{session.pk}/erfassen/", body, HTTP_ACCEPT="application/json")
    assert first.status_code == 201 and first.json()["key"] != "c2"
    assert again.json()["card"]["id"] == first.json()["card"]["id"]
    assert Contribution.objects.count() == 1


def test_an_empty_capture_is_422(client_for, moderator, session, theme):
    response = client_for(moderator).post(
        f"/veranstaltungen/{session.pk}/erfassen/",
        {"kind": "idea", "theme": theme.pk, "text": ""},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 422 and "text" in response.json()["errors"]
    assert Contribution.objects.count() == 0


def test_a_flipchart_photo_joins_a_tables_record(client_for, moderator, session, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(moderator)
    table = session.tables.first()
    image = SimpleUploadedFile("tisch1.png", PNG, content_type="image/png")
    response = client.post(
        f"/veranstaltungen/{session.pk}/fotos/", {"image": image, "table": table.pk, "caption": "Runde 1"}
    )
    assert response.status_code == 302
    photo = FlipchartPhoto.objects.get()
    assert photo.table == table
    assert client.get(f"/veranstaltungen/{session.pk}/fotos/{photo.pk}/").status_code == 200


def test_a_file_that_is_not_an_image_is_refused(client_for, moderator, session, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    bad = SimpleUploadedFile("notiz.png", b"not an image", content_type="image/png")
    response = client_for(moderator).post(f"/veranstaltungen/{session.pk}/fotos/", {"image": bad})
    assert response.status_code == 422 and FlipchartPhoto.objects.count() == 0

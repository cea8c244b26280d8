"""The agenda (Ablaufplan): timed items, reordering without JS, warnings, print view and PDF."""

import io

import pypdf

from dialogwerk.design.agenda_rules import Item, schedule, warnings
from dialogwerk.design.models import AgendaItem


def test_it_warns_about_overtime_missing_breaks_and_short_cafe_rounds():
    items = [
        Item("Begrüßung", 30),
        Item("Runde 1", 10, "round", "world_cafe"),
        Item("Runde 2", 60, "round", "world_cafe"),
    ]
    codes = [w.code for w in warnings(items, available_minutes=90)]
    assert codes == ["over_time", "no_break", "short_round"]
    assert [w.code for w in warnings([Item("A", 60), Item("Pause", 15, "break"), Item("B", 60)], 200)] == []


def test_items_follow_each_other_from_the_start():
    assert schedule([Item("A", 30), Item("B", 45)], 16 * 60) == [(960, 990), (990, 1035)]


def test_a_consultant_builds_the_agenda_from_the_world_cafe_template(client_for, consultant, dialogue):
    client = client_for(consultant)
    assert client.post(f"/dialoge/{dialogue.pk}/ablaufplan/vorlage/").status_code == 302
    html = client.get(f"/dialoge/{dialogue.pk}/ablaufplan/").content.decode()
    assert "16:00–16:20" in html and "Keine Warnungen" in html
    items = list(AgendaItem.objects.order_by("position"))
    round_three = next(i for i in items if "Runde 3" in i.title)
    client.post(
        f"/dialoge/{dialogue.pk}/ablaufplan/{round_three.pk}/bearbeiten/",
        {"title": round_three.title, "kind": "round", "duration_minutes": 10, "method": round_three.method_id},
    )
    html = client.get(f"/dialoge/{dialogue.pk}/ablaufplan/").content.decode()
    assert "hat nur 10 Minuten; planen Sie mindestens 15." in html


def test_items_move_up_and_down_with_buttons(client_for, consultant, dialogue):
    client = client_for(consultant)
    for title in ("Erster", "Zweiter"):
        client.post(f"/dialoge/{dialogue.pk}/ablaufplan/", {"title": title, "kind": "step", "duration_minutes": 20})
    second = AgendaItem.objects.get(title="Zweiter")
    client.post(f"/dialoge/{dialogue.pk}/ablaufplan/{second.pk}/verschieben/", {"direction": "up"})
    assert list(AgendaItem.objects.order_by("position").values_list("title", flat=True)) == ["Zweiter", "Erster"]
    client.post(f"/dialoge/{dialogue.pk}/ablaufplan/{second.pk}/verschieben/", {"position": "1"})
    assert list(AgendaItem.objects.order_by("position").values_list("title", flat=True)) == ["Erster", "Zweiter"]


def test_it_rejects_an_item_without_duration(client_for, consultant, dialogue):
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/ablaufplan/", {"title": "Pause", "kind": "break", "duration_minutes": 0}
    )
    assert response.status_code == 422 and "Die Dauer muss mindestens 1 Minute betragen." in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_an_end_before_the_start_is_rejected(client_for, consultant, dialogue):
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/ablaufplan/zeiten/", {"starts_at": "18:00", "ends_at": "17:00"}
    )
    assert response.status_code == 422 and "Das Ende muss nach dem Beginn liegen." in response.content.decode()


def test_print_view_and_pdf_show_the_timed_items(client_for, consultant, moderator, dialogue):
    client_for(consultant).post(f"/dialoge/{dialogue.pk}/ablaufplan/vorlage/")
    client = client_for(moderator)
    assert "World-Café-Runde 1" in client.get(f"/dialoge/{dialogue.pk}/ablaufplan/druckansicht/").content.decode()
    text = " ".join(
        p.extract_text()
        for p in pypdf.PdfReader(
            io.BytesIO(client.get(f"/dialoge/{dialogue.pk}/ablaufplan/ablaufplan.pdf").content)
        ).pages
    )
    assert "16:00" in text and "Ernte im Plenum" in text
    assert client.post(f"/dialoge/{dialogue.pk}/ablaufplan/vorlage/").status_code == 403

"""The tables of a World Café round in the agenda: theme and host per table, read by the table plan."""

from dialogwerk.design import services
from dialogwerk.design.models import AgendaItem, CafeTable
from dialogwerk.design.selectors import cafe_tables
from dialogwerk.dialogues.models import Theme


def _round(client, dialogue) -> AgendaItem:
    client.post(f"/dialoge/{dialogue.pk}/ablaufplan/vorlage/")
    return AgendaItem.objects.filter(kind="round").order_by("position").first()


def test_a_consultant_gives_the_round_tables_with_themes_and_hosts(client_for, consultant, dialogue):
    client = client_for(consultant)
    item = _round(client, dialogue)
    themes = list(dialogue.themes.order_by("position"))
    page = client.get(f"/dialoge/{dialogue.pk}/ablaufplan/{item.pk}/tische/").content.decode()
    assert "Tische der Runde" in page and "Anzahl der Tische" in page
    response = client.post(
        f"/dialoge/{dialogue.pk}/ablaufplan/{item.pk}/tische/",
        {
            "count": 3,
            "theme_1": themes[1].pk,
            "host_1": "Anna Weber",
            "theme_2": themes[0].pk,
            "host_2": "",
            "theme_3": "",
            "host_3": "Jens Maier",
        },
    )
    assert response.status_code == 302
    assert cafe_tables(dialogue) == [(1, themes[1], "Anna Weber"), (2, themes[0], ""), (3, None, "Jens Maier")]
    html = client.get(f"/dialoge/{dialogue.pk}/ablaufplan/").content.decode()
    assert "3 Tische" in html and "Anna Weber" in html and themes[1].name.replace("&", "&amp;") in html


def test_the_first_round_with_tables_counts_and_tables_can_be_removed(consultant, dialogue):
    agenda_item = services.agenda_item_create(
        actor=consultant, dialogue=dialogue, title="Runde 1", kind="round", duration_minutes=20
    )
    later = services.agenda_item_create(
        actor=consultant, dialogue=dialogue, title="Runde 2", kind="round", duration_minutes=20
    )
    theme = dialogue.themes.first()
    assert cafe_tables(dialogue) == []
    services.cafe_tables_set(actor=consultant, item=later, tables=[(theme, "Ute"), (None, "")])
    assert [row.number for row in cafe_tables(dialogue)] == [1, 2]
    services.cafe_tables_set(actor=consultant, item=agenda_item, tables=[(None, "Karl")])
    assert cafe_tables(dialogue) == [(1, None, "Karl")]
    services.cafe_tables_set(actor=consultant, item=agenda_item, tables=[])
    assert cafe_tables(dialogue)[0].host_name == "Ute"


def test_the_api_lists_a_rounds_tables(client, consultant, dialogue):
    from dialogwerk.apitokens.models import Scope
    from dialogwerk.apitokens.services import token_create

    services.agenda_fill_world_cafe_evening(actor=consultant, dialogue=dialogue)
    item = AgendaItem.objects.filter(kind="round").order_by("position").first()
    theme = dialogue.themes.first()
    services.cafe_tables_set(actor=consultant, item=item, tables=[(theme, "Anna Weber")])
    _token, secret = token_create(user=consultant, name="Test", scope=Scope.READ)
    response = client.get(f"/api/v1/dialogues/{dialogue.pk}/agenda/items/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    items = response.json()["items"]
    row = next(i for i in items if i["id"] == item.pk)
    assert row["tables"] == [{"number": 1, "theme": theme.pk, "theme_name": theme.name, "host_name": "Anna Weber"}]


def test_it_rejects_a_foreign_theme_and_keeps_the_tables(client_for, consultant, dialogue, other_municipality):
    from dialogwerk.dialogues.models import Dialogue

    client = client_for(consultant)
    item = _round(client, dialogue)
    services.cafe_tables_set(actor=consultant, item=item, tables=[(None, "Anna")])
    other = Dialogue.objects.create(
        municipality=other_municipality, title="B", starts_on=dialogue.starts_on, ends_on=dialogue.ends_on
    )
    foreign = Theme.objects.create(dialogue=other, name="Fremd")
    response = client.post(f"/dialoge/{dialogue.pk}/ablaufplan/{item.pk}/tische/", {"count": 1, "theme_1": foreign.pk})
    assert response.status_code == 422 and "keine gültige Auswahl" in response.content.decode()
    response = client.post(f"/dialoge/{dialogue.pk}/ablaufplan/{item.pk}/tische/", {"count": "viele"})
    assert (
        response.status_code == 422
        and "Bitte geben Sie die Anzahl der Tische als ganze Zahl ein." in response.content.decode()
    )
    assert list(CafeTable.objects.values_list("host_name", flat=True)) == ["Anna"]


def test_only_rounds_have_tables(client_for, consultant, dialogue):
    item = services.agenda_item_create(
        actor=consultant, dialogue=dialogue, title="Begrüßung", kind="step", duration_minutes=10
    )
    response = client_for(consultant).get(f"/dialoge/{dialogue.pk}/ablaufplan/{item.pk}/tische/", follow=True)
    assert "Nur eine Runde" in response.content.decode()
    assert not CafeTable.objects.exists()


def test_steering_members_cannot_change_tables(client_for, consultant, steering_member, dialogue):
    item = services.agenda_item_create(
        actor=consultant, dialogue=dialogue, title="Runde", kind="round", duration_minutes=20
    )
    client = client_for(steering_member)
    assert client.get(f"/dialoge/{dialogue.pk}/ablaufplan/{item.pk}/tische/").status_code == 403
    assert client.post(f"/dialoge/{dialogue.pk}/ablaufplan/{item.pk}/tische/", {"count": 2}).status_code == 403
    assert not CafeTable.objects.exists()


def test_other_municipalities_get_404(client_for, consultant, outsider, dialogue):
    item = services.agenda_item_create(
        actor=consultant, dialogue=dialogue, title="Runde", kind="round", duration_minutes=20
    )
    assert (
        client_for(outsider).post(f"/dialoge/{dialogue.pk}/ablaufplan/{item.pk}/tische/", {"count": 2}).status_code
        == 404
    )

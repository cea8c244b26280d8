"""Themes over the API: read by members, changed by planners, names unique per dialogue."""

import pytest

from dialogwerk.dialogues.models import Theme

pytestmark = pytest.mark.django_db


def test_members_read_the_themes_in_order(api_as, moderator, dialogue):
    response = api_as(moderator).get(f"/api/v1/dialogues/{dialogue.pk}/themes/")
    assert response.status_code == 200
    assert [t["position"] for t in response.json()["items"]] == [0, 1, 2, 3, 4]


def test_a_planner_adds_changes_and_removes_a_theme(api_as, consultant, dialogue):
    api = api_as(consultant)
    created = api.post(f"/api/v1/dialogues/{dialogue.pk}/themes/", {"name": "Gesundheit", "key_question": "Wer hilft?"})
    assert created.status_code == 201, created.content
    theme_id = created.json()["id"]
    assert created.json()["position"] == 5
    changed = api.patch(f"/api/v1/dialogues/{dialogue.pk}/themes/{theme_id}", {"key_question": "Wer hilft wem?"})
    assert changed.status_code == 200
    assert changed.json()["name"] == "Gesundheit" and changed.json()["key_question"] == "Wer hilft wem?"
    assert api.delete(f"/api/v1/dialogues/{dialogue.pk}/themes/{theme_id}").status_code == 204
    assert not Theme.objects.filter(pk=theme_id).exists()


def test_a_duplicate_theme_name_is_refused_on_the_name_field(api_as, consultant, dialogue):
    name = dialogue.themes.first().name
    response = api_as(consultant).post(f"/api/v1/dialogues/{dialogue.pk}/themes/", {"name": name})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["name"]
    assert dialogue.themes.count() == 5


def test_a_moderator_may_not_remove_a_theme(api_as, moderator, dialogue):
    theme = dialogue.themes.first()
    assert api_as(moderator).delete(f"/api/v1/dialogues/{dialogue.pk}/themes/{theme.pk}").status_code == 403
    assert Theme.objects.filter(pk=theme.pk).exists()


def test_a_theme_of_another_dialogue_is_not_found_through_this_one(api_as, consultant, dialogue, municipality):
    from dialogwerk.dialogues.services import dialogue_create

    other = dialogue_create(actor=consultant, municipality=municipality, title="Anderer")
    theme = other.themes.first()
    assert api_as(consultant).get(f"/api/v1/dialogues/{dialogue.pk}/themes/{theme.pk}").status_code == 404


def test_a_theme_with_cards_answers_409_and_stays(api_as, consultant, dialogue):
    from dialogwerk.live import services as live_services

    theme = dialogue.themes.first()
    session = live_services.session_create(actor=consultant, dialogue=dialogue, title="Abend")
    live_services.contribution_submit(
        session=session, author_user=consultant, kind="idea", theme_id=theme.pk, text="Karte"
    )
    response = api_as(consultant).delete(f"/api/v1/dialogues/{dialogue.pk}/themes/{theme.pk}")
    assert response.status_code == 409 and response.json()["detail"]
    assert Theme.objects.filter(pk=theme.pk).exists()


def test_a_planner_reorders_the_themes_as_with_the_up_and_down_buttons(api_as, consultant, dialogue):
    themes = list(dialogue.themes.order_by("position"))
    url = f"/api/v1/dialogues/{dialogue.pk}/themes/{themes[4].pk}/move"
    response = api_as(consultant).post(url, {"position": 0})
    assert response.status_code == 200, response.content
    expected = [themes[4].pk, *[theme.pk for theme in themes[:4]]]
    assert [row["id"] for row in response.json()] == expected and [row["position"] for row in response.json()] == [
        0,
        1,
        2,
        3,
        4,
    ]
    assert list(dialogue.themes.order_by("position").values_list("pk", flat=True)) == expected
    beyond = api_as(consultant).post(f"/api/v1/dialogues/{dialogue.pk}/themes/{themes[4].pk}/move", {"position": 99})
    assert [row["id"] for row in beyond.json()][-1] == themes[4].pk  # clamped to the end


def test_moving_needs_a_planner_and_a_place_from_0(api_as, consultant, moderator, dialogue):
    before = list(dialogue.themes.order_by("position").values_list("pk", flat=True))
    url = f"/api/v1/dialogues/{dialogue.pk}/themes/{before[1]}/move"
    assert api_as(moderator).post(url, {"position": 0}).status_code == 403
    bad = api_as(consultant).post(url, {"position": -1})
    assert bad.status_code == 422 and list(bad.json()["errors"]) == ["position"]
    assert list(dialogue.themes.order_by("position").values_list("pk", flat=True)) == before

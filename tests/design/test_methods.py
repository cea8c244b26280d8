"""The method library and the recommendation that ranks it and says why."""

from dialogwerk.design.models import Method
from dialogwerk.design.recommend import MethodProfile, rank


def test_the_library_has_the_five_methods_the_seed_names(db):
    names = set(Method.objects.filter(municipality__isnull=True).values_list("name", flat=True))
    assert {"World Café", "Zukunftswerkstatt", "Open Space", "Fishbowl", "Plenumsforum"} <= names


def test_it_ranks_methods_that_fit_group_time_and_goals_first():
    cafe = MethodProfile(1, "World Café", 12, 200, 90, 180, frozenset({"ideas", "many_voices"}))
    workshop = MethodProfile(2, "Zukunftswerkstatt", 10, 40, 240, 1440, frozenset({"ideas", "measures"}))
    results = rank([workshop, cafe], participants=70, minutes=180, goals={"many_voices"})
    assert [r.method.name for r in results] == ["World Café", "Zukunftswerkstatt"]
    assert not results[1].suitable
    assert ("too_many", {"max": 40}) in results[1].reasons and ("serves_goal", {"goal": "many_voices"}) in results[
        0
    ].reasons


def test_the_page_explains_the_ranking_in_german(client_for, moderator, dialogue):
    html = (
        client_for(moderator)
        .get(f"/dialoge/{dialogue.pk}/methoden/?participants=70&minutes=180&goals=many_voices")
        .content.decode()
    )
    assert "passt am besten" in html and "dient dem Ziel „Viele Stimmen und Blickwinkel hören“" in html
    assert html.index("World Café") < html.index("Zukunftswerkstatt")


def test_bad_numbers_answer_422(client_for, moderator, dialogue):
    response = client_for(moderator).get(f"/dialoge/{dialogue.pk}/methoden/?participants=0&minutes=abc")
    assert response.status_code == 422 and "Bitte geben Sie mindestens 1 ein." in response.content.decode()


def test_a_consultant_adds_an_own_method_but_cannot_change_a_built_in_one(client_for, consultant, moderator, dialogue):
    client = client_for(consultant)
    data = {
        "name": "Stadtspaziergang",
        "purpose": "Orte gemeinsam ansehen",
        "min_participants": 5,
        "max_participants": 30,
        "min_minutes": 60,
        "max_minutes": 120,
        "steps": "Treffpunkt\nRundgang\nAuswertung",
        "goals": ["inform"],
    }
    assert client.post(f"/dialoge/{dialogue.pk}/methoden/neu/", {**data, "max_participants": 2}).status_code == 422
    assert client.post(f"/dialoge/{dialogue.pk}/methoden/neu/", data).status_code == 302
    own = Method.objects.get(name="Stadtspaziergang")
    assert own.municipality == dialogue.municipality
    builtin = Method.objects.get(key="world_cafe")
    assert client.get(f"/dialoge/{dialogue.pk}/methoden/{builtin.pk}/bearbeiten/").status_code == 403
    assert client_for(moderator).post(f"/dialoge/{dialogue.pk}/methoden/neu/", data).status_code == 403

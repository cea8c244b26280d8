"""The coverage matrix themes × perspectives, with gaps said in words."""

from dialogwerk.preparation.coverage import ThemeGap, coverage, quadrant, ranked_gaps
from dialogwerk.preparation.models import Actor
from tests.preparation.helpers import ready


def test_gaps_are_the_pairs_no_actor_covers():
    result = coverage(
        [(1, "Bauen"), (2, "Schule")], [(10, "Verwaltung"), (20, "Geflüchtete")], [(10, [1, 2]), (20, [2])]
    )
    assert result.gaps == [("Bauen", "Geflüchtete")]
    assert result.count(2, 20) == 1 and result.empty_perspectives == []


def test_a_perspective_without_actors_is_reported_on_its_own():
    result = coverage([(1, "Bauen")], [(10, "Verwaltung"), (20, "Kirchen")], [(10, [1])])
    assert result.empty_perspectives == ["Kirchen"]


def test_the_gaps_that_matter_come_ranked_a_line_per_theme_and_an_empty_perspective_once():
    themes = [(1, "Bauen"), (2, "Schule"), (3, "Arbeit")]
    perspectives = [(10, "Verwaltung"), (20, "Geflüchtete"), (30, "Wirtschaft"), (40, "Kirchen")]
    result = coverage(themes, perspectives, [(10, [1, 2, 3]), (20, [2]), (30, [2, 3])])
    assert len(result.gaps) == 6  # three themes × the empty "Kirchen", and three more
    assert ranked_gaps(result) == [
        ThemeGap("Bauen", ["Geflüchtete", "Wirtschaft"]),
        ThemeGap("Arbeit", ["Geflüchtete"]),
    ]
    assert result.empty_perspectives == ["Kirchen"]


def test_the_quadrants_follow_the_classic_grid():
    assert quadrant(5, 5) == "manage_closely" and quadrant(5, 1) == "keep_satisfied"
    assert quadrant(1, 5) == "keep_informed" and quadrant(1, 1) == "monitor"


def test_the_page_says_which_perspective_is_missing_at_which_theme(client_for, steering_member, dialogue):
    ready(dialogue)
    housing = dialogue.themes.get(name="Bauen & Wohnen")
    for perspective in dialogue.perspectives.exclude(name="Geflüchtete"):
        actor = Actor.objects.create(dialogue=dialogue, name=f"A {perspective.name}", perspective=perspective)
        actor.themes.set(dialogue.themes.all())
    refugee = Actor.objects.create(
        dialogue=dialogue, name="Geflüchtetenrat", perspective=dialogue.perspectives.get(name="Geflüchtete")
    )
    refugee.themes.set(dialogue.themes.exclude(pk=housing.pk))
    html = client_for(steering_member).get(f"/dialoge/{dialogue.pk}/akteure/abdeckung/").content.decode()
    assert "Beim Thema „Bauen &amp; Wohnen“ fehlt der Blickwinkel „Geflüchtete“." in html
    assert html.count("Beim Thema") == 1
    overview = client_for(steering_member).get(f"/dialoge/{dialogue.pk}/").content.decode()
    assert "1 Blickwinkel fehlt bei Bauen &amp; Wohnen" in overview

"""List pages paginate (issue #5, item 3): a long list is split into pages with a pager that keeps the
filters, and the bundling board offers one shared list of clusters instead of a select per card."""

import datetime
import random
import re

import pytest
from django.utils import timezone

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.live import services as live_services
from dialogwerk.live.models import Contribution
from dialogwerk.measures import services as measure_services
from dialogwerk.measures.models import Measure
from dialogwerk.synthesis import views as synthesis_views
from dialogwerk.synthesis.models import Cluster, ClusterCard, Decision
from tests.worker import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(dialogue, consultant):
    return live_services.session_create(actor=consultant, dialogue=dialogue, title="Dialogtag")


def cards(session, count: int, text: str = "Karte") -> list[Contribution]:
    theme = session.dialogue.themes.order_by("position").first()
    return Contribution.objects.bulk_create(
        Contribution(session=session, kind="idea", theme=theme, text=f"{text} {i:03d}", language="de")
        for i in range(count)
    )


def clusters(dialogue, session, count: int) -> list[Cluster]:
    return Cluster.objects.bulk_create(
        Cluster(dialogue=dialogue, session=session, title=f"Bündel {i:03d}", position=i) for i in range(count)
    )


def test_the_board_pages_its_clusters_and_its_loose_cards(client_for, consultant, dialogue, session):
    per_cluster_page, per_card_page = synthesis_views.CLUSTERS_PER_PAGE, synthesis_views.CARDS_PER_PAGE
    made = clusters(dialogue, session, per_cluster_page + 5)
    loose = cards(session, per_card_page + 30)
    client = client_for(consultant)

    html = client.get(f"/dialoge/{dialogue.pk}/buendeln/").content.decode()
    assert html.count('class="card cluster drop-zone"') == per_cluster_page
    assert f"{made[per_cluster_page - 1].title}</h3>" in html and f"{made[per_cluster_page].title}</h3>" not in html
    assert f'id="karte-{loose[per_card_page - 1].pk}"' in html and f'id="karte-{loose[per_card_page].pk}"' not in html
    assert f"Noch nicht gebündelt ({per_card_page + 30})" in html and f"Bündel ({per_cluster_page + 5})" in html
    assert 'href="?buendel=2"' in html and 'href="?karten=2"' in html

    # The second page of one list keeps the other list's page and the filters.
    theme = dialogue.themes.order_by("position").first()
    second = client.get(
        f"/dialoge/{dialogue.pk}/buendeln/", {"theme": theme.pk, "karten": 2, "buendel": 2}
    ).content.decode()
    assert (
        f'id="karte-{loose[per_card_page].pk}"' in second and f'id="karte-{loose[per_card_page - 1].pk}"' not in second
    )
    assert f"{made[-1].title}</h3>" in second and f"{made[0].title}</h3>" not in second
    assert f"theme={theme.pk}&amp;karten=2&amp;buendel=1" in second  # "previous clusters" keeps the cards' page


def test_the_board_shows_ten_suggestions_and_says_how_many_more(client_for, consultant, dialogue, session):
    theme = dialogue.themes.order_by("position").first()
    subjects = [
        "Kita",
        "Schule",
        "Sprachkurs",
        "Bus",
        "Wohnung",
        "Arbeit",
        "Sport",
        "Musik",
        "Garten",
        "Fahrrad",
        "Arzt",
        "Küche",
    ]
    Contribution.objects.bulk_create(
        Contribution(
            session=session, kind="idea", theme=theme, text=f"{word}{variant} fehlt hier bei uns im Ort", language="de"
        )
        for word in subjects
        for variant in ("", "", "")
    )
    # As many cards that are like no other: at most half the cards are suggested.
    rng = random.Random(3)
    Contribution.objects.bulk_create(
        Contribution(
            session=session,
            kind="idea",
            theme=theme,
            language="de",
            text=" ".join("".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(7)) for _ in range(3)),
        )
        for _ in range(36)
    )
    client = client_for(consultant)
    client.get(f"/dialoge/{dialogue.pk}/buendeln/")
    run_worker()
    html = client.get(f"/dialoge/{dialogue.pk}/buendeln/").content.decode()
    shown = html.count('class="card suggestion"')
    assert shown == synthesis_views.SUGGESTIONS_SHOWN
    assert "2 weitere Vorschläge erscheinen" in html


def test_the_board_offers_one_shared_list_of_clusters_not_a_select_per_card(client_for, consultant, dialogue, session):
    clusters(dialogue, session, 40)
    cards(session, 30)
    html = client_for(consultant).get(f"/dialoge/{dialogue.pk}/buendeln/").content.decode()
    assert '<select name="cluster"' not in html
    assert html.count('<datalist id="cluster-choices">') == 1
    assert html.count('list="cluster-choices"') == 30
    # Every cluster is offered, also those on the next page of clusters.
    assert len(re.findall(r'<option value="\d+">Bündel', html)) == 40


def test_a_card_moves_to_the_cluster_whose_number_is_typed(client_for, consultant, dialogue, session):
    card = cards(session, 1)[0]
    target = clusters(dialogue, session, 2)[1]
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/buendeln/karten/{card.pk}/verschieben/", {"cluster": f"#{target.pk}"}
    )
    assert response.status_code == 302
    assert ClusterCard.objects.get(contribution=card).cluster == target


@pytest.mark.parametrize("typed", ["999999", "zwei"])
def test_a_wrong_cluster_number_is_refused_with_a_message(client_for, consultant, dialogue, session, typed):
    card = cards(session, 1)[0]
    placed = clusters(dialogue, session, 1)[0]
    ClusterCard.objects.create(cluster=placed, contribution=card)
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/buendeln/karten/{card.pk}/verschieben/", {"cluster": typed}
    )
    assert response.status_code == 422
    assert "Bitte wählen Sie ein Bündel." in response.content.decode()
    assert ClusterCard.objects.get(contribution=card).cluster == placed  # unchanged


def test_a_cluster_of_another_dialogue_cannot_be_typed_in(client_for, consultant, dialogue, session, municipality):
    card = cards(session, 1)[0]
    elsewhere = Dialogue.objects.create(municipality=municipality, title="Anderer Dialog")
    foreign = Cluster.objects.create(dialogue=elsewhere, title="Fremd")
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/buendeln/karten/{card.pk}/verschieben/", {"cluster": foreign.pk}
    )
    assert response.status_code == 422 and not ClusterCard.objects.exists()


def test_the_dashboard_pages_the_dialogues(client_for, consultant, dialogue, municipality):
    Dialogue.objects.bulk_create(Dialogue(municipality=municipality, title=f"Dialog {i:03d}") for i in range(60))
    client = client_for(consultant)
    first = client.get("/").content.decode()
    assert first.count('class="badge badge-') == 50 and "Seite 1 von 2" in first
    second = client.get("/", {"page": 2}).content.decode()
    assert second.count('class="badge badge-') == 11


def test_a_municipality_whose_dialogues_are_on_another_page_says_so(
    client_for, consultant, municipality, other_municipality
):
    from tests.conftest import make_user

    make_user("beide@example.org", municipality, "consultant")
    both = make_user("zwei@example.org", other_municipality, "consultant")
    from dialogwerk.tenancy.models import Membership

    Membership.objects.create(user=both, municipality=municipality, role="consultant")
    Dialogue.objects.bulk_create(Dialogue(municipality=municipality, title=f"Dialog {i:03d}") for i in range(55))
    Dialogue.objects.create(municipality=other_municipality, title="Dialog in Kommune B")
    html = client_for(both).get("/").content.decode()
    assert "Dialog in Kommune B" not in html  # page 1 is Kommune A's (sorted by municipality)
    assert "Ihre 1 Dialoge stehen auf anderen Seiten." in html or "Ihr Dialog steht auf einer anderen Seite." in html


def test_the_catalogue_pages_and_keeps_its_filters(client_for, consultant, dialogue):
    Measure.objects.bulk_create(
        Measure(dialogue=dialogue, number=i + 1, title=f"Maßnahme {i:03d}", status="planned" if i % 2 else "done")
        for i in range(130)
    )
    client = client_for(consultant)
    html = client.get(f"/dialoge/{dialogue.pk}/massnahmen/", {"status": "planned", "sort": "title"}).content.decode()
    assert html.count('name="measures" value=') == 50
    assert "Seite 1 von 2" in html and "status=planned&amp;sort=title&amp;page=2" in html
    last = client.get(
        f"/dialoge/{dialogue.pk}/massnahmen/", {"status": "planned", "sort": "title", "page": 2}
    ).content.decode()
    assert last.count('name="measures" value=') == 15 and "Maßnahme 129" in last


def test_the_decisions_are_paged(client_for, consultant, dialogue):
    made = clusters(dialogue, None, 60)
    Decision.objects.bulk_create(
        Decision(
            dialogue=dialogue,
            cluster=c,
            title=f"Beschluss {i:03d}",
            outcome="adopted",
            decided_by=consultant,
            decided_at=timezone.now(),
        )
        for i, c in enumerate(made)
    )
    client = client_for(consultant)
    first = client.get(f"/dialoge/{dialogue.pk}/entscheidungen/").content.decode()
    assert first.count('id="entscheidung-') == 50
    assert (
        client.get(f"/dialoge/{dialogue.pk}/entscheidungen/", {"page": 2}).content.decode().count('id="entscheidung-')
        == 10
    )


def test_the_steering_group_dashboard_lists_twenty_per_bucket_and_links_the_rest(client_for, consultant, dialogue):
    Measure.objects.bulk_create(
        Measure(
            dialogue=dialogue,
            number=i + 1,
            title=f"Überfällig {i:03d}",
            status="in_progress",
            due_on=datetime.date(2020, 1, 1),
        )
        for i in range(25)
    )
    html = client_for(consultant).get(f"/dialoge/{dialogue.pk}/begleitkreis/").content.decode()
    assert "Überfällig 019" in html and "Überfällig 024" not in html.split("overdue-heading")[1].split("</section>")[0]
    assert f"/dialoge/{dialogue.pk}/massnahmen/?due=overdue" in html


def test_the_public_status_page_is_paged_and_shows_a_change_at_once(client, consultant, dialogue):
    Measure.objects.bulk_create(
        Measure(dialogue=dialogue, number=i + 1, title=f"Öffentlich {i:03d}", public=True) for i in range(55)
    )
    url = f"/status/{dialogue.pk}/"
    first = client.get(url).content.decode()
    assert first.count('class="card"') >= 50 and "Öffentlich 049" in first and "Öffentlich 050" not in first
    assert "Öffentlich 054" in client.get(url, {"page": 2}).content.decode()

    # The content is cached, but a change to a measure shows on the next visit.
    measure = Measure.objects.get(title="Öffentlich 000")
    measure_services.measure_update(actor=consultant, measure=measure, title="Sprachcafé im Rathaus")
    assert "Sprachcafé im Rathaus" in client.get(url).content.decode()


def test_the_cached_status_page_carries_each_visitors_own_csrf_token(client, dialogue):
    Measure.objects.create(dialogue=dialogue, title="Öffentlich", public=True)
    url = f"/status/{dialogue.pk}/"
    from django.test import Client

    tokens = set()
    for visitor in (client, Client(), Client()):
        html = visitor.get(url).content.decode()
        tokens.add(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1))
    assert len(tokens) == 3

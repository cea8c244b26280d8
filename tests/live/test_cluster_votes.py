"""Dot votes over clusters (Bündel): participants put dots on clusters, the ranking names the clusters, the
budget defaults to a third of the clusters and holds as for cards."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections

from dialogwerk.live import selectors, services
from dialogwerk.live.models import Subject, Vote
from dialogwerk.live.services import Conflict
from dialogwerk.synthesis import services as synthesis


@pytest.fixture
def clusters(session, participant, card_of, consultant):
    cards = [card_of(session, participant, f"Karte {i}") for i in range(4)]
    return [
        synthesis.cluster_create(actor=consultant, dialogue=session.dialogue, title=title, cards=[card])
        for title, card in zip(["Sprachkurse", "Wohnraum", "Kita-Plätze", "Begegnung"], cards)
    ]


def test_a_vote_over_chosen_clusters_has_a_third_of_them_as_budget(session, moderator, clusters):
    voting = services.voting_open(
        actor=moderator, session=session, title="Was zuerst?", subject=Subject.CLUSTERS, clusters=clusters[:3]
    )
    assert voting.budget == 1 and voting.over_clusters
    assert [c.title for c in selectors.voting_cluster_options(voting=voting)] == [
        "Sprachkurse",
        "Wohnraum",
        "Kita-Plätze",
    ]


def test_dots_on_clusters_rank_by_title(session, moderator, clusters, participant, join):
    voting = services.voting_open(
        actor=moderator, session=session, title="x", subject=Subject.CLUSTERS, all_cards=True, budget=2
    )
    other, _token = join(session, "Ben")
    services.vote_place(participant=participant, cluster_id=clusters[1].pk)
    services.vote_place(participant=other, cluster_id=clusters[1].pk)
    services.vote_place(participant=other, cluster_id=clusters[3].pk)
    ranking = selectors.voting_data(voting)["ranking"]
    assert [(p["title"], p["dots"], p["rank"]) for p in ranking[:2]] == [("Wohnraum", 2, 1), ("Begegnung", 1, 2)]


def test_a_card_id_is_refused_in_a_vote_over_clusters_and_the_other_way_round(
    session, moderator, clusters, participant
):
    services.voting_open(
        actor=moderator, session=session, title="x", subject=Subject.CLUSTERS, clusters=clusters[:1], budget=1
    )
    with pytest.raises(ValidationError):
        services.vote_place(participant=participant, contribution_id=clusters[0].cards.first().pk)
    with pytest.raises(ValidationError):
        services.vote_place(participant=participant, cluster_id=clusters[1].pk)  # not chosen


def test_a_cluster_takes_one_dot_per_person_and_the_budget_holds(session, moderator, clusters, participant):
    services.voting_open(
        actor=moderator, session=session, title="x", subject=Subject.CLUSTERS, all_cards=True, budget=2
    )
    services.vote_place(participant=participant, cluster_id=clusters[0].pk)
    with pytest.raises(Conflict):
        services.vote_place(participant=participant, cluster_id=clusters[0].pk)
    services.vote_place(participant=participant, cluster_id=clusters[1].pk)
    with pytest.raises(Conflict):
        services.vote_place(participant=participant, cluster_id=clusters[2].pk)
    services.vote_withdraw(participant=participant, contribution_id=clusters[0].pk)
    services.vote_place(participant=participant, cluster_id=clusters[2].pk)
    assert sorted(Vote.objects.filter(withdrawn_at__isnull=True).values_list("cluster__title", flat=True)) == [
        "Kita-Plätze",
        "Wohnraum",
    ]


def test_a_vote_over_clusters_needs_clusters(session, moderator):
    with pytest.raises(ValidationError):
        services.voting_open(actor=moderator, session=session, title="x", subject=Subject.CLUSTERS, all_cards=True)


def test_clusters_over_the_participant_api(client, session, moderator, clusters, participant_and_token):
    _participant, token = participant_and_token
    services.voting_open(
        actor=moderator, session=session, title="x", subject=Subject.CLUSTERS, all_cards=True, budget=1
    )
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    url = f"/api/v1/live/{session.code}/votes"
    placed = client.post(
        url, {"cluster": clusters[2].pk}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="d1", **headers
    )
    assert placed.status_code == 201 and placed.json()["cluster"] == clusters[2].pk and placed.json()["dots_left"] == 0
    again = client.post(
        url, {"cluster": clusters[2].pk}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="d1", **headers
    )
    assert again.status_code == 200
    over = client.post(
        url, {"cluster": clusters[3].pk}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="d2", **headers
    )
    assert over.status_code == 409 and over.json()["detail"]
    results = client.get(f"/api/v1/live/{session.code}/results").json()
    assert results["subject"] == "clusters" and results["ranking"][0] == {
        "contribution": None,
        "cluster": clusters[2].pk,
        "title": "Kita-Plätze",
        "dots": 1,
        "rank": 1,
    }
    taken = client.delete(f"{url}/{clusters[2].pk}", **headers)
    assert taken.status_code == 200 and taken.json()["dots_left"] == 1


def test_the_wall_and_the_phone_show_cluster_titles(
    client_for, client, session, moderator, clusters, participant_and_token
):
    participant, token = participant_and_token
    services.voting_open(
        actor=moderator, session=session, title="x", subject=Subject.CLUSTERS, all_cards=True, budget=2
    )
    services.vote_place(participant=participant, cluster_id=clusters[1].pk)
    wall = client_for(moderator).get(f"/veranstaltungen/{session.pk}/wand/").content.decode()
    assert (
        f'data-cluster="{clusters[1].pk}"' in wall.split('id="ranking-list"')[1]
        and "Wohnraum" in wall.split('id="ranking-list"')[1]
    )
    client.logout()
    client.cookies["dwlive_" + session.code] = token
    phone = client.get(f"/j/{session.code}/live/", follow=True).content.decode()
    assert 'data-subject="cluster"' in phone and "Begegnung" in phone


def test_a_moderator_opens_a_vote_over_clusters_on_the_page(client_for, moderator, session, clusters):
    response = client_for(moderator).post(
        f"/veranstaltungen/{session.pk}/punktabfrage/",
        {"title": "Bündel", "subject": "clusters", "clusters": [clusters[0].pk, clusters[1].pk], "visibility": "live"},
    )
    assert response.status_code == 302
    voting = session.votings.get()
    assert (
        voting.over_clusters
        and voting.budget == 1
        and set(voting.cluster_options.values_list("pk", flat=True)) == {clusters[0].pk, clusters[1].pk}
    )


@pytest.mark.django_db(transaction=True)
def test_the_budget_over_clusters_holds_when_dots_arrive_at_once(session, participant, moderator, clusters):
    services.voting_open(
        actor=moderator, session=session, title="x", subject=Subject.CLUSTERS, all_cards=True, budget=2
    )
    barrier = threading.Barrier(4)
    outcomes = []

    def place(cluster):
        try:
            barrier.wait()
            services.vote_place(participant=participant, cluster_id=cluster.pk, idempotency_key=f"c{cluster.pk}")
            outcomes.append("placed")
        except Conflict:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001
            outcomes.append(repr(error))
        finally:
            close_old_connections()

    threads = [threading.Thread(target=place, args=(cluster,)) for cluster in clusters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["placed"] * 2 + ["refused"] * 2
    assert Vote.objects.filter(participant=participant, withdrawn_at__isnull=True).count() == 2

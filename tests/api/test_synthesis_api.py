"""Results over the API: members read, planners bundle, decide and set up working groups."""

import pytest

from dialogwerk.live import services as live_services
from dialogwerk.synthesis.models import Cluster, ClusterCard, Decision, WorkingGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def cards(consultant, dialogue):
    session = live_services.session_create(actor=consultant, dialogue=dialogue, title="Abend")
    theme = dialogue.themes.first()
    return [
        live_services.contribution_submit(
            session=session, author_user=consultant, kind="idea", theme_id=theme.pk, text=text
        )[0]
        for text in ("Sprachcafé", "Sprachkurs", "Fußball")
    ]


def test_a_planner_bundles_renames_moves_and_dissolves(api_as, consultant, dialogue, cards):
    api = api_as(consultant)
    base = f"/api/v1/dialogues/{dialogue.pk}/clusters/"
    created = api.post(base, {"title": "Sprache", "cards": [cards[0].pk, cards[1].pk]})
    assert created.status_code == 201, created.content
    cluster = created.json()
    assert cluster["cards"] == [cards[0].pk, cards[1].pk] and cluster["kind"] == "idea"
    assert api.patch(f"{base}{cluster['id']}", {"title": "Deutsch lernen"}).json()["title"] == "Deutsch lernen"
    assert api.put(f"{base}{cluster['id']}/cards/{cards[2].pk}").json()["cards"] == [c.pk for c in cards]
    assert api.delete(f"{base}{cluster['id']}/cards/{cards[2].pk}").json()["cards"] == [cards[0].pk, cards[1].pk]
    assert api.delete(f"{base}{cluster['id']}/cards/{cards[2].pk}").status_code == 404
    assert api.delete(f"{base}{cluster['id']}").status_code == 204
    assert not Cluster.objects.exists() and not ClusterCard.objects.exists()


def test_a_card_of_another_dialogue_is_refused_and_nothing_is_bundled(
    api_as, consultant, municipality, dialogue, cards
):
    from dialogwerk.dialogues.services import dialogue_create

    other = dialogue_create(actor=consultant, municipality=municipality, title="Anderer")
    response = api_as(consultant).post(
        f"/api/v1/dialogues/{other.pk}/clusters/", {"title": "X", "cards": [cards[0].pk]}
    )
    assert response.status_code == 422 and list(response.json()["errors"]) == ["cards"]
    assert not Cluster.objects.exists()


def test_decisions_adopted_rejected_and_delegated(api_as, consultant, dialogue, cards):
    api = api_as(consultant)
    base = f"/api/v1/dialogues/{dialogue.pk}"
    cluster = api.post(f"{base}/clusters/", {"title": "Sprache", "cards": [cards[0].pk]}).json()
    adopted = api.post(f"{base}/decisions/", {"cluster": cluster["id"], "outcome": "adopted"})
    assert adopted.status_code == 201 and adopted.json()["title"] == "Sprache"
    no_reason = api.post(f"{base}/decisions/", {"card": cards[1].pk, "outcome": "rejected"})
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["errors"]
    assert (
        api.post(
            f"{base}/decisions/", {"card": cards[1].pk, "outcome": "rejected", "reason": "Gibt es schon"}
        ).status_code
        == 201
    )
    group = api.post(
        f"{base}/working-groups/",
        {
            "name": "AG Sport",
            "mandate": "Vereine fragen",
            "proposal_due_on": "2027-03-01",
            "member_users": [consultant.pk],
        },
    )
    assert group.status_code == 201 and group.json()["member_users"] == [consultant.pk]
    delegated = api.post(
        f"{base}/decisions/", {"card": cards[2].pk, "outcome": "delegated", "working_group": group.json()["id"]}
    )
    assert delegated.status_code == 201 and delegated.json()["working_group"] == group.json()["id"]
    listed = api.get(f"{base}/decisions/").json()
    assert listed["count"] == 3
    assert [row["outcome"] for row in api.get(f"{base}/decisions/", outcome="delegated").json()["items"]] == [
        "delegated"
    ]
    assert api.get(f"{base}/decisions/", outcome="vertagt").status_code == 422
    assert api.get(f"{base}/decisions/{adopted.json()['id']}").json()["cluster"] == cluster["id"]


def test_a_working_group_reports_back_and_its_proposal_is_decided(api_as, consultant, dialogue):
    api = api_as(consultant)
    base = f"/api/v1/dialogues/{dialogue.pk}/working-groups/"
    group = api.post(base, {"name": "AG", "mandate": "M", "proposal_due_on": "2027-03-01"}).json()
    report = api.post(
        f"{base}{group['id']}/report", {"report": "Gefunden", "reported_on": "2027-02-01", "proposals": ["Kurs", " "]}
    )
    assert report.status_code == 200 and [p["title"] for p in report.json()["proposals"]] == ["Kurs"]
    proposal = report.json()["proposals"][0]["id"]
    decided = api.post(f"/api/v1/dialogues/{dialogue.pk}/decisions/", {"proposal": proposal, "outcome": "adopted"})
    assert decided.status_code == 201 and decided.json()["title"] == "Kurs"
    assert api.get(f"{base}{group['id']}").json()["proposals"][0]["decided"] is True


def test_a_member_of_another_municipality_cannot_join_a_working_group(api_as, consultant, outsider, dialogue):
    response = api_as(consultant).post(
        f"/api/v1/dialogues/{dialogue.pk}/working-groups/",
        {"name": "AG", "mandate": "M", "proposal_due_on": "2027-03-01", "member_users": [outsider.pk]},
    )
    assert response.status_code == 422 and list(response.json()["errors"]) == ["member_users"]
    assert not WorkingGroup.objects.exists()


def test_roles_tokens_and_municipalities(api_as, consultant, steering_member, outsider, dialogue, cards):
    path = f"/api/v1/dialogues/{dialogue.pk}/decisions/"
    body = {"card": cards[0].pk, "outcome": "adopted"}
    assert api_as(steering_member).get(path).status_code == 200
    assert api_as(steering_member).post(path, body).status_code == 403
    assert api_as(consultant, scope="read").post(path, body).status_code == 403
    assert api_as(outsider).get(path).status_code == 404
    assert api_as(outsider).post(path, body).status_code == 404
    assert api_as(steering_member).post(f"/api/v1/dialogues/{dialogue.pk}/clusters/", {"title": "X"}).status_code == 403
    assert not Decision.objects.exists() and not Cluster.objects.exists()

"""Measures over the API: members read and filter, planners change, steering members report progress."""

import datetime

import pytest

from dialogwerk.measures.models import Measure, ProgressUpdate

pytestmark = pytest.mark.django_db


def test_a_planner_adds_filters_and_changes_measures_with_history(api_as, consultant, dialogue):
    api = api_as(consultant)
    base = f"/api/v1/dialogues/{dialogue.pk}/measures/"
    theme = dialogue.themes.first()
    created = api.post(
        base,
        {
            "title": "Sprachcafé",
            "theme": theme.pk,
            "responsible_person": "Frau Yilmaz",
            "due_on": "2020-01-01",
            "cost_estimate": "250.50",
        },
    )
    assert created.status_code == 201, created.content
    assert created.json()["owner"] == "Frau Yilmaz" and created.json()["cost_estimate"] in ("250.50", 250.5)
    second = api.post(base, {"title": "Fußball", "status": "done", "progress": 100})
    assert (created.json()["code"], second.json()["code"]) == ("M-01", "M-02")  # as the catalogue cites them
    assert [m["title"] for m in api.get(base, due="overdue").json()["items"]] == ["Sprachcafé"]
    assert [m["title"] for m in api.get(base, owner="yilmaz").json()["items"]] == ["Sprachcafé"]
    assert [m["title"] for m in api.get(base, status="done").json()["items"]] == ["Fußball"]
    assert api.get(base, theme=theme.pk, page_size=1).json()["count"] == 1
    changed = api.patch(f"{base}{created.json()['id']}", {"status": "in_progress", "progress": 30})
    assert changed.status_code == 200 and changed.json()["progress"] == 30
    measure = Measure.objects.get(pk=created.json()["id"])
    assert measure.changes.first().changes == {"status": ["planned", "in_progress"], "progress": ["0", "30"]}


def test_a_measure_from_an_adopted_decision_links_its_cluster(api_as, consultant, dialogue):
    from dialogwerk.synthesis import services as synthesis

    cluster = synthesis.cluster_create(actor=consultant, dialogue=dialogue, title="Sprache")
    decision = synthesis.decision_create(
        actor=consultant, dialogue=dialogue, outcome="adopted", title="Sprache", cluster=cluster
    )
    response = api_as(consultant).post(
        f"/api/v1/dialogues/{dialogue.pk}/measures/", {"title": "Kurs", "decision": decision.pk}
    )
    assert (
        response.status_code == 201
        and response.json()["decision"] == decision.pk
        and response.json()["clusters"] == [cluster.pk]
    )


def test_a_due_date_before_the_start_is_refused_and_nothing_changes(api_as, consultant, dialogue):
    api = api_as(consultant)
    base = f"/api/v1/dialogues/{dialogue.pk}/measures/"
    bad = api.post(base, {"title": "X", "starts_on": "2027-02-01", "due_on": "2027-01-01"})
    assert bad.status_code == 422 and "due_on" in bad.json()["errors"]
    assert not Measure.objects.exists()
    measure = api.post(base, {"title": "Y"}).json()
    bad = api.patch(f"{base}{measure['id']}", {"working_group": 999999})
    assert bad.status_code == 422 and list(bad.json()["errors"]) == ["working_group"]
    assert api.patch(f"{base}{measure['id']}", {"progress": 101}).status_code == 422
    assert Measure.objects.get(pk=measure["id"]).progress == 0


def test_a_steering_member_reports_progress_but_may_not_edit(api_as, consultant, steering_member, dialogue):
    measure = api_as(consultant).post(f"/api/v1/dialogues/{dialogue.pk}/measures/", {"title": "Kurs"}).json()
    path = f"/api/v1/dialogues/{dialogue.pk}/measures/{measure['id']}"
    api = api_as(steering_member)
    report = api.post(
        f"{path}/updates/",
        {"reported_on": str(datetime.date.today()), "text": "Läuft", "status": "done", "progress": 40},
    )
    assert report.status_code == 201, report.content
    assert report.json()["progress"] == 100 and report.json()["author"]
    assert api.get(f"{path}/updates/").json()["count"] == 1
    assert api.get(path).json()["status"] == "done"
    assert api.patch(path, {"title": "Anders"}).status_code == 403
    assert api.post(f"/api/v1/dialogues/{dialogue.pk}/measures/", {"title": "Neu"}).status_code == 403


def test_roles_tokens_and_municipalities(api_as, consultant, moderator, outsider, dialogue):
    measure = api_as(consultant).post(f"/api/v1/dialogues/{dialogue.pk}/measures/", {"title": "Kurs"}).json()
    path = f"/api/v1/dialogues/{dialogue.pk}/measures/{measure['id']}"
    report = {"reported_on": "2027-01-01", "text": "x", "status": "in_progress", "progress": 10}
    assert api_as(moderator).get(path).status_code == 200
    assert api_as(moderator).post(f"{path}/updates/", report).status_code == 403
    assert api_as(consultant, scope="read").patch(path, {"title": "Anders"}).status_code == 403
    assert api_as(outsider).get(path).status_code == 404
    assert api_as(outsider).post(f"{path}/updates/", report).status_code == 404
    assert Measure.objects.get(pk=measure["id"]).title == "Kurs" and not ProgressUpdate.objects.exists()


def test_a_bad_progress_report_names_its_fields_and_changes_nothing(api_as, consultant, dialogue):
    api = api_as(consultant)
    measure = api.post(f"/api/v1/dialogues/{dialogue.pk}/measures/", {"title": "Kurs"}).json()
    path = f"/api/v1/dialogues/{dialogue.pk}/measures/{measure['id']}/updates/"
    bad = api.post(path, {"reported_on": "gestern", "text": "", "status": "fertig", "progress": 140})
    assert bad.status_code == 422
    assert set(bad.json()["errors"]) == {"reported_on", "text", "status", "progress"}
    assert bad.json()["errors"]["progress"] == ["Höchstens 100."]
    assert not ProgressUpdate.objects.exists() and Measure.objects.get(pk=measure["id"]).progress == 0

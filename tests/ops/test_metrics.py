"""/metrics: requests by URL name and status, latency per URL name, the task queue, WebSocket clients;
bounded labels, no tenant data, and a bearer token or address list when the operator sets one."""

import pytest
from prometheus_client.parser import text_string_to_metric_families

from dialogwerk.measures.tasks import send_reminders


def scrape(client, **headers) -> dict[tuple[str, tuple], float]:
    response = client.get("/metrics", **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain")
    return samples(response.content.decode())


def samples(text: str) -> dict[tuple[str, tuple], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def requests_of(figures, route: str, status: str = "200", method: str = "GET") -> float:
    return figures.get(
        ("dialogwerk_http_requests_total", (("method", method), ("route", route), ("status", status))), 0.0
    )


@pytest.mark.django_db
def test_a_request_is_counted_under_its_url_name_with_its_latency(client):
    before = scrape(client)
    client.get("/healthz")
    client.get("/healthz")
    after = scrape(client)
    assert requests_of(after, "healthz") - requests_of(before, "healthz") == 2
    count = ("dialogwerk_http_request_duration_seconds_count", (("route", "healthz"),))
    assert after[count] - before.get(count, 0) == 2
    assert after[("dialogwerk_http_request_duration_seconds_sum", (("route", "healthz"),))] > 0


@pytest.mark.django_db
def test_unknown_paths_share_one_label_instead_of_their_path(client):
    before = scrape(client)
    for n in range(3):
        client.get(f"/no-such-page-{n}/")
    text = client.get("/metrics").content.decode()
    assert "no-such-page" not in text
    assert requests_of(samples(text), "unmatched", "404") - requests_of(before, "unmatched", "404") == 3


@pytest.mark.django_db
def test_pages_are_labelled_with_their_namespaced_url_name(client_for, consultant, dialogue):
    before = scrape(client_for(consultant))
    assert client_for(consultant).get(f"/dialoge/{dialogue.pk}/").status_code == 200
    after = scrape(client_for(consultant))
    routes = {
        dict(labels)["route"]
        for (name, labels), value in after.items()
        if name == "dialogwerk_http_requests_total" and value > before.get((name, labels), 0)
    }
    assert any(route.startswith("dialogues:") for route in routes), routes
    assert not any(str(dialogue.pk) in route for route in routes)


@pytest.mark.django_db
def test_the_task_queue_depth_counts_tasks_waiting_for_a_worker(client):
    before = scrape(client).get(("dialogwerk_tasks_ready", (("queue", "default"),)), 0)
    send_reminders.enqueue(today="2026-12-01")
    send_reminders.enqueue(today="2026-12-02")
    assert scrape(client)[("dialogwerk_tasks_ready", (("queue", "default"),))] == before + 2


@pytest.mark.django_db
def test_it_shows_no_tenant_data(client, municipality, dialogue, consultant):
    client.force_login(consultant)
    client.get(f"/dialoge/{dialogue.pk}/")
    text = client.get("/metrics").content.decode()
    # Sample values are left out: a latency such as 0.0285080000012 may contain the digits of an AGS.
    names_and_labels = "\n".join(line if line.startswith("#") else line.rsplit(" ", 1)[0] for line in text.splitlines())
    for secret in ("Kommune A", "Zusammenleben", "consultant@a.example", "08000001"):
        assert secret not in names_and_labels


@pytest.mark.django_db
def test_a_token_protects_it_when_set(client, settings):
    settings.METRICS_TOKEN = "s3cret-scrape-token"
    missing = client.get("/metrics")
    assert missing.status_code == 401 and missing["WWW-Authenticate"].startswith("Bearer")
    assert b"dialogwerk_http" not in missing.content
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="s3cret-scrape-token").status_code == 401
    assert scrape(client, HTTP_AUTHORIZATION="Bearer s3cret-scrape-token")


@pytest.mark.django_db
def test_an_address_list_protects_it_when_set(client, settings):
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8"]
    assert client.get("/metrics", REMOTE_ADDR="192.0.2.7").status_code == 403
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8", "127.0.0.1"]
    assert client.get("/metrics").status_code == 200


@pytest.mark.django_db
def test_the_running_sessions_and_their_participants_are_counted(client, dialogue, moderator):
    # Declared by the live app (core/registry.metric_figures): core reads no live model itself.
    from dialogwerk.live import services as live_services

    def figures():
        found = scrape(client)
        return found[("dialogwerk_live_sessions_running", ())], found[
            ("dialogwerk_live_participants_in_running_sessions", ())
        ]

    before = figures()
    session = live_services.session_create(actor=moderator, dialogue=dialogue, title="Abend", method="world_cafe")
    for name in ("Amal", "Olena"):
        live_services.participant_join(session=session, display_name=name, language="de", consent=True)
    assert figures() == before  # not running yet
    live_services.session_control(actor=moderator, session=session, action="start")
    assert figures() == (before[0] + 1, before[1] + 2)

"""Printed table lists and route cards (PDF), the print view, and the route on a participant's phone."""

import io
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from dialogwerk.live import services as live_services
from dialogwerk.seating import services
from dialogwerk.seating.selectors import RouteStep, route_for_participant

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def url(name, dialogue, plan):
    return reverse(name, kwargs={"dialogue_id": dialogue.pk, "plan_id": plan.pk})


def someone_at(plan, round_index, table_number):
    return (
        plan.assignments.filter(round_index=round_index, table_number=table_number)
        .select_related("person")
        .first()
        .person
    )


def test_the_table_lists_pdf_lists_every_table_of_every_round(client_for, steering_member, dialogue, plan):
    response = client_for(steering_member).get(url("seating:table_lists_pdf", dialogue, plan))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert "Tischplan: Welt-Café am Abend" in text
    for number in (1, 2, 3):
        assert f"Runde {number}" in text
    assert "Tisch 3 – Ausbildung & Arbeit" in text
    assert "Jürgen Öztürk" in text and "Sevgi Aydın" in text and "Lina Groß" in text


def test_the_route_cards_pdf_gives_everyone_their_tables_and_a_qr_code(client_for, moderator, dialogue, plan):
    response = client_for(moderator).get(url("seating:route_cards_pdf", dialogue, plan))
    assert response.status_code == 200
    text = pdf_text(response)
    person = someone_at(plan, 0, 3)
    assert person.name in text
    assert "Runde 1: Tisch 3 – Ausbildung & Arbeit" in text
    assert plan.session.code in text
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2  # 8 cards a page
    assert all(page.images for page in reader.pages)  # the QR code (one image, drawn on every card)


def test_the_print_view_shows_lists_and_cards_with_the_join_qr_code(client_for, consultant, dialogue, plan):
    page = client_for(consultant).get(url("seating:print", dialogue, plan))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Laufkarten" in text and "Runde 2: Tisch" in text
    assert 'src="data:image/png;base64,' in text
    assert "<style" not in text and not re.search(r"<script(?![^>]*\ssrc=)", text)  # nothing inline (CSP)


def test_a_linked_participant_sees_their_route(consultant, cafe):
    participant, _token = live_services.participant_join(session=cafe, display_name="Fatima", consent=True)
    services.plan_create(
        actor=consultant,
        session=cafe,
        rounds=3,
        table_size=2,
        people_text="Bert\nCarla\nDeniz\nEmil\nFrieda",
        max_iterations=300,
    )
    route = route_for_participant(participant)
    assert [step.round_number for step in route] == [1, 2, 3]
    assert all(1 <= step.table_number <= 3 for step in route)
    assert route[0].theme_name == "Bauen & Wohnen" if route[0].table_number == 1 else route[0].theme_name
    with translation.override("de"):
        assert route[1].label.startswith("Runde 2: Tisch ")


def test_a_participant_is_found_by_name_when_the_plan_was_made_before_they_joined(consultant, cafe):
    services.plan_create(
        actor=consultant,
        session=cafe,
        rounds=2,
        table_size=2,
        people_text="Bert\nCarla\nDeniz\nEmil",
        max_iterations=300,
    )
    carla, _token = live_services.participant_join(session=cafe, display_name="carla", consent=True)
    stranger, _token = live_services.participant_join(session=cafe, display_name="Zoe", consent=True)
    assert len(route_for_participant(carla)) == 2
    assert route_for_participant(stranger) == []


def test_a_participant_of_a_session_without_plan_has_no_route(cafe):
    participant, _token = live_services.participant_join(session=cafe, display_name="Bert", consent=True)
    assert route_for_participant(participant) == []


def test_the_route_snippet_marks_the_current_round_and_speaks_the_participants_language():
    route = [RouteStep(1, 3, "Bauen & Wohnen"), RouteStep(2, 4, "Ausbildung & Arbeit")]
    with translation.override("de"):
        html = render_to_string("seating/_route.html", {"route": route, "current_round": 2})
    assert "Runde 2: Tisch 4 – Ausbildung &amp; Arbeit" in html and 'aria-current="step"' in html
    with translation.override("ar"):
        assert "الجولة 1" in render_to_string("seating/_route.html", {"route": route})
    with translation.override("uk"):
        assert RouteStep(2, 4).label == "Раунд 2: стіл 4"
    assert render_to_string("seating/_route.html", {"route": []}).strip() == ""

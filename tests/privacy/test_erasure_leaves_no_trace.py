"""The check of issue #7: an erasure request for a demo participant leaves no trace of the person in the
database, the documents or the API, while the dialogue's results still add up."""

import io

import pytest
from pypdf import PdfReader

from dialogwerk.api import api
from dialogwerk.apitokens.services import token_create
from dialogwerk.core.demo import load_demo
from dialogwerk.live import selectors as live_selectors
from dialogwerk.live import services as live_services
from dialogwerk.live.codes import token_digest
from dialogwerk.live.models import Contribution, Participant, Vote
from dialogwerk.reports import documentation, render_pdf
from dialogwerk.seating.services import plan_create
from dialogwerk.tenancy.models import AuditLogEntry
from tests.privacy.stored import every_stored_text

pytestmark = pytest.mark.django_db

NAME = "Zeynep Kaya-Demir"


def every_get_answer(client, secret: str, ids: dict) -> str:
    """Every GET operation of the API whose path parameters we can fill, as the demo administrator."""
    out = []
    for path, methods in api.get_openapi_schema()["paths"].items():
        if "get" not in methods:
            continue
        names = [part.split("}")[0] for part in path.split("{")[1:]]
        if any(name not in ids for name in names):
            continue
        url = path
        for name in names:
            url = url.replace("{" + name + "}", str(ids[name]))
        out.append(client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}").content.decode())
    return "\n".join(out)


def tallies(session) -> tuple:
    voting = live_selectors.current_voting(session=session)
    return (
        Contribution.objects.filter(session=session).count(),
        Vote.objects.filter(voting=voting, withdrawn_at__isnull=True).count(),
        [(place["contribution"], place["dots"]) for place in live_selectors.ranking(voting=voting)],
    )


def documentation_pdf_text(dialogue) -> str:
    pdf = render_pdf.render(documentation.build(dialogue))
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def test_erasing_a_demo_participant_leaves_no_trace_while_the_results_add_up(client, settings):
    settings.RATE_LIMITS_ENABLED = False
    context = load_demo()
    session, admin = context["live_session"], context["users"]["admin"]
    theme = session.dialogue.themes.order_by("position").first()
    person, token = live_services.participant_join(
        session=session, display_name=NAME, language="tr", consent=True, perspective="Nachbarschaft"
    )
    other, _other_token = live_services.participant_join(session=session, display_name="Jonas", consent=True)
    cards = [
        live_services.contribution_submit(
            session=session, participant=person, kind="idea", theme_id=theme.pk, text=text
        )[0]
        for text in ("Mehr Sprachkurse am Abend", "Ein Begegnungscafé im Rathaus")
    ]
    live_services.vote_place(participant=person, contribution_id=cards[0].pk)
    live_services.vote_place(participant=other, contribution_id=cards[0].pk)
    live_services.vote_place(participant=other, contribution_id=cards[1].pk)
    # The demo names hosts for tables 1–5 (from the agenda), so the plan needs five tables.
    plan_create(
        actor=admin,
        session=session,
        rounds=1,
        tables=5,
        include_participants=True,
        include_invitations=False,
        people_text="",
        max_iterations=50,
    )
    digest = token_digest(token)
    assert NAME in every_stored_text() and digest in every_stored_text()  # the scan would find them
    before = tallies(session)

    client.force_login(admin)
    url = f"/kommunen/{session.dialogue.municipality_id}/datenschutz/teilnehmende/{person.pk}/loeschen/"
    assert client.post(url, {"confirm": "on"}).status_code == 302

    stored = every_stored_text()
    assert NAME not in stored and digest not in stored and token not in stored
    assert tallies(session) == before
    assert (
        Participant.objects.filter(pk=person.pk).exists()
        and Contribution.objects.filter(participant=person).count() == 2
    )
    erasure = AuditLogEntry.objects.filter(municipality=session.dialogue.municipality).order_by("-id").first()
    assert erasure.changes == {} and NAME not in str(erasure)

    _access, secret = token_create(user=admin, name="Check")
    ids = {
        "dialogue_id": session.dialogue_id,
        "municipality_id": session.dialogue.municipality_id,
        "code": session.code,
        "theme_id": theme.pk,
        "session_id": session.pk,
    }
    answers = every_get_answer(client, secret, ids)
    assert "Mehr Sprachkurse am Abend" in answers  # the cards are still there …
    assert NAME not in answers  # … without their author
    assert client.get(f"/api/v1/live/{session.code}/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    assert NAME not in documentation_pdf_text(session.dialogue)

"""A municipality administrator answers an erasure request in the browser: finds the participant, looks at
and downloads what is stored, erases it (confirmation first) — axe on every page, the notice too."""

import json

import pytest

from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.live import services as live_services
from dialogwerk.live.models import Contribution, Method, Participant
from dialogwerk.tenancy.models import Municipality, Role
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import assert_accessible, login


@pytest.fixture
def request_to_erase(server):
    municipality = Municipality.objects.create(name="Neustadt", ags="08999003", population=9000)
    admin = make_user("admin@neustadt.de", municipality, Role.MUNICIPALITY_ADMIN)
    dialogue = dialogue_create(actor=admin, municipality=municipality, title="Dialog Neustadt")
    session = live_services.session_create(
        actor=admin, dialogue=dialogue, title="Abend im Rathaus", method=Method.WORLD_CAFE
    )
    participant, _token = live_services.participant_join(
        session=session, display_name="Leyla Ahmadi", language="fa", consent=True
    )
    theme = dialogue.themes.first()
    live_services.contribution_submit(
        session=session, participant=participant, kind="idea", theme_id=theme.pk, text="Mehr Sprachkurse"
    )
    return {"server": server, "municipality": municipality, "session": session, "participant": participant}


def test_an_admin_finds_exports_and_erases_a_participant(page, request_to_erase):
    base, municipality = request_to_erase["server"], request_to_erase["municipality"]
    participant = request_to_erase["participant"]
    login(page, base, "admin@neustadt.de", PASSWORD)

    page.goto(f"{base}/datenschutz/{municipality.pk}/")
    assert_accessible(page, "privacy notice")

    page.goto(f"{base}/kommunen/{municipality.pk}/datenschutz/")
    assert_accessible(page, "privacy overview")
    page.get_by_label("Anzeigename").fill("leyla")
    page.get_by_label("Teilnahme-Code").fill(request_to_erase["session"].code)
    page.get_by_role("button", name="Teilnehmende suchen").click()
    page.get_by_role("link", name=f"Leyla Ahmadi #{participant.pk}").click()
    assert_accessible(page, "participant")
    assert page.get_by_text("Mehr Sprachkurse").is_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Als JSON herunterladen").click()
    exported = json.loads(open(download_info.value.path(), encoding="utf-8").read())
    assert exported["participant"]["display_name"] == "Leyla Ahmadi"

    page.get_by_role("link", name="Personenbezogene Daten löschen").click()
    assert_accessible(page, "erase confirmation")
    page.get_by_role("button", name="Jetzt löschen").click()  # without the confirmation: refused
    assert_accessible(page, "erase refused")
    assert Participant.objects.get(pk=participant.pk).display_name == "Leyla Ahmadi"
    page.get_by_label("Ich habe geprüft").check()
    page.get_by_role("button", name="Jetzt löschen").click()
    page.get_by_text("Was bleibt, ist anonym.").wait_for()
    assert_accessible(page, "erased")
    assert Participant.objects.get(pk=participant.pk).display_name == ""
    assert Contribution.objects.filter(participant=participant).count() == 1

    page.goto(f"{base}/kommunen/{municipality.pk}/datenschutz/verzeichnis/")
    assert_accessible(page, "record of processing")
    page.goto(f"{base}/kommunen/{municipality.pk}/datenschutz/einstellungen/")
    assert_accessible(page, "privacy settings")

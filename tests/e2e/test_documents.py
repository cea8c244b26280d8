"""A consultant generates the documentation, watches its progress, downloads it; the documents and
funding pages have no serious accessibility problem."""

from decimal import Decimal

import pytest

from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.funding.models import CostLine
from dialogwerk.funding.services import application_create
from dialogwerk.reports import services
from dialogwerk.reports.models import GeneratedDocument
from dialogwerk.tenancy.models import Municipality, Role
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import assert_accessible, login, screenshot


@pytest.fixture
def musterstadt(server):
    municipality = Municipality.objects.create(
        name="Musterstadt", ags="08999011", district="Landkreis Musterkreis", population=24300
    )
    consultant = make_user("beratung@musterstadt.example", municipality, Role.CONSULTANT)
    dialogue = dialogue_create(actor=consultant, municipality=municipality, title="Flüchtlingsdialog Musterstadt")
    application = application_create(
        actor=consultant,
        dialogue=dialogue,
        applicant="Musterstadt",
        project_title="Flüchtlingsdialog Musterstadt",
        iban="DE89370400440532013000",
    )
    CostLine.objects.create(application=application, category="venue", planned_amount=Decimal("300"))
    return {"server": server, "user": consultant, "dialogue": dialogue}


def test_a_consultant_generates_and_downloads_the_documentation(page, musterstadt):
    base, dialogue = musterstadt["server"], musterstadt["dialogue"]
    login(page, base, "beratung@musterstadt.example", PASSWORD)
    page.goto(f"{base}/dialoge/{dialogue.pk}/dokumente/")
    assert_accessible(page, "documents page")
    page.get_by_role("button", name="Erzeugen").click()
    item = page.locator(".document-item").first
    assert item.locator("progress").is_visible()
    assert "Wartet" in item.inner_text()
    screenshot(page, "documents-queued")

    # The worker's part, run here: the page polls and shows the result without a reload.
    document = GeneratedDocument.objects.get(dialogue=dialogue)
    services.document_generate(document_id=document.pk)
    download_link = item.locator("a.document-download")
    download_link.wait_for(state="visible", timeout=15000)
    assert "Fertig" in item.inner_text()
    with page.expect_download() as info:
        download_link.click()
    assert info.value.suggested_filename.endswith(".pdf")
    screenshot(page, "documents-ready")
    assert_accessible(page, "documents page with a ready document")


def test_the_funding_pages_are_accessible(page, musterstadt):
    base, dialogue = musterstadt["server"], musterstadt["dialogue"]
    login(page, base, "beratung@musterstadt.example", PASSWORD)
    for path in ("foerderung/", "foerderung/antrag/", "foerderung/verwendungsnachweis/", "foerderung/steckbrief/"):
        page.goto(f"{base}/dialoge/{dialogue.pk}/{path}")
        assert_accessible(page, path)
    screenshot(page, "funding-steckbrief")

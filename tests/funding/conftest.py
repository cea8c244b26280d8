"""Fixtures for funding: an application with a cost plan, and a funding body with its member."""

from decimal import Decimal

import pytest

from dialogwerk.funding.models import CostLine, FundingBody, FundingBodyMembership, FundingProgramme
from dialogwerk.funding.services import application_create
from tests.conftest import make_user

VALID_IBAN = "DE89370400440532013000"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def programme(db):
    return FundingProgramme.objects.create(state="BW")


@pytest.fixture
def application(dialogue, consultant, programme):
    """Costs 3.500,00 €, own share 500,00 €: 3.000,00 € requested, exactly the default cap."""
    application = application_create(
        actor=consultant,
        dialogue=dialogue,
        programme=programme,
        applicant="Kommune A",
        project_title="Zusammenleben in Kommune A",
        contact_name="Jörg Müller",
        iban=VALID_IBAN,
        account_holder="Stadtkasse Kommune A",
        own_share=Decimal("500.00"),
        goals="Gemeinsam über Wohnen, Schule und Nachbarschaft sprechen; Maßnahmen beschließen.",
    )
    for position, (category, amount) in enumerate(
        [
            ("moderation", "1200"),
            ("venue", "300"),
            ("catering", "450"),
            ("interpreters", "400"),
            ("childcare", "150"),
            ("materials", "100"),
            ("documentation", "300"),
            ("consulting", "600"),
        ]
    ):
        CostLine.objects.create(
            application=application, category=category, planned_amount=Decimal(amount), position=position
        )
    return application


@pytest.fixture
def funding_body(municipality, other_municipality):
    body = FundingBody.objects.create(name="Landeszentrale für politische Bildung BW")
    body.municipalities.add(municipality)
    return body


@pytest.fixture
def funder(funding_body):
    user = make_user("foerderstelle@lpb.example")
    FundingBodyMembership.objects.create(user=user, funding_body=funding_body)
    return user

"""URL parameters of the funding pages, filled with objects of the other municipality (and a funding
body that covers only the other municipality, so no municipality member may see it)."""

from decimal import Decimal

from dialogwerk.funding.models import CostLine, FundingApplication, FundingBody, FundingProgramme
from dialogwerk.funding.services import application_create, deadline_create
from tests.tenant_walk import url_kwarg


def _application(context: dict):
    dialogue = context["dialogue"]
    application = FundingApplication.objects.filter(dialogue=dialogue).first()
    if application is None:
        application = application_create(
            actor=context["user"], dialogue=dialogue, applicant="Kommune B", project_title="Antrag B"
        )
    return application


@url_kwarg("line_id")
def line_id(context: dict) -> int:
    return CostLine.objects.create(
        application=_application(context), category="venue", planned_amount=Decimal("100")
    ).pk


@url_kwarg("deadline_id")
def deadline_id(context: dict) -> int:
    import datetime

    return deadline_create(
        actor=context["user"], application=_application(context), title="Frist B", due_on=datetime.date(2030, 1, 1)
    ).pk


def _body(context: dict) -> FundingBody:
    body, _created = FundingBody.objects.get_or_create(name="Förderstelle B")
    body.municipalities.add(context["municipality"])
    return body


@url_kwarg("funding_body_id")
def funding_body_id(context: dict) -> int:
    return _body(context).pk


@url_kwarg("programme_id")
def programme_id(context: dict) -> int:
    return FundingProgramme.objects.create(name="Programm B", funding_body=_body(context)).pk


@url_kwarg("body_membership_id")
def body_membership_id(context: dict) -> int:
    from dialogwerk.funding.models import FundingBodyMembership
    from tests.conftest import make_user

    user = make_user("foerderstelle@b.example")
    return FundingBodyMembership.objects.create(user=user, funding_body=_body(context)).pk


@url_kwarg("receipt_id")
def receipt_id(context: dict) -> int:
    import datetime
    import io

    from django.core.files.base import ContentFile
    from pypdf import PdfWriter

    from dialogwerk.funding.models import Receipt

    pdf, writer = io.BytesIO(), PdfWriter()
    writer.add_blank_page(width=595, height=842)  # a real, if empty, scanned invoice
    writer.write(pdf)
    application = _application(context)
    line = CostLine.objects.create(application=application, category="venue", planned_amount=Decimal("100"))
    return Receipt.objects.create(
        application=application,
        cost_line=line,
        description="Rechnung B",
        amount=Decimal("100"),
        paid_on=datetime.date(2026, 1, 1),
        file=ContentFile(pdf.getvalue(), name="b.pdf"),
    ).pk


@url_kwarg("application_id")
def application_id(context: dict) -> int:
    """An application submitted to a funding body of the other municipality."""
    application = _application(context)
    application.funding_body = _body(context)
    application.status = "submitted"
    application.save()
    return application.pk

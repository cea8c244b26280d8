"""A dialogue's funding application over the REST API: the application and its cost plan, with the same
selectors, policies and services as the pages. Any member reads; planners (consultants, municipality
administrators) create and change it.

Bank details are write-only here: answers carry the IBAN masked (country code and the last four
characters), and only for callers the page shows bank details to; BIC, bank and account holder are never
sent. `POST …/funding-application/submit` submits it to the funding body that reviews it in Dialogwerk, which
then decides on its pages; only when no funding body does is the decision from the letter recorded with
`POST …/funding-application/status`. Not over the API:
deadlines, the report on the use of funds, the experience report, the documents (PDF, DOCX) and the funding
body's overview."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.forms import ModelChoiceField
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from dialogwerk.apitokens.api_kit import ERRORS, MAX_ID, READ_ERRORS, Id, InputSchema, Page, staff_auth
from dialogwerk.dialogues.access import dialogue_for
from dialogwerk.dialogues.models import Dialogue
from dialogwerk.tenancy.policy import roles_of

from . import iban, policy, review, selectors, services
from .models import ApplicationStatus, CostCategory, FundingApplication

router = Router(tags=["funding"], auth=staff_auth)
MAX_MONEY = Decimal("99999999.99")  # max_digits=10, decimal_places=2
MAX_PARTICIPANTS = 100_000


def Money(default=..., **kwargs):  # noqa: N802 - a field factory, used like Field
    return Field(default, ge=0, le=MAX_MONEY, max_digits=10, decimal_places=2, **kwargs)


# --- The application ------------------------------------------------------------------------------------------


class CostPlanOut(Schema):
    total: Decimal
    own_share: Decimal
    requested: Decimal
    max_requestable: Decimal
    own_share_percent: Decimal
    within_limits: bool
    problems: list[str]


class ApplicationOut(Schema):
    id: int
    dialogue: int
    programme: int
    programme_name: str
    applicant: str
    address: str
    contact_name: str
    contact_email: str
    contact_phone: str
    iban_masked: str | None = Field(description="Masked; null for callers who may not see bank details.")
    has_bank_details: bool
    project_title: str
    goals: str
    themes_text: str
    method: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    expected_participants: int | None
    partners: str
    own_share: Decimal
    status: ApplicationStatus
    submitted_on: datetime.date | None
    decided_on: datetime.date | None
    approved_amount: Decimal | None
    decision_note: str
    funding_body_name: str | None = Field(description="The funding body it was submitted to in Dialogwerk.")
    plan: CostPlanOut
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_dialogue(obj) -> int:
        return obj.dialogue_id

    @staticmethod
    def resolve_programme(obj) -> int:
        return obj.programme_id

    @staticmethod
    def resolve_programme_name(obj) -> str:
        return obj.programme.name

    @staticmethod
    def resolve_funding_body_name(obj) -> str | None:
        return obj.funding_body.name if obj.funding_body_id else None

    @staticmethod
    def resolve_iban_masked(obj, context) -> str | None:
        request = context["request"]
        if not request.user.has_perm(policy.VIEW_BANK_DETAILS, obj.dialogue):
            return None
        return obj.iban_masked

    @staticmethod
    def resolve_has_bank_details(obj) -> bool:
        return bool(obj.iban or obj.bic or obj.bank_name)

    @staticmethod
    def resolve_plan(obj) -> dict:
        plan = obj.plan()
        return {
            "total": plan.total,
            "own_share": plan.own_share,
            "requested": plan.requested,
            "max_requestable": plan.max_requestable,
            "own_share_percent": plan.own_share_percent,
            "within_limits": plan.within_limits,
            "problems": list(plan.problems),
        }


class ApplicationIn(InputSchema):
    """Fields not sent are taken over from the dialogue and the municipality, as the page does. Without
    `programme`, the state's current programme is used."""

    programme: int | None = Field(None, ge=1, le=MAX_ID, description="An active programme of the municipality's state.")
    applicant: str = Field(None, min_length=1, max_length=200)
    address: str = ""
    contact_name: str = Field("", max_length=200)
    contact_email: str = Field("", max_length=254)
    contact_phone: str = Field("", max_length=50)
    account_holder: str = Field(None, max_length=200)
    iban: str = Field("", max_length=50)
    bic: str = Field("", max_length=11)
    bank_name: str = Field("", max_length=200)
    project_title: str = Field(None, min_length=1, max_length=200)
    goals: str = None
    themes_text: str = None
    method: str = ""
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    expected_participants: int | None = Field(None, ge=0, le=MAX_PARTICIPANTS)
    partners: str = ""
    own_share: Decimal = Money(Decimal("0"))


class ApplicationPatch(InputSchema):
    """Only the fields sent change; changes to bank details are audited without their values."""

    programme: int = Field(None, ge=1, le=MAX_ID)
    applicant: str = Field(None, min_length=1, max_length=200)
    address: str = None
    contact_name: str = Field(None, max_length=200)
    contact_email: str = Field(None, max_length=254)
    contact_phone: str = Field(None, max_length=50)
    account_holder: str = Field(None, max_length=200)
    iban: str = Field(None, max_length=50)
    bic: str = Field(None, max_length=11)
    bank_name: str = Field(None, max_length=200)
    project_title: str = Field(None, min_length=1, max_length=200)
    goals: str = None
    themes_text: str = None
    method: str = None
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    expected_participants: int | None = Field(None, ge=0, le=MAX_PARTICIPANTS)
    partners: str = None
    own_share: Decimal = Money(None)


def _application_fields(dialogue: Dialogue, fields: dict) -> dict:
    """As the page's form: the programme from the state's active ones, the IBAN normalised and checked."""
    if "programme" in fields:
        if fields["programme"] is None:
            fields.pop("programme")
        else:
            fields["programme"] = selectors.programmes_for(dialogue=dialogue).filter(pk=fields["programme"]).first()
            if fields["programme"] is None:
                raise ValidationError({"programme": ModelChoiceField.default_error_messages["invalid_choice"]})
    if fields.get("iban"):
        fields["iban"] = iban.normalise(fields["iban"])
        if not iban.is_valid(fields["iban"]):
            raise ValidationError({"iban": _("This IBAN is not valid: please check it (the checksum does not match).")})
    return fields


def _application(request: HttpRequest, dialogue_id: int, *, perm: str) -> FundingApplication:
    return selectors.get_application(dialogue=dialogue_for(request.user, dialogue_id, perm=perm))


class ApplicationFilter(Schema):
    status: ApplicationStatus | None = None
    municipality: int | None = Field(None, ge=1, le=MAX_ID, description="Only this municipality's applications (id).")


@router.get(
    "/funding-applications/",
    response={200: list[ApplicationOut], **READ_ERRORS},
    url_name="funding_application_list",
    summary="Funding applications",
)
@paginate(Page)
def application_list(request: HttpRequest, filters: Query[ApplicationFilter]):
    """The applications of the caller's municipalities' dialogues, newest dialogue first; filter by `status`
    and `municipality`. (A funding body's view across municipalities stays on its page.)"""
    applications = (
        FundingApplication.objects.filter(dialogue__municipality_id__in=list(roles_of(request.user)))
        .select_related("dialogue", "programme")
        .prefetch_related("cost_lines")
        .order_by("-dialogue__created_at", "-id")
    )
    if filters.status:
        applications = applications.filter(status=filters.status)
    if filters.municipality:
        applications = applications.filter(dialogue__municipality_id=filters.municipality)
    return applications


@router.get(
    "/dialogues/{dialogue_id}/funding-application",
    response={200: ApplicationOut, **READ_ERRORS},
    url_name="funding_application",
    summary="The funding application",
)
def application_detail(request: HttpRequest, dialogue_id: Id):
    """404 while the dialogue has no application."""
    return _application(request, dialogue_id, perm=policy.VIEW_FUNDING)


@router.post(
    "/dialogues/{dialogue_id}/funding-application",
    response={201: ApplicationOut, **ERRORS},
    url_name="funding_application",
    summary="Start the funding application",
)
def application_create(request: HttpRequest, dialogue_id: Id, payload: ApplicationIn):
    """A dialogue has at most one application: a second answers 422."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_FUNDING)
    sent = {
        name: value for name, value in payload.dict().items() if value is not None or name in payload.model_fields_set
    }
    fields = {**services.application_initial(dialogue=dialogue), **_application_fields(dialogue, sent)}
    fields = {name: value for name, value in fields.items() if name in services.APPLICATION_FIELDS}
    services.application_create(actor=request.user, dialogue=dialogue, **fields)
    return Status(201, selectors.get_application(dialogue=dialogue))


@router.patch(
    "/dialogues/{dialogue_id}/funding-application",
    response={200: ApplicationOut, **ERRORS},
    url_name="funding_application",
    summary="Change the funding application",
)
def application_update(request: HttpRequest, dialogue_id: Id, payload: ApplicationPatch):
    application = _application(request, dialogue_id, perm=policy.CHANGE_FUNDING)
    fields = _application_fields(application.dialogue, payload.dict(exclude_unset=True))
    for name in ("applicant", "project_title", "own_share"):
        if name in fields and fields[name] is None:
            raise ValidationError({name: _("This field is required.")})
    services.application_update(actor=request.user, application=application, **fields)
    return selectors.get_application(dialogue=application.dialogue)


class StatusIn(InputSchema):
    """As the page's status form: `approved` needs `approved_amount` (at most the programme's cap); a decision
    date is kept for `approved` and `rejected`; an amount only for `approved`."""

    status: ApplicationStatus
    submitted_on: datetime.date | None = None
    decided_on: datetime.date | None = None
    approved_amount: Decimal | None = Money(None)
    decision_note: str = Field("", max_length=5000)


@router.post(
    "/dialogues/{dialogue_id}/funding-application/status",
    response={200: ApplicationOut, **ERRORS},
    url_name="funding_application_status",
    summary="Record the application's status and decision",
)
def application_status(request: HttpRequest, dialogue_id: Id, payload: StatusIn):
    application = _application(request, dialogue_id, perm=policy.CHANGE_FUNDING)
    services.application_set_status(actor=request.user, application=application, **payload.dict())
    return selectors.get_application(dialogue=application.dialogue)


@router.post(
    "/dialogues/{dialogue_id}/funding-application/submit",
    response={200: ApplicationOut, **ERRORS},
    url_name="funding_application_submit",
    summary="Submit the application to its funding body",
)
def application_submit(request: HttpRequest, dialogue_id: Id):
    application = _application(request, dialogue_id, perm=policy.CHANGE_FUNDING)
    review.application_submit(actor=request.user, application=application)
    return selectors.get_application(dialogue=application.dialogue)


# --- The cost plan --------------------------------------------------------------------------------------------


class CostLineOut(Schema):
    id: int
    position: int
    category: CostCategory
    description: str
    planned_amount: Decimal
    actual_amount: Decimal | None
    deviation_note: str


class CostLineIn(InputSchema):
    category: CostCategory
    description: str = Field("", max_length=200)
    planned_amount: Decimal = Money()


class CostLinePatch(InputSchema):
    category: CostCategory = None
    description: str = Field(None, max_length=200)
    planned_amount: Decimal = Money(None)


@router.get(
    "/dialogues/{dialogue_id}/funding-application/cost-lines/",
    response={200: list[CostLineOut], **READ_ERRORS},
    url_name="cost_line_list",
    summary="Cost plan",
)
@paginate(Page)
def cost_line_list(request: HttpRequest, dialogue_id: Id):
    return _application(request, dialogue_id, perm=policy.VIEW_FUNDING).cost_lines.all()


@router.post(
    "/dialogues/{dialogue_id}/funding-application/cost-lines/",
    response={201: CostLineOut, **ERRORS},
    url_name="cost_line_list",
    summary="Add a cost line",
)
def cost_line_create(request: HttpRequest, dialogue_id: Id, payload: CostLineIn):
    application = _application(request, dialogue_id, perm=policy.CHANGE_FUNDING)
    return Status(201, services.cost_line_create(actor=request.user, application=application, **payload.dict()))


@router.get(
    "/dialogues/{dialogue_id}/funding-application/cost-lines/{line_id}",
    response={200: CostLineOut, **READ_ERRORS},
    url_name="cost_line",
    summary="One cost line",
)
def cost_line_detail(request: HttpRequest, dialogue_id: Id, line_id: Id):
    return selectors.get_cost_line(
        application=_application(request, dialogue_id, perm=policy.VIEW_FUNDING), line_id=line_id
    )


@router.patch(
    "/dialogues/{dialogue_id}/funding-application/cost-lines/{line_id}",
    response={200: CostLineOut, **ERRORS},
    url_name="cost_line",
    summary="Change a cost line",
)
def cost_line_update(request: HttpRequest, dialogue_id: Id, line_id: Id, payload: CostLinePatch):
    """Category, description and planned amount, as on the page (actual amounts come with the report)."""
    application = _application(request, dialogue_id, perm=policy.CHANGE_FUNDING)
    line = selectors.get_cost_line(application=application, line_id=line_id)
    fields = payload.dict(exclude_unset=True)
    for name, value in fields.items():
        if value is None:
            raise ValidationError({name: _("This field is required.")})
    return services.cost_line_update(actor=request.user, line=line, **fields)


@router.delete(
    "/dialogues/{dialogue_id}/funding-application/cost-lines/{line_id}",
    response={204: None, **ERRORS},
    url_name="cost_line",
    summary="Remove a cost line",
)
def cost_line_delete(request: HttpRequest, dialogue_id: Id, line_id: Id):
    application = _application(request, dialogue_id, perm=policy.CHANGE_FUNDING)
    services.cost_line_delete(
        actor=request.user, line=selectors.get_cost_line(application=application, line_id=line_id)
    )
    return Status(204, None)

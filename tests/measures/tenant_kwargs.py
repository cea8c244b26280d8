"""URL parameters of the implementation's pages, filled with objects of the other municipality; the public
status page and its feed are declared public (tests/measures/test_public_status.py checks what they show)."""

from dialogwerk.measures import services
from dialogwerk.measures.models import CatalogueImport
from tests.tenant_walk import url_kwarg

# The owner's report page and the reminders' pause page are reached by their links alone (test_owner_links.py).
PUBLIC_URL_NAMES = {
    "measures:public_status",
    "measures:public_feed",
    "measures:public_measure",
    "measures:owner_report",
    "measures:reminder_settings",
    "measures:subscribe",
    "measures:subscription",
    "measures:public_decision_document",
}


def _measure(context: dict):
    if "catalogue_measure" not in context:
        context["catalogue_measure"] = services.measure_create(
            actor=context["user"], dialogue=context["dialogue"], title="Geheime Maßnahme B"
        )
    return context["catalogue_measure"]


# The preparation's existing measures use the same parameter name; either object is the other municipality's.
@url_kwarg("measure_id")
def measure_id(context: dict) -> int:
    return _measure(context).pk


@url_kwarg("attachment_id")
def attachment_id(context: dict) -> int:
    import datetime

    from django.core.files.base import ContentFile

    from dialogwerk.measures.models import ProgressAttachment

    update = services.progress_update_create(
        actor=context["user"],
        measure=_measure(context),
        reported_on=datetime.date(2027, 1, 1),
        text="Geheim",
        status="in_progress",
        progress=10,
    )
    attachment = ProgressAttachment(update=update)
    attachment.file.save("geheim.txt", ContentFile(b"geheim"), save=True)
    return attachment.pk


@url_kwarg("import_id")
def import_id(context: dict) -> int:
    return CatalogueImport.objects.create(
        dialogue=context["dialogue"], filename="b.csv", format="dialogwerk", rows=[{"title": "Geheim"}]
    ).pk


@url_kwarg("member_id")
def member_id(context: dict) -> int:
    return services.steering_member_add(
        actor=context["user"], dialogue=context["dialogue"], name="Geheimes Mitglied B"
    ).pk


def _owner_link(context: dict):
    if "owner_link" not in context:
        context["owner_link"] = services.owner_link_create(
            actor=context["user"], measure=_measure(context), name="Pfarrerin B", base_url="http://testserver"
        )
    return context["owner_link"]


@url_kwarg("link_id")
def link_id(context: dict) -> int:
    return _owner_link(context).pk


@url_kwarg("owner_token")
def owner_token(context: dict) -> str:
    return _owner_link(context).token


@url_kwarg("recipient_token")
def recipient_token(context: dict) -> str:
    from dialogwerk.measures.models import ReminderRecipient

    return ReminderRecipient.objects.get_or_create(municipality=context["municipality"], email="b@b.example")[0].token


@url_kwarg("subscription_token")
def subscription_token(context: dict) -> str:
    from django.utils import timezone

    from dialogwerk.measures.models import ResultsSubscription

    return ResultsSubscription.objects.create(
        dialogue=context["dialogue"], email="b@b.example", language="de", consented_at=timezone.now()
    ).token

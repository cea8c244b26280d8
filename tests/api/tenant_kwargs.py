"""The REST API in the URL walk: parameters of API paths, and the API's personal lists.

The lists below show only the caller's own municipalities, dialogues and account (no tenant object in the
URL), so the page walk cannot expect 404 from them; tests/api/test_api_isolation.py walks every operation
of the OpenAPI schema as a token of another municipality and checks what those lists contain.
"""

from tests.tenant_walk import url_kwarg

PUBLIC_URL_NAMES = {"api:municipality_list", "api:dialogue_list", "api:me", "api:funding_application_list"}


@url_kwarg("invitation_id")
def invitation_id(context: dict) -> int:
    import datetime

    from dialogwerk.preparation.models import Actor, Invitation, Perspective

    perspective, _created = Perspective.objects.get_or_create(dialogue=context["dialogue"], name="Einladung B")
    actor = Actor.objects.create(dialogue=context["dialogue"], name="Eingeladen B", perspective=perspective)
    return Invitation.objects.create(dialogue=context["dialogue"], actor=actor, expires_on=datetime.date(2027, 1, 1)).pk


@url_kwarg("decision_id")
def decision_id(context: dict) -> int:
    from dialogwerk.synthesis import services
    from tests.synthesis.tenant_kwargs import _card

    return services.decision_create(
        actor=context["user"],
        dialogue=context["dialogue"],
        outcome="adopted",
        title="Geheime Entscheidung B",
        contribution=_card(context),
    ).pk

"""URL parameters of the table plan pages, filled with objects of the other municipality."""

from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method
from dialogwerk.seating import services
from tests.tenant_walk import url_kwarg


@url_kwarg("plan_id")
def plan_id(context: dict) -> int:
    if "seating_plan" not in context:
        session = live_services.session_create(
            actor=context["user"], dialogue=context["dialogue"], title="Geheimes Café B", method=Method.WORLD_CAFE
        )
        context["seating_plan"] = services.plan_create(
            actor=context["user"],
            session=session,
            rounds=2,
            table_size=3,
            people_text="\n".join(f"Geheim {i}" for i in range(9)),
            max_iterations=200,
        )
    return context["seating_plan"].pk

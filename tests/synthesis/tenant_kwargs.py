"""URL parameters of the results' pages (bundling, decisions, working groups), filled with objects of the
other municipality."""

import datetime

from dialogwerk.live import services as live_services
from dialogwerk.synthesis import convenor_links, services
from tests.tenant_walk import url_kwarg


def _card(context: dict):
    if "synthesis_card" not in context:
        session = live_services.session_create(
            actor=context["user"], dialogue=context["dialogue"], title="Sitzung B (Bündeln)"
        )
        context["synthesis_card"], _created = live_services.contribution_submit(
            session=session,
            author_user=context["user"],
            kind="idea",
            theme_id=context["dialogue"].themes.first().pk,
            text="Geheime Idee B",
        )
    return context["synthesis_card"]


@url_kwarg("card_id")
def card_id(context: dict) -> int:
    return _card(context).pk


@url_kwarg("cluster_id")
def cluster_id(context: dict) -> int:
    return services.cluster_create(
        actor=context["user"], dialogue=context["dialogue"], title="Geheimes Bündel B", cards=[_card(context)]
    ).pk


# The convenor's page is reached by its link alone (test_convenor_links.py).
PUBLIC_URL_NAMES = {"synthesis:convenor_page"}


def _group(context: dict):
    if "synthesis_group" not in context:
        context["synthesis_group"] = services.working_group_create(
            actor=context["user"],
            dialogue=context["dialogue"],
            name="Geheime AG B",
            mandate="Geheim",
            proposal_due_on=datetime.date(2027, 1, 31),
        )
    return context["synthesis_group"]


@url_kwarg("group_id")
def group_id(context: dict) -> int:
    return _group(context).pk


@url_kwarg("convenor_link_id")
def convenor_link_id(context: dict) -> int:
    return convenor_links.convenor_link_create(actor=context["user"], working_group=_group(context), name="Herr B").pk


@url_kwarg("convenor_token")
def convenor_token(context: dict) -> str:
    return convenor_links.convenor_link_create(
        actor=context["user"], working_group=_group(context), name="Frau B"
    ).token

from django.urls import path

from . import convenor_views, group_views, views

app_name = "synthesis"

base = "dialoge/<int:dialogue_id>/"
urlpatterns = [
    path(base + "buendeln/", views.board, name="board"),
    path(base + "buendeln/buendel/", views.cluster_create, name="cluster_create"),
    path(base + "buendeln/vorschlag/", views.suggestion_accept, name="suggestion_accept"),
    path(base + "buendeln/karten/<int:card_id>/verschieben/", views.card_move, name="card_move"),
    path(base + "buendeln/karten/<int:card_id>/aehnliche/", views.card_similar, name="card_similar"),
    path(base + "buendeln/buendel/<int:cluster_id>/umbenennen/", views.cluster_rename, name="cluster_rename"),
    path(base + "buendeln/buendel/<int:cluster_id>/aufloesen/", views.cluster_dissolve, name="cluster_dissolve"),
    path(base + "entscheidungen/", views.decisions, name="decisions"),
    path(base + "entscheidungen/<int:decision_id>/korrigieren/", views.decision_correct, name="decision_correct"),
    path(base + "entscheidungen/<int:decision_id>/dokument/", views.decision_document, name="decision_document"),
    path(base + "arbeitsgruppen/", views.working_groups, name="working_groups"),
    path(base + "arbeitsgruppen/<int:group_id>/", views.working_group, name="working_group"),
    path(base + "arbeitsgruppen/<int:group_id>/bearbeiten/", group_views.working_group_edit, name="working_group_edit"),
    path(base + "arbeitsgruppen/<int:group_id>/treffen/", group_views.meeting_add, name="meeting_add"),
    path(
        base + "arbeitsgruppen/<int:group_id>/abschliessen/",
        group_views.working_group_close,
        name="working_group_close",
    ),
    path(base + "arbeitsgruppen/<int:group_id>/links/", convenor_views.link_create, name="convenor_link_create"),
    path(
        base + "arbeitsgruppen/<int:group_id>/links/<int:convenor_link_id>/widerrufen/",
        convenor_views.link_revoke,
        name="convenor_link_revoke",
    ),
    # The convenor's page behind the personal link: no login.
    path("arbeitsgruppe/<str:convenor_token>/", convenor_views.convenor_page, name="convenor_page"),
]

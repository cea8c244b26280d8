from django.urls import path

from . import views

app_name = "seating"

urlpatterns = [
    path("dialoge/<int:dialogue_id>/tischplan/", views.index, name="index"),
    path("dialoge/<int:dialogue_id>/tischplan/neu/", views.plan_create, name="create"),
    path("dialoge/<int:dialogue_id>/tischplan/<int:plan_id>/", views.plan_detail, name="plan"),
    path("dialoge/<int:dialogue_id>/tischplan/<int:plan_id>/drucken/", views.plan_print, name="print"),
    path(
        "dialoge/<int:dialogue_id>/tischplan/<int:plan_id>/tischlisten.pdf",
        views.table_lists_pdf,
        name="table_lists_pdf",
    ),
    path(
        "dialoge/<int:dialogue_id>/tischplan/<int:plan_id>/laufkarten.pdf",
        views.route_cards_pdf,
        name="route_cards_pdf",
    ),
    path("dialoge/<int:dialogue_id>/tischplan/<int:plan_id>/neu-planen/", views.plan_replan, name="replan"),
    path("dialoge/<int:dialogue_id>/tischplan/<int:plan_id>/themen/", views.plan_themes, name="themes"),
]

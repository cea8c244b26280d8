from django.urls import path

from . import views

app_name = "translations"

urlpatterns = [
    path("dialoge/<int:dialogue_id>/uebersetzungen/", views.overview, name="overview"),
    path("dialoge/<int:dialogue_id>/uebersetzungen/<str:language>/", views.edit, name="edit"),
    path("dialoge/<int:dialogue_id>/uebersetzungen/<str:language>/export.<str:fmt>", views.export, name="export"),
    path("dialoge/<int:dialogue_id>/uebersetzungen-import/", views.import_file, name="import"),
    path(
        "dialoge/<int:dialogue_id>/uebersetzungen-import/<int:translation_import_id>/",
        views.import_result,
        name="import_result",
    ),
    path("dialoge/<int:dialogue_id>/uebersetzungen/<str:language>/maschinell/", views.machine, name="machine"),
]

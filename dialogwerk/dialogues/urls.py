from django.urls import path

from . import views

app_name = "dialogues"

urlpatterns = [
    path("kommunen/<int:municipality_id>/dialoge/neu/", views.dialogue_create, name="create"),
    path("dialoge/<int:dialogue_id>/", views.overview, name="overview"),
    path("dialoge/<int:dialogue_id>/bearbeiten/", views.dialogue_edit, name="edit"),
    path("dialoge/<int:dialogue_id>/phase/", views.dialogue_phase, name="phase"),
    path("dialoge/<int:dialogue_id>/archiv/", views.dialogue_archive, name="archive"),
    path("dialoge/<int:dialogue_id>/loeschen/", views.dialogue_delete, name="delete"),
    path("dialoge/<int:dialogue_id>/themen/", views.themes, name="themes"),
    path("dialoge/<int:dialogue_id>/themen/<int:theme_id>/bearbeiten/", views.theme_edit, name="theme_edit"),
    path("dialoge/<int:dialogue_id>/themen/<int:theme_id>/entfernen/", views.theme_delete, name="theme_delete"),
    path("dialoge/<int:dialogue_id>/themen/<int:theme_id>/verschieben/", views.theme_move, name="theme_move"),
]

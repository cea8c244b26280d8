from django.urls import path

from . import views

app_name = "privacy"

BASE = "kommunen/<int:municipality_id>/datenschutz/"

urlpatterns = [
    path("datenschutz/<int:municipality_id>/", views.notice, name="notice"),
    # Beside the participant page (/j/<code>/live/), known by its token cookie.
    path("j/<str:code>/meine-daten/", views.my_participant_data, name="my_participant_data"),
    path(BASE, views.overview, name="overview"),
    path(BASE + "einstellungen/", views.settings_edit, name="settings"),
    path(BASE + "verzeichnis/", views.processing_record, name="processing"),
    path(BASE + "teilnehmende/<int:participant_id>/", views.participant_detail, name="participant"),
    path(
        BASE + "teilnehmende/<int:participant_id>/export.json", views.participant_export_json, name="participant_json"
    ),
    path(BASE + "teilnehmende/<int:participant_id>/loeschen/", views.participant_erase, name="participant_erase"),
    path(BASE + "akteure/<int:actor_id>/", views.actor_detail, name="actor"),
    path(BASE + "akteure/<int:actor_id>/export.json", views.actor_export_json, name="actor_json"),
    path(BASE + "akteure/<int:actor_id>/loeschen/", views.actor_erase, name="actor_erase"),
    path(BASE + "mitarbeitende/<int:membership_id>/loeschen/", views.staff_erase, name="staff_erase"),
    path(BASE + "kontakte/", views.contact_detail, name="contact"),
    path(BASE + "kontakte/export.json", views.contact_export_json, name="contact_json"),
    path(BASE + "kontakte/loeschen/", views.contact_erase, name="contact_erase"),
    path("konto/meine-daten/", views.my_data, name="my_data"),
]

from django.urls import path

from . import owner_views, subscription_views, views

app_name = "measures"

base = "dialoge/<int:dialogue_id>/"
urlpatterns = [
    path(base + "massnahmen/", views.catalogue_list, name="catalogue"),
    path(base + "massnahmen/neu/", views.measure_create, name="create"),
    path(base + "massnahmen/sammelbearbeitung/", views.measures_bulk, name="bulk"),
    path(base + "massnahmen/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path(base + "massnahmen/export.csv", views.export_csv, name="export_csv"),
    path(base + "massnahmen/decidim.csv", views.export_decidim, name="export_decidim"),
    path(base + "massnahmen/import/", views.import_upload, name="import"),
    path(base + "massnahmen/import/<int:import_id>/", views.import_preview, name="import_preview"),
    path(base + "massnahmen/<int:measure_id>/", views.measure_detail, name="detail"),
    path(base + "massnahmen/<int:measure_id>/bearbeiten/", views.measure_edit, name="edit"),
    path(base + "massnahmen/<int:measure_id>/sachstand/", views.progress_create, name="progress"),
    path(
        base + "massnahmen/<int:measure_id>/anhaenge/<int:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
    path(base + "massnahmen/<int:measure_id>/stellungnahme/", views.statement_edit, name="statement"),
    path(base + "massnahmen/<int:measure_id>/links/", owner_views.owner_link_create, name="owner_link_create"),
    path(
        base + "massnahmen/<int:measure_id>/links/<int:link_id>/widerrufen/",
        owner_views.owner_link_revoke,
        name="owner_link_revoke",
    ),
    path(base + "begleitkreis/", views.steering, name="steering"),
    path(base + "begleitkreis/mitglieder/", views.steering_member_add, name="steering_member_add"),
    path(
        base + "begleitkreis/mitglieder/<int:member_id>/entfernen/",
        views.steering_member_remove,
        name="steering_member_remove",
    ),
    path(base + "begleitkreis/einstellungen/", views.steering_settings, name="steering_settings"),
    path(base + "begleitkreis/sitzung/", views.meeting, name="meeting"),
    path(base + "zusammenfassung/", views.summary, name="summary"),
    # Public: short and stable, no login.
    path("status/<int:dialogue_id>/", views.public_status, name="public_status"),
    path("status/<int:dialogue_id>/feed/", views.StatusFeed(), name="public_feed"),
    path("status/<int:dialogue_id>/massnahmen/<int:measure_id>/", views.public_measure, name="public_measure"),
    path(
        "status/<int:dialogue_id>/entscheidungen/<int:decision_id>/dokument/",
        views.public_decision_document,
        name="public_decision_document",
    ),
    # The personal link of a measure's owner without an account (plain German, no login).
    path("sachstand/<str:owner_token>/", owner_views.owner_report, name="owner_report"),
    path("erinnerungen/<str:recipient_token>/", owner_views.reminder_settings, name="reminder_settings"),
    # The loop back to the participants: an address left on the phone, confirmed and ended from the mails.
    path("j/<str:code>/ergebnisse-per-mail/", subscription_views.subscribe, name="subscribe"),
    path("benachrichtigung/<str:subscription_token>/", subscription_views.subscription, name="subscription"),
]

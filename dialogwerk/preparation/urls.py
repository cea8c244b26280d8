from django.urls import path

from . import import_views, views

app_name = "preparation"

D = "dialoge/<int:dialogue_id>/"

urlpatterns = [
    path(D + "bedarfsanalyse/", views.analysis, name="analysis"),
    path(D + "bedarfsanalyse/bedarfsanalyse.pdf", views.analysis_pdf, name="analysis_pdf"),
    path(D + "bedarfsanalyse/bedarfsanalyse.docx", views.analysis_docx, name="analysis_docx"),
    path(D + "kennzahlen/", views.figures, name="figures"),
    path(D + "kennzahlen/import/", import_views.figure_import_view, name="figure_import"),
    path(
        D + "kennzahlen/import/<int:table_import_id>/", import_views.figure_import_preview, name="figure_import_preview"
    ),
    path(D + "kennzahlen/<int:figure_id>/bearbeiten/", views.figure_edit, name="figure_edit"),
    path(D + "kennzahlen/<int:figure_id>/entfernen/", views.figure_delete, name="figure_delete"),
    path(D + "bestehende-massnahmen/", views.measures, name="measures"),
    path(D + "bestehende-massnahmen/<int:measure_id>/bearbeiten/", views.measure_edit, name="measure_edit"),
    path(D + "bestehende-massnahmen/<int:measure_id>/entfernen/", views.measure_delete, name="measure_delete"),
    path(D + "blickwinkel/", views.perspectives, name="perspectives"),
    path(D + "blickwinkel/<int:perspective_id>/bearbeiten/", views.perspective_edit, name="perspective_edit"),
    path(D + "blickwinkel/<int:perspective_id>/entfernen/", views.perspective_delete, name="perspective_delete"),
    path(D + "akteure/", views.actors, name="actors"),
    path(D + "akteure/neu/", views.actor_create, name="actor_create"),
    path(D + "akteure/raster/", views.actor_grid, name="actor_grid"),
    path(D + "akteure/abdeckung/", views.coverage, name="coverage"),
    path(D + "akteure/import/", import_views.actor_import_view, name="actor_import"),
    path(D + "akteure/import/<int:table_import_id>/", import_views.actor_import_preview, name="actor_import_preview"),
    path(D + "akteure/vorlage.xlsx", views.actors_template, name="actor_template"),
    path(D + "akteure/akteure.csv", views.actors_export, {"fmt": "csv"}, name="actors_csv"),
    path(D + "akteure/akteure.xlsx", views.actors_export, {"fmt": "xlsx"}, name="actors_xlsx"),
    path(D + "akteure/<int:actor_id>/bearbeiten/", views.actor_edit, name="actor_edit"),
    path(D + "akteure/<int:actor_id>/entfernen/", views.actor_delete, name="actor_delete"),
    path(D + "veranstaltungsort/", views.event, name="event"),
    path(
        D + "veranstaltungsort/anmeldungen/<int:registration_id>/entfernen/",
        views.registration_remove,
        name="registration_remove",
    ),
    path("anmeldung/<int:registration_dialogue_id>/", views.event_public, name="event_public"),
    path("anmeldung/meine/<str:registration_token>/", views.my_registration, name="my_registration"),
    path(D + "einladungen/", views.invitations, name="invitations"),
    path(D + "einladungen/erinnern/", views.invitations_remind, name="invitations_remind"),
    path(D + "einladungen/ohne-e-mail/", views.invitations_otherwise, name="invitations_otherwise"),
    path(D + "einladungen/briefe.pdf", views.invitation_letters, name="invitation_letters"),
    path(D + "einladungen/<int:invitation_id>/antwort/", views.invitation_answer, name="invitation_answer"),
    path("antwort/", views.rsvp_code, name="rsvp_code"),
    path("antwort/<str:rsvp_token>/", views.rsvp, name="rsvp"),
    path("antwort/<str:rsvp_token>/termin.ics", views.rsvp_ics, name="rsvp_ics"),
    path(D + "projektplan/", views.plan, name="plan"),
    path(D + "projektplan/standardplan/", views.plan_generate, name="plan_generate"),
    path(D + "projektplan/projektplan.xlsx", views.plan_export, {"fmt": "xlsx"}, name="plan_xlsx"),
    path(D + "projektplan/projektplan.ics", views.plan_export, {"fmt": "ics"}, name="plan_ics"),
    path(D + "projektplan/<int:task_id>/bearbeiten/", views.task_edit, name="task_edit"),
    path(D + "projektplan/<int:task_id>/entfernen/", views.task_delete, name="task_delete"),
]

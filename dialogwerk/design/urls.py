from django.urls import path

from . import views

app_name = "design"

D = "dialoge/<int:dialogue_id>/"

urlpatterns = [
    path(D + "methoden/", views.methods, name="methods"),
    path(D + "methoden/neu/", views.method_create, name="method_create"),
    path(D + "methoden/<int:method_id>/", views.method_detail, name="method_detail"),
    path(D + "methoden/<int:method_id>/bearbeiten/", views.method_edit, name="method_edit"),
    path(D + "ablaufplan/", views.agenda, name="agenda"),
    path(D + "ablaufplan/zeiten/", views.agenda_times, name="agenda_times"),
    path(D + "ablaufplan/vorlage/", views.agenda_template, name="agenda_template"),
    path(D + "ablaufplan/druckansicht/", views.agenda_print, name="agenda_print"),
    path(D + "ablaufplan/ablaufplan.pdf", views.agenda_pdf, name="agenda_pdf"),
    path(D + "ablaufplan/<int:agenda_item_id>/bearbeiten/", views.agenda_item_edit, name="agenda_item_edit"),
    path(D + "ablaufplan/<int:agenda_item_id>/tische/", views.agenda_item_tables, name="agenda_item_tables"),
    path(D + "ablaufplan/<int:agenda_item_id>/entfernen/", views.agenda_item_delete, name="agenda_item_delete"),
    path(D + "ablaufplan/<int:agenda_item_id>/verschieben/", views.agenda_item_move, name="agenda_item_move"),
]

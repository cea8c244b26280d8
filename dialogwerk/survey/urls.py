"""The participant's survey page sits beside the participant page (/j/<code>/...); the staff page beside the console."""

from django.urls import path

from . import views

app_name = "survey"

urlpatterns = [
    path("j/<str:code>/umfrage/", views.participant, name="participant"),
    path("veranstaltungen/<int:session_id>/umfrage/", views.results, name="results"),
    path("veranstaltungen/<int:session_id>/umfrage/steuern/", views.control, name="control"),
]

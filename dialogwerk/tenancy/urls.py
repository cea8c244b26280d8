from django.urls import path

from . import views

app_name = "tenancy"

urlpatterns = [
    path("kommunen/<int:municipality_id>/mitglieder/", views.members, name="members"),
    path(
        "kommunen/<int:municipality_id>/mitglieder/<int:membership_id>/rolle/",
        views.member_role,
        name="member_role",
    ),
    path(
        "kommunen/<int:municipality_id>/mitglieder/<int:membership_id>/entfernen/",
        views.member_remove,
        name="member_remove",
    ),
    path("kommunen/<int:municipality_id>/protokoll/", views.audit_log, name="audit_log"),
]

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
    path("kommunen/<int:municipality_id>/mitglieder/zwei-faktor/", views.two_factor_policy, name="two_factor_policy"),
    path("konto/code/", views.login_code, name="login_code"),
    path("konto/mein-konto/", views.account, name="account"),
    path("konto/zwei-faktor/einrichten/", views.two_factor_setup, name="two_factor_setup"),
    path("konto/zwei-faktor/abschalten/", views.two_factor_disable, name="two_factor_disable"),
    path("konto/zwei-faktor/neue-codes/", views.two_factor_backup_codes, name="two_factor_backup_codes"),
]

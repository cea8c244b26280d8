"""The URL map. Every app's pages are tenant-scoped; the few public ones are listed in tests/test_tenant_isolation.py."""

from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from dialogwerk.api import api
from dialogwerk.core import views as core_views
from dialogwerk.dialogues import views as dialogue_views
from dialogwerk.tenancy import views as tenancy_views

account_urls = [
    path("anmelden/", tenancy_views.LoginView.as_view(), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "passwort/vergessen/",
        tenancy_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "passwort/vergessen/gesendet/",
        auth_views.PasswordResetDoneView.as_view(template_name="tenancy/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "passwort/neu/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="tenancy/password_reset_confirm.html", success_url=reverse_lazy("password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "passwort/neu/fertig/",
        auth_views.PasswordResetCompleteView.as_view(template_name="tenancy/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", dialogue_views.dashboard, name="dashboard"),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("metrics", core_views.metrics_view, name="metrics"),
    path("konto/", include(account_urls)),
    path("konto/tokens/", include("dialogwerk.apitokens.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("dialogwerk.tenancy.urls")),
    path("", include("dialogwerk.dialogues.urls")),
    path("", include("dialogwerk.preparation.urls")),
    path("", include("dialogwerk.design.urls")),
    path("", include("dialogwerk.live.urls")),
    path("", include("dialogwerk.survey.urls")),
    path("", include("dialogwerk.seating.urls")),
    path("", include("dialogwerk.synthesis.urls")),
    path("", include("dialogwerk.measures.urls")),
    path("", include("dialogwerk.funding.urls")),
    path("", include("dialogwerk.reports.urls")),
    path("", include("dialogwerk.privacy.urls")),
    path("", include("dialogwerk.guide.urls")),
    path("", include("dialogwerk.translations.urls")),
    path("api/v1/", api.urls),
]

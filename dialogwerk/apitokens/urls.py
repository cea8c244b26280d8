from django.urls import path

from . import views

app_name = "apitokens"

urlpatterns = [
    path("", views.token_list, name="list"),
    path("<int:token_id>/widerrufen/", views.token_revoke, name="revoke"),
]

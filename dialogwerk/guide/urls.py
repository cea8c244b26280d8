from django.urls import path

from . import views

app_name = "guide"

urlpatterns = [
    path("kommunen/<int:municipality_id>/dialoge/assistent/", views.wizard, name="wizard"),
    path("kommunen/<int:municipality_id>/gebaerdensprache/", views.sign_video_upload, name="sign_video_upload"),
    path(
        "kommunen/<int:municipality_id>/gebaerdensprache/entfernen/", views.sign_video_delete, name="sign_video_delete"
    ),
    # Public: the guide, plain language and the accessibility statement need no login.
    path("hilfe/", views.index, name="index"),
    path("hilfe/moderationskarte/", views.moderation_card, name="moderation_card"),
    path("hilfe/leichte-sprache/", views.easy_language, name="easy_language"),
    path("hilfe/gebaerdensprache/<int:video_id>/", views.sign_language_video, name="sign_language_video"),
    path("hilfe/bilder/<str:name>", views.image, name="image"),
    path("hilfe/<slug:slug>/", views.chapter, name="chapter"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
]

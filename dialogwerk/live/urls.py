"""Participant pages are short (/j/<code>/: QR codes and people typing it); staff pages are tenant-scoped."""

from django.urls import path

from . import door_views, interpreter_views, views

app_name = "live"

urlpatterns = [
    path("j/", views.join_start, name="join_start"),
    path("j/sw.js", views.service_worker, name="service_worker"),
    path("j/<str:code>/", views.join, name="join"),
    path("j/<str:code>/live/", views.participant, name="participant"),
    path("dialoge/<int:dialogue_id>/live/", views.sessions, name="sessions"),
    path("veranstaltungen/<int:session_id>/", views.console, name="console"),
    path("veranstaltungen/<int:session_id>/steuern/", views.control, name="control"),
    path("veranstaltungen/<int:session_id>/qr.svg", views.qr, name="qr"),
    path("veranstaltungen/<int:session_id>/beitritt/", door_views.door, name="door"),
    path("veranstaltungen/<int:session_id>/beitritt/grenze/", door_views.join_limit, name="join_limit"),
    path("veranstaltungen/<int:session_id>/beitritt/flut/", door_views.flood, name="flood"),
    path("veranstaltungen/<int:session_id>/beitritt/gezaehlt/", door_views.people_counted, name="people_counted"),
    path("veranstaltungen/<int:session_id>/wand/", views.wall, name="wall"),
    path("veranstaltungen/<int:session_id>/wand/aeltere/", views.wall_older, name="wall_older"),
    path("veranstaltungen/<int:session_id>/wand/sprachen/", interpreter_views.wall_languages, name="wall_languages"),
    path("veranstaltungen/<int:session_id>/sprachmittlung/", interpreter_views.interpret, name="interpret"),
    path("veranstaltungen/<int:session_id>/erfassen/", views.capture, name="capture"),
    path("veranstaltungen/<int:session_id>/fotos/", views.photo_upload, name="photo_upload"),
    path("veranstaltungen/<int:session_id>/fotos/<int:photo_id>/", views.photo, name="photo"),
    path("veranstaltungen/<int:session_id>/karten/", views.console_cards, name="console_cards"),
    path("veranstaltungen/<int:session_id>/karten/<int:contribution_id>/", views.card_edit, name="card_edit"),
    path(
        "veranstaltungen/<int:session_id>/karten/<int:contribution_id>/ausblenden/", views.card_hide, name="card_hide"
    ),
    path(
        "veranstaltungen/<int:session_id>/karten/<int:contribution_id>/einblenden/",
        views.card_unhide,
        name="card_unhide",
    ),
    path(
        "veranstaltungen/<int:session_id>/karten/<int:contribution_id>/zusammenfuehren/",
        views.card_merge,
        name="card_merge",
    ),
    path("veranstaltungen/<int:session_id>/punktabfrage/", views.voting_new, name="voting_new"),
    path(
        "veranstaltungen/<int:session_id>/punktabfrage/<int:voting_id>/schliessen/",
        views.voting_close,
        name="voting_close",
    ),
]

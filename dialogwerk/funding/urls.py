from django.urls import path

from . import review_views, views

app_name = "funding"

D = "dialoge/<int:dialogue_id>/foerderung/"
R = "foerderstelle/<int:funding_body_id>/antraege/<int:application_id>/"

urlpatterns = [
    path(D, views.overview, name="overview"),
    path(D + "antrag/", views.application_edit, name="application"),
    path(D + "kosten/", views.cost_line_add, name="cost_line_add"),
    path(D + "kosten/<int:line_id>/bearbeiten/", views.cost_line_edit, name="cost_line_edit"),
    path(D + "kosten/<int:line_id>/entfernen/", views.cost_line_delete, name="cost_line_delete"),
    path(D + "status/", views.status_change, name="status"),
    path(D + "einreichen/", review_views.submit, name="submit"),
    path(D + "belege/", review_views.receipts, name="receipts"),
    path(D + "belege/<int:receipt_id>/", review_views.receipt_download, name="receipt_download"),
    path(D + "belege/<int:receipt_id>/entfernen/", review_views.receipt_delete, name="receipt_delete"),
    path(D + "verwendungsnachweis/einreichen/", review_views.report_submit, name="report_submit"),
    path(D + "fristen/", views.deadline_add, name="deadline_add"),
    path(D + "fristen/<int:deadline_id>/erledigt/", views.deadline_toggle, name="deadline_toggle"),
    path(D + "verwendungsnachweis/", views.report_edit, name="report"),
    path(D + "steckbrief/", views.steckbrief_edit, name="steckbrief"),
    path(D + "foerderantrag.pdf", views.download, {"kind": "application", "format": "pdf"}, name="application_pdf"),
    path(D + "foerderantrag.docx", views.download, {"kind": "application", "format": "docx"}, name="application_docx"),
    path(D + "verwendungsnachweis.pdf", views.download, {"kind": "report", "format": "pdf"}, name="report_pdf"),
    path(D + "verwendungsnachweis.docx", views.download, {"kind": "report", "format": "docx"}, name="report_docx"),
    path(D + "steckbrief.pdf", views.download, {"kind": "steckbrief", "format": "pdf"}, name="steckbrief_pdf"),
    path(D + "steckbrief.docx", views.download, {"kind": "steckbrief", "format": "docx"}, name="steckbrief_docx"),
    path("foerderstelle/", views.funding_bodies, name="bodies"),
    path("foerderstelle/<int:funding_body_id>/", views.body_overview, name="body_overview"),
    path("foerderstelle/<int:funding_body_id>/uebersicht.csv", views.body_csv, name="body_csv"),
    path(
        "foerderstelle/<int:funding_body_id>/programme/<int:programme_id>/", views.programme_edit, name="programme_edit"
    ),
    path("foerderstelle/<int:funding_body_id>/antraege/", review_views.review_list, name="reviews"),
    path(R, review_views.review_detail, name="review"),
    path(R + "aenderungen/", review_views.review_step, {"step": "changes"}, name="review_changes"),
    path(R + "bewilligen/", review_views.review_step, {"step": "approve"}, name="review_approve"),
    path(R + "ablehnen/", review_views.review_step, {"step": "reject"}, name="review_reject"),
    path(
        R + "nachweis/aenderungen/", review_views.review_step, {"step": "report_changes"}, name="review_report_changes"
    ),
    path(R + "nachweis/abschliessen/", review_views.review_step, {"step": "close"}, name="review_report_close"),
    path(R + "belege/<int:receipt_id>/", review_views.review_receipt, name="review_receipt"),
    path(
        R + "foerderantrag.pdf",
        review_views.review_document,
        {"kind": "application", "format": "pdf"},
        name="review_application_pdf",
    ),
    path(
        R + "verwendungsnachweis.pdf",
        review_views.review_document,
        {"kind": "report", "format": "pdf"},
        name="review_report_pdf",
    ),
    # Platform operators (superusers) set up funding bodies; everyone else gets 404.
    path("betrieb/foerderstellen/", views.operator_bodies, name="operator_bodies"),
    path("betrieb/foerderstellen/<int:funding_body_id>/", views.operator_body, name="operator_body"),
    path(
        "betrieb/foerderstellen/<int:funding_body_id>/mitglieder/",
        views.operator_member_add,
        name="operator_member_add",
    ),
    path(
        "betrieb/foerderstellen/<int:funding_body_id>/mitglieder/<int:body_membership_id>/entfernen/",
        views.operator_member_remove,
        name="operator_member_remove",
    ),
]

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("dialoge/<int:dialogue_id>/dokumente/", views.documents, name="documents"),
    path("dialoge/<int:dialogue_id>/dokumente/texte/", views.texts, name="texts"),
    path("dialoge/<int:dialogue_id>/dokumente/erzeugen/", views.generate, name="generate"),
    path("dialoge/<int:dialogue_id>/dokumente/<int:document_id>/status/", views.status, name="status"),
    path("dialoge/<int:dialogue_id>/dokumente/<int:document_id>/herunterladen/", views.download, name="download"),
    path("dialoge/<int:dialogue_id>/dokumente/<int:document_id>/loeschen/", views.delete, name="delete"),
    path("dialoge/<int:dialogue_id>/dokumente/logo/", views.logo_upload, name="logo_upload"),
    path("dialoge/<int:dialogue_id>/dokumente/logo/entfernen/", views.logo_remove, name="logo_remove"),
    path("dialoge/<int:dialogue_id>/dokumente/logo.png", views.logo, name="logo"),
    path("dialoge/<int:dialogue_id>/dokumente/massnahmenkatalog.pdf", views.catalogue_pdf, name="catalogue_pdf"),
    path("dialoge/<int:dialogue_id>/dokumente/massnahmenkatalog.xlsx", views.catalogue_xlsx, name="catalogue_xlsx"),
]

"""The documents page: the editable texts, the logo (checked and re-encoded), and who may do what."""

import io

from PIL import Image

from dialogwerk.reports.models import DocumentationText, MunicipalityBranding


def png(size=(60, 30), fmt="PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 90, 140)).save(out, format=fmt)
    return out.getvalue()


def upload(content: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_members_see_the_page_planners_see_the_forms(client_for, moderator, consultant, dialogue):
    moderator_html = client_for(moderator).get(f"/dialoge/{dialogue.pk}/dokumente/").content.decode()
    assert "Erzeugte Dokumente" in moderator_html and "Texte speichern" not in moderator_html
    consultant_html = client_for(consultant).get(f"/dialoge/{dialogue.pk}/dokumente/").content.decode()
    assert "Texte speichern" in consultant_html and "Logo hochladen" in consultant_html


def test_a_consultant_edits_the_summary(client_for, consultant, dialogue):
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/dokumente/texte/",
        {
            "texts-summary": "Über 70 Menschen kamen.",
            "texts-next_steps": "",
            "texts-results_intro": "",
            "texts-include_annex": "on",
        },
    )
    assert response.status_code == 302
    assert DocumentationText.objects.get(dialogue=dialogue).summary == "Über 70 Menschen kamen."


def test_a_too_long_summary_is_rejected_and_nothing_changes(client_for, consultant, dialogue):
    response = client_for(consultant).post(f"/dialoge/{dialogue.pk}/dokumente/texte/", {"texts-summary": "x" * 20001})
    assert response.status_code == 422
    assert not DocumentationText.objects.exists()


def test_a_moderator_may_not_edit_the_texts(client_for, moderator, dialogue):
    assert (
        client_for(moderator).post(f"/dialoge/{dialogue.pk}/dokumente/texte/", {"texts-summary": "x"}).status_code
        == 403
    )


def test_a_logo_is_re_encoded_as_png_and_served_only_through_the_page(
    client_for, admin_user, moderator, outsider, dialogue
):
    response = client_for(admin_user).post(
        f"/dialoge/{dialogue.pk}/dokumente/logo/", {"logo-logo": upload(png(fmt="JPEG"), "wappen.jpg")}
    )
    assert response.status_code == 302
    branding = MunicipalityBranding.objects.get(municipality=dialogue.municipality)
    with branding.logo.open("rb") as handle:
        assert handle.read().startswith(b"\x89PNG")
    served = client_for(moderator).get(f"/dialoge/{dialogue.pk}/dokumente/logo.png")
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert client_for(outsider).get(f"/dialoge/{dialogue.pk}/dokumente/logo.png").status_code == 404


def test_the_logo_appears_on_the_documentation(client_for, consultant, dialogue):
    from dialogwerk.reports import render_pdf
    from dialogwerk.reports.documentation import build

    from .readback import pdf_images

    client_for(consultant).post(f"/dialoge/{dialogue.pk}/dokumente/logo/", {"logo-logo": upload(png(), "logo.png")})
    assert pdf_images(render_pdf.render(build(dialogue))) == 1  # the logo; an empty dialogue has no charts


def test_a_file_that_is_not_an_image_is_rejected(client_for, consultant, dialogue):
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/dokumente/logo/", {"logo-logo": upload(b"<svg onload=alert(1)>", "x.png")}
    )
    assert response.status_code == 422
    assert not MunicipalityBranding.objects.exists()


def test_a_logo_over_two_megabytes_is_rejected(client_for, consultant, dialogue):
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/dokumente/logo/",
        {"logo-logo": upload(b"\x89PNG" + b"0" * (2 * 1024 * 1024 + 1), "big.png")},
    )
    assert response.status_code == 422


def test_a_moderator_may_not_change_the_logo(client_for, moderator, dialogue):
    assert (
        client_for(moderator)
        .post(f"/dialoge/{dialogue.pk}/dokumente/logo/", {"logo-logo": upload(png(), "l.png")})
        .status_code
        == 403
    )
    assert client_for(moderator).post(f"/dialoge/{dialogue.pk}/dokumente/logo/entfernen/").status_code == 403


def test_the_logo_can_be_removed(client_for, consultant, dialogue):
    client = client_for(consultant)
    client.post(f"/dialoge/{dialogue.pk}/dokumente/logo/", {"logo-logo": upload(png(), "l.png")})
    assert client.post(f"/dialoge/{dialogue.pk}/dokumente/logo/entfernen/").status_code == 302
    assert not MunicipalityBranding.objects.get().logo

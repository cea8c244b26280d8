"""Every upload goes through dialogwerk/core/uploads.py: the type is read from the content, the size is
limited per kind, images are re-encoded without EXIF (a phone photo's GPS position), and nothing is stored
when a check fails."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from dialogwerk.core import uploads
from dialogwerk.guide.models import SignLanguageVideo
from dialogwerk.live import services as live_services
from dialogwerk.live.models import FlipchartPhoto, Method
from dialogwerk.measures import services as measure_services
from dialogwerk.measures.models import CatalogueImport, ProgressAttachment, ProgressUpdate
from dialogwerk.preparation.models import Actor, KeyFigure
from dialogwerk.reports.models import MunicipalityBranding
from tests.preparation.helpers import actor_rows, ready, xlsx
from tests.worker import upload_and_read

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def photo_with_gps(fmt: str = "JPEG") -> bytes:
    """A phone photo: EXIF with the camera and the GPS position of the place it was taken."""
    image = Image.new("RGB", (64, 48), "white")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0132] = "2026:11:25 10:00:00"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (48.0, 46.0, 40.0), 3: "E", 4: (9.0, 10.0, 50.0)})
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif)
    return out.getvalue()


def renamed_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return out.getvalue()


def assert_no_exif(content: bytes) -> None:
    with Image.open(io.BytesIO(content)) as image:
        exif = image.getexif()
        assert not exif.get_ifd(GPS_IFD) and 0x010F not in exif, dict(exif)
        assert "exif" not in image.info
    assert b"PhoneMaker" not in content


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


# --- The shared check on its own ------------------------------------------------------------------------


def test_the_photo_with_gps_is_re_encoded_without_exif():
    assert Image.open(io.BytesIO(photo_with_gps())).getexif().get_ifd(GPS_IFD)  # the fixture has GPS
    clean = uploads.image(SimpleUploadedFile("IMG_0001.JPG", photo_with_gps()))
    assert clean.name == "IMG_0001.jpg"
    assert_no_exif(clean.read())


def test_a_photos_comment_and_a_pngs_text_are_not_kept():
    jpeg, png = io.BytesIO(), io.BytesIO()
    Image.new("RGB", (32, 24), "white").save(jpeg, format="JPEG", comment=b"Foto von Jannik Broesel")
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Jannik Broesel")
    Image.new("RGB", (32, 24), "white").save(png, format="PNG", pnginfo=text)
    for name, content in (("a.jpg", jpeg.getvalue()), ("b.png", png.getvalue())):
        assert b"Broesel" in content  # the fixture carries the name
        assert b"Broesel" not in uploads.image(SimpleUploadedFile(name, content)).read()


def test_the_type_comes_from_the_content_not_the_name():
    assert uploads.sniff(HTML) == "html"
    assert uploads.sniff(renamed_zip()) == "zip"
    assert uploads.sniff(xlsx([["a"], ["b"]])) == "xlsx"
    assert uploads.sniff(photo_with_gps("PNG")) == "png"


def test_the_limits_come_from_the_settings(settings):
    settings.UPLOAD_MAX_BYTES = {"spreadsheet": 10}
    with pytest.raises(uploads.ValidationError) as error:
        uploads.spreadsheet(SimpleUploadedFile("a.csv", b"Name;Art\nA;B\n"))
    assert error.value.code == "too_large"


# --- Preparation: actor list and key figures ------------------------------------------------------------


def post_actors(client, dialogue, content: bytes, name: str):
    return upload_and_read(
        client, f"/dialoge/{dialogue.pk}/akteure/import/", {"file": SimpleUploadedFile(name, content)}
    )


def test_actor_import_refuses_an_html_page_renamed_to_xlsx(client_for, consultant, dialogue, media):
    ready(dialogue)
    response = post_actors(client_for(consultant), dialogue, HTML, "akteure.xlsx")
    assert response.status_code == 422
    assert "Webseite (HTML)" in response.content.decode()
    assert not Actor.objects.exists() and not stored_files(media)


def test_actor_import_refuses_a_renamed_zip(client_for, consultant, dialogue):
    ready(dialogue)
    response = post_actors(client_for(consultant), dialogue, renamed_zip(), "akteure.xlsx")
    assert response.status_code == 422 and "ZIP-Archiv" in response.content.decode()
    assert not Actor.objects.exists()


def test_actor_import_refuses_a_file_over_the_limit(client_for, consultant, dialogue, settings):
    ready(dialogue)
    settings.UPLOAD_MAX_BYTES = {"spreadsheet": 1000}
    response = post_actors(client_for(consultant), dialogue, xlsx(actor_rows()) + b"\0" * 1000, "akteure.xlsx")
    assert response.status_code == 422 and "größer als" in response.content.decode()


def test_actor_import_reads_a_workbook_whatever_its_name(client_for, consultant, dialogue):
    ready(dialogue)
    response = post_actors(client_for(consultant), dialogue, xlsx(actor_rows()), "akteure.csv")
    assert response.status_code == 200 and "Vorschau" in response.content.decode()


def test_key_figure_import_refuses_html(client_for, consultant, dialogue):
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/kennzahlen/import/", {"file": SimpleUploadedFile("k.csv", HTML)}
    )
    assert response.status_code == 422 and "Webseite (HTML)" in response.content.decode()
    assert not KeyFigure.objects.exists()


# --- Measures: catalogue import and progress attachments -------------------------------------------------


@pytest.fixture
def measure(dialogue, consultant):
    return measure_services.measure_create(actor=consultant, dialogue=dialogue, title="Sprachcafé")


def test_catalogue_import_refuses_html_and_renamed_zips(client_for, consultant, dialogue):
    client = client_for(consultant)
    for content, words in ((HTML, "Webseite (HTML)"), (renamed_zip(), "ZIP-Archiv")):
        response = client.post(
            f"/dialoge/{dialogue.pk}/massnahmen/import/", {"file": SimpleUploadedFile("katalog.xlsx", content)}
        )
        assert response.status_code == 422 and words in response.content.decode()
    assert not CatalogueImport.objects.exists()


def long_workbook(rows: int) -> bytes:
    """A workbook whose first sheet has a header and `rows` rows, written as XML straight into the ZIP: a
    few hundred KB compressed, as large as we like unpacked."""
    base = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx([], header=["Titel"]))) as source,
        zipfile.ZipFile(base, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info, source.read(info))
        cells = "".join(
            f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Maßnahme {n}</t></is></c></row>' for n in range(2, rows + 2)
        )
        out.writestr(
            "xl/worksheets/sheet1.xml",
            '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Titel</t></is></c></row>{cells}</sheetData></worksheet>',
        )
    return base.getvalue()


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_read(client_for, consultant, dialogue):
    bomb = long_workbook(500_000)  # some 35 MB of sheet unpacked, from a few hundred KB
    assert len(bomb) < uploads.max_bytes("spreadsheet") < uploads.unzipped_size(bomb)
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/massnahmen/import/", {"file": SimpleUploadedFile("k.xlsx", bomb)}
    )
    assert response.status_code == 422 and "entpackt größer als 25 MB" in response.content.decode()
    assert not CatalogueImport.objects.exists()


def test_a_workbook_with_too_many_rows_is_refused_for_catalogue_and_actors(client_for, consultant, dialogue):
    long = long_workbook(100_000)  # under the unpacked limit: reading stops after 2,001 rows
    assert uploads.unzipped_size(long) < uploads.MAX_UNZIPPED_SPREADSHEET_BYTES
    client = client_for(consultant)
    response = upload_and_read(
        client, f"/dialoge/{dialogue.pk}/massnahmen/import/", {"file": SimpleUploadedFile("k.xlsx", long)}
    )
    assert response.status_code == 422 and "mehr als 2.000 Zeilen" in response.content.decode()
    ready(dialogue)
    response = post_actors(client, dialogue, long, "akteure.xlsx")
    assert response.status_code == 422 and "zu viele Zeilen" in response.content.decode()
    assert not CatalogueImport.objects.filter(read_state="ready").exists() and not Actor.objects.exists()
    assert CatalogueImport.objects.get().content is None  # the worker dropped the file it could not use


def post_progress(client, dialogue, measure, attachment):
    data = {
        "reported_on": "2026-11-20",
        "text": "Erstes Treffen",
        "status": "in_progress",
        "progress": 10,
        "attachment": attachment,
    }
    return client.post(f"/dialoge/{dialogue.pk}/massnahmen/{measure.pk}/sachstand/", data)


def test_a_progress_attachment_that_is_a_web_page_is_refused(client_for, consultant, dialogue, measure, media):
    response = post_progress(client_for(consultant), dialogue, measure, SimpleUploadedFile("protokoll.pdf", HTML))
    assert response.status_code == 422 and "Webseiten (HTML)" in response.content.decode()
    assert not ProgressUpdate.objects.exists() and not stored_files(media)


def test_a_progress_attachment_that_is_a_program_is_refused(client_for, consultant, dialogue, measure):
    response = post_progress(
        client_for(consultant),
        dialogue,
        measure,
        SimpleUploadedFile("protokoll.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200),
    )
    assert response.status_code == 422 and not ProgressUpdate.objects.exists()


def test_a_progress_attachment_over_the_limit_is_refused(client_for, consultant, dialogue, measure, settings):
    settings.UPLOAD_MAX_BYTES = {"attachment": 100}
    response = post_progress(
        client_for(consultant), dialogue, measure, SimpleUploadedFile("p.pdf", b"%PDF-1.7\n" + b"x" * 200)
    )
    assert response.status_code == 422 and not ProgressUpdate.objects.exists()


def test_a_photo_attached_to_a_progress_report_loses_its_gps(client_for, consultant, dialogue, measure):
    response = post_progress(
        client_for(consultant), dialogue, measure, SimpleUploadedFile("baustelle.jpg", photo_with_gps())
    )
    assert response.status_code == 302
    attachment = ProgressAttachment.objects.get()
    with attachment.file.open("rb") as handle:
        assert_no_exif(handle.read())


def test_a_pdf_attachment_is_kept_as_it_is(client_for, consultant, dialogue, measure):
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"
    assert (
        post_progress(
            client_for(consultant), dialogue, measure, SimpleUploadedFile("Bericht März.pdf", pdf)
        ).status_code
        == 302
    )
    attachment = ProgressAttachment.objects.get()
    assert str(attachment) == "Bericht-Marz.pdf"
    with attachment.file.open("rb") as handle:
        assert handle.read() == pdf


# --- Guide: the sign-language video ---------------------------------------------------------------------


def test_a_sign_language_video_that_is_a_web_page_or_too_large_is_refused(
    client_for, admin_user, municipality, settings, media
):
    client = client_for(admin_user)
    url = f"/kommunen/{municipality.pk}/gebaerdensprache/"
    response = client.post(url, {"file": SimpleUploadedFile("dgs.mp4", HTML, "video/mp4")})
    assert response.status_code == 422 and "kein MP4" in response.content.decode()
    settings.UPLOAD_MAX_BYTES = {"video": 20}
    mp4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 40
    response = client.post(url, {"file": SimpleUploadedFile("dgs.mp4", mp4, "video/mp4")})
    assert response.status_code == 422 and "größer als" in response.content.decode()
    assert not SignLanguageVideo.objects.exists() and not stored_files(media)


# --- Reports: the logo ---------------------------------------------------------------------------------


def test_a_logo_loses_its_exif_and_becomes_png(client_for, admin_user, dialogue):
    response = client_for(admin_user).post(
        f"/dialoge/{dialogue.pk}/dokumente/logo/", {"logo-logo": SimpleUploadedFile("wappen.jpg", photo_with_gps())}
    )
    assert response.status_code == 302
    with MunicipalityBranding.objects.get().logo.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"\x89PNG") and b"PhoneMaker" not in content


def test_a_logo_that_is_html_or_too_large_is_refused(client_for, admin_user, dialogue, settings, media):
    client = client_for(admin_user)
    response = client.post(
        f"/dialoge/{dialogue.pk}/dokumente/logo/", {"logo-logo": SimpleUploadedFile("logo.png", HTML)}
    )
    assert response.status_code == 422
    settings.UPLOAD_MAX_BYTES = {"logo": 100}
    response = client.post(
        f"/dialoge/{dialogue.pk}/dokumente/logo/", {"logo-logo": SimpleUploadedFile("logo.jpg", photo_with_gps())}
    )
    assert response.status_code == 422 and "größer als" in response.content.decode()
    assert not MunicipalityBranding.objects.filter(logo__gt="").exists() and not stored_files(media)


# --- Live: the flipchart photo -------------------------------------------------------------------------


@pytest.fixture
def session(dialogue, moderator):
    return live_services.session_create(
        actor=moderator, dialogue=dialogue, title="Abend im Rathaus", method=Method.WORLD_CAFE
    )


def test_a_flipchart_photo_from_a_phone_is_stored_without_its_gps(client_for, moderator, session):
    client = client_for(moderator)
    response = client.post(
        f"/veranstaltungen/{session.pk}/fotos/", {"image": SimpleUploadedFile("IMG_2231.jpg", photo_with_gps())}
    )
    assert response.status_code == 302
    photo = FlipchartPhoto.objects.get()
    served = b"".join(client.get(f"/veranstaltungen/{session.pk}/fotos/{photo.pk}/").streaming_content)
    assert_no_exif(served)


def test_a_flipchart_photo_that_is_svg_or_too_large_is_refused(client_for, moderator, session, settings, media):
    client = client_for(moderator)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
    assert (
        client.post(
            f"/veranstaltungen/{session.pk}/fotos/", {"image": SimpleUploadedFile("tafel.png", svg)}
        ).status_code
        == 422
    )
    settings.UPLOAD_MAX_BYTES = {"image": 100}
    response = client.post(
        f"/veranstaltungen/{session.pk}/fotos/", {"image": SimpleUploadedFile("tafel.jpg", photo_with_gps())}
    )
    assert response.status_code == 422 and "größer als" in response.content.decode()
    assert not FlipchartPhoto.objects.exists() and not stored_files(media)


def test_uploaded_files_are_not_under_the_static_root(settings):
    from pathlib import Path

    assert not Path(settings.MEDIA_ROOT).resolve().is_relative_to(Path(settings.STATIC_ROOT).resolve())
    from django.urls import Resolver404, resolve

    with pytest.raises(Resolver404):
        resolve("/" + settings.MEDIA_URL + "live/1/flipcharts/x.jpg")

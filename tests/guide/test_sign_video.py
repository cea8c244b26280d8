"""The sign-language video: uploaded by a municipality admin, checked by its bytes, shown publicly."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dialogwerk.guide.models import SignLanguageVideo

pytestmark = pytest.mark.django_db

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(municipality) -> str:
    return f"/kommunen/{municipality.pk}/gebaerdensprache/"


def test_an_admin_uploads_a_video_and_everyone_can_watch_it(client_for, admin_user, municipality, client):
    response = client_for(admin_user).post(url(municipality), {"file": SimpleUploadedFile("dgs.mp4", MP4, "video/mp4")})
    assert response.status_code == 302
    video = SignLanguageVideo.objects.get(municipality=municipality)
    assert video.content_type == "video/mp4" and video.size == len(MP4)
    client.logout()
    html = client.get("/hilfe/leichte-sprache/").content.decode()
    assert f"/hilfe/gebaerdensprache/{video.pk}/" in html and "Kommune A" in html
    served = client.get(f"/hilfe/gebaerdensprache/{video.pk}/")
    assert served.status_code == 200 and served["Content-Type"] == "video/mp4"


def test_a_file_that_is_not_a_video_is_refused(client_for, admin_user, municipality):
    response = client_for(admin_user).post(
        url(municipality), {"file": SimpleUploadedFile("dgs.mp4", b"<html>nope</html>", "video/mp4")}
    )
    assert response.status_code == 422
    assert not SignLanguageVideo.objects.exists()


def test_a_consultant_may_not_upload(client_for, consultant, municipality):
    assert client_for(consultant).get(url(municipality)).status_code == 403
    response = client_for(consultant).post(url(municipality), {"file": SimpleUploadedFile("dgs.mp4", MP4, "video/mp4")})
    assert response.status_code == 403 and not SignLanguageVideo.objects.exists()


def test_an_outsider_gets_404(client_for, outsider, municipality):
    assert client_for(outsider).get(url(municipality)).status_code == 404


def test_the_admin_removes_the_video(client_for, admin_user, municipality):
    client = client_for(admin_user)
    client.post(
        url(municipality), {"file": SimpleUploadedFile("dgs.webm", b"\x1a\x45\xdf\xa3" + b"\x00" * 32, "video/webm")}
    )
    assert SignLanguageVideo.objects.get().content_type == "video/webm"
    assert client.post(url(municipality) + "entfernen/").status_code == 302
    assert not SignLanguageVideo.objects.exists()

"""URL parameters of the guide's pages; the guide, Leichte Sprache and the accessibility statement are public."""

from django.core.files.base import ContentFile

from dialogwerk.guide.models import SignLanguageVideo
from tests.tenant_walk import url_kwarg

PUBLIC_URL_NAMES = {
    "guide:index",
    "guide:chapter",
    "guide:image",
    "guide:moderation_card",
    "guide:easy_language",
    "guide:sign_language_video",
    "guide:accessibility",
}


@url_kwarg("slug")
def slug(context: dict) -> str:
    return "vorbereitung"


@url_kwarg("name")
def name(context: dict) -> str:
    return "erster-dialog-1.png"


@url_kwarg("video_id")
def video_id(context: dict) -> int:
    video = SignLanguageVideo(municipality=context["municipality"], content_type="video/mp4", size=16)
    video.file.save("b.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 4), save=True)
    return video.pk

"""The municipality's logo: checked and re-encoded as PNG by the shared upload check (dialogwerk/core/uploads.py:
drops metadata and anything hidden in the file), and read back for documents."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from dialogwerk.core import uploads

MAX_SIDE = 1200


def reencode_logo(content: bytes) -> bytes:
    """A clean PNG of at most MAX_SIDE pixels per side, or a ValidationError in plain words."""
    try:
        return uploads.image(ContentFile(content, name="logo.png"), kind="logo", max_side=MAX_SIDE, as_png=True).read()
    except ValidationError as error:
        raise ValidationError({"logo": error.messages}) from None


def logo_png(municipality) -> bytes | None:
    from .models import MunicipalityBranding

    branding = MunicipalityBranding.objects.filter(municipality=municipality).first()
    if branding is None or not branding.logo:
        return None
    try:
        with branding.logo.open("rb") as handle:
            return handle.read()
    except OSError:
        return None

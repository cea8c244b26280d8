"""The municipality's logo: checked, re-encoded as PNG with Pillow (drops metadata and anything hidden
in the file), and read back for documents."""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 1200
ALLOWED_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


def reencode_logo(content: bytes) -> bytes:
    """A clean PNG of at most MAX_SIDE pixels per side, or a ValidationError in plain words."""
    if len(content) > MAX_BYTES:
        raise ValidationError({"logo": _("The logo may be at most 2 MB.")})
    try:
        with Image.open(io.BytesIO(content)) as probe:
            kind = probe.format
            probe.verify()
        if kind not in ALLOWED_FORMATS:
            raise ValidationError({"logo": _("Upload the logo as PNG, JPEG, GIF or WebP.")})
        with Image.open(io.BytesIO(content)) as image:
            if image.width * image.height > 40_000_000:
                raise ValidationError({"logo": _("The logo is too large.")})
            image.load()
            image = image.convert("RGBA")
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            image.save(out, format="PNG", optimize=True)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError({"logo": _("This file is not an image we can read.")}) from None


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

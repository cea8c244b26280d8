"""Demo part of reports: Musterstadt's logo and the texts of its documentation."""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from .models import DocumentationText, MunicipalityBranding


def _logo() -> bytes:
    image = Image.new("RGBA", (480, 160), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((4, 4, 156, 156), radius=24, fill=(29, 95, 140, 255))
    draw.polygon([(40, 120), (80, 40), (120, 120)], fill=(255, 255, 255, 255))
    draw.text((180, 60), "MUSTERSTADT", fill=(29, 95, 140, 255), font_size=36)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def load(context: dict) -> None:
    municipality, dialogue = context["municipality"], context["dialogue"]
    branding, _created = MunicipalityBranding.objects.get_or_create(municipality=municipality)
    if not branding.logo:
        branding.logo.save("logo.png", ContentFile(_logo()), save=True)
    DocumentationText.objects.get_or_create(
        dialogue=dialogue,
        defaults={
            "next_steps": "Der Begleitkreis trifft sich vier Wochen nach dem Dialog und prüft mit den "
            "Verantwortlichen jede Maßnahme. Der Gemeinderat beantwortet die Ergebnisse öffentlich; "
            "eine Zusammenfassung erscheint auf Deutsch, Arabisch und Farsi.",
        },
    )

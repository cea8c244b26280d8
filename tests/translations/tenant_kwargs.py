"""URL parameters of the translations pages, for the walk as another municipality's member."""

from dialogwerk.translations.models import TranslationImport
from tests.tenant_walk import url_kwarg


@url_kwarg("fmt")
def fmt(context: dict) -> str:
    return "xlsx"


@url_kwarg("translation_import_id")
def translation_import_id(context: dict) -> int:
    return TranslationImport.objects.create(dialogue=context["dialogue"], filename="b.xlf", ui_language="de").pk

"""Values every page of the shell needs: the languages to offer (staff pages: German and English only)."""

from django.utils.translation import get_language_info

from . import page_languages


def shell(request) -> dict:
    offered = page_languages.offered_languages(getattr(request, "resolver_match", None))
    return {
        "shell_languages": [{"code": code, "name_local": get_language_info(code)["name_local"]} for code in offered],
    }

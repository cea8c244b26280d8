"""Values every page of the shell needs: the languages to offer."""

from django.conf import settings
from django.utils.translation import get_language_info


def shell(request) -> dict:
    return {
        "shell_languages": [
            {"code": code, "name_local": get_language_info(code)["name_local"]} for code, _name in settings.LANGUAGES
        ],
    }

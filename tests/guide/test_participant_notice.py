"""The plain-language participant notice exists in all seven participant languages."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

EXPECTED = {
    "de": "Sie brauchen kein Konto.",
    "en": "You do not need an account.",
    "ar": "لا تحتاج إلى حساب.",
    "fa": "به حساب کاربری نیاز ندارید.",
    "uk": "Вам не потрібен обліковий запис.",
    "tr": "Hesaba ihtiyacınız yok.",
    "ru": "Вам не нужна учётная запись.",
}


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_the_notice_is_translated(language):
    with translation.override(language):
        html = render_to_string("guide/_participant_notice.html")
    assert EXPECTED[language] in html
    assert 'aria-labelledby="plain-notice-heading"' in html

"""What a participant reads in the survey exists in every participant language, plural forms included (a
missing string would fall back to German, not English); German is complete (tests/test_translations.py)."""

import pathlib

import polib
import pytest

import dialogwerk

LOCALE = pathlib.Path(dialogwerk.__file__).parent / "survey" / "locale"
PARTICIPANT_SOURCES = (
    "templates/survey/participant.html",
    "templates/survey/_participant_link.html",
    "forms.py",
)  # relative to the app
PARTICIPANT_MESSAGES_IN_CODE = {  # strings of services.py and views.py a participant can see
    "This answer belongs to another event.",
    "Please write at most %(max)s characters.",
    "Please choose a number from 1 to 5.",
    "The survey is closed. Thank you for taking part.",
    "Thank you! Your answer was saved. You can change it until the survey closes.",
}


def participant_facing(entry) -> bool:
    return entry.msgid in PARTICIPANT_MESSAGES_IN_CODE or any(
        path.endswith(PARTICIPANT_SOURCES) for path, _l in entry.occurrences
    )


@pytest.mark.parametrize("language", ["de", "en", "ar", "fa", "uk", "tr", "ru"])
def test_every_participant_facing_survey_string_is_translated(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    checked = [entry for entry in po if participant_facing(entry)]
    missing = [
        e.msgid for e in checked if e.fuzzy or not all(e.msgstr_plural.values() if e.msgid_plural else [e.msgstr])
    ]
    assert len(checked) >= 18 and not missing, missing


def test_english_is_complete_so_that_nothing_falls_back_to_german():
    po = polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"))
    assert not po.untranslated_entries()

"""German is the default UI language: every string must be translated; Arabic and Farsi run right to left."""

import os
import pathlib
import shutil
import subprocess
import sys

import polib
import pytest
from django.conf import settings
from django.utils.translation import trans_real

import dialogwerk

ROOT = pathlib.Path(dialogwerk.__file__).parent


def test_every_german_catalogue_is_complete():
    catalogues = sorted(ROOT.glob("**/locale/de/LC_MESSAGES/django.po"))
    assert catalogues
    for path in catalogues:
        po = polib.pofile(str(path))
        untranslated = [entry.msgid for entry in po.untranslated_entries()]
        fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
        assert not untranslated, f"{path}: untranslated {untranslated[:5]}"
        assert not fuzzy, f"{path}: fuzzy {fuzzy[:5]}"


def _german_keys(root: pathlib.Path) -> dict[str, set[tuple[str, str]]]:
    """(context, msgid) of every live entry of each German catalogue, by its path below `root`."""
    return {
        str(path.relative_to(root)): {
            (entry.msgctxt or "", entry.msgid) for entry in polib.pofile(str(path)) if not entry.obsolete
        }
        for path in sorted(root.glob("**/locale/de/LC_MESSAGES/django.po"))
    }


def test_every_string_of_the_code_is_in_its_german_catalogue(tmp_path):
    """A string marked for translation that its app's catalogue lacks shows untranslated (in English) on a
    German page, and the completeness test above cannot see it. scripts/makemessages.sh, run on a copy of
    the code, must find nothing new to add."""
    copy = tmp_path / "code"
    shutil.copytree(ROOT, copy / "dialogwerk", ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copytree(ROOT.parent / "scripts", copy / "scripts")
    (copy / ".venv").symlink_to(pathlib.Path(sys.executable).parent.parent)
    subprocess.run(
        ["scripts/makemessages.sh"],
        cwd=copy,
        env={**os.environ, "PYTHONPATH": str(copy), "LOCALE": "de"},  # the copy's package, so its catalogues
        check=True,
        capture_output=True,
    )
    before, after = _german_keys(ROOT), _german_keys(copy / "dialogwerk")
    missing = {path: sorted(after[path] - before.get(path, set())) for path in after}
    missing = {path: keys for path, keys in missing.items() if keys}
    assert not missing, "strings the catalogues lack (scripts/makemessages.sh adds them): " + "; ".join(
        f"{path}: {keys[:5]}" for path, keys in missing.items()
    )


def _own_translations(path: pathlib.Path):
    """(catalogue key, translation) of every translated entry: Django's keys are "context\x04msgid", and
    (msgid, form) for each plural form."""
    for entry in polib.pofile(str(path)):
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            yield from (((key, int(form)), text) for form, text in entry.msgstr_plural.items() if text)
        elif entry.msgstr:
            yield key, entry.msgstr


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_app_shows_its_own_words(language):
    """Django merges the apps' catalogues, and the first app in INSTALLED_APPS wins: a string two apps
    translate differently would show one app the other's words (the live console's closed session read
    "Abgeschlossen" instead of "Beendet"). Where a word means two things, a context (pgettext) keeps them
    apart; where it means one, every app says it the same way."""
    merged = trans_real.translation(language)._catalog
    clashes = [
        f"{path.relative_to(ROOT).parts[0]}: {key!r} is {text!r} there, but shows as {merged.get(key)!r}"
        for path in sorted(ROOT.glob(f"**/locale/{language}/LC_MESSAGES/django.po"))
        for key, text in _own_translations(path)
        if merged.get(key) != text
    ]
    assert not clashes, "\n".join(clashes)


# Staff pages (the login among them) speak German and English only: tests/core/test_staff_page_language.py.
@pytest.mark.parametrize("language", ["ar", "fa"])
def test_right_to_left_languages_mirror_the_page(client, language, db):
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    html = client.get("/j/").content.decode()
    assert f'<html lang="{language}" dir="rtl">' in html


def test_arabic_shows_the_join_page_in_arabic(client, db):
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    html = client.get("/j/").content.decode()
    assert "الانضمام إلى فعالية" in html


def test_english_is_available(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/konto/anmelden/").content.decode()
    assert '<html lang="en" dir="ltr">' in html and "Log in" in html


def test_the_ui_stays_german_for_an_english_browser_until_someone_switches(client, db):
    html = client.get("/konto/anmelden/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="de" dir="ltr">' in html


# What a participant reads on the phone: it must exist in every participant language. A missing string
# would not fall back to English but to German (Django falls back to LANGUAGE_CODE).
PARTICIPANT_SOURCES = (
    "templates/live/join.html",
    "templates/live/join_start.html",
    "templates/live/participant.html",
    "templates/live/_notice.html",
    "templates/live/_step.html",
    "templates/live/_card.html",
    "templatetags/live_options.py",
    "templates/guide/_participant_notice.html",
    "templates/seating/_route.html",
    "templates/seating/_route_cards.html",
    "templatetags/seating_route.py",
    "templates/privacy/my_participant_data.html",
    "templates/privacy/_participant_data_link.html",
    "templates/privacy/_notice_link.html",
    "templates/privacy/notice.html",
    "templates/measures/public_status.html",
    "templates/measures/_public_status_content.html",
    "templates/measures/_participant_results_link.html",
    "templates/measures/_public_decision_body.html",
    "templates/measures/public_measure.html",
    "templates/measures/subscribe.html",
    "templates/measures/subscription.html",
    "templates/measures/email/results_confirm.txt",
    "templates/measures/email/results_confirm_subject.txt",
    "templates/measures/email/results_notice.txt",
    "templates/measures/email/results_notice_subject.txt",
    "processing.py",
    "participant_forms.py",
    "live/api.py",
    "api.py",
)
# Apps whose pages are mostly staff pages: only these of their sources are read by participants.
SHARED_APP_SOURCES = {
    "preparation": (
        "templates/preparation/rsvp.html",
        "templates/preparation/rsvp_expired.html",
        "templates/preparation/rsvp_no_date.html",
        "templates/preparation/_event_facts.html",
        "templates/preparation/_letter.html",
        "templates/preparation/rsvp_code.html",
        "templates/preparation/event_public.html",
        "templates/preparation/my_registration.html",
        "templates/preparation/_registration_notice.html",
        "templates/preparation/email/registration_confirm.txt",
        "templates/preparation/email/registration_confirm_subject.txt",
        "templates/preparation/email/registration_moved_up.txt",
        "templates/preparation/email/registration_moved_up_subject.txt",
        "registrations.py",
        "event_facts.py",
        "participant_forms.py",
    ),
    "survey": ("templates/survey/participant.html", "forms.py"),
}
# Strings of modules shared with staff pages that participants read too: the answers of an invitation, and
# what the RSVP and survey services say when an answer cannot be taken.
PARTICIPANT_MSGIDS = {
    "No answer yet",
    "Accepted",
    "Declined",
    "Maybe",
    "The event is over; this link no longer accepts answers.",
    "Please choose whether you will come.",
    "Choose one of the offered languages.",
    "Please choose a number from 1 to 5.",
    "Please write at most %(max)s characters.",
    "The survey is closed. Thank you for taking part.",
    "Thank you! Your answer was saved. You can change it until the survey closes.",
}
PARTICIPANT_LANGUAGES = ["de", "ar", "fa", "uk", "tr", "ru"]


@pytest.mark.parametrize("language", PARTICIPANT_LANGUAGES)
def test_every_participant_facing_string_is_translated(language):
    missing, checked = [], 0
    for app in ("live", "guide", "seating", "privacy", "measures", "preparation", "survey"):
        po = polib.pofile(str(ROOT / app / "locale" / language / "LC_MESSAGES" / "django.po"))
        for entry in po:
            sources = SHARED_APP_SOURCES.get(app, PARTICIPANT_SOURCES)
            if entry.msgid not in PARTICIPANT_MSGIDS and not any(
                path.endswith(sources) for path, _line in entry.occurrences
            ):
                continue
            checked += 1
            forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
            if not all(forms) or entry.fuzzy:
                missing.append(f"{app}: {entry.msgid}")
    assert checked >= 30, "the participant sources above no longer match the catalogues"
    assert not missing, missing[:10]


@pytest.mark.parametrize("language", [*PARTICIPANT_LANGUAGES, "en"])
def test_the_page_frame_speaks_every_participant_language(language):
    """Header and footer of every page (base.html) around the participant pages: without its own catalogue
    a language falls back to German there (the language switch read 'Wechseln' in Farsi)."""
    po = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    frame = [entry for entry in po if any(path.endswith("templates/base.html") for path, _line in entry.occurrences)]
    assert len(frame) >= 8
    assert not [entry.msgid for entry in frame if not entry.msgstr or entry.fuzzy]

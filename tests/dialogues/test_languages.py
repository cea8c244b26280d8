"""Languages of a dialogue: German always and first, the chosen others, the suggestion from invitations and
participants, on the edit page, the overview and the API."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from dialogwerk.apitokens.models import Scope
from dialogwerk.apitokens.services import token_create
from dialogwerk.dialogues import languages
from dialogwerk.dialogues.models import Dialogue
from dialogwerk.dialogues.selectors import LanguageSuggestion, language_suggestions, suggested_languages
from dialogwerk.dialogues.services import dialogue_create, dialogue_set_languages
from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method
from dialogwerk.preparation.models import RSVP, Actor, Invitation, Perspective
from dialogwerk.tenancy.models import AuditAction, AuditLogEntry


def edit_url(dialogue) -> str:
    return f"/dialoge/{dialogue.pk}/bearbeiten/"


def post_languages(client, dialogue, *codes, **extra):
    return client.post(edit_url(dialogue), {"section": "languages", "languages": list(codes), **extra})


def stored(dialogue) -> list[str]:
    return Dialogue.objects.get(pk=dialogue.pk).language_codes


def invite(dialogue, name: str, language: str, status: str = RSVP.ACCEPTED) -> Invitation:
    perspective, _ = Perspective.objects.get_or_create(dialogue=dialogue, name="Geflüchtete")
    actor = Actor.objects.create(dialogue=dialogue, name=name, perspective=perspective)
    return Invitation.objects.create(
        dialogue=dialogue, actor=actor, language=language, status=status, expires_on=datetime.date(2030, 1, 1)
    )


# --- the model and the service --------------------------------------------------------------------------


def test_a_new_dialogue_speaks_german_only(dialogue):
    assert dialogue.language_codes == ["de"]
    assert stored(dialogue) == ["de"]


def test_language_codes_are_german_first_then_in_the_order_of_the_settings(consultant, dialogue):
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["ru", "uk", "ar", "en", "ar"])
    assert stored(dialogue) == ["de", "en", "ar", "uk", "ru"]
    assert Dialogue.objects.get(pk=dialogue.pk).languages_csv == "de,en,ar,uk,ru"


def test_german_is_kept_when_it_is_not_sent(consultant, dialogue):
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["ar", "uk"])
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=[])
    assert stored(dialogue) == ["de"]


def test_the_service_refuses_an_unknown_code_and_changes_nothing(consultant, dialogue):
    with pytest.raises(ValidationError) as refused:
        dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["ar", "xx"])
    assert "„xx“ ist keine der angebotenen Sprachen." in refused.value.message_dict["languages"]
    assert stored(dialogue) == ["de"]
    assert not AuditLogEntry.objects.filter(action=AuditAction.UPDATE).exists()


def test_setting_the_languages_is_audited_once_per_change(consultant, dialogue):
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["uk", "ar"])
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["ar", "uk", "de"])  # the same again
    entry = AuditLogEntry.objects.get(action=AuditAction.UPDATE)
    assert entry.changes == {"languages": ["de", "de, ar, uk"]}
    assert entry.actor == consultant and entry.target_id == str(dialogue.pk)


def test_a_dialogue_can_be_created_with_its_languages(consultant, municipality):
    created = dialogue_create(actor=consultant, municipality=municipality, title="Mit Sprachen", languages=["fa", "ar"])
    assert created.language_codes == ["de", "ar", "fa"]
    with pytest.raises(ValidationError):
        dialogue_create(actor=consultant, municipality=municipality, title="Falsch", languages=["klingon"])
    assert not Dialogue.objects.filter(title="Falsch").exists()


@pytest.mark.parametrize("text", ["ar,de", "de,xx", "de,ar,ar", "", "de,"])
def test_model_validation_refuses_stored_text_that_is_not_canonical(dialogue, text):
    dialogue.languages_csv = text
    with pytest.raises(ValidationError) as refused:
        dialogue.full_clean()
    assert "languages_csv" in refused.value.message_dict


def test_the_database_refuses_languages_without_german_first(dialogue):
    with pytest.raises(IntegrityError), transaction.atomic():
        Dialogue.objects.filter(pk=dialogue.pk).update(languages_csv="ar,de")


def test_reading_tolerates_a_language_no_longer_offered(dialogue):
    # Should settings.LANGUAGES lose a language, the dialogues that chose it keep working without it.
    assert languages.from_text("de, ar ,xx,uk,ar") == ["de", "ar", "uk"]
    assert languages.from_text("") == ["de"]


# --- the suggestion -------------------------------------------------------------------------------------


def test_the_suggestion_counts_invited_actors_and_participants_most_frequent_first(moderator, dialogue):
    for name in ("Amal", "Karim", "Rana"):
        invite(dialogue, name, "ar")
    invite(dialogue, "Olena", "uk")
    invite(dialogue, "Hassan", "ar", status=RSVP.DECLINED)  # will not come: not counted
    invite(dialogue, "Frau Weber", "de")  # German is always chosen
    invite(dialogue, "Herr Vogel", "")  # did not say
    session = live_services.session_create(actor=moderator, dialogue=dialogue, title="Abend", method=Method.WORLD_CAFE)
    for language in ("uk", "uk", "tr", "de"):
        live_services.participant_join(session=session, language=language, consent=True)

    assert language_suggestions(dialogue=dialogue) == [
        LanguageSuggestion(code="ar", invited=3, participants=0),
        LanguageSuggestion(code="uk", invited=1, participants=2),  # as many as Arabic: the settings' order
        LanguageSuggestion(code="tr", invited=0, participants=1),
    ]
    assert suggested_languages(dialogue=dialogue) == ["ar", "uk", "tr"]


def test_the_suggestion_leaves_out_languages_already_chosen(consultant, dialogue):
    invite(dialogue, "Amal", "ar")
    invite(dialogue, "Reza", "fa")
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["ar"])
    assert suggested_languages(dialogue=dialogue) == ["fa"]


def test_the_suggestion_ignores_codes_outside_the_settings(dialogue):
    invite(dialogue, "Jemand", "es")
    assert suggested_languages(dialogue=dialogue) == []


# --- the edit page --------------------------------------------------------------------------------------


def test_a_consultant_adds_arabic_and_ukrainian_and_sees_them_on_the_overview(client_for, consultant, dialogue):
    client = client_for(consultant)
    response = post_languages(client, dialogue, "uk", "ar")
    assert response.status_code == 302 and response["Location"] == f"/dialoge/{dialogue.pk}/"
    assert stored(dialogue) == ["de", "ar", "uk"]
    html = client.get(response["Location"]).content.decode()
    assert "Die Sprachen des Dialogs sind jetzt: Deutsch, Arabisch, Ukrainisch." in html
    assert 'Arabisch (<span lang="ar" dir="rtl">العربيّة</span>)' in html
    assert 'Ukrainisch (<span lang="uk">Українська</span>)' in html
    assert 'Deutsch <span class="muted">(Arbeitssprache)</span>' in html
    assert "Sprachen ändern" in html


def test_the_edit_page_offers_the_languages_as_a_group_of_checkboxes(client_for, admin_user, consultant, dialogue):
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["fa"])
    html = client_for(admin_user).get(edit_url(dialogue)).content.decode()
    assert '<section id="sprachen"' in html
    assert "<legend>Sprachen</legend>" in html
    assert (
        '<input type="checkbox" id="id_languages_de" checked disabled aria-describedby="languages-working-hint">'
        in html
    )
    assert "(Arbeitssprache, immer dabei)" in html
    assert '<input type="checkbox" name="languages" value="fa" id="id_languages_fa" checked>' in html
    assert '<input type="checkbox" name="languages" value="ar" id="id_languages_ar">' in html
    assert '<label for="id_languages_fa">Persisch (Farsi) (<span lang="fa" dir="rtl">فارسی</span>)</label>' in html


def test_a_municipality_administrator_chooses_languages_too(client_for, admin_user, dialogue):
    assert post_languages(client_for(admin_user), dialogue, "fa").status_code == 302
    assert stored(dialogue) == ["de", "fa"]


def test_german_cannot_be_removed_on_the_page(client_for, consultant, dialogue):
    client = client_for(consultant)
    post_languages(client, dialogue, "ar")
    post_languages(client, dialogue)  # everything unticked: only German is left
    assert stored(dialogue) == ["de"]


def test_posting_german_too_is_harmless(client_for, consultant, dialogue):
    post_languages(client_for(consultant), dialogue, "de", "ar", "ar")
    assert stored(dialogue) == ["de", "ar"]


@pytest.mark.parametrize("bad", [["ar", "xx"], ["<script>"], ["de,ar"]])
def test_an_unknown_code_answers_400_with_the_error_shown_and_stores_nothing(client_for, consultant, dialogue, bad):
    response = post_languages(client_for(consultant), dialogue, *bad)
    assert response.status_code == 400
    html = response.content.decode()
    assert "ist keine der angebotenen Sprachen." in html
    assert 'id="languages-error" role="alert"' in html
    assert "<script>" not in html.split('id="languages-error"')[1].split("</div>")[0]
    assert stored(dialogue) == ["de"]
    assert not AuditLogEntry.objects.filter(action=AuditAction.UPDATE).exists()


def test_a_refused_post_keeps_the_valid_ticks_and_the_stored_title(client_for, consultant, dialogue):
    html = post_languages(client_for(consultant), dialogue, "uk", "xx").content.decode()
    assert 'value="uk" id="id_languages_uk" checked>' in html
    assert 'value="ar" id="id_languages_ar">' in html
    assert 'value="Zusammenleben in Kommune A"' in html  # the other form shows what is stored


def test_the_title_form_still_saves_with_the_languages_on_the_same_page(client_for, consultant, dialogue):
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["ar"])
    client_for(consultant).post(edit_url(dialogue), {"title": "Neu", "expected_participants": "60"})
    saved = Dialogue.objects.get(pk=dialogue.pk)
    assert saved.title == "Neu" and saved.language_codes == ["de", "ar"]


def test_another_municipalitys_member_gets_404(client_for, outsider, dialogue):
    client = client_for(outsider)
    assert client.get(edit_url(dialogue)).status_code == 404
    assert post_languages(client, dialogue, "ar").status_code == 404
    assert stored(dialogue) == ["de"]


@pytest.mark.parametrize("role", ["steering_member", "moderator"])
def test_who_does_not_plan_the_dialogue_may_not_choose_its_languages(request, client_for, dialogue, role):
    client = client_for(request.getfixturevalue(role))
    assert client.get(edit_url(dialogue)).status_code == 403
    assert post_languages(client, dialogue, "ar").status_code == 403
    assert stored(dialogue) == ["de"]


def test_readers_see_the_languages_on_the_overview_without_a_link_to_change_them(
    client_for, consultant, steering_member, dialogue
):
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["tr"])
    html = client_for(steering_member).get(f"/dialoge/{dialogue.pk}/").content.decode()
    assert 'Türkisch (<span lang="tr">Türkçe</span>)' in html
    assert "#sprachen" not in html


def test_the_overview_names_languages_in_the_readers_ui_language(client_for, consultant, dialogue, settings):
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["ar"])
    client = client_for(consultant)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(f"/dialoge/{dialogue.pk}/").content.decode()
    assert 'German (<span lang="de">Deutsch</span>)' in html
    assert 'Arabic (<span lang="ar" dir="rtl">العربيّة</span>)' in html


def test_the_edit_page_shows_the_suggestion_and_takes_it_in_one_click(client_for, consultant, dialogue):
    for name in ("Amal", "Karim", "Rana"):
        invite(dialogue, name, "ar")
    invite(dialogue, "Olena", "uk")
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["en"])
    client = client_for(consultant)
    html = client.get(edit_url(dialogue)).content.decode()
    assert "3 eingeladene Akteure sprechen Arabisch" in html
    assert "1 eingeladener Akteur spricht Ukrainisch" in html
    one_click = html.split("Vorschlag aus den Einladungen")[1].split("</form>")[0]
    assert "Die 2 vorgeschlagenen Sprachen hinzufügen" in one_click
    codes = [part.split('"')[0] for part in one_click.split('name="languages" value="')[1:]]
    response = client.post(edit_url(dialogue), {"section": "languages", "languages": codes})
    assert response.status_code == 302
    assert stored(dialogue) == ["de", "en", "ar", "uk"]  # the suggestion adds, it keeps what was chosen
    assert "Vorschlag aus den Einladungen" not in client.get(edit_url(dialogue)).content.decode()


def test_the_overview_costs_no_query_more_with_more_languages(client_for, consultant, dialogue):
    client = client_for(consultant)
    url = f"/dialoge/{dialogue.pk}/"
    client.get(url)  # warm-up: sessions, caches
    with CaptureQueriesContext(connection) as german_only:
        client.get(url)
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["en", "ar", "fa", "uk", "tr", "ru"])
    with CaptureQueriesContext(connection) as all_of_them:
        client.get(url)
    assert len(all_of_them) == len(german_only)


# --- the API --------------------------------------------------------------------------------------------


@pytest.fixture
def api(client):
    """api(user) -> send(method, path, body) with a read-write token of that user (tests/api's client is
    that folder's fixture)."""

    def make(user):
        _token, secret = token_create(user=user, name="Sprachen", scope=Scope.READ_WRITE)
        headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

        def send(method, path, body=None):
            if method == "get":
                return client.get(path, **headers)
            return getattr(client, method)(path, data=json.dumps(body), content_type="application/json", **headers)

        return send

    return make


def test_the_api_reads_and_sets_the_languages(api, consultant, dialogue):
    send = api(consultant)
    assert send("get", f"/api/v1/dialogues/{dialogue.pk}").json()["languages"] == ["de"]
    response = send("patch", f"/api/v1/dialogues/{dialogue.pk}", {"languages": ["uk", "ar", "uk"]})
    assert response.status_code == 200, response.content
    assert response.json()["languages"] == ["de", "ar", "uk"]
    assert stored(dialogue) == ["de", "ar", "uk"]
    assert AuditLogEntry.objects.get(action=AuditAction.UPDATE).changes == {"languages": ["de", "de, ar, uk"]}


def test_the_api_changes_title_and_languages_together(api, consultant, dialogue):
    response = api(consultant)("patch", f"/api/v1/dialogues/{dialogue.pk}", {"title": "Neu", "languages": ["fa"]})
    assert response.status_code == 200
    saved = Dialogue.objects.get(pk=dialogue.pk)
    assert saved.title == "Neu" and saved.language_codes == ["de", "fa"]


@pytest.mark.parametrize("languages_sent", [["xx"], ["ar", 7], "ar", None])
def test_the_api_refuses_unknown_languages_with_422_and_stores_nothing(api, consultant, dialogue, languages_sent):
    response = api(consultant)(
        "patch", f"/api/v1/dialogues/{dialogue.pk}", {"title": "Neu", "languages": languages_sent}
    )
    assert response.status_code == 422
    assert any(key.startswith("languages") for key in response.json()["errors"])
    saved = Dialogue.objects.get(pk=dialogue.pk)
    assert saved.language_codes == ["de"] and saved.title == "Zusammenleben in Kommune A"


def test_the_api_creates_a_dialogue_with_languages(api, consultant, municipality):
    response = api(consultant)(
        "post", "/api/v1/dialogues/", {"municipality": municipality.pk, "title": "Neu", "languages": ["ru"]}
    )
    assert response.status_code == 201, response.content
    assert response.json()["languages"] == ["de", "ru"]


def test_a_steering_member_may_not_set_languages_over_the_api(api, steering_member, dialogue):
    assert api(steering_member)("patch", f"/api/v1/dialogues/{dialogue.pk}", {"languages": ["ar"]}).status_code == 403
    assert stored(dialogue) == ["de"]


def test_another_municipalitys_member_gets_404_from_the_api(api, outsider, dialogue):
    assert api(outsider)("patch", f"/api/v1/dialogues/{dialogue.pk}", {"languages": ["ar"]}).status_code == 404
    assert stored(dialogue) == ["de"]

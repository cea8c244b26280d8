"""The demo dialogue of Musterstadt speaks the languages of its refugees; loading again keeps a user's choice."""

from django.core.management import call_command

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.dialogues.services import dialogue_set_languages


def test_the_demo_dialogue_has_german_arabic_ukrainian_and_farsi_and_loading_again_keeps_a_change(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    dialogue = Dialogue.objects.get(municipality__name="Musterstadt")
    assert dialogue.language_codes == ["de", "ar", "fa", "uk"]
    dialogue_set_languages(actor=None, dialogue=dialogue, languages=["ar"])

    call_command("seed_demo", stdout=open("/dev/null", "w"))

    assert Dialogue.objects.get(municipality__name="Musterstadt").language_codes == ["de", "ar"]

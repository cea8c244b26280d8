"""`make run` loads the demo every time: it must never duplicate or reset anything."""

from django.core.management import call_command

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.tenancy.models import Membership, Municipality, User


def test_the_demo_has_musterstadt_with_its_dialogue_and_a_login_per_role(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    musterstadt = Municipality.objects.get(name="Musterstadt")
    roles = set(Membership.objects.filter(municipality=musterstadt).values_list("role", flat=True))
    assert roles == {"consultant", "municipality_admin", "moderator", "steering_member", "interpreter"}
    dialogue = Dialogue.objects.get(municipality=musterstadt)
    assert dialogue.themes.count() == 5
    assert User.objects.get(email="beratung@musterstadt.de").check_password("musterstadt-demo")


def test_loading_twice_neither_duplicates_nor_resets_user_changes(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    dialogue = Dialogue.objects.get(municipality__name="Musterstadt")
    dialogue.title = "Von der Kommune umbenannt"
    dialogue.save()
    renamed = dialogue.themes.order_by("position").first()
    renamed.name = "Wohnen in Musterstadt"
    renamed.save()
    user = User.objects.get(email="verwaltung@musterstadt.de")
    user.set_password("ein-eigenes-passwort")
    user.save()
    counts = (Municipality.objects.count(), User.objects.count(), Membership.objects.count())

    call_command("seed_demo", stdout=open("/dev/null", "w"))

    # The renamed dialogue is the user's: the demo adds no second one beside it.
    assert Dialogue.objects.filter(municipality__name="Musterstadt").count() == 1
    assert Dialogue.objects.get(pk=dialogue.pk).title == "Von der Kommune umbenannt"
    themes = list(Dialogue.objects.get(pk=dialogue.pk).themes.values_list("name", flat=True))
    assert len(themes) == 5 and "Wohnen in Musterstadt" in themes and "Bauen & Wohnen" not in themes
    assert User.objects.get(email="verwaltung@musterstadt.de").check_password("ein-eigenes-passwort")
    assert (Municipality.objects.count(), User.objects.count(), Membership.objects.count()) == counts

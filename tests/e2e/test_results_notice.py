"""A participant on a 360 px phone, in Ukrainian, asks to hear about the results by e-mail and confirms it
from the mail's link; axe on every page, nothing wider than the screen."""

import pytest

from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method
from dialogwerk.measures.models import ResultsSubscription
from dialogwerk.tenancy.models import Municipality, Role
from tests.conftest import make_user
from tests.e2e.conftest import PHONE, assert_accessible, has_no_horizontal_scroll, screenshot

CODE = "E2EMAIL"


@pytest.fixture
def evening(server):
    municipality = Municipality.objects.create(
        name="Musterstadt", ags="08999004", district="Musterkreis", population=24300
    )
    moderator = make_user("moderation@musterstadt.de", municipality, Role.MODERATOR)
    dialogue = dialogue_create(actor=moderator, municipality=municipality, title="Flüchtlingsdialog Musterstadt")
    live_services.session_create(
        actor=moderator, dialogue=dialogue, title="Abend im Rathaus", method=Method.WORLD_CAFE, code=CODE
    )
    return {"server": server}


def test_a_ukrainian_participant_asks_for_news_and_confirms_it(page, evening):
    base = evening["server"]
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/j/{CODE}/?lang=uk")
    page.select_option("#id_language", "uk")
    page.check("#id_consent")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/j/{CODE}/live/")
    page.get_by_role("link", name="Повідомте мені електронною поштою, коли будуть результати").click()
    page.wait_for_url(f"{base}/j/{CODE}/ergebnisse-per-mail/")
    assert_accessible(page, "results notice uk-360")
    assert has_no_horizontal_scroll(page)

    page.get_by_role("button", name="Надіслати мені лист для підтвердження").click()
    assert page.get_by_text("Будь ласка, поставте позначку").is_visible()  # the consent is its own
    assert_accessible(page, "results notice refused uk-360")
    page.get_by_label("Ваша адреса електронної пошти").fill("olena@example.org")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Надіслати мені лист для підтвердження").click()
    page.get_by_text("Ми надіслали лист на olena@example.org").wait_for()
    screenshot(page, "results-notice-uk-360")

    subscription = ResultsSubscription.objects.get()
    page.goto(f"{base}/benachrichtigung/{subscription.token}/")
    assert_accessible(page, "results notice confirm uk-360")
    page.get_by_role("button", name="Підтвердити мою адресу").click()
    page.get_by_text("Дякуємо, вашу адресу підтверджено.").wait_for()
    assert has_no_horizontal_scroll(page)
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None and subscription.language == "uk"

"""The wall's cards are written in Python (`live/templatetags/live_wall.py`, a departure listed in
docs/architecture.md). They must read exactly as the template they replace: every branch — a name shown or
kept off, a staff card, translations checked or by machine, a card without a language, text to escape."""

from django.template import Context, Template

from dialogwerk.live import selectors, services
from dialogwerk.live.models import Contribution, TranslationStatus
from dialogwerk.live.templatetags.live_wall import wall_cards

# The loop of live/wall.html before the cards were written in Python (then the template decided on the name;
# now wall_columns does: `author` is empty unless the participant chose to show it).
TEMPLATE = Template(
    """{% for card in cards %}<li class="wall-card live-card-{{ card.kind }}" data-card="{{ card.pk }}" """
    """data-theme="{{ card.theme_id }}" data-kind="{{ card.kind }}"><button type="button" class="wall-card-button" """
    """data-enlarge><span class="wall-card-no">#{{ card.pk }}</span> <span class="wall-card-text" dir="auto" """
    """lang="{{ card.language|default:'de' }}">{{ card.text }}</span>{% for t in card.wall_translations %} """
    """<span class="wall-card-translation" dir="auto" lang="{{ t.language }}">{{ t.text }}</span>"""
    """{% if t.status == "machine" %} <span class="wall-card-machine">{{ machine_label }}</span>{% endif %}"""
    """{% endfor %}{% if card.author %} """
    """<span class="wall-card-author">– <bdi>{{ card.author }}</bdi></span>{% endif %}"""
    """</button></li>{% endfor %}"""
)


def test_the_cards_written_in_python_read_as_the_template_did(session, theme, moderator, card_of):
    session.wall_languages = "de,en"
    session.save(update_fields=["wall_languages"])
    karin, _token = services.participant_join(
        session=session, display_name="Karin <K&K>", language="de", consent=True, name_on_wall=True
    )
    amal, _token = services.participant_join(session=session, display_name="Amal", language="ar", consent=True)
    nameless, _token = services.participant_join(session=session, display_name="", language="de", consent=True)
    card_of(session, karin, text='Mehr "Begegnung" & <Kaffee>', key="k1")
    arabic = card_of(session, amal, text="نحتاج إلى دورات لغة", kind="idea", key="k2")
    services.contribution_translate(actor=moderator, contribution=arabic, language="de", text="Sprachkurse")
    services.contribution_translate(
        actor=None, contribution=arabic, language="en", text="Language 'courses'", status=TranslationStatus.MACHINE
    )
    services.contribution_translate(actor=None, contribution=arabic, language="uk", text="Мовні курси")
    no_language = card_of(session, nameless, text="Ohne Sprache", kind="conflict", key="k3")
    Contribution.objects.filter(pk=no_language.pk).update(language="")
    services.contribution_submit(
        session=session, participant=None, author_user=moderator, kind="situation", theme_id=theme.pk, text="Vom Team"
    )

    columns, _older = selectors.wall_columns(session=session, languages=session.wall_language_codes)
    cards = [card for column in columns.values() for card in column]
    assert len(cards) == 4
    label = "maschinell übersetzt"

    written = wall_cards(cards, label)

    assert written == TEMPLATE.render(Context({"cards": cards, "machine_label": label}))
    # The branches were there to compare: a name shown, escaped text, a machine's translation, the default
    # language; and the Ukrainian translation, not one of the wall's languages, left out.
    assert "<bdi>Karin &lt;K&amp;K&gt;</bdi>" in written and "Amal" not in written
    assert "&quot;Begegnung&quot; &amp; &lt;Kaffee&gt;" in written and "Language &#x27;courses&#x27;" in written
    assert written.count(label) == 1 and 'lang="de">Ohne Sprache' in written and "Мовні" not in written

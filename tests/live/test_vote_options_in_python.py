"""The vote's options on the participant page are written in Python (`live/templatetags/live_options.py`, a
departure listed in docs/architecture.md). They must read as the template loop they replace: a card in the
reader's language or with its translation (checked, or by machine, the original to open), a theme's name
translated or not, the plural of the reader's dots, long and escaped text, the forms' CSRF field."""

import re

from django.template import Context, Template
from django.utils import translation

from dialogwerk.dialogues.services import dialogue_set_languages
from dialogwerk.live import selectors, services
from dialogwerk.live.models import Contribution, TranslationStatus
from dialogwerk.live.templatetags.live_options import vote_options
from dialogwerk.live.views import _content_translator
from dialogwerk.translations.services import translations_save

# The loop of live/participant.html (with live/_shown_card.html inlined) before the options were written in Python.
TEMPLATE = Template(
    """{% load i18n translated %}{% for card in options %}
    <li class="live-option" data-card="{{ card.pk }}" data-mine="{{ card.my_dots }}">
      <div class="live-option-body">{% with t=card.shown_translation %}{% if t %}<p class="live-option-text" dir="auto" lang="{{ t.language }}">{{ t.text }}</p>{% if t.status == "machine" %}<p class="live-machine">{% translate "machine-translated" %}</p>{% endif %}
<details class="live-original"><summary>{% translate "Show original" %}</summary><p dir="auto" lang="{{ card.language|default:'de' }}">{{ card.text }}</p></details>{% else %}<p class="live-option-text" dir="auto" lang="{{ card.language|default:'de' }}">{{ card.text }}</p>{% endif %}{% endwith %}</div>
      <p class="live-option-meta">{{ card.get_kind_display }} · {% shown card.theme "name" %} · <span class="live-my-dots">{% blocktranslate count count=card.my_dots %}Your dots: {{ count }}{% plural %}Your dots: {{ count }}{% endblocktranslate %}</span></p>
      <form method="post" class="live-dot-form">
        {% csrf_token %}<input type="hidden" name="contribution" value="{{ card.pk }}">
        <button type="submit" name="action" value="dot" class="button button-small">{% translate "Add a dot" %}<span class="visually-hidden">: <span lang="{% if card.shown_translation %}{{ card.shown_translation.language }}{% else %}{{ card.language|default:'de' }}{% endif %}">{% if card.shown_translation %}{{ card.shown_translation.text|truncatechars:40 }}{% else %}{{ card.text|truncatechars:40 }}{% endif %}</span></span></button>
        <button type="submit" name="action" value="undot" class="button button-small button-secondary">{% translate "Take a dot back" %}<span class="visually-hidden">: <span lang="{% if card.shown_translation %}{{ card.shown_translation.language }}{% else %}{{ card.language|default:'de' }}{% endif %}">{% if card.shown_translation %}{{ card.shown_translation.text|truncatechars:40 }}{% else %}{{ card.text|truncatechars:40 }}{% endif %}</span></span></button>
      </form>
    </li>
    {% endfor %}"""
)


def _between_tags(html: str) -> str:
    """The loop's indentation between tags is not part of what a reader gets."""
    return re.sub(r">\s+<", "><", html.strip())


def test_the_options_written_in_python_read_as_the_template_did(session, moderator, consultant, join, card_of):
    dialogue = session.dialogue
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["de", "ar"])
    first, second = dialogue.themes.order_by("position")[:2]
    translations_save(actor=consultant, dialogue=dialogue, language="ar", items=[(f"theme:{first.pk}:name", "السكن")])
    amal, _token = join(session, "Amal", language="ar")
    karin, _token = join(session, "Karin", language="de")
    german = card_of(session, karin, text='Mehr "Begegnung" & <Kaffee> – ' + "lang " * 20, key="k1")
    checked = card_of(session, karin, text="Sprachkurse am Abend", kind="idea", key="k2")
    services.contribution_translate(actor=moderator, contribution=checked, language="ar", text="دروس لغة مسائية")
    by_machine = card_of(session, karin, text="Ein Fest im Park", kind="conflict", key="k3")
    services.contribution_translate(
        actor=None, contribution=by_machine, language="ar", text="حفلة في الحديقة", status=TranslationStatus.MACHINE
    )
    arabic = card_of(session, amal, text="نحتاج إلى دورات لغة", key="k4")
    no_language = card_of(session, karin, text="Ohne Sprache", key="k5")
    Contribution.objects.filter(pk=no_language.pk).update(language="")
    other_theme, _created = services.contribution_submit(
        session=session, participant=karin, kind="idea", theme_id=second.pk, text="Zweites Thema", idempotency_key="k6"
    )
    voting = services.voting_open(
        actor=moderator, session=session, title="Was zuerst?", all_cards=True, budget=5, stacking=True
    )
    for key in ("d1", "d2"):
        services.vote_place(participant=amal, contribution_id=checked.pk, idempotency_key=key)
    services.vote_place(participant=amal, contribution_id=arabic.pk, idempotency_key="d3")

    with translation.override("ar"):
        options, total = selectors.options_page(voting=voting, participant=amal)
        for card in options:
            card.shown_translation = selectors.translation_for(card, "ar")
        context = Context({"options": options, "content_translator": _content_translator(session, "ar")})
        context["csrf_token"] = "t0k3n"
        written = vote_options(context, options)
        expected = TEMPLATE.render(context)

    assert total == 6 and [card.pk for card in options] == [
        german.pk, checked.pk, by_machine.pk, arabic.pk, no_language.pk, other_theme.pk
    ]  # fmt: skip
    assert _between_tags(written) == _between_tags(expected)
    # The branches were there to compare: an escaped and cut German card, a checked and a machine's translation
    # with their originals to open, the Arabic plural of two dots, a theme's name in Arabic and one left German,
    # a card without a language, the CSRF field in each card's form.
    assert "&quot;Begegnung&quot; &amp; &lt;Kaffee&gt;" in written and "lang lang…</span>" in written
    assert written.count('<p class="live-machine">') == 1 and written.count('<details class="live-original">') == 2
    assert 'lang="ar">دروس لغة مسائية</p>' in written and 'lang="de">Sprachkurse am Abend</p></details>' in written
    assert '<span lang="ar" dir="auto">السكن</span>' in written and '<span lang="de" dir="auto">' in written
    assert 'lang="de">Ohne Sprache</p>' in written and written.count('value="t0k3n"') == 6
    assert 'data-mine="2"' in written and 'data-mine="1"' in written

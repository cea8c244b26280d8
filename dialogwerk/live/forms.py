from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from dialogwerk.core import uploads
from dialogwerk.dialogues.languages import LANGUAGE_NAMES
from dialogwerk.dialogues.perspectives import FORM_CHOICES

from . import joining
from .models import DISPLAY_NAME_MAX_LENGTH, TEXT_MAX_LENGTH, Kind, Method, Subject, Visibility


class JoinForm(forms.Form):
    display_name = forms.CharField(
        label=_("Your name (optional)"),
        help_text=_("Leave empty to take part anonymously. The wall shows no names unless you choose so below."),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        required=False,
        error_messages={"max_length": _("Please use at most %(limit_value)d characters for your name.")},
    )
    name_on_wall = forms.BooleanField(label=_("Show my name on the wall"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[(code, LANGUAGE_NAMES[code]) for code, _n in settings.LANGUAGES]
    )
    perspective = forms.ChoiceField(
        label=_("From which perspective do you take part? (optional)"), choices=FORM_CHOICES, required=False
    )
    consent = forms.BooleanField(
        label=_("I have read the notice and agree."),
        error_messages={"required": _("Please agree to the notice to take part.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].widget.attrs.update({"autocomplete": "nickname", "dir": "auto"})


class LanguageMarkedSelect(forms.Select):
    """A select whose options carry the language of their label: a theme's German name on an Arabic page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.option_languages: dict[str, str] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        language = self.option_languages.get(str(value))
        if language:
            option["attrs"]["lang"] = language
        return option


class CardForm(forms.Form):
    """The card form of the participant page (also works without JavaScript) and of the quick capture."""

    kind = forms.ChoiceField(label=_("What kind of card?"), choices=Kind.choices, widget=forms.RadioSelect)
    theme = forms.TypedChoiceField(label=_("Theme"), coerce=int, choices=(), widget=LanguageMarkedSelect)
    text = forms.CharField(
        label=_("Your card"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_MAX_LENGTH, "dir": "auto"}),
        error_messages={"required": _("Please write something on the card.")},
    )
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, themes=(), tables=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [(t.pk, t.name) for t in themes]
        self.fields["theme"].error_messages["invalid_choice"] = _("Please choose one of the event's themes.")
        self.fields["kind"].error_messages["required"] = _(
            "Please choose what kind of card this is: situation, field of action, conflict or idea."
        )
        if tables:
            self.fields["table"] = forms.TypedChoiceField(
                label=_("Table"), coerce=int, required=False, choices=[("", "–")] + [(t.pk, str(t)) for t in tables]
            )


class SessionForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Please give the session a title.")}
    )
    steps_from = forms.ChoiceField(
        label=pgettext_lazy("live session", "Steps"),
        choices=[
            (
                "agenda",
                _("From the dialogue's agenda (rounds, phases, steps and breaks; the method follows the agenda)"),
            ),
            ("method", _("From the method below")),
        ],
        initial="method",
        widget=forms.RadioSelect,
    )
    method = forms.ChoiceField(label=_("Method"), choices=Method.choices, initial=Method.WORLD_CAFE)
    rounds = forms.IntegerField(label=_("World Café: rounds"), min_value=1, max_value=8, initial=3)
    round_minutes = forms.IntegerField(label=_("World Café: minutes per round"), min_value=1, max_value=240, initial=20)
    steps_text = forms.CharField(
        label=_("List of steps: one per line, minutes after a semicolon"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "Begrüßung; 15\nArbeit an Tischen; 60\nPlenum; 30"}),
    )

    def __init__(self, *args, has_agenda: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if has_agenda:
            self.fields["steps_from"].initial = "agenda"
        else:  # nothing planned in the agenda yet: the steps come from the method
            del self.fields["steps_from"]

    def clean(self):
        data = super().clean()
        data.setdefault("steps_from", "method")
        return data


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, error_messages={"required": _("Please give a reason.")})


class MergeForm(forms.Form):
    into = forms.IntegerField(label=_("Merge into card no."), min_value=1)


class EditForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    theme = forms.TypedChoiceField(label=_("Theme"), coerce=int, choices=())
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}))
    keep_previous = forms.BooleanField(
        label=_("Keep the earlier wording in the card's history"),
        required=False,
        help_text=_(
            "Leave this off when the edit removes personal data: the removed words are then gone everywhere, "
            "also from what screens and phones replay, from the audit log and from the translations."
        ),
    )

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [(t.pk, t.name) for t in themes]


class VotingForm(forms.Form):
    title = forms.CharField(label=_("Question"), max_length=200, initial=_("Which points matter most to you?"))
    subject = forms.ChoiceField(
        label=_("Vote on"), choices=Subject.choices, initial=Subject.CARDS, required=False, widget=forms.RadioSelect
    )
    all_cards = forms.BooleanField(
        label=_("All cards of the session (cards added later join the vote), or all clusters"),
        required=False,
        initial=True,
    )
    options = forms.TypedMultipleChoiceField(
        label=_("Or these cards"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    clusters = forms.TypedMultipleChoiceField(
        label=_("Or these clusters"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    budget = forms.IntegerField(
        label=_("Dots per participant"),
        min_value=1,
        max_value=50,
        required=False,
        help_text=_("Empty: a third of the options, rounded up."),
    )
    stacking = forms.BooleanField(label=_("Several dots may go on one card"), required=False)
    visibility = forms.ChoiceField(
        label=pgettext_lazy("vote result", "Ranking"), choices=Visibility.choices, initial=Visibility.LIVE
    )

    def __init__(self, *args, cards=(), clusters=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Each card's words marked with its language (a German label around an Arabic card otherwise).
        self.fields["options"].choices = [
            (c.pk, format_html('#{} <span lang="{}" dir="auto">{}</span>', c.pk, c.language or "de", c.text[:80]))
            for c in cards
        ]
        self.fields["clusters"].choices = [(c.pk, c.title) for c in clusters]
        if not clusters:
            # Nothing bundled yet: a vote over clusters has nothing to offer.
            del self.fields["clusters"]
            self.fields["subject"].choices = [(Subject.CARDS, Subject.CARDS.label)]

    def clean(self):
        data = super().clean()
        data["subject"] = data.get("subject") or Subject.CARDS
        return data


class PhotoForm(forms.Form):
    image = forms.ImageField(label=_("Photo of the flipchart"))
    table = forms.TypedChoiceField(label=_("Table"), coerce=int, required=False, choices=())
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)

    def __init__(self, *args, tables=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["table"].choices = [("", "–")] + [(t.pk, str(t)) for t in tables]

    def clean_image(self):
        # A phone photo carries the place it was taken (EXIF GPS): only a re-encoded copy is stored.
        return uploads.image(self.cleaned_data["image"], max_side=3000)


class TranslationForm(forms.Form):
    """The interpreter's form under one card: the card, the language written into, the translation."""

    card = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    language = forms.ChoiceField(choices=settings.LANGUAGES, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Translation"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        error_messages={
            "required": _("Please write the translation."),
            "max_length": _("The translation is too long: at most %(limit_value)d characters."),
        },
    )


class WallLanguagesForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Translations on the wall"),
        help_text=_("Under a card written in another language, the wall prints its translation into these."),
        choices=[(code, LANGUAGE_NAMES[code]) for code, _n in settings.LANGUAGES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Please choose one of the offered languages.")},
    )


class JoinLimitForm(forms.Form):
    limit = forms.IntegerField(label=_("At most this many participants"), min_value=1, max_value=joining.MAX_JOIN_LIMIT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        message = gettext("Please give a number from 1 to %(max)d.") % {"max": joining.MAX_JOIN_LIMIT}
        for key in ("required", "invalid", "min_value", "max_value"):
            self.fields["limit"].error_messages[key] = message


class PeopleCountedForm(forms.Form):
    count = forms.IntegerField(
        label=_("People counted in the room"),
        required=False,
        min_value=0,
        max_value=100_000,
        help_text=_(
            "Everyone who came, with or without a phone: the documents name this figure, the phones separately."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        message = gettext("Please give a number from 0 to %(max)d.") % {"max": 100_000}
        for key in ("invalid", "min_value", "max_value"):
            self.fields["count"].error_messages[key] = message


class FloodForm(forms.Form):
    minutes = forms.TypedChoiceField(label=_("Everyone who joined in the last"), coerce=int, choices=(), initial=10)
    reason = forms.CharField(label=_("Reason"), max_length=300, initial=_("Automated entries"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minutes"].choices = [
            (minutes, gettext("%(minutes)d minutes") % {"minutes": minutes}) for minutes in joining.FLOOD_MINUTES
        ]

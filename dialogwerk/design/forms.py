from django import forms
from django.utils.translation import gettext_lazy as _

from dialogwerk.dialogues.forms import TimeInput

from .models import MAX_CAFE_TABLES, Agenda, AgendaItem, CafeTable, Goal, Method


class RecommendationForm(forms.Form):
    participants = forms.IntegerField(
        label=_("Expected participants"),
        min_value=1,
        max_value=5000,
        required=False,
        error_messages={"min_value": _("Please enter at least 1."), "invalid": _("Please enter a whole number.")},
    )
    minutes = forms.IntegerField(
        label=_("Time available (minutes)"),
        min_value=15,
        max_value=60 * 24 * 4,
        required=False,
        error_messages={
            "min_value": _("Please plan at least 15 minutes."),
            "invalid": _("Please enter a whole number."),
        },
    )
    goals = forms.MultipleChoiceField(
        label=_("Goals"), choices=Goal.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class MethodForm(forms.ModelForm):
    goals = forms.MultipleChoiceField(
        label=_("Goals"), choices=Goal.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Method
        fields = [
            "name",
            "purpose",
            "group_size",
            "min_participants",
            "max_participants",
            "min_minutes",
            "max_minutes",
            "steps",
            "materials",
            "goals",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "steps": forms.Textarea(attrs={"rows": 5}),
            "materials": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "name": {"required": _("Please name the method.")},
            "purpose": {"required": _("Please say what the method is for.")},
            "steps": {"required": _("Please list the steps, one per line.")},
        }


class AgendaForm(forms.ModelForm):
    class Meta:
        model = Agenda
        fields = ["starts_at", "ends_at"]
        widgets = {"starts_at": TimeInput(), "ends_at": TimeInput()}
        error_messages = {
            "starts_at": {
                "required": _("Please enter the start time."),
                "invalid": _("Please enter a time, e.g. 16:00."),
            },
            "ends_at": {
                "required": _("Please enter the latest end."),
                "invalid": _("Please enter a time, e.g. 21:00."),
            },
        }


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "kind", "duration_minutes", "method", "method_step", "responsible", "room_material"]
        error_messages = {
            "title": {"required": _("Please give the item a title.")},
            "duration_minutes": {
                "required": _("Please enter the duration in minutes."),
                "min_value": _("The duration must be at least 1 minute."),
                "max_value": _("An item can last at most 600 minutes."),
                "invalid": _("Please enter the duration as a whole number of minutes."),
            },
        }

    def __init__(self, *args, methods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].queryset = methods
        self.fields["duration_minutes"].widget.attrs.update({"min": 1, "inputmode": "numeric"})


class CafeTablesForm(forms.Form):
    """The tables of a round: how many, and for each its theme and host (table n = row n)."""

    count = forms.IntegerField(
        label=_("Number of tables"),
        min_value=0,
        max_value=MAX_CAFE_TABLES,
        help_text=_("Tables beyond the rows filled in below get no theme and no host; 0 removes the tables."),
        error_messages={
            "required": _("Please enter the number of tables."),
            "min_value": _("The number of tables cannot be negative."),
            "max_value": _("At most %(limit_value)s tables are possible."),
            "invalid": _("Please enter the number of tables as a whole number."),
        },
    )

    def __init__(self, *args, themes, current: list[CafeTable], **kwargs):
        super().__init__(*args, **kwargs)
        self.themes = {t.pk: t for t in themes}
        if current:
            initial = [(t.theme_id, t.host_name) for t in current]
        else:  # a first suggestion: one table per theme
            initial = [(t.pk, "") for t in themes]
        self.fields["count"].initial = len(initial)
        self.fields["count"].widget.attrs.update({"inputmode": "numeric"})
        rows = max(len(initial), 1) + 2
        posted = str(self.data.get("count", "")) if self.is_bound else ""
        if posted.isdigit():
            rows = max(rows, int(posted))
        rows = min(rows, MAX_CAFE_TABLES)
        self.rows = rows
        choices = [("", _("(no theme)"))] + [(t.pk, t.name) for t in themes]
        for number in range(1, rows + 1):
            theme_id, host = initial[number - 1] if number <= len(initial) else (None, "")
            self.fields[f"theme_{number}"] = forms.TypedChoiceField(
                label=_("Table %(number)s: theme") % {"number": number},
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                initial=theme_id,
            )
            self.fields[f"host_{number}"] = forms.CharField(
                label=_("Table %(number)s: host") % {"number": number},
                max_length=120,
                required=False,
                initial=host,
                error_messages={"max_length": _("A name can have at most %(limit_value)s characters.")},
            )

    def cleaned_tables(self) -> list[tuple]:
        data = self.cleaned_data
        return [
            (self.themes.get(data.get(f"theme_{n}")), data.get(f"host_{n}", "") if n <= self.rows else "")
            for n in range(1, data["count"] + 1)
        ]

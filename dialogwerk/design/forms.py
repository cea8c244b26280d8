from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Agenda, AgendaItem, Goal, Method


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class RecommendationForm(forms.Form):
    participants = forms.IntegerField(label=_("Expected participants"), min_value=1, max_value=5000, required=False,
                                      error_messages={"min_value": _("Please enter at least 1."), "invalid": _("Please enter a whole number.")})
    minutes = forms.IntegerField(label=_("Time available (minutes)"), min_value=15, max_value=60 * 24 * 4, required=False,
                                 error_messages={"min_value": _("Please plan at least 15 minutes."), "invalid": _("Please enter a whole number.")})
    goals = forms.MultipleChoiceField(label=_("Goals"), choices=Goal.choices, widget=forms.CheckboxSelectMultiple, required=False)


class MethodForm(forms.ModelForm):
    goals = forms.MultipleChoiceField(label=_("Goals"), choices=Goal.choices, widget=forms.CheckboxSelectMultiple, required=False)

    class Meta:
        model = Method
        fields = ["name", "purpose", "group_size", "min_participants", "max_participants", "min_minutes", "max_minutes",
                  "steps", "materials", "goals"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3}), "steps": forms.Textarea(attrs={"rows": 5}),
                   "materials": forms.Textarea(attrs={"rows": 2})}
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
            "starts_at": {"required": _("Please enter the start time."), "invalid": _("Please enter a time, e.g. 16:00.")},
            "ends_at": {"required": _("Please enter the latest end."), "invalid": _("Please enter a time, e.g. 21:00.")},
        }


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "kind", "duration_minutes", "method", "method_step", "responsible", "room_material"]
        error_messages = {
            "title": {"required": _("Please give the item a title.")},
            "duration_minutes": {"required": _("Please enter the duration in minutes."),
                                 "min_value": _("The duration must be at least 1 minute."),
                                 "max_value": _("An item can last at most 600 minutes."),
                                 "invalid": _("Please enter the duration as a whole number of minutes.")},
        }

    def __init__(self, *args, methods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].queryset = methods
        self.fields["duration_minutes"].widget.attrs.update({"min": 1, "inputmode": "numeric"})

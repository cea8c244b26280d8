from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_ROUNDS, MAX_TABLES

PEOPLE_HELP = _(
    "One person per line: name; perspective; table they host (optional), e.g. “Anna Weber; Verwaltung” or "
    "“Jens Maier; Ehrenamt; Tisch 2”."
)


class PlanForm(forms.Form):
    session = forms.TypedChoiceField(label=_("Live session"), coerce=int)
    rounds = forms.IntegerField(label=_("Rounds"), min_value=1, max_value=MAX_ROUNDS, initial=3)
    table_size = forms.IntegerField(
        label=_("People per table"),
        min_value=2,
        max_value=20,
        initial=5,
        required=False,
        help_text=_("Leave empty to give the number of tables instead."),
    )
    tables = forms.IntegerField(
        label=_("Number of tables"),
        min_value=1,
        max_value=MAX_TABLES,
        required=False,
        help_text=_("Optional: fixes the number of tables (one theme each)."),
    )
    distinct_tables = forms.BooleanField(
        label=_("Everyone visits a different table (theme) in each round"), required=False, initial=True
    )
    include_participants = forms.BooleanField(
        label=_("Seat the people who joined the live session"), required=False, initial=True
    )
    include_invitations = forms.BooleanField(
        label=_("Seat the invited actors who accepted and the people who registered"), required=False, initial=True
    )
    people_text = forms.CharField(
        label=_("People to seat"), required=False, widget=forms.Textarea(attrs={"rows": 8}), help_text=PEOPLE_HELP
    )
    seed = forms.IntegerField(
        label=_("Variant"),
        min_value=0,
        max_value=10**6,
        initial=0,
        required=False,
        help_text=_("Another number gives another plan of the same quality."),
    )

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = [(s.pk, s.title) for s in sessions]
        for name in ("rounds", "table_size", "tables", "seed"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric"})

    def clean(self):
        data = super().clean()
        if not self.errors and data.get("table_size") is None and data.get("tables") is None:
            self.add_error("table_size", _("Give the number of people per table or the number of tables."))
        return data


class ReplanForm(forms.Form):
    current_round = forms.TypedChoiceField(
        label=_("Current round"),
        coerce=int,
        help_text=_("Rounds up to this one stay as they are; nobody seated in it moves."),
    )
    no_shows = forms.TypedMultipleChoiceField(
        label=_("Not there (no-shows, left early)"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    late_participants = forms.TypedMultipleChoiceField(
        label=_("Joined on their phones, not in the plan yet"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    late_text = forms.CharField(
        label=_("Late arrivals"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=PEOPLE_HELP
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, plan, people, joinable=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["current_round"].choices = [(0, _("Not started yet"))] + [
            (r, _("Round %(number)s") % {"number": r}) for r in plan.round_numbers
        ]
        self.fields["no_shows"].choices = [(p.pk, p.name) for p in people if p.present]
        self.fields["revision"].initial = plan.revision
        if joinable:
            self.fields["late_participants"].choices = [
                (p.pk, f"{p.display_name or '#' + str(p.pk)}{' · ' + p.perspective if p.perspective else ''}")
                for p in joinable
            ]
        else:
            del self.fields["late_participants"]


class TableThemesForm(forms.Form):
    def __init__(self, *args, plan, themes, current: dict[int, int | None], **kwargs):
        super().__init__(*args, **kwargs)
        self.themes = {t.pk: t for t in themes}
        choices = [("", _("(no theme)"))] + [(t.pk, t.name) for t in themes]
        for number in range(1, plan.table_count + 1):
            self.fields[f"table_{number}"] = forms.TypedChoiceField(
                label=_("Table %(number)s") % {"number": number},
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                initial=current.get(number),
            )

    def cleaned_themes(self) -> dict:
        return {int(name.removeprefix("table_")): self.themes.get(value) for name, value in self.cleaned_data.items()}

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from dialogwerk.core import uploads
from dialogwerk.dialogues.forms import DateInput
from dialogwerk.tenancy.models import Municipality

from . import calc, iban
from .models import ApplicationStatus, CostLine, Deadline, FundingApplication, FundingBody, FundingProgramme, Steckbrief


def _money_widget(field):
    field.widget.attrs.update({"inputmode": "decimal", "step": "0.01", "min": "0"})


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = FundingApplication
        fields = [
            "programme",
            "applicant",
            "address",
            "contact_name",
            "contact_email",
            "contact_phone",
            "account_holder",
            "iban",
            "bic",
            "bank_name",
            "project_title",
            "goals",
            "themes_text",
            "method",
            "starts_on",
            "ends_on",
            "expected_participants",
            "partners",
            "own_share",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "address": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            "themes_text": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            "method": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            "partners": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            "iban": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        }
        error_messages = {
            "project_title": {"required": _("Please give the project a title.")},
            "applicant": {"required": _("Please name the applicant.")},
        }

    def __init__(self, *args, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if programmes is not None:
            self.fields["programme"].queryset = programmes
        self.fields["programme"].required = False
        self.fields["programme"].help_text = _("Leave empty to use the state's current programme.")
        _money_widget(self.fields["own_share"])
        self.fields["iban"].help_text = _(
            "Stored only for the application; shown in full only to consultants and administrators."
        )

    def clean_programme(self):
        # Empty keeps the programme an existing application already has.
        value = self.cleaned_data.get("programme")
        if value is None and self.instance.pk:
            return FundingProgramme.objects.get(pk=self.instance.programme_id)
        return value

    def clean_iban(self):
        value = iban.normalise(self.cleaned_data.get("iban", ""))
        if value and not iban.is_valid(value):
            raise forms.ValidationError(_("This IBAN is not valid: please check it (the checksum does not match)."))
        return value


class CostLineForm(forms.ModelForm):
    class Meta:
        model = CostLine
        fields = ["category", "description", "planned_amount"]
        error_messages = {"planned_amount": {"required": _("Enter the planned amount.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _money_widget(self.fields["planned_amount"])


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ApplicationStatus.choices)
    submitted_on = forms.DateField(label=_("submitted on"), required=False, widget=DateInput())
    decided_on = forms.DateField(label=_("decided on"), required=False, widget=DateInput())
    approved_amount = forms.DecimalField(
        label=_("approved amount (EUR)"), required=False, min_value=Decimal("0"), max_digits=10, decimal_places=2
    )
    decision_note = forms.CharField(
        label=_("note on the decision"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == ApplicationStatus.APPROVED and data.get("approved_amount") is None:
            self.add_error("approved_amount", _("Enter the approved amount."))
        return data


class DeadlineForm(forms.ModelForm):
    class Meta:
        model = Deadline
        fields = ["title", "due_on"]
        widgets = {"due_on": DateInput()}
        error_messages = {"title": {"required": _("Say what is due.")}, "due_on": {"required": _("Enter the date.")}}


class ReportForm(forms.Form):
    people_counted = forms.IntegerField(
        label=_("people counted at the event"),
        required=False,
        min_value=0,
        max_value=100_000,
        help_text=_(
            "Everyone who came. The documentation, the experience report and the funding body's overview "
            "show the same figure; left empty, they use the phones registered in the live session."
        ),
    )
    results_summary = forms.CharField(
        label=_("results in short"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        help_text=_("Leave empty to use the summary of the documentation."),
    )
    remarks = forms.CharField(label=_("further remarks"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    submitted = forms.BooleanField(label=_("The report has been submitted"), required=False)
    submitted_on = forms.DateField(label=_("submitted on"), required=False, widget=DateInput())

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            self.fields[f"actual_{line.pk}"] = forms.DecimalField(
                label=_("Actual: %(item)s (planned %(planned)s EUR)")
                % {"item": line.label, "planned": calc.format_amount(line.planned_amount)},
                required=False,
                min_value=Decimal("0"),
                max_digits=10,
                decimal_places=2,
                initial=line.actual_amount,
            )
            _money_widget(self.fields[f"actual_{line.pk}"])
            self.fields[f"note_{line.pk}"] = forms.CharField(
                label=_("Reason for the deviation: %(item)s") % {"item": line.label},
                required=False,
                initial=line.deviation_note,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def actual_costs(self) -> dict:
        return {
            line.pk: (self.cleaned_data[f"actual_{line.pk}"], self.cleaned_data[f"note_{line.pk}"])
            for line in self.lines
        }


class SteckbriefForm(forms.ModelForm):
    class Meta:
        model = Steckbrief
        fields = [
            "region",
            "contact",
            "goal",
            "format",
            "occasion",
            "consulting",
            "satisfaction_process",
            "satisfaction_results",
            "satisfaction_note",
            "result_1",
            "result_2",
            "result_3",
            "recommendations",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3, "dir": "auto"})
            for name in (
                "goal",
                "occasion",
                "consulting",
                "satisfaction_note",
                "result_1",
                "result_2",
                "result_3",
                "recommendations",
            )
        }


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = FundingProgramme
        fields = [
            "name",
            "funder",
            "cap_amount",
            "min_own_share_percent",
            "max_funding_rate_percent",
            "deviation_threshold_percent",
            "application_deadline",
            "report_due_weeks",
            "review_due_weeks",
            "is_active",
        ]
        widgets = {"application_deadline": DateInput()}


class FundingBodyForm(forms.ModelForm):
    """A funding body and the municipalities it oversees: a whole state, a list, or both."""

    municipalities = forms.ModelMultipleChoiceField(
        label=_("municipalities covered"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose several. A district names its municipalities here."),
    )

    class Meta:
        model = FundingBody
        fields = ["name", "covers_state", "municipalities"]
        error_messages = {
            "name": {
                "required": _("Please name the funding body."),
                "unique": _("A funding body with this name exists already."),
            }
        }


class FundingBodyMemberForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        error_messages={
            "required": _("Please enter the e-mail address."),
            "invalid": _("Please enter a valid e-mail address."),
        },
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)


class OverviewFilterForm(forms.Form):
    """The funding body's overview for one district (Landkreis) of the municipalities it covers."""

    kreis = forms.ChoiceField(
        label=_("District"),
        required=False,
        error_messages={"invalid_choice": _("Choose one of the districts in the list.")},
    )

    def __init__(self, *args, districts: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kreis"].choices = [("", _("All districts")), *((d, d) for d in districts)]


# --- the review between municipality and funding body ------------------------------------------------


class RequestChangesForm(forms.Form):
    message = forms.CharField(
        label=_("What should the municipality change?"),
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        error_messages={"required": _("Say what the municipality should change.")},
    )
    reply_by = forms.DateField(
        label=_("reply by"), required=False, widget=DateInput(), help_text=_("Leave empty for four weeks from today.")
    )


class ApproveForm(forms.Form):
    amount = forms.DecimalField(
        label=_("approved amount (EUR)"),
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        error_messages={"required": _("Enter the approved amount.")},
    )
    decided_on = forms.DateField(
        label=_("decided on"),
        widget=DateInput(),
        error_messages={"required": _("Enter the date of the decision (today or earlier).")},
    )
    message = forms.CharField(
        label=_("note on the decision"), required=False, widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _money_widget(self.fields["amount"])


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("reason for the rejection"),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        error_messages={"required": _("Give the reason for the rejection: the municipality reads it.")},
    )
    decided_on = forms.DateField(
        label=_("decided on"), required=False, widget=DateInput(), help_text=_("Leave empty for today.")
    )


class CloseReportForm(forms.Form):
    message = forms.CharField(
        label=_("note to the municipality (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )


class ReceiptForm(forms.Form):
    cost_line = forms.ModelChoiceField(
        label=_("Cost item"),
        queryset=CostLine.objects.none(),
        error_messages={"required": _("Choose the cost item the receipt belongs to.")},
    )
    description = forms.CharField(
        label=_("What was paid"),
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        error_messages={"required": _("Say what was paid (e.g. the invoice's number).")},
    )
    amount = forms.DecimalField(
        label=_("Amount (EUR)"),
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        error_messages={"required": _("Enter the amount.")},
    )
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput(), error_messages={"required": _("Enter the date.")})
    file = forms.FileField(
        label=_("Receipt (PDF or photo)"), error_messages={"required": _("Choose the file of the receipt.")}
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cost_line"].queryset = lines
        _money_widget(self.fields["amount"])

    def clean_file(self):
        return uploads.attachment(self.cleaned_data["file"])

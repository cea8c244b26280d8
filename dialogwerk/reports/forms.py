from django import forms
from django.utils.translation import gettext_lazy as _

from dialogwerk.core import uploads

from .models import DocumentationText, DocumentFormat, DocumentKind


class DocumentationTextForm(forms.ModelForm):
    class Meta:
        model = DocumentationText
        fields = ["summary", "results_intro", "next_steps", "include_annex"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
            "results_intro": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            "next_steps": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        }

    def clean(self):
        data = super().clean()
        for name in ("summary", "results_intro", "next_steps"):
            if len(data.get(name) or "") > 20000:
                self.add_error(name, _("Please keep this text under 20,000 characters."))
        return data


class GenerateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices, initial=DocumentKind.DOCUMENTATION)
    format = forms.ChoiceField(label=_("Format"), choices=DocumentFormat.choices, initial=DocumentFormat.PDF)


class LogoForm(forms.Form):
    logo = forms.FileField(
        label=_("Logo"),
        help_text=_("PNG, JPEG, GIF or WebP, at most 2 MB. It appears on the cover of every document."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
    )

    def clean_logo(self):
        logo = self.cleaned_data["logo"]
        uploads.check_size(logo, "logo")  # branding.reencode_logo re-encodes it through core.uploads
        return logo

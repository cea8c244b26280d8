"""Documents of a dialogue: the page with texts, logo and generated files; polling; downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dialogwerk.core.forms import add_validation_errors
from dialogwerk.dialogues.access import dialogue_for
from dialogwerk.tenancy.access import authorize

from . import catalogue, policy, selectors, services
from .forms import DocumentationTextForm, GenerateForm, LogoForm
from .models import DocumentFormat, DocumentKind, DocumentStatus


def _page(request, dialogue, *, texts_form=None, generate_form=None, logo_form=None, status=200):
    may_generate = request.user.has_perm(policy.GENERATE_DOCUMENTS, dialogue)
    texts = selectors.texts_of(dialogue=dialogue)
    branding = selectors.branding_of(municipality=dialogue.municipality)
    return render(
        request,
        "reports/documents.html",
        {
            "dialogue": dialogue,
            "documents": selectors.documents_of(dialogue=dialogue)[:20],
            "may_generate": may_generate,
            "may_change_branding": request.user.has_perm(policy.CHANGE_BRANDING, dialogue.municipality),
            "texts_form": texts_form or DocumentationTextForm(instance=texts, prefix="texts"),
            "generate_form": generate_form or GenerateForm(prefix="generate"),
            "logo_form": logo_form or LogoForm(prefix="logo"),
            "has_logo": bool(branding and branding.logo),
            "has_catalogue_xlsx": catalogue.xlsx is not None,
            "lifecycle_step": "results",
        },
        status=status,
    )


@login_required
@require_GET
def documents(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DOCUMENTS)
    services.documents_give_up_stalled(dialogue=dialogue)
    return _page(request, dialogue)


@login_required
@require_POST
def texts(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.GENERATE_DOCUMENTS)
    form = DocumentationTextForm(request.POST, instance=selectors.texts_of(dialogue=dialogue), prefix="texts")
    if form.is_valid():
        try:
            services.documentation_texts_save(
                actor=request.user, dialogue=dialogue, **{n: form.cleaned_data[n] for n in services.TEXT_FIELDS}
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The texts were saved. They appear in the next documentation you generate."))
            return redirect("reports:documents", dialogue_id=dialogue.pk)
    return _page(request, dialogue, texts_form=form, status=422)


@login_required
@require_POST
def generate(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.GENERATE_DOCUMENTS)
    form = GenerateForm(request.POST, prefix="generate")
    if not form.is_valid():
        return _page(request, dialogue, generate_form=form, status=422)
    document = services.document_request(actor=request.user, dialogue=dialogue, **form.cleaned_data)
    messages.success(request, _("The document is being generated. This page shows how far it has got."))
    return redirect(f"{reverse('reports:documents', args=[dialogue.pk])}#dokument-{document.pk}")


@login_required
@require_GET
def status(request, dialogue_id: int, document_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DOCUMENTS)
    services.documents_give_up_stalled(dialogue=dialogue)
    document = selectors.get_document(dialogue=dialogue, document_id=document_id)
    return JsonResponse(
        {
            "id": document.pk,
            "status": document.status,
            "status_label": document.get_status_display(),
            "progress": document.progress,
            "step": document.step,
            "finished": document.is_finished,
            "download": reverse("reports:download", args=[dialogue.pk, document.pk])
            if document.status == DocumentStatus.DONE
            else "",
        }
    )


CONTENT_TYPES = {
    DocumentFormat.PDF: "application/pdf",
    DocumentFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
@require_GET
def download(request, dialogue_id: int, document_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DOCUMENTS)
    document = selectors.get_document(dialogue=dialogue, document_id=document_id)
    if document.status != DocumentStatus.DONE or not document.file:
        raise Http404
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.filename,
        content_type=CONTENT_TYPES[document.format],
    )


@login_required
@require_POST
def delete(request, dialogue_id: int, document_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.GENERATE_DOCUMENTS)
    document = selectors.get_document(dialogue=dialogue, document_id=document_id)
    services.document_delete(actor=request.user, document=document)
    messages.success(request, _("The document was deleted."))
    return redirect("reports:documents", dialogue_id=dialogue.pk)


@login_required
@require_POST
def logo_upload(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DOCUMENTS)
    authorize(request.user, policy.CHANGE_BRANDING, dialogue.municipality)
    form = LogoForm(request.POST, request.FILES, prefix="logo")
    if form.is_valid():
        try:
            services.logo_set(
                actor=request.user, municipality=dialogue.municipality, content=form.cleaned_data["logo"].read()
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The logo was saved."))
            return redirect("reports:documents", dialogue_id=dialogue.pk)
    return _page(request, dialogue, logo_form=form, status=422)


@login_required
@require_POST
def logo_remove(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DOCUMENTS)
    authorize(request.user, policy.CHANGE_BRANDING, dialogue.municipality)
    services.logo_remove(actor=request.user, municipality=dialogue.municipality)
    messages.success(request, _("The logo was removed."))
    return redirect("reports:documents", dialogue_id=dialogue.pk)


@login_required
@require_GET
def logo(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DOCUMENTS)
    branding = selectors.branding_of(municipality=dialogue.municipality)
    if branding is None or not branding.logo:
        raise Http404
    response = FileResponse(branding.logo.open("rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_GET
def catalogue_pdf(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DOCUMENTS)
    content = services.render(dialogue=dialogue, kind=DocumentKind.CATALOGUE, format=DocumentFormat.PDF)
    response = HttpResponse(content, content_type=CONTENT_TYPES[DocumentFormat.PDF])
    response["Content-Disposition"] = (
        f'attachment; filename="{services.filename_for(dialogue, DocumentKind.CATALOGUE, "pdf")}"'
    )
    return response


@login_required
@require_GET
def catalogue_xlsx(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DOCUMENTS)
    content = catalogue.xlsx(dialogue)
    if content is None:
        raise Http404
    response = HttpResponse(content, content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = (
        f'attachment; filename="{services.filename_for(dialogue, DocumentKind.CATALOGUE, "xlsx")}"'
    )
    return response

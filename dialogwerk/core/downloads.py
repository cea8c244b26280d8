"""Stored files (uploads) are never served by URL: views that checked who may see one hand it out here."""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def stored_file_response(file: FieldFile, filename: str = "") -> FileResponse:
    """The file as a download, or 404 when there is none (also when it went missing from the storage)."""
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=filename or file.name.rsplit("/", 1)[-1])

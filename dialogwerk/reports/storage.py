"""Private file storage: generated documents and logos live outside any public URL and are served only
through views that check permissions."""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """MEDIA_ROOT/private, read from the settings each time (tests point MEDIA_ROOT elsewhere)."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(Path(settings.MEDIA_ROOT) / "private")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("private files have no public URL; serve them through a view")


_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _storage

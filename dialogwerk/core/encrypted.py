"""Model fields encrypted at rest (Fernet, from the well-kept django-fernet-encrypted-fields; keys in settings:
SECRET_KEY, SECRET_KEY_FALLBACKS and FIELD_ENCRYPTION_KEY; rotation: docs/deployment.md)."""

import weakref

from cryptography.fernet import InvalidToken
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from encrypted_fields.fields import EncryptedCharField as _LibraryEncryptedCharField
from encrypted_fields.fields import EncryptedFieldMixin

_KEY_SETTINGS = {"SECRET_KEY", "SECRET_KEY_FALLBACKS", "SALT_KEY"}
# Every Fernet token starts so (version byte 0x80, then the time): plain text stored before encryption does not.
_TOKEN_PREFIX = "gAAAAA"
_fields: "weakref.WeakSet[EncryptedCharField]" = weakref.WeakSet()


class EncryptedCharField(_LibraryEncryptedCharField):
    """A CharField stored encrypted. An empty value is stored as NULL (there is no ciphertext of nothing) and
    read back as "", as a plain CharField gives it; max_length applies to the plain text. A value encrypted
    with a key no longer configured is an error, never shown (or saved again) as it is."""

    def __init__(self, *args, **kwargs):
        kwargs["null"] = True
        super().__init__(*args, **kwargs)
        _fields.add(self)

    def from_db_value(self, value, expression, connection):
        value = super().from_db_value(value, expression, connection)
        return "" if value is None else value

    def to_python(self, value):
        if isinstance(value, str) and value.startswith(_TOKEN_PREFIX) and not hasattr(self, "_already_decrypted"):
            try:
                value = self.f.decrypt(value.encode()).decode()
            except InvalidToken:
                raise ImproperlyConfigured(
                    f"{self.model.__name__}.{self.name} cannot be decrypted: was SECRET_KEY or FIELD_ENCRYPTION_KEY "
                    "changed without keeping the old one (SECRET_KEY_FALLBACKS, FIELD_ENCRYPTION_KEY newest first)?"
                ) from None
            return super(EncryptedFieldMixin, self).to_python(value)
        # Empty, already plain, or stored before encryption (the migration encrypts it).
        return super().to_python(value)


@receiver(setting_changed)
def _forget_keys(setting, **kwargs) -> None:
    """The library derives the keys once per field; a changed key setting (a test, a rotation) derives them anew."""
    if setting in _KEY_SETTINGS:
        for field in list(_fields):
            field.__dict__.pop("keys", None)
            field.__dict__.pop("f", None)

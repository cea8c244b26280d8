"""Optional two-factor login for staff: a TOTP app (django-otp's TOTP device) plus one-time backup codes
(django-otp's static device). Services and reads in one place; the views only call these."""

import base64
import time

import segno
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
DEVICE_NAME = "Dialogwerk"
# How long the step between password and code may take before the password must be given again.
PENDING_SECONDS = 5 * 60
PENDING_SESSION_KEY = "dialogwerk_2fa_pending"
# Set at login when a municipality of the user requires two-factor login and the user has none yet: the
# middleware then sends every page to the setup (read from the session: no query per request).
SETUP_REQUIRED_SESSION_KEY = "dialogwerk_2fa_setup_required"


def required_for(user) -> bool:
    from .models import Membership

    return Membership.objects.filter(user=user, municipality__require_two_factor=True).exists()


def users_with_two_factor(user_ids) -> set[int]:
    return set(TOTPDevice.objects.filter(user_id__in=list(user_ids), confirmed=True).values_list("user_id", flat=True))


def is_enabled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def setup_device(user) -> TOTPDevice:
    """The unconfirmed device being set up (made once, reused on reload so the QR code stays the same)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def manual_key(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app without a camera."""
    key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=2)


def _normalise(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").lower()


def _verify_totp(device: TOTPDevice, code: str) -> bool:
    code = _normalise(code)
    return code.isdigit() and len(code) == device.digits and device.verify_token(code)


@transaction.atomic
def enable(*, user, code: str) -> list[str] | None:
    """Confirm the device being set up with a code from the app. Returns the new backup codes (shown once),
    or None when the code is wrong."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("id").first()
    if device is None or not _verify_totp(device, code):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return _new_backup_codes(user)


def _new_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


def verify(*, user, code: str):
    """The device that accepts this code (a TOTP code, or a backup code, which is used up), or None."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if _verify_totp(device, code):
            return device
    normalised = _normalise(code)
    if normalised:
        token = StaticToken.objects.filter(device__user=user, device__confirmed=True, token=normalised).first()
        # Deleting by primary key and checking the count makes a backup code work once, also in a race.
        if token is not None and StaticToken.objects.filter(pk=token.pk).delete()[0] == 1:
            return token.device
    return None


@transaction.atomic
def regenerate_backup_codes(*, user, code: str) -> list[str] | None:
    if not is_enabled(user) or verify(user=user, code=code) is None:
        return None
    return _new_backup_codes(user)


@transaction.atomic
def disable(*, user, code: str) -> bool:
    """Switch two-factor login off, confirmed with a current code or a backup code."""
    if verify(user=user, code=code) is None:
        return False
    remove_all(user=user)
    return True


def remove_all(*, user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


# --- The pending login between password and code, kept in the session -----------------------------------


def pending_start(session, *, user, backend: str, next_url: str) -> None:
    session[PENDING_SESSION_KEY] = {"user": user.pk, "backend": backend, "next": next_url, "at": int(time.time())}


def pending_get(session) -> dict | None:
    pending = session.get(PENDING_SESSION_KEY)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    return pending


def pending_clear(session) -> None:
    session.pop(PENDING_SESSION_KEY, None)

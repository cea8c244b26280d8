"""Operations that change municipalities and memberships. Each runs in one transaction and is audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import audit
from .models import AuditAction, Membership, Municipality, Role, User


@transaction.atomic
def municipality_create(
    *, name: str, ags: str, district: str = "", state: str = "BW", population: int | None = None
) -> Municipality:
    municipality = Municipality(name=name, ags=ags, district=district, state=state, population=population)
    municipality.full_clean()
    municipality.save()
    return municipality


@transaction.atomic
def user_get_or_create(*, email: str, first_name: str = "", last_name: str = "") -> tuple[User, bool]:
    """Find a user by e-mail (case-insensitive) or create one without a usable password."""
    email = User.objects.normalize_email(email).strip()
    existing = User.objects.filter(email__iexact=email).first()
    if existing:
        return existing, False
    user = User(username=email.lower(), email=email.lower(), first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    return user, True


@transaction.atomic
def membership_add(
    *, actor, municipality: Municipality, email: str, role: str, first_name: str = "", last_name: str = ""
) -> tuple[Membership, bool]:
    """Give a person a role in the municipality. Returns the membership and whether the account is new."""
    if role not in Role.values:
        raise ValidationError({"role": _("Choose one of the offered roles.")})
    user, created = user_get_or_create(email=email, first_name=first_name, last_name=last_name)
    if Membership.objects.filter(user=user, municipality=municipality).exists():
        raise ValidationError({"email": _("This person is already a member of this municipality.")})
    membership = Membership.objects.create(user=user, municipality=municipality, role=role)
    audit.record(
        municipality=municipality,
        actor=actor,
        action=AuditAction.MEMBER_ADD,
        target=membership,
        changes={"role": ["", membership.get_role_display()]},
    )
    return membership, created


def _ensure_an_admin_remains(membership: Membership) -> None:
    others = Membership.objects.filter(
        municipality_id=membership.municipality_id, role=Role.MUNICIPALITY_ADMIN
    ).exclude(pk=membership.pk)
    if membership.role == Role.MUNICIPALITY_ADMIN and not others.exists():
        raise ValidationError(_("A municipality needs at least one administrator."))


@transaction.atomic
def membership_change_role(*, actor, membership: Membership, role: str) -> Membership:
    if role not in Role.values:
        raise ValidationError({"role": _("Choose one of the offered roles.")})
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if role == membership.role:
        return membership
    if role != Role.MUNICIPALITY_ADMIN:
        _ensure_an_admin_remains(membership)
    before = membership.get_role_display()
    membership.role = role
    membership.save(update_fields=["role"])
    audit.record(
        municipality=membership.municipality,
        actor=actor,
        action=AuditAction.MEMBER_ROLE_CHANGE,
        target=membership,
        changes={"role": [str(before), str(membership.get_role_display())]},
    )
    return membership


@transaction.atomic
def membership_remove(*, actor, membership: Membership) -> None:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _ensure_an_admin_remains(membership)
    audit.record(
        municipality=membership.municipality,
        actor=actor,
        action=AuditAction.MEMBER_REMOVE,
        target=membership,
        changes={"role": [str(membership.get_role_display()), ""]},
    )
    membership.delete()


@transaction.atomic
def municipality_require_two_factor(*, actor, municipality: Municipality, required: bool) -> None:
    """Make two-factor login a duty for the municipality's members (from their next login) or optional again."""
    if municipality.require_two_factor == required:
        return
    before = municipality.require_two_factor
    municipality.require_two_factor = required
    municipality.save(update_fields=["require_two_factor"])
    audit.record(
        municipality=municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=municipality,
        changes={"require_two_factor": [str(before), str(required)]},
    )

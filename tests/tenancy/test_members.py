import pytest
from django.core import mail

from dialogwerk.tenancy.models import AuditAction, AuditLogEntry, Membership, Role, User

URL = "/kommunen/{}/mitglieder/"


def test_an_admin_adds_a_new_person_who_gets_a_set_password_mail(client_for, admin_user, municipality):
    client = client_for(admin_user)
    response = client.post(
        URL.format(municipality.pk),
        {"email": "neu@a.example", "first_name": "Nora", "last_name": "Neu", "role": Role.MODERATOR},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="neu@a.example")
    assert membership.role == Role.MODERATOR
    assert not membership.user.has_usable_password()
    assert len(mail.outbox) == 1
    assert "/konto/passwort/neu/" in mail.outbox[0].body
    entry = AuditLogEntry.objects.get(action=AuditAction.MEMBER_ADD)
    assert entry.actor == admin_user and entry.municipality == municipality


def test_a_consultant_of_another_municipality_can_be_added_without_a_second_account(
    client_for, admin_user, municipality, outsider
):
    client_for(admin_user).post(URL.format(municipality.pk), {"email": outsider.email.upper(), "role": Role.CONSULTANT})
    assert User.objects.filter(email__iexact=outsider.email).count() == 1
    assert set(outsider.memberships.values_list("municipality__name", flat=True)) == {"Kommune A", "Kommune B"}
    assert len(mail.outbox) == 0


def test_a_bad_email_is_rejected_and_nothing_is_stored(client_for, admin_user, municipality):
    before = Membership.objects.count()
    response = client_for(admin_user).post(
        URL.format(municipality.pk), {"email": "not-an-address", "role": Role.MODERATOR}
    )
    assert response.status_code == 422
    assert "gültige E-Mail-Adresse" in response.content.decode()
    assert Membership.objects.count() == before


def test_adding_an_existing_member_again_says_so(client_for, admin_user, consultant, municipality):
    response = client_for(admin_user).post(
        URL.format(municipality.pk), {"email": consultant.email, "role": Role.MODERATOR}
    )
    assert response.status_code == 422
    assert "bereits Mitglied" in response.content.decode()
    assert Membership.objects.get(user=consultant).role == Role.CONSULTANT


def test_a_consultant_may_not_manage_members(client_for, consultant, municipality):
    assert client_for(consultant).get(URL.format(municipality.pk)).status_code == 403


def test_an_outsider_gets_404(client_for, outsider, municipality):
    assert client_for(outsider).get(URL.format(municipality.pk)).status_code == 404


def test_changing_a_role_is_audited(client_for, admin_user, consultant, municipality):
    membership = Membership.objects.get(user=consultant)
    client_for(admin_user).post(
        f"/kommunen/{municipality.pk}/mitglieder/{membership.pk}/rolle/", {"role": Role.STEERING_MEMBER}
    )
    membership.refresh_from_db()
    assert membership.role == Role.STEERING_MEMBER
    entry = AuditLogEntry.objects.get(action=AuditAction.MEMBER_ROLE_CHANGE)
    assert entry.changes == {"role": ["Beratung", "Begleitkreis-Mitglied"]}


def test_the_last_administrator_cannot_be_removed_or_demoted(client_for, admin_user, municipality):
    client = client_for(admin_user)
    membership = Membership.objects.get(user=admin_user)
    response = client.post(f"/kommunen/{municipality.pk}/mitglieder/{membership.pk}/entfernen/", follow=True)
    assert "mindestens eine Administratorin" in response.content.decode()
    client.post(f"/kommunen/{municipality.pk}/mitglieder/{membership.pk}/rolle/", {"role": Role.MODERATOR})
    membership.refresh_from_db()
    assert membership.role == Role.MUNICIPALITY_ADMIN


def test_an_invalid_role_changes_nothing(client_for, admin_user, consultant, municipality):
    membership = Membership.objects.get(user=consultant)
    response = client_for(admin_user).post(
        f"/kommunen/{municipality.pk}/mitglieder/{membership.pk}/rolle/", {"role": "king"}, follow=True
    )
    assert "Bitte eine der angebotenen Rollen wählen" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.CONSULTANT


def test_removing_a_member_is_audited_with_who_did_it(client_for, admin_user, moderator, municipality):
    membership = Membership.objects.get(user=moderator)
    client_for(admin_user).post(f"/kommunen/{municipality.pk}/mitglieder/{membership.pk}/entfernen/")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = AuditLogEntry.objects.get(action=AuditAction.MEMBER_REMOVE)
    assert entry.actor_label == str(admin_user)

"""Convenors without an account: staff make (and revoke) a personal link for a working group's convenor; its
holder hands in the minutes of the group's meetings and reports back with its proposals, which then wait for a
decision like any cluster. The same services as the staff's pages, so the history and the audit log show it."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dialogwerk.tenancy import audit
from dialogwerk.tenancy.models import AuditAction

from . import services
from .models import ConvenorLink, WorkingGroup, WorkingGroupMeeting, WorkingGroupProposal

LINK_DAYS = 365


class LinkGone(Exception):
    """The link expired, was revoked, or its group was closed, while its page was open."""


def link_url(link: ConvenorLink) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("synthesis:convenor_page", args=[link.token])


def _send(link: ConvenorLink) -> None:
    with translation.override(settings.LANGUAGE_CODE):  # the convenor's page is German, in plain words
        context = {
            "link": link,
            "group": link.working_group,
            "dialogue": link.working_group.dialogue,
            "url": link_url(link),
        }
        subject = render_to_string("synthesis/email/convenor_link_subject.txt", context).strip()
        body = render_to_string("synthesis/email/convenor_link.txt", context)
    send_mail(subject, body, None, [link.email])


@transaction.atomic
def convenor_link_create(
    *, actor, working_group: WorkingGroup, name: str, email: str = "", today: datetime.date | None = None
) -> ConvenorLink:
    """A personal link valid for a year (at least until 90 days after the group's deadline); sent by e-mail
    when an address is given, else handed over by staff."""
    today = today or timezone.localdate()
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Please name the person the link is for.")})
    if working_group.closed_on is not None:
        raise ValidationError(_("The working group is closed: reopen it first."))
    expires_on = max(
        today + datetime.timedelta(days=LINK_DAYS), working_group.proposal_due_on + datetime.timedelta(days=90)
    )
    link = ConvenorLink(
        working_group=working_group, name=name, email=(email or "").strip(), expires_on=expires_on, created_by=actor
    )
    link.full_clean()
    if link.email:
        link.sent_at = timezone.now()
    link.save()
    audit.record(
        municipality=working_group.dialogue.municipality,
        actor=actor,
        action=AuditAction.CREATE,
        target=link,
        changes={"working_group": ["", working_group.name], "email": ["", link.email or "–"]},
    )
    if link.sent_at:
        transaction.on_commit(lambda: _send(link))
    return link


@transaction.atomic
def convenor_link_revoke(*, actor, link: ConvenorLink) -> bool:
    """Revoke a link at once; False if it was revoked before."""
    link = ConvenorLink.objects.select_for_update().get(pk=link.pk)
    if link.revoked_at is not None:
        return False
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    audit.record(
        municipality=link.working_group.dialogue.municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=link,
        changes={"revoked_at": ["", link.revoked_at.isoformat()]},
    )
    return True


def _use(link: ConvenorLink) -> ConvenorLink:
    """The link, locked and checked once more inside the transaction that writes (a revocation may have come)."""
    link = (
        ConvenorLink.objects.select_for_update().select_related("working_group__dialogue__municipality").get(pk=link.pk)
    )
    if not link.is_active(timezone.localdate()):
        raise LinkGone
    link.last_used_at = timezone.now()
    link.save(update_fields=["last_used_at"])
    return link


@transaction.atomic
def convenor_meeting_post(
    *, link: ConvenorLink, held_on: datetime.date, minutes: str, attendees: str = ""
) -> WorkingGroupMeeting:
    link = _use(link)
    return services.working_group_meeting_add(
        actor=None,
        working_group=link.working_group,
        held_on=held_on,
        minutes=minutes,
        attendees=attendees,
        actor_label=_via(link),
    )


@transaction.atomic
def convenor_report_post(*, link: ConvenorLink, report: str, proposals: list[str]) -> list[WorkingGroupProposal]:
    """The group reports back through its convenor: the report, and proposals that now wait for a decision."""
    link = _use(link)
    return services.working_group_report(
        actor=None,
        working_group=link.working_group,
        report=report,
        reported_on=timezone.localdate(),
        proposals=[(title, "") for title in proposals],
        actor_label=_via(link),
    )


def _via(link: ConvenorLink) -> str:
    """Who handed it in, for the history and the audit log: the link's holder, who has no account."""
    return _("%(name)s (personal link)") % {"name": link.name}

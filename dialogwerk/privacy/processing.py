"""The record of processing activities (Verzeichnis von Verarbeitungstätigkeiten, Art. 30 DSGVO), generated
from the models: each activity names the models and fields that hold personal data; labels come from the
models themselves, so a renamed or added field shows up here."""

from dataclasses import dataclass

from django.apps import apps
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from dialogwerk.translations.configured import machine_translator

from . import services


@dataclass(frozen=True)
class Activity:
    title: str
    people: str
    purpose: str
    legal_basis: str
    retention: str
    recipients: str
    fields: tuple[tuple[str, tuple[str, ...]], ...]  # (app_label.Model, field names)

    def categories(self) -> list[tuple[str, list[str]]]:
        out = []
        for label, names in self.fields:
            model = apps.get_model(label)
            out.append(
                (
                    str(model._meta.verbose_name_plural),
                    [str(model._meta.get_field(name).verbose_name) for name in names],
                )
            )
        return out


def _live_recipients() -> str:
    """Who receives participants' data; the machine translation service, when one is configured (settings)."""
    recipients = _("Staff of the municipality and its consultants; results only anonymously.")
    service = machine_translator()
    if service is None:
        return recipients
    if service.name == "DeepL":
        sent_to = _(
            "For machine translation, the text of cards (without names) is sent to DeepL SE, Cologne (Germany), as a processor."
        )
    else:
        sent_to = _(
            "For machine translation, the text of cards (without names) is sent to a LibreTranslate server at %(host)s, "
            "run by or for the operator of this website."
        ) % {"host": service.host}
    return format_lazy("{} {}", recipients, sent_to)


def activities() -> list[Activity]:
    days = services.retention_days()
    return [
        Activity(
            title=_("Live events of the dialogue"),
            people=_("Participants of a live event (no account)"),
            purpose=_("Collecting and weighting contributions in the dialogue; documenting the results."),
            legal_basis=_("Consent (Art. 6(1)(a) GDPR), shown and recorded when joining."),
            retention=_("Until erased on request; anonymised %(days)s days after the dialogue is closed.")
            % {"days": days},
            recipients=_live_recipients(),
            fields=(
                ("live.Participant", ("display_name", "language", "perspective", "consented_at")),
                ("live.Contribution", ("text",)),
                ("seating.SeatingPerson", ("name", "perspective")),
                ("privacy.ConsentRecord", ("notice_version", "shown_at", "accepted_at")),
            ),
        ),
        Activity(
            title=_("Actors and invitations"),
            people=_("Contact people of organisations, invited persons"),
            purpose=_("Planning who takes part; inviting them and knowing their answer and needs."),
            legal_basis=_("Public task (Art. 6(1)(e) GDPR); contact data only with consent (Art. 6(1)(a) GDPR)."),
            retention=_("With the dialogue; erased on request (the answers stay as anonymous counts)."),
            recipients=_(
                "Staff of the municipality and its consultants; e-mail through the municipality's mail server."
            ),
            fields=(
                ("preparation.Actor", ("name", "contact_name", "email", "phone", "consent", "stance", "notes")),
                ("preparation.Invitation", ("status", "needs", "language")),
            ),
        ),
        Activity(
            title=_("Registrations for the event"),
            people=_("People who register on the public event page"),
            purpose=_(
                "Planning the event: places and waiting list, tables, interpreters, childcare; a confirmation by e-mail if they give an address."
            ),
            legal_basis=_("Consent (Art. 6(1)(a) GDPR), shown and recorded when registering."),
            retention=_(
                "Until cancelled with their personal link or erased on request; deleted %(days)s days after the dialogue is closed."
            )
            % {"days": days},
            recipients=_(
                "Staff of the municipality and its consultants; e-mail through the municipality's mail server."
            ),
            fields=(
                ("preparation.Registration", ("name", "email", "perspective", "language", "needs", "consented_at")),
            ),
        ),
        Activity(
            title=_("Owners of measures and reminders"),
            people=_("People responsible for a measure, also without an account (e.g. associations, churches)"),
            purpose=_(
                "Following up the agreed measures: reminders by e-mail, and progress reports through a personal link."
            ),
            legal_basis=_("Public task (Art. 6(1)(e) GDPR)."),
            retention=_(
                "With the dialogue; a personal link stops working when it expires or is withdrawn, reminders stop when paused."
            ),
            recipients=_(
                "Staff of the municipality, its consultants and the steering group; e-mail through the municipality's mail server."
            ),
            fields=(
                ("measures.Measure", ("responsible_person", "responsible_email")),
                ("measures.OwnerLink", ("name", "email", "last_used_at")),
                ("measures.ProgressUpdate", ("reporter_name",)),
                ("measures.ReminderRecipient", ("email", "paused_at")),
                ("synthesis.ConvenorLink", ("name", "email", "last_used_at")),
            ),
        ),
        Activity(
            title=_("News of the results by e-mail"),
            people=_("Participants and others who asked to hear about the results"),
            purpose=_("Telling them, in their language, when results of the dialogue are published or change."),
            legal_basis=_("Consent (Art. 6(1)(a) GDPR), confirmed through a link in a first e-mail."),
            retention=_(
                "Until they stop it with the link in every e-mail; addresses never confirmed are deleted after a week."
            ),
            recipients=_("Staff of the municipality; e-mail through the municipality's mail server."),
            fields=(
                ("measures.ResultsSubscription", ("email", "language", "consented_at", "confirmed_at", "told_at")),
            ),
        ),
        Activity(
            title=_("Staff accounts and the audit log"),
            people=_("Staff of the municipality, consultants, moderators, steering group"),
            purpose=_("Signing in (with optional two-factor login), roles, accountability for changes."),
            legal_basis=_("Public task and employment (Art. 6(1)(e) GDPR, § 26 BDSG)."),
            retention=_(
                "While the account exists; erased on request by an administrator (what the person made stays, attributed to “deleted person”); the audit log with the municipality."
            ),
            recipients=_("Administrators of the municipality."),
            fields=(
                ("tenancy.User", ("first_name", "last_name", "email", "last_login")),
                ("tenancy.Membership", ("role",)),
                ("otp_totp.TOTPDevice", ("key", "last_used_at")),
            ),
        ),
    ]

"""Context help: for every staff page (by URL name) one or two plain sentences and the guide chapter to read.

A test checks that every page of the URL conf has an entry here, so a new page gets its help at once.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Help:
    text: Promise
    chapter: str  # a slug of guide.chapters.CHAPTERS
    anchor: str = ""  # a heading id in that chapter


TOPICS: dict[str, Help] = {
    "login": Help(
        _(
            "Log in with the e-mail address your municipality or consultant registered. If you came to take part in an event, you need no account: use the code or the QR code shown in the room."
        ),
        "erster-dialog",
        "schritt-1-anmelden",
    ),
    "password": Help(
        _("Forgotten your password? Enter your e-mail address and you will get a link to set a new one."),
        "rollen",
        "mitglieder-verwalten",
    ),
    "dashboard": Help(
        _(
            "Your start page lists the municipalities you work for and their dialogues. To begin, use the wizard “Start a new refugee dialogue”: it sets up the themes, the project plan and a checklist."
        ),
        "erster-dialog",
        "schritt-2-neuen-dialog-anlegen",
    ),
    "tokens": Help(
        _(
            "Personal access tokens let other programs read and change data in your name. Only create one if your IT asks for it, and revoke it when it is no longer needed."
        ),
        "rollen",
        "api-zugaenge",
    ),
    "members": Help(
        _(
            "Here administrators decide who works on the municipality's dialogues and in which role. New people get an e-mail with a link to set their password."
        ),
        "rollen",
        "mitglieder-verwalten",
    ),
    "audit": Help(
        _("The audit log shows who changed what and when. Nothing here can be edited."), "rollen", "protokoll"
    ),
    "wizard": Help(
        _(
            "The wizard creates the dialogue in one go: themes, the five guiding questions, a project plan counted back from the event date and a checklist. Everything can be changed later."
        ),
        "vorbereitung",
        "dialog-anlegen",
    ),
    "overview": Help(
        _(
            "The overview shows where the dialogue stands. The checklist ticks itself as you work and names the next step."
        ),
        "erster-dialog",
        "schritt-3-die-uebersicht-lesen",
    ),
    "dialogue_edit": Help(
        _(
            "Title, dates, expected participants and the purpose. Participants read the purpose when they join, so say plainly what will happen to the results."
        ),
        "vorbereitung",
        "dialog-anlegen",
    ),
    "themes": Help(
        _(
            "Themes are the topics the dialogue discusses. Keep the five usual ones or adapt them to your town; cards and tables are sorted by theme."
        ),
        "vorbereitung",
        "themenfelder",
    ),
    "analysis": Help(
        _(
            "The needs analysis answers five guiding questions with the municipality. It is the basis for themes, actors and method; mark it complete when every question is answered."
        ),
        "vorbereitung",
        "bedarfsanalyse",
    ),
    "figures": Help(
        _(
            "Key figures describe the situation in numbers, with date and source. They go into the needs analysis and the documentation."
        ),
        "vorbereitung",
        "kennzahlen-und-bestehende-massnahmen",
    ),
    "existing_measures": Help(
        _(
            "List what the municipality already does for integration, so that the dialogue builds on it instead of starting from zero."
        ),
        "vorbereitung",
        "kennzahlen-und-bestehende-massnahmen",
    ),
    "perspectives": Help(
        _(
            "Perspectives are the groups whose view the dialogue needs, sceptical citizens included. Adapt the ten defaults to your town."
        ),
        "vorbereitung",
        "akteure",
    ),
    "actors": Help(
        _(
            "Record the organisations and people to involve, each with a perspective. Only contact people who agreed to it."
        ),
        "vorbereitung",
        "akteure",
    ),
    "actor_import": Help(
        _(
            "Import an existing list of actors from Excel or CSV. You see a preview first; if a row has an error, nothing is saved."
        ),
        "vorbereitung",
        "akteure",
    ),
    "coverage": Help(
        _(
            "The coverage shows which perspectives are missing for each theme. Close the gaps before you send the invitations."
        ),
        "vorbereitung",
        "akteure",
    ),
    "actor_grid": Help(
        _("The grid sorts actors by influence and interest: whom to involve closely, whom to keep informed."),
        "vorbereitung",
        "akteure",
    ),
    "event": Help(
        _(
            "Where and when the event takes place and what it offers (step-free access, childcare, interpreters, places); invitations, the answer page and the calendar entry show exactly this. Open registration publishes a page where anyone can register."
        ),
        "vorbereitung",
        "ort-und-zeiten",
    ),
    "invitations": Help(
        _(
            "Invite the actors by e-mail, or by a printed letter or in person when they have no e-mail; each invitation has a personal link to answer. Enter answers that came by phone, check the answers per perspective and send reminders."
        ),
        "vorbereitung",
        "einladungen",
    ),
    "plan": Help(
        _(
            "The project plan lists the tasks up to the event and after it, counted from the event date. Overdue tasks are shown in red."
        ),
        "vorbereitung",
        "projektplan",
    ),
    "methods": Help(
        _(
            "The method library explains World Café, future workshop and other formats and recommends one for your size and time."
        ),
        "vorbereitung",
        "methode-und-ablaufplan",
    ),
    "agenda": Help(
        _(
            "The agenda is the timed plan of the event. Warnings tell you when a part is too long or a break is missing; print it for the team."
        ),
        "vorbereitung",
        "methode-und-ablaufplan",
    ),
    "sessions": Help(
        _(
            "A live session is the evening itself. Create it beforehand; participants join it with the code or the QR code on the wall."
        ),
        "veranstaltung",
        "sitzung-starten",
    ),
    "console": Help(
        _(
            "The console runs the evening: start, go to the next round, set the timer, open a vote. Keep the wall open on the projector in a second window."
        ),
        "moderationskarte",
        "",
    ),
    "wall": Help(
        _(
            "The wall is for the projector: it shows the code to join and the cards as they arrive. It reconnects by itself if the network drops."
        ),
        "veranstaltung",
        "die-wand-zeigen",
    ),
    "translations": Help(
        _(
            "Translate the dialogue's own texts into its languages, here or through a translation agency (XLSX, XLIFF). Participants see each text in their language, and the German original where none exists yet."
        ),
        "vorbereitung",
        "sprachen-und-uebersetzungen",
    ),
    "interpret": Help(
        _(
            "Translate the cards that wait for a translation, oldest first. What you save appears on the wall and the phones at once; the original card stays as written."
        ),
        "veranstaltung",
        "karten-in-mehreren-sprachen",
    ),
    "capture": Help(
        _("Type in cards from paper or a flipchart here, for people who do not use a phone."),
        "veranstaltung",
        "karten-erfassen-und-bearbeiten",
    ),
    "cards": Help(
        _(
            "Correct a card, hide an insult, or merge two cards that say the same. Every change is kept in the card's history."
        ),
        "veranstaltung",
        "karten-erfassen-und-bearbeiten",
    ),
    "photos": Help(
        _("Upload photos of flipcharts so that nothing written on paper is lost."),
        "veranstaltung",
        "fotos-der-flipcharts",
    ),
    "voting": Help(
        _("A dot vote lets everyone weigh the cards at the same time. Say beforehand how many dots each person has."),
        "veranstaltung",
        "punktabfrage",
    ),
    "seating": Help(
        _(
            "A table plan mixes people and perspectives across the World Café rounds, so that nobody meets the same people twice. Print table lists and route cards."
        ),
        "veranstaltung",
        "tischplan",
    ),
    "board": Help(
        _("Bundle the cards of the evening into clusters with a title. The software suggests bundles; you decide."),
        "ergebnisse",
        "buendeln",
    ),
    "decisions": Help(
        _("Record for each bundle what was decided: adopted, rejected, or delegated to a working group."),
        "ergebnisse",
        "entscheidungen",
    ),
    "working_groups": Help(
        _("A working group takes over a topic with a mandate, members and a deadline."), "ergebnisse", "arbeitsgruppen"
    ),
    "catalogue": Help(
        _(
            "The catalogue of measures is the result of the dialogue: each measure with who, until when and where it came from."
        ),
        "ergebnisse",
        "massnahmenkatalog",
    ),
    "catalogue_import": Help(
        _("Import measures from a spreadsheet. You see every change before it is applied."),
        "ergebnisse",
        "massnahmenkatalog",
    ),
    "measure": Help(
        _(
            "One measure: its status, the progress reports and the municipality's statement. The steering group keeps it up to date."
        ),
        "umsetzung",
        "sachstaende",
    ),
    "steering": Help(
        _("The steering group makes sure the measures are carried out. Name its members and agree how often it meets."),
        "umsetzung",
        "begleitkreis",
    ),
    "summary": Help(
        _("The summary shows the state of all measures at a glance, for council meetings and the public."),
        "umsetzung",
        "zusammenfassung",
    ),
    "documents": Help(
        _(
            "Produce the documentation and the catalogue of measures as PDF or Word, to hand on to the council and the participants."
        ),
        "ergebnisse",
        "dokumente-erzeugen",
    ),
    "funding": Help(
        _(
            "Apply for state funding for the dialogue and report afterwards how the money was used. Deadlines are listed here."
        ),
        "foerderung",
        "foerderantrag",
    ),
    "funding_report": Help(
        _("The report on the use of funds compares what was spent with the plan and says who took part."),
        "foerderung",
        "verwendungsnachweis",
    ),
    "steckbrief": Help(
        _("The experience report (Steckbrief) summarises the dialogue for the funding body on one or two pages."),
        "foerderung",
        "steckbrief",
    ),
    "funding_review": Help(
        _(
            "The applications submitted to your funding body: approve with an amount and a date, send back for changes with a message, or reject with a reason; after the event check the receipts and close the report on the use of funds."
        ),
        "foerderung",
        "antraege-pruefen",
    ),
    "funding_receipts": Help(
        _(
            "File the receipts of what was spent, each against its cost item; the funding body checks them with the report on the use of funds."
        ),
        "foerderung",
        "belege",
    ),
    "funding_body": Help(
        _(
            "Funding bodies see aggregate figures of all municipalities in their programmes: dialogues, applications and amounts, participants and measures — never personal data."
        ),
        "foerderung",
        "fuer-die-foerderstelle",
    ),
    "funding_bodies_admin": Help(
        _(
            "Platform operators create funding bodies here, name the municipalities each one oversees and invite its staff. Funding bodies see only aggregate figures, never personal data."
        ),
        "foerderung",
        "fuer-die-foerderstelle",
    ),
    "survey": Help(
        _(
            "Open the short survey at the end of the event: participants answer three questions from 1 to 5 on their phones, anonymously. The experience report (Steckbrief) uses the figures."
        ),
        "foerderung",
        "steckbrief",
    ),
    "participant": Help(
        _(
            "You take part without an account. Choose your language, read what is stored, and write your ideas on cards."
        ),
        "rollen",
        "teilnehmende",
    ),
    "guide": Help(_("This is the user guide. Start with “Your first dialogue” if you are new."), "index", ""),
    "privacy": Help(
        _(
            "Data protection: what is stored about participants and actors, for how long, and how to export or delete one person's data on request."
        ),
        "rollen",
        "datenschutz",
    ),
    "sign_video": Help(
        _("Upload a video that explains this site in German Sign Language. It is shown on the page in plain language."),
        "rollen",
        "kommune",
    ),
}

PAGES: dict[str, str] = {
    "login": "login",
    "password_reset": "password",
    "password_reset_done": "password",
    "password_reset_confirm": "password",
    "password_reset_complete": "password",
    "dashboard": "dashboard",
    "apitokens:list": "tokens",
    "apitokens:revoke": "tokens",
    "tenancy:members": "members",
    "tenancy:member_role": "members",
    "tenancy:member_remove": "members",
    "tenancy:two_factor_policy": "members",
    "tenancy:audit_log": "audit",
    "dialogues:create": "wizard",
    "dialogues:overview": "overview",
    "dialogues:edit": "dialogue_edit",
    "dialogues:archive": "dialogue_edit",
    "dialogues:delete": "dialogue_edit",
    "dialogues:phase": "overview",
    "dialogues:themes": "themes",
    "dialogues:theme_edit": "themes",
    "dialogues:theme_delete": "themes",
    "dialogues:theme_move": "themes",
    "preparation:analysis": "analysis",
    "preparation:analysis_pdf": "analysis",
    "preparation:analysis_docx": "analysis",
    "preparation:figures": "figures",
    "preparation:figure_import": "figures",
    "preparation:figure_import_preview": "figures",
    "preparation:figure_edit": "figures",
    "preparation:figure_delete": "figures",
    "preparation:measures": "existing_measures",
    "preparation:measure_edit": "existing_measures",
    "preparation:measure_delete": "existing_measures",
    "preparation:perspectives": "perspectives",
    "preparation:perspective_edit": "perspectives",
    "preparation:perspective_delete": "perspectives",
    "preparation:actors": "actors",
    "preparation:actor_create": "actors",
    "preparation:actor_grid": "actor_grid",
    "preparation:coverage": "coverage",
    "preparation:actor_import": "actor_import",
    "preparation:actor_import_preview": "actor_import",
    "preparation:actor_template": "actor_import",
    "preparation:actors_csv": "actors",
    "preparation:actors_xlsx": "actors",
    "preparation:actor_edit": "actors",
    "preparation:actor_delete": "actors",
    "preparation:event": "event",
    "preparation:registration_remove": "event",
    "preparation:invitations": "invitations",
    "preparation:invitations_remind": "invitations",
    "preparation:invitations_otherwise": "invitations",
    "preparation:invitation_letters": "invitations",
    "preparation:invitation_answer": "invitations",
    "preparation:plan": "plan",
    "preparation:plan_generate": "plan",
    "preparation:plan_xlsx": "plan",
    "preparation:plan_ics": "plan",
    "preparation:task_edit": "plan",
    "preparation:task_delete": "plan",
    "design:methods": "methods",
    "design:method_create": "methods",
    "design:method_detail": "methods",
    "design:method_edit": "methods",
    "design:agenda": "agenda",
    "design:agenda_times": "agenda",
    "design:agenda_template": "agenda",
    "design:agenda_print": "agenda",
    "design:agenda_pdf": "agenda",
    "design:agenda_item_edit": "agenda",
    "design:agenda_item_delete": "agenda",
    "design:agenda_item_tables": "agenda",
    "design:agenda_item_move": "agenda",
    "live:join_start": "participant",
    "live:join": "participant",
    "live:participant": "participant",
    "live:sessions": "sessions",
    "live:console": "console",
    "live:console_cards": "console",
    "live:control": "console",
    "live:door": "console",
    "live:join_limit": "console",
    "live:flood": "console",
    "live:people_counted": "console",
    "live:qr": "wall",
    "live:wall": "wall",
    "live:capture": "capture",
    "live:interpret": "interpret",
    "translations:overview": "translations",
    "translations:edit": "translations",
    "translations:export": "translations",
    "translations:import": "translations",
    "translations:import_result": "translations",
    "translations:machine": "translations",
    "live:wall_languages": "wall",
    "live:wall_older": "wall",
    "live:photo_upload": "photos",
    "live:photo": "photos",
    "live:card_edit": "cards",
    "live:card_hide": "cards",
    "live:card_unhide": "cards",
    "live:card_merge": "cards",
    "live:voting_new": "voting",
    "live:voting_close": "voting",
    "survey:results": "survey",
    "survey:control": "survey",
    "seating:index": "seating",
    "seating:create": "seating",
    "seating:plan": "seating",
    "seating:print": "seating",
    "seating:table_lists_pdf": "seating",
    "seating:route_cards_pdf": "seating",
    "seating:replan": "seating",
    "seating:themes": "seating",
    "synthesis:board": "board",
    "synthesis:cluster_create": "board",
    "synthesis:suggestion_accept": "board",
    "synthesis:card_move": "board",
    "synthesis:card_similar": "board",
    "synthesis:cluster_rename": "board",
    "synthesis:cluster_dissolve": "board",
    "synthesis:decisions": "decisions",
    "synthesis:decision_correct": "decisions",
    "synthesis:decision_document": "decisions",
    "synthesis:working_groups": "working_groups",
    "synthesis:working_group": "working_groups",
    "synthesis:working_group_edit": "working_groups",
    "synthesis:meeting_add": "working_groups",
    "synthesis:working_group_close": "working_groups",
    "synthesis:convenor_link_create": "working_groups",
    "synthesis:convenor_link_revoke": "working_groups",
    "measures:catalogue": "catalogue",
    "measures:create": "catalogue",
    "measures:bulk": "catalogue",
    "measures:export_xlsx": "catalogue",
    "measures:export_csv": "catalogue",
    "measures:export_decidim": "catalogue",
    "measures:import": "catalogue_import",
    "measures:import_preview": "catalogue_import",
    "measures:detail": "measure",
    "measures:edit": "measure",
    "measures:progress": "measure",
    "measures:attachment": "measure",
    "measures:statement": "measure",
    "measures:owner_link_create": "measure",
    "measures:owner_link_revoke": "measure",
    "measures:steering": "steering",
    "measures:steering_member_add": "steering",
    "measures:steering_member_remove": "steering",
    "measures:steering_settings": "steering",
    "measures:meeting": "steering",
    "measures:summary": "summary",
    "funding:overview": "funding",
    "funding:application": "funding",
    "funding:cost_line_add": "funding",
    "funding:cost_line_edit": "funding",
    "funding:cost_line_delete": "funding",
    "funding:status": "funding",
    "funding:deadline_add": "funding",
    "funding:deadline_toggle": "funding",
    "funding:report": "funding_report",
    "funding:steckbrief": "steckbrief",
    "funding:application_pdf": "funding",
    "funding:application_docx": "funding",
    "funding:report_pdf": "funding_report",
    "funding:report_docx": "funding_report",
    "funding:steckbrief_pdf": "steckbrief",
    "funding:steckbrief_docx": "steckbrief",
    "funding:submit": "funding",
    "funding:receipts": "funding_receipts",
    "funding:receipt_download": "funding_receipts",
    "funding:receipt_delete": "funding_receipts",
    "funding:report_submit": "funding_report",
    "funding:reviews": "funding_review",
    "funding:review": "funding_review",
    "funding:review_changes": "funding_review",
    "funding:review_approve": "funding_review",
    "funding:review_reject": "funding_review",
    "funding:review_report_changes": "funding_review",
    "funding:review_report_close": "funding_review",
    "funding:review_receipt": "funding_review",
    "funding:review_application_pdf": "funding_review",
    "funding:review_report_pdf": "funding_review",
    "funding:bodies": "funding_body",
    "funding:body_overview": "funding_body",
    "funding:body_csv": "funding_body",
    "funding:programme_edit": "funding_body",
    "funding:operator_bodies": "funding_bodies_admin",
    "funding:operator_body": "funding_bodies_admin",
    "funding:operator_member_add": "funding_bodies_admin",
    "funding:operator_member_remove": "funding_bodies_admin",
    "reports:documents": "documents",
    "reports:texts": "documents",
    "reports:generate": "documents",
    "reports:status": "documents",
    "reports:download": "documents",
    "reports:delete": "documents",
    "reports:logo_upload": "documents",
    "reports:logo_remove": "documents",
    "reports:logo": "documents",
    "reports:catalogue_pdf": "documents",
    "reports:catalogue_xlsx": "documents",
    "privacy:notice": "privacy",
    "privacy:overview": "privacy",
    "privacy:settings": "privacy",
    "privacy:processing": "privacy",
    "privacy:participant": "privacy",
    "privacy:participant_json": "privacy",
    "privacy:participant_erase": "privacy",
    "privacy:actor": "privacy",
    "privacy:actor_json": "privacy",
    "privacy:staff_erase": "members",
    "privacy:actor_erase": "privacy",
    "privacy:contact": "privacy",
    "privacy:contact_json": "privacy",
    "privacy:contact_erase": "privacy",
    "guide:wizard": "wizard",
    "guide:sign_video_upload": "sign_video",
    "guide:sign_video_delete": "sign_video",
}


def help_for(view_name: str | None) -> Help | None:
    """The help of a page, or None for pages that need none (the guide itself, the wall's projector view)."""
    if not view_name:
        return None
    topic = PAGES.get(view_name)
    return TOPICS[topic] if topic else None

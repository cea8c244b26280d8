"""The checklist's wording: what each item is called, what its numbers say, and where to do it."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .checklist import Item

STEP_CHAPTERS = {
    "preparation": "vorbereitung",
    "dialogue": "veranstaltung",
    "results": "ergebnisse",
    "implementation": "umsetzung",
    "funding": "foerderung",
}


@dataclass(frozen=True)
class Line:
    item: Item
    title: str
    status: str
    action: str
    url: str


def step_title(step: str) -> str:
    titles = {
        "preparation": _("Preparation"),
        "dialogue": _("Dialogue"),
        "results": _("Results"),
        "implementation": _("Implementation"),
        "funding": _("Funding"),
    }
    return titles[step]


def step_chapter(step: str) -> str:
    return STEP_CHAPTERS[step]


def _status(item: Item) -> str:
    n = item.numbers
    key = item.key
    if key == "analysis":
        return _("%(answered)d of %(total)d guiding questions answered") % n
    if key == "themes":
        return ngettext("%(themes)d theme chosen", "%(themes)d themes chosen", n["themes"]) % n
    if key == "actors":
        text = ngettext("%(actors)d recorded", "%(actors)d recorded", n["actors"]) % n
        if n["worst_missing"]:
            text += (
                ", "
                + ngettext(
                    "%(worst_missing)d perspective missing at %(worst_theme)s",
                    "%(worst_missing)d perspectives missing at %(worst_theme)s",
                    n["worst_missing"],
                )
                % n
            )
        return text
    if key == "invitations":
        text = _("%(sent)d of %(actors)d invited") % n
        if n["letter"] or n["personal"]:
            text += " " + _("(%(email)d by e-mail, %(letter)d by letter, %(personal)d in person or by phone)") % n
        if n["sent"]:
            text += ", " + ngettext("%(accepted)d accepted", "%(accepted)d accepted", n["accepted"]) % n
        if n["missing"] and n["sent"]:
            text += ", " + ngettext("%(missing)d not invited yet", "%(missing)d not invited yet", n["missing"]) % n
        return text
    if key == "agenda":
        return ngettext("%(items)d item planned", "%(items)d items planned", n["items"]) % n
    if key == "plan":
        if not n["tasks"]:
            return _("not created yet")
        text = _("%(tasks)d tasks, %(done)d done") % n
        if n["overdue"]:
            text += ", " + ngettext("%(overdue)d overdue", "%(overdue)d overdue", n["overdue"]) % n
        return text
    if key == "session":
        return ngettext("%(sessions)d session prepared", "%(sessions)d sessions prepared", n["sessions"]) % n
    if key == "cards":
        return ngettext("%(cards)d card collected", "%(cards)d cards collected", n["cards"]) % n
    if key == "clusters":
        return ngettext("%(clusters)d bundle", "%(clusters)d bundles", n["clusters"]) % n
    if key == "decisions":
        return ngettext("%(decisions)d decision recorded", "%(decisions)d decisions recorded", n["decisions"]) % n
    if key == "catalogue":
        return ngettext("%(measures)d measure", "%(measures)d measures", n["measures"]) % n
    if key == "documents":
        return ngettext("%(documents)d document ready", "%(documents)d documents ready", n["documents"]) % n
    if key == "steering":
        return ngettext("%(members)d member", "%(members)d members", n["members"]) % n
    if key == "progress":
        return _("%(with_progress)d of %(measures)d measures with a progress report") % n
    if key in {"funding_application", "funding_report"}:
        return {
            "": _("not started"),
            "draft": _("draft"),
            "submitted": _("submitted"),
            "approved": _("approved"),
            "rejected": _("rejected"),
            "changes_requested": _("changes requested"),
            "closed": _("checked and closed"),
        }.get(n["status"], n["status"])
    raise KeyError(key)


def _title_action_url(item: Item, dialogue_id: int) -> tuple[str, str, str]:
    n = item.numbers
    key = item.key
    table = {
        "analysis": (_("Needs analysis"), _("Answer the five guiding questions"), "preparation:analysis"),
        "themes": (_("Themes"), _("Choose the themes"), "dialogues:themes"),
        "actors": (
            _("Actors"),
            _("Close the gaps in the coverage") if n.get("actors") else _("Record the actors"),
            "preparation:coverage" if n.get("actors") else "preparation:actors",
        ),
        "invitations": (_("Invitations"), _("Send the invitations"), "preparation:invitations"),
        "agenda": (_("Method and agenda"), _("Plan the agenda of the event"), "design:agenda"),
        "plan": (
            _("Project plan"),
            _("Catch up with the overdue tasks") if n.get("overdue") else _("Create the project plan"),
            "preparation:plan",
        ),
        "session": (_("Live session"), _("Prepare the live session"), "live:sessions"),
        "cards": (_("Cards of the event"), _("Run the event and collect the cards"), "live:sessions"),
        "clusters": (_("Bundles"), _("Bundle the cards"), "synthesis:board"),
        "decisions": (_("Decisions"), _("Record the decisions"), "synthesis:decisions"),
        "catalogue": (_("Catalogue of measures"), _("Write the catalogue of measures"), "measures:catalogue"),
        "documents": (_("Documentation"), _("Produce the documentation and the catalogue"), "reports:documents"),
        "steering": (_("Steering group"), _("Name the steering group"), "measures:steering"),
        "progress": (_("Progress reports"), _("Report progress on the measures"), "measures:catalogue"),
        "funding_application": (_("Funding application"), _("Apply for funding"), "funding:overview"),
        "funding_report": (
            _("Report on the use of funds"),
            _("Write the report on the use of funds"),
            "funding:overview",
        ),
    }
    title, action, url_name = table[key]
    return title, action, reverse(url_name, args=[dialogue_id])


def lines(items: list[Item], dialogue_id: int) -> list[Line]:
    result = []
    for item in items:
        title, action, url = _title_action_url(item, dialogue_id)
        result.append(Line(item=item, title=title, status=_status(item), action=action, url=url))
    return result

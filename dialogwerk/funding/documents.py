"""The funding documents as blocks: the application (Förderantrag), the report on the use of funds
(Verwendungsnachweis) and the experience report (Steckbrief). Rendered by the reports pipeline."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from dialogwerk.reports import blocks, chartdata, charts, documentation, render_pdf, sources
from dialogwerk.reports.branding import logo_png
from dialogwerk.reports.models import DocumentationText

from . import calc, selectors
from .calc import format_eur
from .models import FundingApplication

PROBLEMS = {
    calc.OVER_CAP: lambda plan, app: (
        _("The requested amount is above the programme's maximum of %(cap)s.")
        % {"cap": format_eur(app.programme.cap_amount)}
    ),
    calc.OVER_RATE: lambda plan, app: (
        _("The requested amount is above the maximum funding rate of %(rate)s %%.")
        % {"rate": _percent(app.programme.max_funding_rate_percent)}
    ),
    calc.OWN_SHARE_TOO_LOW: lambda plan, app: (
        _("The own share is below the required %(percent)s %% of the costs.")
        % {"percent": _percent(app.programme.min_own_share_percent)}
    ),
    calc.OWN_SHARE_OVER_TOTAL: lambda plan, app: _("The own share is higher than the total costs."),
}


def problem_texts(application: FundingApplication, plan: calc.CostPlan) -> list[str]:
    return [PROBLEMS[code](plan, application) for code in plan.problems]


def _date(value) -> str:
    return value.strftime("%d.%m.%Y") if value else "–"


def _period(starts_on, ends_on) -> str:
    if starts_on and (ends_on is None or ends_on == starts_on):
        return _date(starts_on)
    return f"{_date(starts_on)} – {_date(ends_on)}"


def _base(application_or_dialogue, title: str, *, cover: bool) -> blocks.Document:
    dialogue = getattr(application_or_dialogue, "dialogue", application_or_dialogue)
    municipality = dialogue.municipality
    return blocks.Document(
        title=title,
        subtitle=f"{dialogue.title} – {municipality.name}",
        cover_lines=[_("As of %(date)s") % {"date": timezone.localdate().strftime("%d.%m.%Y")}],
        logo_png=logo_png(municipality),
        cover=cover,
        toc=False,
        footer=f"{title} – {municipality.name}",
        labels=documentation.labels(),
    )


def _bank_rows(application: FundingApplication, show_bank_details: bool) -> list[tuple[str, str]]:
    iban = application.iban_formatted if show_bank_details else application.iban_masked
    return [
        (_("Account holder"), application.account_holder or "–"),
        (_("IBAN"), iban or "–"),
        (_("BIC"), (application.bic if show_bank_details else "•••") if application.bic else "–"),
        (_("Bank"), application.bank_name or "–"),
    ]


def application_document(application: FundingApplication, *, show_bank_details: bool) -> blocks.Document:
    programme = application.programme
    plan = application.plan()
    document = _base(application, _("Funding application"), cover=False)
    document.section(_("Programme")).add(
        blocks.KeyValues(
            [
                (_("Funding programme"), programme.name),
                (_("Funded by"), programme.funder),
                (_("Maximum amount per municipality"), format_eur(programme.cap_amount)),
                (_("Status"), application.get_status_display()),
                *([(_("Submitted on"), _date(application.submitted_on))] if application.submitted_on else []),
            ]
        )
    )
    document.section(_("Applicant")).add(
        blocks.KeyValues(
            [
                (_("Applicant (municipality)"), application.applicant),
                (_("Postal address"), application.address or "–"),
                (_("Contact person"), application.contact_name or "–"),
                (_("Contact e-mail"), application.contact_email or "–"),
                (_("Contact phone"), application.contact_phone or "–"),
                *_bank_rows(application, show_bank_details),
            ]
        )
    )
    document.section(_("The project")).add(
        blocks.KeyValues(
            [
                (_("Project title"), application.project_title),
                (_("Goals"), application.goals or "–"),
                (_("Themes"), application.themes_text or "–"),
                (_("Method and format"), application.method or "–"),
                (_("Period"), _period(application.starts_on, application.ends_on)),
                (_("Expected participants"), str(application.expected_participants or "–")),
                (_("Partners"), application.partners or "–"),
            ]
        )
    )
    section = document.section(_("Cost plan"))
    lines = list(application.cost_lines.all())
    if not lines:
        section.add(blocks.Para(_("No costs planned yet."), style="empty"))
    else:
        section.add(
            blocks.Table(
                [_("Cost item"), _("Planned")],
                [[line.label, format_eur(line.planned_amount)] for line in lines],
                numeric=(1,),
                footer=[_("Total costs"), format_eur(plan.total)],
                widths=(5, 1.5),
            )
        )
    section.add(
        blocks.KeyValues(
            [  # the total stands at the foot of the table above
                *([] if lines else [(_("Total costs"), format_eur(plan.total))]),
                (_("Own share"), f"{format_eur(plan.own_share)} ({str(plan.own_share_percent).replace('.', ',')} %)"),
                (_("Requested amount"), format_eur(plan.requested)),
            ]
        )
    )
    for text in problem_texts(application, plan):
        section.add(blocks.Para(text, style="lead"))
    if application.status == "approved":
        document.section(_("Funding decision")).add(
            blocks.KeyValues(
                [
                    (_("Approved amount"), format_eur(application.approved_amount)),
                    (_("Decided on"), _date(application.decided_on)),
                    (_("Note on the decision"), application.decision_note or "–"),
                ]
            )
        )
    document.section(_("Signature")).add(
        blocks.Para(_("Place, date") + ": ______________________    " + _("Signature") + ": ______________________")
    )
    return document


def measure_lines(dialogue, limit: int) -> list[str]:
    """The first agreed measures, as lines: dropped ones are no result; those done or under way come first."""
    measures = sorted(
        (m for m in sources.measures(dialogue) or [] if m.status != "dropped"),
        key=lambda m: {"done": 0, "in_progress": 1}.get(m.status, 2),
    )
    return [
        f"{m.title}"
        + (f" – {m.responsible}" if m.responsible else "")
        + (f", {_('due')} {m.due_on}" if m.due_on else "")
        for m in measures[:limit]
    ]


def results_in_short(dialogue) -> str:
    texts = DocumentationText.objects.filter(dialogue=dialogue).first()
    if texts and texts.summary:
        return texts.summary
    return documentation.auto_summary(
        dialogue,
        sources.participation(dialogue),
        sources.cards(dialogue),
        sources.bundles(dialogue),
        sources.measures(dialogue),
    )


def report_document(application: FundingApplication) -> blocks.Document:
    dialogue = application.dialogue
    report = getattr(application, "report", None)
    programme = application.programme
    document = _base(application, _("Report on the use of funds"), cover=False)
    document.section(_("Funding")).add(
        blocks.KeyValues(
            [
                (_("Funding programme"), programme.name),
                (_("Applicant (municipality)"), application.applicant),
                (_("Project title"), application.project_title),
                (
                    _("Approved amount"),
                    format_eur(application.approved_amount) if application.approved_amount is not None else "–",
                ),
                (_("Period"), _period(application.starts_on, application.ends_on)),
            ]
        )
    )
    section = document.section(_("Actual costs against the plan"))
    lines = list(application.cost_lines.all())
    items = calc.deviations(
        [(line, line.planned_amount, line.actual_amount) for line in lines],
        threshold_percent=programme.deviation_threshold_percent,
    )
    if not lines:
        section.add(blocks.Para(_("No costs planned yet."), style="empty"))
    else:
        total = calc.totals(items)
        reported = sum(1 for line in lines if line.actual_amount is not None)
        # A total over lines not reported yet would read as "−100 %": the sum waits for every line.
        complete = reported == len(lines)
        section.add(
            blocks.Table(
                [_("Cost item"), _("Planned"), _("Actual"), _("Deviation"), pgettext("deviation", "Reason")],
                [_deviation_row(d) for d in items],
                numeric=(1, 2, 3),
                footer=[
                    pgettext("cost plan", "Total"),
                    format_eur(total.planned),
                    format_eur(total.actual) if reported else "–",
                    _signed(total) if complete else "–",
                    "",
                ],
                widths=(4, 1.7, 1.7, 2.2, 3.4),
            )
        )
        if not complete:
            section.add(
                blocks.Para(
                    ngettext(
                        "%(count)d of %(total)d cost item has no actual amount yet.",
                        "%(count)d of %(total)d cost items have no actual amount yet.",
                        len(lines) - reported,
                    )
                    % {"count": len(lines) - reported, "total": len(lines)},
                    style="lead",
                )
            )
        missing = [
            d.key.label
            for d in items
            if d.needs_explanation and not d.key.deviation_note and d.key.actual_amount is not None
        ]
        if missing:
            section.add(
                blocks.Para(
                    _("Deviations above %(percent)s %% still need a reason: %(list)s")
                    % {"percent": _percent(programme.deviation_threshold_percent), "list": ", ".join(missing)},
                    style="lead",
                )
            )
        funded = application.approved_amount or 0
        own = max(total.actual - funded, 0) if total.actual else 0
        if reported:
            section.add(
                blocks.KeyValues(
                    [
                        (_("Actual total costs") if complete else _("Actual costs so far"), format_eur(total.actual)),
                        (_("Of which funds of the programme"), format_eur(min(funded, total.actual))),
                        (_("Of which own funds"), format_eur(own)),
                    ]
                )
            )
    section = document.section(_("Participants"))
    participation = sources.participation(dialogue, unknown_label=_("not stated"))
    rows = [
        (_("Actual participants"), str(participation.count if participation else 0)),
        (_("Expected participants"), str(application.expected_participants or "–")),
    ]
    if participation:
        rows += [
            (_("Registered with a phone in the live session"), str(participation.participants)),
            (
                _("Accepted invitations"),
                _("%(accepted)d of %(invited)d")
                % {"accepted": participation.accepted_invitations, "invited": participation.invitations},
            ),
        ]
    section.add(blocks.KeyValues(rows))
    if participation and participation.by_perspective:
        section.add(
            blocks.Table(
                [_("Perspective"), _("People")], [[l, str(v)] for l, v in participation.by_perspective], numeric=(1,)
            )
        )
    section = document.section(_("Results in short"))
    section.add(
        blocks.Para((report.results_summary if report and report.results_summary else "") or results_in_short(dialogue))
    )
    agreed = measure_lines(dialogue, 5)
    if agreed:  # what came out of it, not only how many: the funder reads the measures themselves
        section.add(blocks.Para(_("Agreed measures (selection)"), style="lead"), blocks.Bullets(agreed))
    if report and report.remarks:
        document.section(_("Further remarks")).add(blocks.Para(report.remarks))
    document.section(_("Confirmation")).add(
        blocks.Para(_("We confirm that the funds were used economically and only for the purpose stated.")),
        blocks.Para(_("Place, date") + ": ______________________    " + _("Signature") + ": ______________________"),
    )
    return document


def _percent(value) -> str:
    return f"{value:f}".rstrip("0").rstrip(".").replace(".", ",")


def _deviation_row(d: calc.Deviation) -> list[str]:
    if d.key.actual_amount is None:  # not reported yet
        return [d.key.label, format_eur(d.planned), "–", "–", d.key.deviation_note]
    flag = "" if d.key.deviation_note or not d.needs_explanation else "!"
    return [d.key.label, format_eur(d.planned), format_eur(d.actual), _signed(d), d.key.deviation_note or flag]


def _signed(deviation: calc.Deviation) -> str:
    amount = format_eur(deviation.difference)
    if deviation.difference > 0:
        amount = "+" + amount
    if deviation.percent is not None and deviation.difference:
        percent = f"{deviation.percent:+.0f}".replace(".", ",")
        amount += f" ({percent} %)"
    return amount


def satisfaction(dialogue, steckbrief) -> tuple[str, bytes | None, list[tuple[str, str]]]:
    """Source label, chart and figures: from the participants' survey if there is one, else as entered."""
    survey = sources.survey(dialogue)
    if survey and (survey.process or survey.results):
        scale = range(1, 6)
        png = charts.grouped_bars(
            [str(point) for point in scale],
            {
                _("Process"): chartdata.distribution(survey.process, scale),
                _("Results"): chartdata.distribution(survey.results, scale),
                **({_("Would take part again"): chartdata.distribution(survey.again, scale)} if survey.again else {}),
            },
            ylabel=_("Answers"),
            xlabel=_("Rating: 1 = not at all, 5 = very much"),
            size=(6.0, 2.4),  # the Steckbrief must stay within two pages
        )
        mean_process, mean_results = chartdata.mean(survey.process), chartdata.mean(survey.results)
        figures = [
            (_("Process (mean, 1–5)"), f"{mean_process:.1f}".replace(".", ",") if mean_process else "–"),
            (_("Results (mean, 1–5)"), f"{mean_results:.1f}".replace(".", ",") if mean_results else "–"),
        ]
        mean_again = chartdata.mean(survey.again)
        if mean_again:
            figures.append((_("Would take part again (mean, 1–5)"), f"{mean_again:.1f}".replace(".", ",")))
        figures.append((_("Answers"), str(max(len(survey.process), len(survey.results)))))
        return _("From the participants' short survey at the end of the event."), png, figures
    if steckbrief.satisfaction_process or steckbrief.satisfaction_results:
        values = [float(steckbrief.satisfaction_process or 0), float(steckbrief.satisfaction_results or 0)]
        png = charts.horizontal_bars([_("Process"), _("Results")], values, xlabel=_("Satisfaction (1–5)"))
        figures = [
            (_("Process (1–5)"), str(steckbrief.satisfaction_process or "–")),
            (_("Results (1–5)"), str(steckbrief.satisfaction_results or "–")),
        ]
        return _("As estimated by the organisers (no participant survey)."), png, figures
    return "", None, []


def steckbrief_document(dialogue) -> blocks.Document:
    steckbrief = selectors.steckbrief_of(dialogue=dialogue)
    application = selectors.application_of(dialogue=dialogue)
    municipality = dialogue.municipality
    document = _base(dialogue, _("Experience report"), cover=False)
    document.compact = True
    document.section(_("Municipality")).add(
        blocks.KeyValues(
            [
                (_("Municipality"), municipality.name),
                (_("Population"), f"{municipality.population:,}".replace(",", ".") if municipality.population else "–"),
                (_("District"), municipality.district or "–"),
                (_("Administrative region"), steckbrief.region or "–"),
                (_("Contact"), steckbrief.contact or "–"),
            ]
        )
    )
    agenda = sources.agenda(dialogue)
    method = ", ".join(agenda.methods) if agenda and agenda.methods else (application.method if application else "")
    document.section(_("Event concept")).add(
        blocks.KeyValues(
            [
                (_("Goal"), steckbrief.goal or dialogue.purpose or "–"),
                (_("Format"), steckbrief.format or "–"),
                (_("Method"), method or "–"),
                (_("Dates"), documentation.dialogue_dates(dialogue) or "–"),
            ]
        )
    )
    document.section(_("Starting situation and occasion")).add(blocks.Para(steckbrief.occasion or "–"))
    document.section(_("Consulting and moderation")).add(blocks.Para(steckbrief.consulting or "–"))
    document.section(_("Themes")).add(
        blocks.Bullets(list(dialogue.themes.order_by("position", "id").values_list("name", flat=True)) or ["–"])
    )
    section = document.section(_("Participating actors"))
    participation = sources.participation(dialogue, unknown_label=_("not stated"))
    if participation and participation.by_perspective:
        registered = sum(v for _l, v in participation.by_perspective)
        if participation.count != registered:  # the groups are known of those who said them
            section.add(
                blocks.Para(
                    ngettext(
                        "%(count)d person took part; the groups of %(registered)d of them are known:",
                        "%(count)d people took part; the groups of %(registered)d of them are known:",
                        participation.count,
                    )
                    % {"count": participation.count, "registered": registered}
                )
            )
        section.add(
            blocks.Table(
                [_("Group"), _("People")],
                [[l, str(v)] for l, v in participation.by_perspective],
                numeric=(1,),
                footer=[_("Total"), str(registered)],
            )
        )
    else:
        section.add(blocks.Para(_("No participants recorded yet."), style="empty"))
    section = document.section(_("Satisfaction with process and results"))
    source, png, figures = satisfaction(dialogue, steckbrief)
    if png is None:
        section.add(blocks.Para(_("No survey and no estimate recorded yet."), style="empty"))
    else:
        section.add(blocks.Para(source, style="muted"), blocks.KeyValues(figures))
        section.add(
            blocks.Figure(
                png,
                _("Satisfaction with process and results"),
                chartdata.in_words(_("Bar chart: satisfaction"), figures),
            )
        )
    if steckbrief.satisfaction_note:
        section.add(blocks.Para(steckbrief.satisfaction_note))
    section = document.section(_("Three important results and next steps"))
    results = [r for r in (steckbrief.result_1, steckbrief.result_2, steckbrief.result_3) if r]
    if not results:
        results = measure_lines(dialogue, 3)
    section.add(blocks.Bullets(results) if results else blocks.Para(_("No results recorded yet."), style="empty"))
    section = document.section(_("Costs"))
    if application is None:
        section.add(blocks.Para(_("No funding application recorded."), style="empty"))
    else:
        plan = application.plan()
        lines = list(application.cost_lines.all())
        actual = [line.actual_amount for line in lines if line.actual_amount is not None]
        section.add(
            blocks.KeyValues(
                [
                    (_("Planned costs"), format_eur(plan.total)),
                    (_("Actual costs"), format_eur(sum(actual)) if actual else "–"),
                    (
                        _("Funding approved"),
                        format_eur(application.approved_amount) if application.approved_amount is not None else "–",
                    ),
                ]
            )
        )
    document.section(_("Recommendations for other municipalities")).add(blocks.Para(steckbrief.recommendations or "–"))
    return document


def render(document: blocks.Document, format: str) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        if format == "pdf":
            return render_pdf.render(document)
        from dialogwerk.reports import render_docx  # heavy (python-docx): loaded only when a Word file is made

        return render_docx.render(document)


def build(kind: str, dialogue, *, show_bank_details: bool = False) -> blocks.Document:
    """Build inside the documents' language (German), whatever the requester's UI shows."""
    with translation.override(settings.LANGUAGE_CODE):
        if kind == "application":
            return application_document(
                selectors.get_application(dialogue=dialogue), show_bank_details=show_bank_details
            )
        if kind == "report":
            return report_document(selectors.get_application(dialogue=dialogue))
        return steckbrief_document(dialogue)

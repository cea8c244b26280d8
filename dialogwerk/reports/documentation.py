"""The documentation of a dialogue (Dokumentation), built as blocks from what the apps hold."""

from collections import Counter, defaultdict
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from dialogwerk.dialogues.models import Dialogue

from . import blocks, chartdata, charts, sources
from .branding import logo_png
from .models import DocumentationText

Progress = Callable[[int, str], None]


def _noop(percent: int, step: str) -> None:
    pass


LOOSE_CARDS_LISTED = 12  # more loose cards than this under one theme are counted by kind (all are in the annex)


def _texts_by_kind(cards) -> dict[str, list[str]]:
    grouped = defaultdict(list)
    for card in sorted(cards, key=lambda c: _kind_rank(c.kind)):
        grouped[card.kind_label].append(sources.with_german(card.text, (card.german, card.german_by_machine)))
    return grouped


STATUS_ORDER = ["planned", "in_progress", "done", "paused", "dropped"]


def _status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


def _kind_rank(kind: str) -> int:
    return sources.KIND_ORDER.index(kind) if kind in sources.KIND_ORDER else len(sources.KIND_ORDER)


def _empty(text: str) -> blocks.Para:
    return blocks.Para(text, style="empty")


def dialogue_dates(dialogue: Dialogue) -> str:
    if not dialogue.starts_on:
        return ""
    start = dialogue.starts_on.strftime("%d.%m.%Y")
    if dialogue.ends_on and dialogue.ends_on != dialogue.starts_on:
        return f"{start} – {dialogue.ends_on.strftime('%d.%m.%Y')}"
    return start


def labels() -> dict[str, str]:
    return {"contents": _("Contents"), "page": _("Page"), "of": _("of"), "logo": _("Logo of the municipality")}


def auto_summary(dialogue, participation, cards, bundles, measures) -> str:
    parts = []
    date = dialogue_dates(dialogue)
    count = participation.count if participation else 0
    if count:
        parts.append(
            ngettext(
                "%(count)d person took part in the dialogue “%(title)s”%(date)s.",
                "%(count)d people took part in the dialogue “%(title)s”%(date)s.",
                count,
            )
            % {"count": count, "title": dialogue.title, "date": f" ({date})" if date else ""}
        )
    else:
        # Also read in the report on the use of funds: say what the dialogue is, not what "this document" is.
        parts.append(
            _("The dialogue “%(title)s”%(date)s.") % {"title": dialogue.title, "date": f" ({date})" if date else ""}
        )
    if cards:
        themes = len({card.theme_id for card in cards})
        parts.append(_("They wrote %(cards)d cards on %(themes)d themes.") % {"cards": len(cards), "themes": themes})
    if bundles:
        parts.append(_("The cards were bundled into %(count)d bundles.") % {"count": len(bundles)})
    if measures:
        parts.append(_("The catalogue holds %(count)d measures.") % {"count": len(measures)})
    if dialogue.purpose:
        parts.append(dialogue.purpose)
    return " ".join(parts)


def build(dialogue: Dialogue, *, progress: Progress = _noop, include_annex: bool | None = None) -> blocks.Document:
    texts = DocumentationText.objects.filter(dialogue=dialogue).first() or DocumentationText(dialogue=dialogue)
    if include_annex is None:
        include_annex = texts.include_annex
    municipality = dialogue.municipality
    progress(5, _("Reading the data"))
    analysis = sources.needs_analysis(dialogue)
    participation = sources.participation(dialogue, unknown_label=_("not stated"))
    agenda = sources.agenda(dialogue)
    all_cards = sources.cards(dialogue)
    bundles = sources.bundles(dialogue)
    votes = sources.votes(dialogue)
    decisions = sources.decisions(dialogue)
    measures = sources.measures(dialogue)
    steering = sources.steering_group(dialogue)
    progress(20, _("Writing the sections"))

    document = blocks.Document(
        title=_("Documentation"),
        subtitle=dialogue.title,
        municipality=municipality.name,
        cover_lines=[
            line
            for line in (
                municipality.name + (f", {municipality.district}" if municipality.district else ""),
                dialogue_dates(dialogue),
                _("As of %(date)s") % {"date": timezone.localdate().strftime("%d.%m.%Y")},
            )
            if line
        ],
        logo_png=logo_png(municipality),
        footer=f"{_('Documentation')} – {dialogue.title} – {municipality.name}",
        labels=labels(),
    )

    _summary(document, dialogue, texts, participation, all_cards, bundles, measures)
    _needs_analysis(document, analysis)
    _participation(document, participation)
    _agenda(document, agenda)
    progress(35, _("Bundling the results"))
    _results_per_theme(document, dialogue, texts, all_cards, bundles)
    progress(50, _("Drawing the charts"))
    _votes(document, votes)
    _decisions(document, decisions)
    progress(65, _("Listing the measures"))
    _measures(document, measures)
    _steering_group(document, texts, steering)
    if include_annex:
        progress(75, _("Writing the annex"))
        _annex(document, all_cards)
    progress(80, _("Laying out the pages"))
    return document


def _summary(document, dialogue, texts, participation, all_cards, bundles, measures) -> None:
    """Summary: the text (written or made from the figures) and the key figures."""
    summary = document.section(_("Summary"))
    summary.add(
        blocks.Para(texts.summary or auto_summary(dialogue, participation, all_cards, bundles, measures), style="lead")
    )
    figures = [
        (_("Participants"), str(participation.count) if participation else "–"),
        (_("Cards"), str(len(all_cards)) if all_cards is not None else "–"),
        (_("Bundles"), str(len(bundles)) if bundles is not None else "–"),
        (_("Measures"), str(len(measures)) if measures is not None else "–"),
    ]
    summary.add(blocks.KeyValues(figures))


def _needs_analysis(document, analysis) -> None:
    """The needs analysis in short: the guiding questions' answers, key figures, measures already taken."""
    section = document.section(_("The needs analysis in short"))
    if analysis is None:
        section.add(_empty(_("The needs analysis is not available yet.")))
    elif not (analysis.answers or analysis.key_figures or analysis.existing_measures):
        section.add(_empty(_("No needs analysis recorded yet.")))
    else:
        for question, answer in analysis.answers:
            section.add(blocks.Para(question, style="lead"), blocks.Para(answer))
        if analysis.key_figures:
            section.add(
                blocks.Table(
                    [_("Key figure"), _("Value"), _("As of")], [list(r) for r in analysis.key_figures], numeric=(1,)
                )
            )
        if analysis.existing_measures:
            section.add(blocks.Para(_("Measures already taken"), style="lead"))
            section.add(
                blocks.Table(
                    [_("Measure"), _("Responsible"), _("Status")], [list(r) for r in analysis.existing_measures]
                )
            )


def _participation(document, participation) -> None:
    """Who took part: the one attendance figure, the phones, the invitations, perspectives and languages."""
    section = document.section(_("Who took part"))
    if participation is None:
        section.add(_empty(_("No participants recorded yet.")))
    elif not participation.count and not participation.invitations:
        section.add(_empty(_("No participants recorded yet.")))
    else:
        if participation.counted is not None:
            source = _("counted at the event")
        else:
            source = _("registered in the live session") if participation.participants else _("accepted invitations")
        section.add(
            blocks.Para(
                ngettext(
                    "%(count)d person took part (%(source)s).",
                    "%(count)d people took part (%(source)s).",
                    participation.count,
                )
                % {"count": participation.count, "source": source}
            )
        )
        if participation.counted is not None and participation.participants:  # the phones: a figure of their own
            section.add(
                blocks.Para(
                    ngettext(
                        "%(phones)d of them registered with a phone in the live session.",
                        "%(phones)d of them registered with a phone in the live session.",
                        participation.participants,
                    )
                    % {"phones": participation.participants}
                )
            )
        if participation.invitations:
            section.add(
                blocks.Para(
                    _("%(accepted)d of %(invited)d invitations were accepted.")
                    % {"accepted": participation.accepted_invitations, "invited": participation.invitations}
                )
            )
        if participation.by_perspective:
            shaped = chartdata.top(participation.by_perspective, 12, _("others"))
            section.add(
                blocks.Figure(
                    charts.horizontal_bars([l for l, _v in shaped], [v for _l, v in shaped], xlabel=_("People")),
                    _("Participants by perspective"),
                    chartdata.in_words(_("Bar chart: participants by perspective"), shaped),
                )
            )
            section.add(
                blocks.Table(
                    [_("Perspective"), _("People")],
                    [[l, str(v)] for l, v in participation.by_perspective],
                    numeric=(1,),
                )
            )
        if participation.by_language and len(participation.by_language) > 1:
            names = {code: str(name) for code, name in settings.LANGUAGES}
            section.add(
                blocks.Para(
                    _("Languages: %(list)s")
                    % {
                        "list": ", ".join(
                            f"{names.get(code, code)}: {count}" for code, count in participation.by_language
                        )
                    }
                )
            )
        if participation.consenting_organisations:
            section.add(blocks.Para(_("Organisations that took part and agreed to be named:"), style="lead"))
            section.add(blocks.Bullets(participation.consenting_organisations))


def _agenda(document, agenda) -> None:
    """Agenda and method."""
    section = document.section(_("Agenda and method"))
    if agenda is None or not (agenda.items or agenda.methods):
        section.add(_empty(_("No agenda recorded yet.")))
    else:
        if agenda.methods:
            section.add(blocks.Para(_("Methods: %(list)s") % {"list": ", ".join(agenda.methods)}))
        if agenda.starts_at:
            section.add(
                blocks.Para(_("From %(start)s to %(end)s.") % {"start": agenda.starts_at, "end": agenda.ends_at})
            )
        if agenda.items:
            section.add(
                blocks.Table(
                    [_("Time"), _("Step"), _("Method"), _("Minutes")],
                    [list(i) for i in agenda.items],
                    numeric=(3,),
                    widths=(1, 5, 3, 1),
                )
            )


def _results_per_theme(document, dialogue, texts, all_cards, bundles) -> None:
    """Results per theme: a chart of the cards, then per theme its bundles and the cards in none."""
    section = document.section(_("Results per theme"), page_break=True)
    if texts.results_intro:
        section.add(blocks.Para(texts.results_intro))
    themes = list(dialogue.themes.order_by("position", "id"))
    if all_cards is None:
        section.add(_empty(_("No cards recorded yet.")))
    elif not all_cards:
        section.add(_empty(_("No cards recorded yet.")))
    else:
        kinds = sorted({c.kind for c in all_cards}, key=_kind_rank)
        kind_labels = {c.kind: c.kind_label for c in all_cards}
        per_theme_kind = Counter((c.theme, c.kind) for c in all_cards)
        theme_names = [t.name for t in themes if any(c.theme_id == t.pk for c in all_cards)]
        section.add(
            blocks.Figure(
                charts.grouped_bars(
                    theme_names,
                    {kind_labels[k]: [per_theme_kind[(t, k)] for t in theme_names] for k in kinds},
                    ylabel=_("Cards"),
                ),
                _("Cards per theme and kind"),
                chartdata.in_words(
                    _("Bar chart: cards per theme and kind"),
                    [
                        (f"{t} – {kind_labels[k]}", per_theme_kind[(t, k)])
                        for t in theme_names
                        for k in kinds
                        if per_theme_kind[(t, k)]
                    ],
                ),
            )
        )
    bundled = sources.bundled_card_ids(dialogue)
    bundles_by_theme = defaultdict(list)
    for bundle in bundles or []:
        bundles_by_theme[bundle.theme].append(bundle)
    for theme in themes:
        sub = document.section(theme.name, level=2)
        if theme.key_question:
            sub.add(blocks.Para(theme.key_question, style="muted"))
        theme_cards = [c for c in (all_cards or []) if c.theme_id == theme.pk]
        theme_bundles = bundles_by_theme.get(theme.name, [])
        if theme_bundles:
            ordered = sorted(theme_bundles, key=lambda b: _kind_rank(b.kind))
            sub.add(
                blocks.Table(
                    [_("Bundle"), _("Kind"), _("Cards")],
                    [[b.title, b.kind_label or "–", "–" if b.cards is None else str(b.cards)] for b in ordered],
                    numeric=(2,),
                    widths=(6, 2, 1),
                )
            )
            # Nothing said in the room gets lost: cards not (yet) in a bundle are named under their theme too.
            loose = [c for c in theme_cards if bundled is not None and c.id not in bundled]
            if loose:
                sub.add(
                    blocks.Para(
                        ngettext("Not in a bundle: %(count)d card", "Not in a bundle: %(count)d cards", len(loose))
                        % {"count": len(loose)},
                        style="lead",
                    )
                )
                if len(loose) <= LOOSE_CARDS_LISTED:
                    for kind_label, card_texts in _texts_by_kind(loose).items():
                        sub.add(blocks.Para(kind_label, style="muted"), blocks.Bullets(card_texts))
                else:
                    counts = Counter(c.kind_label for c in sorted(loose, key=lambda c: _kind_rank(c.kind)))
                    sub.add(
                        blocks.Table([_("Kind"), _("Cards")], [[k, str(v)] for k, v in counts.items()], numeric=(1,))
                    )
        elif theme_cards:
            sub.add(_empty(_("No bundles formed yet; the cards by kind:")))
            counts = Counter(c.kind_label for c in theme_cards)
            sub.add(blocks.Table([_("Kind"), _("Cards")], [[k, str(v)] for k, v in counts.items()], numeric=(1,)))
        else:
            sub.add(_empty(_("No cards on this theme.")))


def _votes(document, votes) -> None:
    """The dot votes: each with its ranking as chart and table."""
    section = document.section(_("Vote results"))
    if not votes:
        section.add(_empty(_("No dot voting held yet.")))
    else:
        for voting in votes:
            section.add(blocks.Para(voting.title, style="lead"))
            section.add(
                blocks.Para(
                    ngettext("%(voters)d person voted", "%(voters)d people voted", voting.voters)
                    % {"voters": voting.voters}
                    + (_(", %(budget)d dots each.") % {"budget": voting.budget} if voting.budget else ".")
                )
            )
            if voting.ranking:
                shaped = voting.ranking[:10]
                section.add(
                    blocks.Figure(
                        charts.horizontal_bars(
                            [t for t, _d in shaped], [d for _t, d in shaped], xlabel=_("Dots"), color=charts.ACCENT
                        ),
                        _("Dots per card: %(title)s") % {"title": voting.title},
                        chartdata.in_words(_("Bar chart: the cards with the most dots"), shaped),
                    )
                )
                section.add(
                    blocks.Table(
                        [_("Place"), _("Card"), _("Dots")],
                        [
                            [str(p), t, str(d)]
                            for p, (t, d) in zip(places([d for _t, d in voting.ranking]), voting.ranking)
                        ],
                        numeric=(0, 2),
                        widths=(1, 8, 1),
                    )
                )
            else:
                section.add(_empty(_("No dots given.")))


def _decisions(document, decisions) -> None:
    """Decisions and delegations to working groups."""
    section = document.section(_("Decisions and delegations"))
    if decisions is None or not (decisions[0] or decisions[1]):
        section.add(_empty(_("No decisions recorded yet.")))
    else:
        rows, groups = decisions
        if rows:
            section.add(
                blocks.Table(
                    [_("Decision"), _("Outcome"), pgettext("decision", "Reason"), _("Working group")],
                    [[d.title, d.outcome_label, d.reason, d.working_group] for d in rows],
                    widths=(4, 2, 4, 2),
                )
            )
        if groups:
            section.add(blocks.Para(_("Working groups"), style="lead"))
            section.add(
                blocks.Table(
                    [_("Working group"), _("Mandate"), _("Convenor"), _("Proposal due")],
                    [[g.name, g.mandate, g.convenor, g.due] for g in groups],
                    widths=(2, 5, 2, 1.5),
                )
            )


def _measures(document, measures) -> None:
    """The catalogue of measures, with a count per status."""
    section = document.section(_("Catalogue of measures"))
    if not measures:
        section.add(_empty(_("No measures recorded yet.")))
    else:
        section.add(measure_table(measures))
        status_counts = Counter((m.status, m.status_label) for m in measures)
        ordered = sorted(status_counts.items(), key=lambda item: _status_rank(item[0][0]))  # planned … dropped
        section.add(blocks.Para(", ".join(f"{label}: {count}" for (_status, label), count in ordered)))


def _steering_group(document, texts, steering) -> None:
    """Next steps and the steering group."""
    section = document.section(_("Next steps and the steering group"))
    if texts.next_steps:
        section.add(blocks.Para(texts.next_steps))
    if steering is None or not steering.name:
        section.add(_empty(_("No steering group named yet.")))
    else:
        if steering.name.casefold() == _("Steering group").casefold():  # "Der Begleitkreis „Begleitkreis“" reads twice
            section.add(blocks.Para(_("The steering group coordinates the implementation.")))
        else:
            section.add(
                blocks.Para(
                    _("The steering group “%(name)s” coordinates the implementation.") % {"name": steering.name}
                )
            )
        if steering.members:
            section.add(blocks.Table([_("Name"), _("Organisation"), _("Role")], [list(m) for m in steering.members]))


def _annex(document, all_cards) -> None:
    """Annex: paragraphs, not one big table, so that thousands of cards lay out quickly."""
    section = document.section(_("Annex: all cards"), page_break=True)
    if not all_cards:
        section.add(_empty(_("No cards recorded yet.")))
    else:
        section.add(
            blocks.Para(_("All %(count)d cards as they were written, by theme and kind.") % {"count": len(all_cards)})
        )
        by_theme = defaultdict(list)
        for card in all_cards:
            by_theme[card.theme].append(card)
        number = 0
        for theme_name, theme_cards in by_theme.items():
            sub = document.section(
                ngettext("%(theme)s: %(count)d card", "%(theme)s: %(count)d cards", len(theme_cards))
                % {"theme": theme_name, "count": len(theme_cards)},
                level=2,
            )
            by_kind = defaultdict(list)
            for card in sorted(theme_cards, key=lambda c: _kind_rank(c.kind)):  # situation … idea, as in the results
                by_kind[card.kind_label].append(card)
            for kind_label, kind_cards in by_kind.items():
                sub.add(blocks.Para(kind_label, style="lead"))
                for card in kind_cards:
                    number += 1
                    sub.add(blocks.Para(f"{number}. {card.text}", style="card"))
                    if card.german:
                        # The original first, its German translation under it (never instead of it).
                        label = _("German, machine-translated") if card.german_by_machine else _("German")
                        sub.add(blocks.Para(f"{label}: {card.german}", style="muted"))


def places(dots: list[int]) -> list[int]:
    """Places of a ranking sorted by dots, ties sharing a place (21, 15, 15, 14 → 1, 2, 2, 4)."""
    result = []
    for index, value in enumerate(dots):
        result.append(result[-1] if index and value == dots[index - 1] else index + 1)
    return result


def measure_table(measures, *, wide: bool = False) -> blocks.Table:
    if wide:
        return blocks.Table(
            [
                _("No."),
                _("Measure"),
                _("Theme"),
                _("Responsible"),
                _("Start"),
                _("Due"),
                _("Priority"),
                _("Status"),
                _("Progress"),
            ],
            [
                [
                    str(m.number),
                    m.title + (f"\n{m.description}" if m.description else ""),
                    m.theme,
                    m.responsible,
                    m.starts_on,
                    m.due_on,
                    m.priority,
                    m.status_label,
                    f"{m.progress} %",
                ]
                for m in measures
            ],
            numeric=(0, 8),
            widths=(0.6, 7, 2.4, 3, 1.6, 1.6, 1.4, 1.8, 1.4),
            small=True,
        )
    return blocks.Table(
        [_("Measure"), _("Theme"), _("Responsible"), _("Due"), _("Status"), _("Progress")],
        [[m.title, m.theme, m.responsible, m.due_on, m.status_label, f"{m.progress} %"] for m in measures],
        numeric=(5,),
        widths=(5, 2, 2.5, 1.5, 1.5, 1.2),
    )

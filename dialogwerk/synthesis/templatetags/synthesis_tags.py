from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, gettext_noop, ngettext

from dialogwerk.core.markup import csrf_field, escape, truncated
from dialogwerk.live.models import Kind
from dialogwerk.synthesis import selectors
from dialogwerk.synthesis.models import CardKind, Outcome

register = template.Library()

# Stands in for an id (card, cluster, group, measure) in an address reversed once per list (`_address_parts`).
_ID_MARK = 987654321


@register.simple_tag
def results_summary(dialogue) -> dict:
    """Counts for the dialogue overview's Results section."""
    return {
        "cards": selectors.cards_of(dialogue=dialogue).count(),
        "bundled": selectors.bundled_card_count(dialogue=dialogue),
        "clusters": dialogue.clusters.count(),
        "decisions": dialogue.decisions.count(),
        "groups": dialogue.working_groups.count(),
    }


def _address_parts(name: str, dialogue_id: int) -> tuple[str, str]:
    """The address of `name` for one dialogue and some id, reversed once, as (head, tail) around the id."""
    head, tail = reverse(name, args=[dialogue_id, _ID_MARK]).split(f"/{_ID_MARK}/")
    return head + "/", "/" + tail


def _form_hidden_fields(context) -> str:
    """What `{% csrf_token %}<input type="hidden" name="next_query" …>` writes: the board's forms keep the filter."""
    return (
        csrf_field(context)
        + f'<input type="hidden" name="next_query" value="{escape(context.get("query_string") or "")}">'
    )


@register.simple_tag(takes_context=True)
def cluster_articles(context, clusters) -> SafeString:
    """The board's `<article>` per cluster of the page: its cards and, where the user may bundle, the forms to
    rename and dissolve it and the link to decide on it. `clusters`: (cluster, its card rows, theme name).

    Built here for the reason of `bundle_cards`: as a template loop, ten clusters took a sixth of the board's
    CPU time (docs/performance.md). Every value is escaped.
    """
    may_bundle = context.get("may_bundle")
    dialogue_id = context["dialogue"].pk
    kinds = {value: str(label) for value, label in CardKind.choices}
    if may_bundle:
        rename_head, rename_tail = _address_parts("synthesis:cluster_rename", dialogue_id)
        dissolve_head, dissolve_tail = _address_parts("synthesis:cluster_dissolve", dialogue_id)
        decide = escape(reverse("synthesis:decisions", args=[dialogue_id]))
        hidden = _form_hidden_fields(context)
        texts = {
            key: escape(gettext(text))
            for key, text in (
                ("summary", gettext_noop("Rename or dissolve")),
                ("title", gettext_noop("Title")),
                ("rename", gettext_noop("Rename")),
                ("dissolve", gettext_noop("Dissolve cluster")),
                ("decide", gettext_noop("Decide on this cluster")),
            )
        }
    parts = []
    for cluster, cards, theme_name in clusters:
        pk, title = cluster.pk, escape(cluster.title)
        meta = f"#{pk}"
        if theme_name:
            meta += " · " + escape(theme_name)
        if cluster.kind:
            meta += " · " + escape(kinds.get(cluster.kind, cluster.kind))
        count = len(cards)
        meta += " · " + ngettext("%(counter)s card", "%(counter)s cards", count) % {"counter": count}
        parts.append(
            f'\n    <article class="card cluster drop-zone" id="buendel-{pk}" data-cluster-id="{pk}" aria-labelledby="cluster-title-{pk}">\n'
            f'      <h3 id="cluster-title-{pk}" dir="auto">{title}</h3>\n'
            f'      <p class="muted">{meta}</p>\n'
            f'      <ul class="card-list">\n'
            f"        {bundle_cards(context, cards, current_cluster=pk)}\n"
            f"      </ul>\n      "
        )
        if may_bundle:
            parts.append(
                f"\n      <details>\n"
                f'        <summary>{texts["summary"]}<span class="visually-hidden">: {title}</span></summary>\n'
                f'        <form method="post" action="{rename_head}{pk}{rename_tail}" class="inline-form">\n'
                f"          {hidden}\n"
                f'          <label for="rename-{pk}">{texts["title"]}</label>\n'
                f'          <input type="text" id="rename-{pk}" name="title" value="{title}" maxlength="200" required>\n'
                f'          <button type="submit" class="button button-small button-secondary">{texts["rename"]}</button>\n'
                f"        </form>\n"
                f'        <form method="post" action="{dissolve_head}{pk}{dissolve_tail}">\n'
                f"          {hidden}\n"
                f'          <button type="submit" class="button button-small button-danger">{texts["dissolve"]}</button>\n'
                f"        </form>\n"
                f"      </details>\n"
                f'      <p><a href="{decide}?cluster={pk}#entscheiden">{texts["decide"]}</a></p>\n      '
            )
        parts.append("\n    </article>\n    ")
    return mark_safe("".join(parts))


@register.simple_tag(takes_context=True)
def bundle_cards(context, cards, current_cluster=None) -> SafeString:
    """The board's `<li>` per card (rows as `selectors.loose_card_rows` and `cluster_card_rows` give them),
    with its "move to cluster" form where the user may bundle.

    Built here, not with a template included per card: the board shows ~130 cards and the include with its
    form, URL and CSRF field took a third of the page's CPU time (docs/performance.md). Every value is escaped.
    """
    may_bundle = context.get("may_bundle")
    draggable = ' draggable="true"' if may_bundle else ""
    kinds = {value: str(label) for value, label in Kind.choices}  # a card's get_kind_display
    translations = context.get("card_translations") or {}
    machine = escape(gettext("machine-translated"))
    similar_head, similar_tail = _address_parts("synthesis:card_similar", context["dialogue"].pk)
    similar = escape(gettext("Cards like this one"))
    parts = []
    if may_bundle:
        action_head, action_tail = _address_parts("synthesis:card_move", context["dialogue"].pk)
        hidden = _form_hidden_fields(context)
        move_label, move = escape(gettext("Move to cluster")), escape(gettext("Move"))
        value = "" if current_cluster is None else escape(current_cluster)
    for card in cards:
        pk = card.pk
        meta = escape(kinds.get(card.kind, card.kind))
        if card.theme_id:
            meta += " · " + escape(card.theme__name)
        if card.language and card.language != "de":
            meta += " · " + escape(card.language)
        parts.append(
            f'<li class="bundle-card" id="karte-{pk}" data-card-id="{pk}"{draggable}>\n'
            f'  <p dir="auto" lang="{escape(card.language or "de")}">{escape(card.text)}</p>\n'
        )
        if pk in translations:
            text, status = translations[pk]
            mark = f' <span class="muted">({machine})</span>' if status == "machine" else ""
            parts.append(f'  <p class="card-translation" dir="auto" lang="de">{escape(text)}{mark}</p>\n')
        parts.append(
            f'  <p class="muted card-meta">{meta} · <a href="{similar_head}{pk}{similar_tail}">{similar}'
            f'<span class="visually-hidden" lang="{escape(card.language or "de")}">: {escape(truncated(card.text, 40))}</span></a></p>\n'
        )
        if may_bundle:
            parts.append(
                f'  <form method="post" action="{action_head}{pk}{action_tail}" class="inline-form card-move">\n'
                f"    {hidden}\n"
                f'    <label for="move-{pk}" class="visually-hidden">{move_label}</label>\n'
                f'    <input type="text" name="cluster" id="move-{pk}" list="cluster-choices" inputmode="numeric" '
                f'pattern="[0-9]*" size="6" value="{value}" autocomplete="off">\n'
                f'    <button type="submit" class="button button-small button-secondary">{move}'
                f'<span class="visually-hidden" lang="{escape(card.language or "de")}">: {escape(truncated(card.text, 40))}</span></button>\n'
                f"  </form>\n"
            )
        parts.append("</li>\n")
    return mark_safe("".join(parts))


@register.simple_tag(takes_context=True)
def suggestion_articles(context, suggestions) -> SafeString:
    """The board's `<article>` per suggestion: its cards and, where the user may bundle, the form that takes
    it over as a cluster. `suggestions`: {"suggestion": grouping.Suggestion, "cards": its card rows}.
    Built here for the reason of `bundle_cards`. Every value is escaped."""
    may_bundle = context.get("may_bundle")
    if may_bundle:
        action = escape(reverse("synthesis:suggestion_accept", args=[context["dialogue"].pk]))
        hidden = _form_hidden_fields(context)
        title_label, submit = escape(gettext("Title")), escape(gettext("Bundle these cards"))
    shared_words = escape(gettext("Shared words:"))
    translations = context.get("card_translations") or {}
    machine = escape(gettext("machine-translated"))
    parts = []
    for number, item in enumerate(suggestions, start=1):
        suggestion, cards = item["suggestion"], item["cards"]
        count = len(cards)
        heading = ngettext(
            "These %(counter)s card say nearly the same", "These %(counter)s cards say nearly the same", count
        ) % {"counter": count}
        terms = (
            f'<p class="muted">{shared_words} {", ".join(escape(term) for term in suggestion.terms)}</p>'
            if suggestion.terms
            else ""
        )
        cards_html = ""
        for card in cards:
            # A card in another language shows its German translation, as on the list of loose cards.
            translation = ""
            if card.pk in translations:
                text, status = translations[card.pk]
                mark = f' <span class="muted">({machine})</span>' if status == "machine" else ""
                translation = f'<span class="card-translation" dir="auto" lang="de">{escape(text)}{mark}</span>'
            cards_html += (
                f'<li><span dir="auto" lang="{escape(card.language or "de")}">{escape(card.text)}</span>'
                f"{translation}</li>"
            )
        parts.append(
            f'\n  <article class="card suggestion" aria-labelledby="suggestion-{number}">\n'
            f'    <h3 id="suggestion-{number}">{heading}</h3>\n'
            f"    {terms}\n"
            f'    <ul class="suggestion-cards">{cards_html}</ul>\n    '
        )
        if may_bundle:
            fields = "".join(f'<input type="hidden" name="cards" value="{card.pk}">' for card in cards)
            parts.append(
                f'\n    <form method="post" action="{action}" class="inline-form">\n'
                f"      {hidden}\n"
                f"      {fields}\n"
                f'      <label for="suggestion-title-{number}">{title_label}</label>\n'
                f'      <input type="text" name="title" id="suggestion-title-{number}" value="{escape(suggestion.title)}" '
                f'maxlength="200" required>\n'
                f'      <button type="submit" class="button">{submit}</button>\n'
                f"    </form>\n    "
            )
        parts.append("\n  </article>\n  ")
    return mark_safe("".join(parts))


@register.simple_tag
def cluster_options(choices) -> SafeString:
    """The `<option>`s of the board's list of clusters (one per cluster; hundreds in a large dialogue)."""
    return mark_safe("".join(f'<option value="{pk}">{escape(truncated(title, 60))}</option>' for pk, title in choices))


@register.simple_tag(takes_context=True)
def decision_items(context, decisions) -> SafeString:
    """The decisions page's `<li>` per decision: outcome, who and when, what it is about, the reason, the
    working group it went to and the measure it became (or the button to make one).

    Built here for the reason of `bundle_cards`: as a template loop, fifty decisions took a third of the
    page's CPU time (docs/performance.md). Every value is escaped.
    """
    dialogue_id = context["dialogue"].pk
    may_decide = context.get("may_decide")
    board = escape(reverse("synthesis:board", args=[dialogue_id]))
    measure_create = escape(reverse("measures:create", args=[dialogue_id]))
    group_head, group_tail = _address_parts("synthesis:working_group", dialogue_id)
    measure_head, measure_tail = _address_parts("measures:detail", dialogue_id)
    outcomes = {value: escape(label) for value, label in Outcome.choices}
    texts = {
        key: escape(gettext(text))
        for key, text in (
            ("cluster", gettext_noop("Cluster:")),
            ("card", gettext_noop("Card:")),
            ("proposal", gettext_noop("Proposal of")),
            ("delegated", gettext_noop("Delegated to")),
            ("measure", gettext_noop("Measure:")),
            ("turn", gettext_noop("Turn into a measure")),
            ("correct", gettext_noop("Correct")),
            ("document", gettext_noop("The resolution (document)")),
        )
    }
    correct_head, correct_tail = _address_parts("synthesis:decision_correct", dialogue_id)
    document_head, document_tail = _address_parts("synthesis:decision_document", dialogue_id)
    resolved = gettext("Resolved by %(body)s")
    resolved_on = gettext("Resolved by %(body)s on %(date)s")
    corrected = gettext("Corrected (%(count)s)")
    correction_line = gettext("%(when)s, %(who)s: %(note)s")
    by_on = gettext("by %(who)s on %(when)s")
    due_on = gettext("proposal due on %(date)s")
    parts = []
    for decision in decisions:
        pk, title = decision.pk, escape(decision.title)
        when = (
            formats.date_format(template_localtime(decision.decided_at), "DATETIME_FORMAT")
            if decision.decided_at
            else ""
        )
        subject = ""
        if decision.cluster:
            subject = f'{texts["cluster"]} <a href="{board}#buendel-{decision.cluster.pk}">{escape(decision.cluster.title)}</a>'
        elif decision.contribution:
            subject = f'{texts["card"]} <span dir="auto">{escape(truncated(decision.contribution.text, 120))}</span>'
        elif decision.proposal:
            group = decision.proposal.working_group
            subject = f'{texts["proposal"]} <a href="{group_head}{group.pk}{group_tail}">{escape(group.name)}</a>'
        parts.append(
            f'\n  <li id="entscheidung-{pk}" class="card">\n'
            f'    <h2 class="decision-title" dir="auto">{title}</h2>\n'
            f'    <p><span class="badge outcome-{escape(decision.outcome)}">{outcomes.get(decision.outcome, escape(decision.outcome))}</span>\n'
            f'      <span class="muted">{by_on % {"who": escape(decision.decided_by or "–"), "when": escape(when)}}</span></p>\n'
            f'    <p class="muted">{subject}</p>\n    '
        )
        if decision.reason:
            parts.append(f'<p dir="auto">{linebreaksbr(decision.reason, autoescape=True)}</p>')
        if decision.body:
            date = formats.date_format(decision.body_decided_on, "DATE_FORMAT") if decision.body_decided_on else ""
            line = (
                resolved_on % {"body": escape(decision.body), "date": escape(date)}
                if date
                else resolved % {"body": escape(decision.body)}
            )
            parts.append(f'<p class="decision-body">{line}</p>')
        if decision.document:
            parts.append(f'<p><a href="{document_head}{pk}{document_tail}">{texts["document"]}</a></p>')
        if corrections := list(decision.corrections.all()):
            items = "".join(
                "<li>"
                + correction_line
                % {
                    "when": escape(formats.date_format(template_localtime(c.created_at), "DATETIME_FORMAT")),
                    "who": escape(c.actor_label or "–"),
                    "note": escape(c.note),
                }
                + "</li>"
                for c in corrections
            )
            parts.append(
                f'<details class="decision-corrections"><summary>{corrected % {"count": len(corrections)}}</summary><ul>{items}</ul></details>'
            )
        if may_decide:
            parts.append(
                f'<p><a href="{correct_head}{pk}{correct_tail}">{texts["correct"]}<span class="visually-hidden">: {title}</span></a></p>'
            )
        parts.append("\n    ")
        if group := decision.working_group:
            due = formats.date_format(group.proposal_due_on, "DATE_FORMAT") if group.proposal_due_on else ""
            parts.append(
                f'<p>{texts["delegated"]} <a href="{group_head}{group.pk}{group_tail}">{escape(group.name)}</a>, '
                f"{due_on % {'date': escape(due)}}</p>"
            )
        parts.append("\n    ")
        if decision.outcome == Outcome.ADOPTED:
            parts.append("\n      ")
            measures = decision.measures.all()
            for measure in measures:
                parts.append(
                    f'<p>{texts["measure"]} <a href="{measure_head}{measure.pk}{measure_tail}">'
                    f"{escape(measure.title)}</a></p>\n      "
                )
            if not measures and may_decide:
                parts.append(
                    f'<p><a class="button button-small" href="{measure_create}?decision={pk}">{texts["turn"]}'
                    f'<span class="visually-hidden">: {title}</span></a></p>'
                )
            parts.append("\n    ")
        parts.append("\n  </li>\n  ")
    return mark_safe("".join(parts))

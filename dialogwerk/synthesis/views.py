"""The bundling board, decisions and working groups."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dialogwerk.core.downloads import stored_file_response
from dialogwerk.core.forms import PersonalLinkForm, add_validation_errors
from dialogwerk.core.pagination import paginate
from dialogwerk.dialogues import selectors as dialogue_selectors
from dialogwerk.dialogues.access import dialogue_for
from dialogwerk.live.models import Kind
from dialogwerk.tenancy import audit
from dialogwerk.tenancy.readable import readable_changes

from . import policy, selectors, services
from . import suggestions as suggestion_jobs
from .forms import (
    BoardFilterForm,
    ClusterForm,
    DecisionCorrectionForm,
    DecisionForm,
    MeetingForm,
    RenameForm,
    ReportForm,
    SuggestionForm,
    WorkingGroupForm,
)
from .models import Decision, Outcome, WorkingGroup

# Sizes of what the board renders at once: every card comes with its own small form, so these keep the
# page light with thousands of cards (docs/performance.md).
CLUSTERS_PER_PAGE = 10
CARDS_PER_PAGE = 50
SUGGESTIONS_SHOWN = 10
DECISIONS_PER_PAGE = 50


def _board_url(dialogue, request) -> str:
    url = reverse("synthesis:board", args=[dialogue.pk])
    query = request.POST.get("next_query", "")
    return f"{url}?{query}" if query and "\n" not in query else url


@login_required
def board(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_RESULTS)
    return _render_board(request, dialogue)


def _render_board(request, dialogue, *, new_form=None, status=200):
    # The dialogue's few themes, read once: for both forms' selects and the clusters' theme names.
    themes = list(dialogue_selectors.themes_of(dialogue=dialogue))
    filters = BoardFilterForm(request.GET or None, dialogue=dialogue, themes=themes)
    query = filters.cleaned_data if filters.is_valid() else {}
    theme, kind = query.get("theme"), query.get("kind")
    scope = {
        "session_id": query["session"].pk if query.get("session") else None,
        "theme_id": theme.pk if theme else None,
        "kind": kind or "",
    }
    cards = selectors.board_cards(dialogue=dialogue, **scope)
    total = cards.count()
    # The loose cards as plain rows (a dialogue can have thousands); whole cards only for the page's 50.
    loose = selectors.loose_card_rows(cards)
    # Computed by the task worker, never here: a move on the board answers at once.
    found = selectors.board_suggestions(dialogue=dialogue, cards=loose, scope=suggestion_jobs.board_scope(**scope))
    pending = not found.fresh and len(loose) >= 2
    if pending and not found.requested:
        suggestion_jobs.suggestions_request(dialogue=dialogue, digest=found.digest, **scope)
    if request.GET.get("vorschlaege") == "stand":  # static/synthesis/board.js asks until they are computed
        return JsonResponse({"ready": not pending})
    # Both lists are paginated; suggestions still see every loose card.
    cluster_page = paginate(
        request,
        selectors.clusters_of(
            dialogue=dialogue, theme_id=theme.pk if theme else None, kind=kind or "", with_cards=False
        ),
        CLUSTERS_PER_PAGE,
        param="buendel",
    )
    cards_by_cluster = selectors.cluster_card_rows(cluster_ids=[cluster.pk for cluster in cluster_page.object_list])
    theme_names = {t.pk: t.name for t in themes}
    clusters = [
        (cluster, cards_by_cluster.get(cluster.pk, []), theme_names.get(cluster.theme_id))
        for cluster in cluster_page.object_list
    ]
    card_page = paginate(request, loose, CARDS_PER_PAGE, param="karten")
    more_suggestions = max(0, len(found.suggestions) - SUGGESTIONS_SHOWN)
    by_id = {row.pk: row for row in loose}
    suggestions = [
        {"suggestion": suggestion, "cards": [by_id[i] for i in suggestion.card_ids]}
        for suggestion in found.suggestions[:SUGGESTIONS_SHOWN]
    ]
    kinds = dict(Kind.choices)
    groups = defaultdict(list)
    for card in card_page.object_list:
        groups[(card.theme__name or "", str(kinds.get(card.kind, card.kind)))].append(card)
    may_bundle = request.user.has_perm(policy.BUNDLE, dialogue)
    shown = [*card_page.object_list, *(card for _c, rows, _t in clusters for card in rows)]
    shown += [card for item in suggestions for card in item["cards"]]
    return render(
        request,
        "synthesis/board.html",
        {
            "dialogue": dialogue,
            "lifecycle_step": "results",
            "filters": filters,
            "query_string": request.GET.urlencode(),
            "total": total,
            "unbundled_groups": sorted(groups.items()),
            "unbundled_count": len(loose),
            "card_page": card_page,
            "clusters": clusters,
            "cluster_page": cluster_page,
            # One list of every cluster for all the cards' "move to cluster" fields (not one select per card).
            "cluster_choices": selectors.cluster_choices_of(dialogue=dialogue) if may_bundle else [],
            "suggestions": suggestions,
            "suggestions_pending": pending,
            "more_suggestions": more_suggestions,
            "may_bundle": may_bundle,
            "new_form": new_form
            or ClusterForm(
                dialogue=dialogue,
                themes=themes,
                initial={"theme": theme, "kind": kind},
            ),
            "card_translations": selectors.german_translations(shown),
            "has_sessions": dialogue.sessions.exists,  # asked by the template only when the board is empty
        },
        # A bad filter value: the board still shows, unfiltered, with the error above the filters.
        status=400 if status == 200 and filters.errors else status,
    )


@login_required
@require_POST
def cluster_create(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.BUNDLE)
    form = ClusterForm(request.POST, dialogue=dialogue)
    if form.is_valid():
        try:
            services.cluster_create(actor=request.user, dialogue=dialogue, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The cluster was created."))
            return redirect(_board_url(dialogue, request))
    return _render_board(request, dialogue, new_form=form, status=422)


@login_required
@require_POST
def suggestion_accept(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.BUNDLE)
    form = SuggestionForm(request.POST, cards=selectors.cards_of(dialogue=dialogue))
    if form.is_valid():
        cards = list(form.cleaned_data["cards"])
        services.cluster_create(actor=request.user, dialogue=dialogue, title=form.cleaned_data["title"], cards=cards)
        messages.success(request, _("%(count)s cards were bundled.") % {"count": len(cards)})
        return redirect(_board_url(dialogue, request))
    messages.error(request, _("The suggestion could not be taken over: give it a title."))
    return _render_board(request, dialogue, status=422)


@login_required
@require_GET
def card_similar(request, dialogue_id: int, card_id: int):
    """ "Cards like this one", in every language, from the stored sentence vectors; the loose ones can be
    bundled together right here."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_RESULTS)
    card = selectors.get_card(dialogue=dialogue, card_id=card_id)
    similar = selectors.similar_cards_of(dialogue=dialogue, card=card)
    if similar is None:  # written a moment ago: the worker has not computed its vector yet
        suggestion_jobs.vectors_request(session_id=card.session_id, debounce=False)
    translations = selectors.german_translations([card, *(item.card for item in similar or [])])
    kinds = dict(Kind.choices)
    return render(
        request,
        "synthesis/similar_cards.html",
        {
            "dialogue": dialogue,
            "lifecycle_step": "results",
            "card": card,
            "card_translation": translations.get(card.pk),
            "card_loose": not card.cluster_placements.exists(),
            "similar": None
            if similar is None
            else [
                {
                    "card": item.card,
                    "kind": kinds.get(item.card.kind, item.card.kind),
                    "translation": translations.get(item.card.pk),
                }
                for item in similar
            ],
            "may_bundle": request.user.has_perm(policy.BUNDLE, dialogue),
        },
    )


@login_required
@require_POST
def card_move(request, dialogue_id: int, card_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.BUNDLE)
    card = selectors.get_card(dialogue=dialogue, card_id=card_id)
    target = request.POST.get("cluster", "").strip().lstrip("#")
    cluster = None
    if target:
        # Typed by hand into the card's field: a wrong number is a message on the board, not a 404.
        cluster = dialogue.clusters.filter(pk=int(target)).first() if target.isdigit() else None
        if cluster is None:
            messages.error(request, _("Choose a cluster."))
            return _render_board(request, dialogue, status=422)
    services.card_move(actor=request.user, card=card, cluster=cluster)
    if cluster is not None:
        messages.success(request, _("The card is now in “%(title)s”.") % {"title": cluster.title})
    else:
        messages.success(request, _("The card is no longer bundled."))
    return redirect(_board_url(dialogue, request) + f"#karte-{card.pk}")


@login_required
@require_POST
def cluster_rename(request, dialogue_id: int, cluster_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.BUNDLE)
    cluster = selectors.get_cluster(dialogue=dialogue, cluster_id=cluster_id)
    form = RenameForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give the cluster a title."))
        return _render_board(request, dialogue, status=422)
    services.cluster_rename(actor=request.user, cluster=cluster, title=form.cleaned_data["title"])
    messages.success(request, _("The cluster was renamed."))
    return redirect(_board_url(dialogue, request) + f"#buendel-{cluster.pk}")


@login_required
@require_POST
def cluster_dissolve(request, dialogue_id: int, cluster_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.BUNDLE)
    cluster = selectors.get_cluster(dialogue=dialogue, cluster_id=cluster_id)
    services.cluster_dissolve(actor=request.user, cluster=cluster)
    messages.success(
        request, _("The cluster “%(title)s” was dissolved; its cards are unbundled again.") % {"title": cluster.title}
    )
    return redirect(_board_url(dialogue, request))


# --- decisions ------------------------------------------------------------------------------------


def _subjects(dialogue) -> tuple[list, dict[str, str]]:
    """Choices for "what is decided" (clusters, unbundled ideas and open proposals of working groups), and the
    language of each single idea not written in German (its option is marked with it)."""
    # Only ids and titles or texts, and only what is still open: a dialogue has hundreds of clusters and
    # thousands of cards.
    clusters = [(f"c{pk}", title) for pk, title in selectors.undecided_cluster_choices_of(dialogue=dialogue)]
    idea_rows = selectors.undecided_loose_idea_texts_of(dialogue=dialogue)
    ideas = [(f"k{pk}", text[:100]) for pk, text, _language in idea_rows]
    languages = {f"k{pk}": language for pk, _text, language in idea_rows if language not in ("", "de")}
    proposals = [
        (f"p{p.pk}", f"{p.working_group.name}: {p.title}") for p in selectors.open_proposals_of(dialogue=dialogue)
    ]
    groups = []
    if clusters:
        groups.append((_("Clusters"), clusters))
    if proposals:
        groups.append((_("Proposals of working groups"), proposals))
    if ideas:
        groups.append((_("Single ideas"), ideas))
    return groups, languages


def _resolve_subject(dialogue, value: str) -> dict:
    kind, number = value[:1], value[1:]
    if not number.isdigit():
        raise ValidationError({"subject": _("Choose what is decided.")})
    if kind == "c":
        cluster = selectors.get_cluster(dialogue=dialogue, cluster_id=int(number))
        return {"cluster": cluster, "_title": cluster.title}
    if kind == "k":
        card = selectors.get_card(dialogue=dialogue, card_id=int(number))
        return {"contribution": card, "_title": card.text[:200]}
    if kind == "p":
        proposal = selectors.open_proposals_of(dialogue=dialogue).filter(pk=int(number)).first()
        if proposal is None:
            raise ValidationError({"subject": _("Choose what is decided.")})
        return {"proposal": proposal, "_title": proposal.title}
    raise ValidationError({"subject": _("Choose what is decided.")})


@login_required
@require_http_methods(["GET", "POST"])
def decisions(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_RESULTS)
    may_decide = request.user.has_perm(policy.DECIDE, dialogue)
    subjects, subject_languages = _subjects(dialogue)
    initial = {}
    if request.GET.get("cluster", "").isdigit():
        initial["subject"] = f"c{request.GET['cluster']}"
    if request.GET.get("proposal", "").isdigit():
        initial["subject"] = f"p{request.GET['proposal']}"
    form = DecisionForm(
        request.POST or None, dialogue=dialogue, subjects=subjects, subject_languages=subject_languages, initial=initial
    )
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                with_subject = _resolve_subject(dialogue, data["subject"])
                title = data["title"].strip() or with_subject.pop("_title")
                with_subject.pop("_title", None)
                decision = _decide(request, dialogue, data, title, with_subject)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The decision “%(title)s” was recorded.") % {"title": decision.title})
                return redirect(reverse("synthesis:decisions", args=[dialogue.pk]) + f"#entscheidung-{decision.pk}")
    page = paginate(request, selectors.decision_list_of(dialogue=dialogue), DECISIONS_PER_PAGE)
    return render(
        request,
        "synthesis/decisions.html",
        {
            "dialogue": dialogue,
            "lifecycle_step": "results",
            "decisions": page.object_list,
            "page": page,
            "form": form,
            "may_decide": may_decide,
            "has_subjects": bool(subjects),
        },
        status=422 if form.errors else 200,
    )


def _decide(request, dialogue, data, title, subject):
    from django.db import transaction

    with transaction.atomic():
        group = data.get("working_group")
        if data["outcome"] == Outcome.DELEGATED and group is None:
            group = services.working_group_create(
                actor=request.user,
                dialogue=dialogue,
                name=data["new_group_name"],
                mandate=data["new_group_mandate"],
                proposal_due_on=data["new_group_due"],
            )
        return services.decision_create(
            actor=request.user,
            dialogue=dialogue,
            outcome=data["outcome"],
            title=title,
            reason=data["reason"],
            working_group=group,
            body=data.get("body", ""),
            body_decided_on=data.get("body_decided_on"),
            **subject,
        )


@login_required
@require_http_methods(["GET", "POST"])
def decision_correct(request, dialogue_id: int, decision_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.DECIDE)
    decision = selectors.get_decision(dialogue=dialogue, decision_id=decision_id)
    form = DecisionCorrectionForm(request.POST or None, request.FILES or None, instance=decision)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        note = data.pop("note")
        try:
            correction = services.decision_correct(actor=request.user, decision=decision, note=note, **data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            if correction is None:
                messages.info(request, _("Nothing was changed."))
            else:
                messages.success(request, _("The decision was corrected; the history shows what and why."))
            return redirect(reverse("synthesis:decisions", args=[dialogue.pk]) + f"#entscheidung-{decision.pk}")
    decision.refresh_from_db()
    return render(
        request,
        "synthesis/decision_correct.html",
        {
            "dialogue": dialogue,
            "lifecycle_step": "results",
            "decision": decision,
            "form": form,
            "corrections": [
                (correction, readable_changes(correction.changes, Decision))
                for correction in selectors.corrections_of(decision=decision)
            ],
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_GET
def decision_document(request, dialogue_id: int, decision_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_RESULTS)
    return stored_file_response(selectors.get_decision(dialogue=dialogue, decision_id=decision_id).document)


# --- working groups -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def working_groups(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_RESULTS)
    may_decide = request.user.has_perm(policy.DECIDE, dialogue)
    form = WorkingGroupForm(request.POST or None, dialogue=dialogue)
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied
        if form.is_valid():
            try:
                group = services.working_group_create(actor=request.user, dialogue=dialogue, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The working group was set up."))
                return redirect("synthesis:working_group", dialogue_id=dialogue.pk, group_id=group.pk)
    return render(
        request,
        "synthesis/working_groups.html",
        {
            "dialogue": dialogue,
            "lifecycle_step": "results",
            "groups": selectors.working_groups_of(dialogue=dialogue),
            "form": form,
            "may_decide": may_decide,
            "today": timezone.localdate(),
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def working_group(request, dialogue_id: int, group_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_RESULTS)
    group = selectors.get_working_group(dialogue=dialogue, group_id=group_id)
    may_decide = request.user.has_perm(policy.DECIDE, dialogue)
    form = ReportForm(request.POST or None, initial={"reported_on": timezone.localdate(), "report": group.report})
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            proposals = [(line, "") for line in data["proposals"].splitlines() if line.strip()]
            try:
                services.working_group_report(
                    actor=request.user,
                    working_group=group,
                    report=data["report"],
                    reported_on=data["reported_on"],
                    proposals=proposals,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The report was saved; its proposals now wait for a decision."))
                return redirect("synthesis:working_group", dialogue_id=dialogue.pk, group_id=group.pk)
    return group_page(request, dialogue, group, form=form, may_decide=may_decide)


def group_page(request, dialogue, group, *, form, may_decide: bool, link_form=None):
    """The working group's page; a form with errors (the report's, a new link's) answers 422 with them."""
    return render(
        request,
        "synthesis/working_group.html",
        {
            "dialogue": dialogue,
            "lifecycle_step": "results",
            "group": group,
            "decisions": group.decisions.all(),
            "proposals": group.proposals.prefetch_related("decisions"),
            "form": form,
            "may_decide": may_decide,
            "meetings": group.meetings.select_related("recorded_by"),
            "meeting_form": MeetingForm(prefix="meeting", initial={"held_on": timezone.localdate()}),
            "convenor_links": list(group.convenor_links.all()) if may_decide else [],
            "link_form": link_form or PersonalLinkForm(prefix="link", initial={"name": group.convenor_name}),
            "today": timezone.localdate(),
            "history": [
                (entry, readable_changes(entry.changes, WorkingGroup))
                for entry in audit.entries_about(group, municipality=dialogue.municipality).order_by(
                    "-created_at", "-id"
                )[:50]
            ],
        },
        status=422 if form.errors or (link_form is not None and link_form.errors) else 200,
    )

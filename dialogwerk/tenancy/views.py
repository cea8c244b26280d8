"""Municipality members and the audit log. Thin: load through selectors, change through services."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dialogwerk.core.forms import add_validation_errors
from dialogwerk.core.pagination import paginate
from dialogwerk.core.ratelimit import LoginThrottleMixin

from . import notifications, policy, selectors, services
from .forms import LoginForm, MemberAddForm, MemberRoleForm


class LoginView(LoginThrottleMixin, auth_views.LoginView):
    template_name = "tenancy/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def _municipality_with_perm(request, municipality_id: int, perm: str):
    municipality = selectors.get_municipality_for_user(user=request.user, municipality_id=municipality_id)
    if not request.user.has_perm(perm, municipality):
        raise PermissionDenied
    return municipality


@login_required
@require_http_methods(["GET", "POST"])
def members(request, municipality_id: int):
    municipality = _municipality_with_perm(request, municipality_id, policy.MANAGE_MEMBERS)
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership, created = services.membership_add(actor=request.user, municipality=municipality, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            if created:
                notifications.send_welcome(request=request, user=membership.user)
                messages.success(request, _("%(email)s was added and has been sent a link to set a password.") % {"email": membership.user.email})
            else:
                messages.success(request, _("%(email)s was added.") % {"email": membership.user.email})
            return redirect("tenancy:members", municipality_id=municipality.pk)
    return render(
        request,
        "tenancy/members.html",
        {
            "municipality": municipality,
            "memberships": selectors.members_of(municipality=municipality),
            "form": form,
            "role_form": MemberRoleForm(),
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def member_role(request, municipality_id: int, membership_id: int):
    municipality = _municipality_with_perm(request, municipality_id, policy.MANAGE_MEMBERS)
    membership = selectors.get_membership(municipality=municipality, membership_id=membership_id)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the offered roles."))
        return redirect("tenancy:members", municipality_id=municipality.pk)
    try:
        services.membership_change_role(actor=request.user, membership=membership, role=form.cleaned_data["role"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The role was changed."))
    return redirect("tenancy:members", municipality_id=municipality.pk)


@login_required
@require_POST
def member_remove(request, municipality_id: int, membership_id: int):
    municipality = _municipality_with_perm(request, municipality_id, policy.MANAGE_MEMBERS)
    membership = selectors.get_membership(municipality=municipality, membership_id=membership_id)
    try:
        services.membership_remove(actor=request.user, membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The member was removed."))
    return redirect("tenancy:members", municipality_id=municipality.pk)


@login_required
def audit_log(request, municipality_id: int):
    municipality = _municipality_with_perm(request, municipality_id, policy.VIEW_AUDIT_LOG)
    page = paginate(request, selectors.audit_log_of(municipality=municipality))
    return render(request, "tenancy/audit_log.html", {"municipality": municipality, "page": page})

"""Municipality members and the audit log. Thin: load through selectors, change through services."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dialogwerk.core import ratelimit
from dialogwerk.core.forms import add_validation_errors
from dialogwerk.core.pagination import paginate
from dialogwerk.core.ratelimit import LoginThrottleMixin, PasswordResetThrottleMixin

from . import notifications, policy, selectors, services, twofactor
from .access import municipality_for
from .forms import LoginForm, MemberAddForm, MemberRoleForm, OneTimeCodeForm
from .readable import model_named, readable_changes


class PasswordResetView(PasswordResetThrottleMixin, auth_views.PasswordResetView):
    template_name = "tenancy/password_reset_form.html"
    email_template_name = "tenancy/password_reset_email.txt"
    subject_template_name = "tenancy/password_reset_subject.txt"


class LoginView(LoginThrottleMixin, auth_views.LoginView):
    template_name = "tenancy/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not twofactor.is_enabled(user):
            response = super().form_valid(form)
            if twofactor.required_for(user):
                self.request.session[twofactor.SETUP_REQUIRED_SESSION_KEY] = True
                messages.info(self.request, _("Your municipality requires two-factor login. Please switch it on now."))
                return redirect("tenancy:two_factor_setup")
            return response
        # The password was right; the session is not logged in until the second factor is given too.
        # The account's failure count is kept until then, so codes and passwords share one limit.
        twofactor.pending_start(self.request.session, user=user, backend=user.backend, next_url=self.get_success_url())
        return redirect("tenancy:login_code")


def _code_limit_keys(request, user) -> tuple[list[str], list[str]]:
    return [f"account:{user.email.strip().lower()}"], [f"ip:{ratelimit.client_ip(request)}"]


@require_http_methods(["GET", "POST"])
def login_code(request):
    """The second step of the login for people with two-factor login: a code from the app or a backup code."""
    pending = twofactor.pending_get(request.session)
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first() if pending else None
    if user is None:
        twofactor.pending_clear(request.session)
        messages.error(request, _("Please log in again with your e-mail address and password."))
        return redirect("login")
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST":
        accounts, ips = _code_limit_keys(request, user)
        try:
            ratelimit.check("login.account", *accounts)
            ratelimit.check("login.ip", *ips)
        except ratelimit.RateLimited as error:
            form = OneTimeCodeForm()
            form._errors, form.cleaned_data = ErrorDict(), {}  # not validated: only the limit's message
            form.add_error(None, error.message)
            response = render(request, "tenancy/login_code.html", {"form": form}, status=429)
            response["Retry-After"] = str(error.retry_after)
            return response
        device = twofactor.verify(user=user, code=form.cleaned_data["code"]) if form.is_valid() else None
        if device is not None:
            twofactor.pending_clear(request.session)
            ratelimit.reset("login.account", *accounts)
            auth_login(request, user, backend=pending["backend"])
            return redirect(pending["next"])
        if form.is_valid():
            try:
                ratelimit.hit("login.account", *accounts)
                ratelimit.hit("login.ip", *ips)
            except ratelimit.RateLimited:
                pass  # this attempt gets the ordinary answer; the next one is refused
            form.add_error(
                "code", _("This code is not right. Enter the six digits your app shows now, or an unused backup code.")
            )
    return render(request, "tenancy/login_code.html", {"form": form})


@login_required
def account(request):
    """The person's own account: two-factor login, API tokens, and the download of their data."""
    return render(
        request,
        "tenancy/account.html",
        {
            "two_factor": twofactor.is_enabled(request.user),
            "backup_codes_left": twofactor.backup_codes_left(request.user),
            "required": twofactor.required_for(request.user),
            "disable_form": OneTimeCodeForm(auto_id="disable_%s"),
            "codes_form": OneTimeCodeForm(auto_id="codes_%s"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    if twofactor.is_enabled(request.user):
        messages.info(request, _("Two-factor login is already on."))
        return redirect("tenancy:account")
    device = twofactor.setup_device(request.user)
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.enable(user=request.user, code=form.cleaned_data["code"])
        if codes is not None:
            request.session.pop(twofactor.SETUP_REQUIRED_SESSION_KEY, None)
            messages.success(
                request, _("Two-factor login is on. From now on the login asks for a code after the password.")
            )
            return render(request, "tenancy/backup_codes.html", {"codes": codes})
        form.add_error("code", _("This code is not right. Enter the six digits your app shows now."))
    return render(
        request,
        "tenancy/two_factor_setup.html",
        {"form": form, "qr": twofactor.qr_data_uri(device), "key": twofactor.manual_key(device)},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def two_factor_disable(request):
    form = OneTimeCodeForm(request.POST, auto_id="disable_%s")
    if twofactor.required_for(request.user):
        messages.error(request, _("Your municipality requires two-factor login, so it cannot be switched off."))
    elif form.is_valid() and twofactor.disable(user=request.user, code=form.cleaned_data["code"]):
        messages.success(request, _("Two-factor login is off."))
    else:
        messages.error(request, _("Two-factor login is still on: the code was not right."))
    return redirect("tenancy:account")


@login_required
@require_POST
def two_factor_backup_codes(request):
    form = OneTimeCodeForm(request.POST, auto_id="codes_%s")
    codes = (
        twofactor.regenerate_backup_codes(user=request.user, code=form.cleaned_data["code"])
        if form.is_valid()
        else None
    )
    if codes is None:
        messages.error(request, _("No new backup codes: the code was not right."))
        return redirect("tenancy:account")
    messages.success(request, _("New backup codes were made; the old ones no longer work."))
    return render(request, "tenancy/backup_codes.html", {"codes": codes})


@login_required
@require_http_methods(["GET", "POST"])
def members(request, municipality_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.MANAGE_MEMBERS)
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership, created = services.membership_add(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            if created:
                notifications.send_welcome(request=request, user=membership.user)
                messages.success(
                    request,
                    _("%(email)s was added and has been sent a link to set a password.")
                    % {"email": membership.user.email},
                )
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
            "with_two_factor": twofactor.users_with_two_factor(m.user_id for m in municipality.memberships.all()),
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def member_role(request, municipality_id: int, membership_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.MANAGE_MEMBERS)
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
    municipality = municipality_for(request.user, municipality_id, perm=policy.MANAGE_MEMBERS)
    membership = selectors.get_membership(municipality=municipality, membership_id=membership_id)
    try:
        services.membership_remove(actor=request.user, membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The member was removed."))
    return redirect("tenancy:members", municipality_id=municipality.pk)


@login_required
@require_POST
def two_factor_policy(request, municipality_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.MANAGE_MEMBERS)
    required = request.POST.get("require_two_factor") == "on"
    services.municipality_require_two_factor(actor=request.user, municipality=municipality, required=required)
    if required:
        messages.success(
            request, _("Members without two-factor login will be asked to switch it on at their next login.")
        )
    else:
        messages.success(request, _("Two-factor login is optional again."))
    return redirect("tenancy:members", municipality_id=municipality.pk)


@login_required
def audit_log(request, municipality_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.VIEW_AUDIT_LOG)
    page = paginate(request, selectors.audit_log_of(municipality=municipality))
    for entry in page.object_list:
        entry.readable_changes = readable_changes(entry.changes, model_named(entry.target_type))
    return render(request, "tenancy/audit_log.html", {"municipality": municipality, "page": page})

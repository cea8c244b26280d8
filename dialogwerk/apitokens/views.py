"""The personal access tokens page: create (the secret is shown once), list, revoke. Only one's own tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from dialogwerk.core.forms import add_validation_errors

from . import policy, selectors, services
from .forms import TokenForm


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    may_create = request.user.has_perm(policy.CREATE_TOKEN)
    form = TokenForm(request.POST or None)
    secret = None
    status = 200
    if request.method == "POST":
        if not may_create:
            raise PermissionDenied
        if form.is_valid():
            try:
                token, secret = services.token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    scope=form.cleaned_data["scope"],
                    expires_at=form.expires_at(),
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                # Rendered, not redirected: the secret must not travel through the session or a URL.
                messages.success(request, _("The token “%(name)s” was created.") % {"name": token.name})
                form = TokenForm()
        if form.errors:
            status = 422
    return render(
        request,
        "apitokens/token_list.html",
        {
            "tokens": selectors.tokens_for_user(user=request.user),
            "form": form,
            "secret": secret,
            "may_create": may_create,
        },
        status=status,
    )


@login_required
@require_POST
def token_revoke(request, token_id: int):
    token = selectors.get_token_for_user(user=request.user, token_id=token_id)
    services.token_revoke(user=request.user, token=token)
    messages.success(
        request,
        _("The token “%(name)s” was revoked. Programs using it can no longer call the API.") % {"name": token.name},
    )
    return redirect("apitokens:list")

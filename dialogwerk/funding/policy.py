"""Who may see and change funding: members see the application and the reports; consultants and
municipality admins change them and see the bank details; funding-body members see their overview and review the applications submitted to them;
platform operators (superusers, no municipality's role) create funding bodies and invite their staff."""

import rules

from dialogwerk.tenancy.policy import dialogue_member, dialogue_planner

VIEW_FUNDING = "funding.view_funding"
CHANGE_FUNDING = "funding.change_funding"
VIEW_BANK_DETAILS = "funding.view_bank_details"
VIEW_FUNDING_BODY = "funding.view_funding_body"  # object: the funding body
REVIEW_APPLICATIONS = "funding.review_applications"  # object: the funding body
CHANGE_PROGRAMME = "funding.change_programme"  # object: the programme
MANAGE_FUNDING_BODIES = "funding.manage_funding_bodies"  # platform operators (superusers) only


@rules.predicate
def funding_body_member(user, funding_body) -> bool:
    if funding_body is None or not user.is_authenticated:
        return False
    return funding_body.memberships.filter(user=user).exists()


@rules.predicate
def programme_owner(user, programme) -> bool:
    return (
        programme is not None
        and programme.funding_body_id is not None
        and funding_body_member(user, programme.funding_body)
    )


rules.add_perm(VIEW_FUNDING, dialogue_member)
rules.add_perm(CHANGE_FUNDING, dialogue_planner)
rules.add_perm(VIEW_BANK_DETAILS, dialogue_planner)
rules.add_perm(VIEW_FUNDING_BODY, funding_body_member)
rules.add_perm(REVIEW_APPLICATIONS, funding_body_member)
rules.add_perm(CHANGE_PROGRAMME, programme_owner)
rules.add_perm(MANAGE_FUNDING_BODIES, rules.is_superuser)

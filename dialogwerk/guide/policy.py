"""Who may manage the municipality's sign-language video: its administrators."""

import rules

from dialogwerk.tenancy.policy import is_admin

MANAGE_SIGN_LANGUAGE_VIDEO = "guide.manage_sign_language_video"  # object: the municipality

rules.add_perm(MANAGE_SIGN_LANGUAGE_VIDEO, is_admin)

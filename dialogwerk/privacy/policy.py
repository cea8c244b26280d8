"""Who may handle personal data: the municipality's administrators (they act for the data controller).
The privacy notice is public."""

import rules

from dialogwerk.tenancy.policy import is_admin

MANAGE_PERSONAL_DATA = "privacy.manage_personal_data"  # object: a Municipality; find, export, erase
CHANGE_PRIVACY_SETTINGS = "privacy.change_privacy_settings"  # object: a Municipality
VIEW_PROCESSING_RECORD = "privacy.view_processing_record"  # object: a Municipality

rules.add_perm(MANAGE_PERSONAL_DATA, is_admin)
rules.add_perm(CHANGE_PRIVACY_SETTINGS, is_admin)
rules.add_perm(VIEW_PROCESSING_RECORD, is_admin)

"""Settings for the scale-out test's task workers: the project's settings plus a mail folder.

`dialogwerk/settings.py` reads EMAIL_BACKEND from the environment but not EMAIL_FILE_PATH, which Django's
file-based backend needs; the workers are separate processes, so this is how the test counts their mails.
"""

import os

from dialogwerk.settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["SCALEOUT_MAIL_DIR"]

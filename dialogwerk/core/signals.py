"""What an app tells the apps above it (docs/architecture.md, "Direction"): a signal defined here is sent by an
app below and received by one above, which the sender does not import. Receivers run at once, inside the
sender's transaction."""

from django.dispatch import Signal

# People agreed to a notice. sender: their model (preparation's Actor, live's Participant); `records`: the rows
# (saved); `by`: the staff user who noted the consent (None: the person agreed themself); `notice_version`;
# `notice_text`: the words the person was shown (None: the municipality's privacy notice as it stands).
# The privacy app keeps a consent record of each.
consent_given = Signal()

# An actor's consent was taken back. sender: the model; `record`: the row. The privacy app marks its consent
# records withdrawn.
consent_withdrawn = Signal()

"""One dialogue across languages: the dialogue's own texts in each of its languages (Übersetzungen), and the
machine translation service that cards and texts may be sent to when one is configured."""

"""Cards across languages: machine translation of participants' cards through a configured service."""

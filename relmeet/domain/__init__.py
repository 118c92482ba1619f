"""The domain: the organizers' vocabulary, the book's tables, the read models the store hands out,
dates as organizers type them, and the errors a user reads. It imports nothing else of relmeet.

`from relmeet.domain import Stance, today` gives the vocabulary and the clock, which nearly every
layer uses; the rest is imported from its own module (relmeet.domain.tables needs SQLModel, which
the shell lookups never load).
"""
from relmeet.domain.clock import from_iso, local, now_iso, to_iso, today, utcnow
from relmeet.domain.vocabulary import *  # noqa: F403 - the vocabulary is the package's face
from relmeet.domain.vocabulary import __all__ as _vocabulary

__all__ = ["from_iso", "local", "now_iso", "to_iso", "today", "utcnow", *_vocabulary]

"""Errors that reach the user as one clear line, never as a traceback."""


class RelmeetError(Exception):
    """Something the user can act on; str(error) is the whole message."""


class BookError(RelmeetError):
    """The book can't be opened or used: wrong file, damaged, newer, unwritable."""


class ValidationError(RelmeetError):
    """Input that the book would not accept, with the field it belongs to."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


class ConflictError(RelmeetError):
    """Another copy of relmeet changed the same thing since we read it."""

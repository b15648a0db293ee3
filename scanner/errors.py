"""The scanner's exception classes."""


class ImageError(ValueError):
    """The input is not a usable image: unknown format, corrupt, truncated or too large."""

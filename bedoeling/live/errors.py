class LiveError(Exception):
    """A refusal to show to the person, in their language. Nothing was changed."""

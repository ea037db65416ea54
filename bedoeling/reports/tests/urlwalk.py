"""What the URL walk needs from this app: every report belongs to one organisation, so
none is public; the session argument comes from live's walk registration."""

PUBLIC: set = set()
ARGUMENTS: dict = {}

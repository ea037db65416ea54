"""Demo data for this app; see bedoeling/orgs/management/commands/demo.py."""


def load(ctx: dict) -> None:
    pass

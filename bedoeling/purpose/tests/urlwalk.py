from bedoeling.purpose.services import purpose_version_create

PUBLIC: set = set()


def _version(org, cast):
    version = purpose_version_create(org, cast.facilitator, statement="Er zijn voor elk kind.",
                                     reason="Eerste versie")
    return version.number


ARGUMENTS = {"number": _version}
